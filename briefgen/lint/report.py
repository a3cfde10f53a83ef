"""Findings → what a machine reads: JSON for editors and scripts, and GitHub Actions' workflow commands, which
put each finding beside its line in a pull request. (People read them as `errors.shown` writes them.)"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from briefgen.errors import Problem, Severity, format_path
from briefgen.rules import RULES


def as_json(findings: Sequence[Problem], strict: bool) -> str:
    """A JSON array, one object a finding: where (file, line, column, field), its code, severity (`error`
    under --strict), message and the docs anchor of its rule."""
    return json.dumps([_record(finding, strict) for finding in findings], indent=2, ensure_ascii=False)


def as_github(findings: Sequence[Problem], strict: bool) -> str:
    """One `::warning file=…,line=…,col=…,title=…::message` line a finding (`::error` under --strict)."""
    lines = []
    for finding in findings:
        record = _record(finding, strict)
        where = {"file": record["file"], "line": record["line"], "col": record["column"],
                 "title": " ".join(part for part in (record["code"], record["rule"]) if part) or None}
        properties = ",".join(f"{key}={_escaped(str(value), True)}" for key, value in where.items()
                              if value is not None)
        message = f"{record['field']}: {record['message']}" if record["field"] else record["message"]
        lines.append(f"::{record['severity']} {properties}::{_escaped(message, False)}")
    return "\n".join(lines)


def _record(finding: Problem, strict: bool) -> dict[str, Any]:
    location, rule = finding.location, RULES.get(finding.code or "")
    severity = Severity.ERROR if strict and finding.severity is Severity.WARNING else finding.severity
    return {"file": str(location.file) if location else finding.output, "line": location and location.line,
            "column": location and location.column, "field": format_path(location.field) if location else "",
            "code": finding.code, "rule": rule and rule.name, "severity": str(severity),
            "message": finding.message, "docs": rule and rule.anchor}


def _escaped(text: str, property_value: bool) -> str:
    """`text` as a workflow command carries it: `%`, line breaks and, in a property, `:` and `,` escaped."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text
