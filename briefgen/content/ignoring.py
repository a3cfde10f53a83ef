"""Findings an author has weighed and set aside, by the code of the rule that made them (briefgen.rules): for the
whole briefing (`lint: {ignore: [BG201]}`), or where one is written, by a comment on its line or the line above
(`# briefgen: ignore BG201, BG202`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.content.loader import LoadedDocument
from briefgen.errors import Problem

_COMMENT = re.compile(r"#\s*briefgen:\s*ignore\s+(?P<codes>BG\d{3}(?:\s*,\s*BG\d{3})*)")


def kept(problems: Iterable[Problem], document: LoadedDocument, ignored: Sequence[str]) -> list[Problem]:
    """`problems` but the findings of rules `ignored` in the briefing or beside where they are found."""
    return [problem for problem in problems
            if problem.code is None or (problem.code not in ignored and problem.code not in _here(problem, document))]


def _here(problem: Problem, document: LoadedDocument) -> set[str]:
    """The codes a comment on the finding's line, or on the line above it, ignores."""
    if problem.location is None or problem.location.file != document.path:
        return set()
    line = problem.location.line
    written = document.lines[max(line - 2, 0):line]
    return {code.strip() for text in written if (comment := _COMMENT.search(text))
            for code in comment["codes"].split(",")}
