"""`briefgen schema` as an editor uses it: a valid JSON Schema (draft 2020-12) that the YAML language server
checks a briefing against as the author types. Judged by jsonschema, the reference implementation, on YAML read
as such an editor reads it (YAML 1.2: dates stay text, `yes` is not true)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import FIXTURES, ROOT, run_cli

SHIPPED = sorted((ROOT / "content").glob("*.yaml"))


class _EditorLoader(yaml.SafeLoader):
    """YAML as the YAML language server reads it (YAML 1.2's core schema): no timestamps, and only true and
    false are booleans."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in ("tag:yaml.org,2002:timestamp",
                                                                         "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_EditorLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def as_an_editor_reads(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    result = run_cli("schema")
    assert result.code == 0, result.stderr
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("briefing", [*SHIPPED, FIXTURES / "every_option.yaml", FIXTURES / "every_text_field.yaml"],
                         ids=lambda path: path.name)
def test_every_shipped_briefing_and_every_documented_option_is_valid(validator: Draft202012Validator,
                                                                     briefing: Path) -> None:
    errors = [f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
              for error in validator.iter_errors(as_an_editor_reads(briefing))]
    assert errors == []


def test_a_misspelt_key_is_flagged_where_it_is_written(validator: Draft202012Validator, tmp_path: Path) -> None:
    source = tmp_path / "typo.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("    intro:", "    intor:"),
                      encoding="utf-8")
    errors = list(validator.iter_errors(as_an_editor_reads(source)))
    assert errors
    assert any(list(error.absolute_path)[:2] == ["sections", 0] and "intor" in error.message
               for error in [*errors, *(context for error in errors for context in error.context)])
    assert run_cli("validate", source).code == 1  # as briefgen itself says


def test_each_field_carries_its_documentation_and_shorthands_are_allowed(validator: Draft202012Validator) -> None:
    schema = validator.schema
    assert schema["properties"]["title"]["description"].startswith("Title of the briefing")
    assert "per-audience rewordings" in schema["$defs"]["Wording"]["description"]
    table = {"caption": "C", "header": ["A"], "rows": {"from": "rows.csv", "columns": ["a"]},
             "chart": {"x": "A", "y": "A"}}
    wording = {"title": "A", "authors": [{"name": "B"}], "key_messages": ["One", {"text": "Two", "for": {"gp": "2"}}],
               "sections": [{"id": "s", "title": "S", "items": ["a"], "table": table}],
               "audiences": {"link_worker": False}, "version": 2}
    assert [error.message for error in validator.iter_errors(wording)] == []
    assert list(validator.iter_errors({**wording, "audiences": {"link_worker": "no"}}))
