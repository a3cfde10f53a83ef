"""Citations are checked in every field that holds text, wherever it is written: the schema's walk
(content.schema) finds each such field, and a bad key planted in any is reported at that field."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content import schema
from briefgen.content.fields import Role
from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.errors import ContentError, FieldPath, format_path
from tests.text_fields import EVERY_TEXT_FIELD, UNKNOWN, declared, one_of_each, planted, written


def test_the_fixture_writes_every_field_the_schema_declares_as_text() -> None:
    missing = sorted(declared() - set(one_of_each()))
    assert missing == [], f"add these fields to {EVERY_TEXT_FIELD.name}: {missing}"
    assert sorted(set(one_of_each()) - declared()) == [], "the walk finds text where no field declares any"


def test_the_fixture_is_a_briefing_without_problems() -> None:
    assert validate(load(EVERY_TEXT_FIELD)).warnings == ()


def test_the_walk_finds_text_and_cite_keys_where_the_schema_types_them() -> None:
    data = {
        "title": "T", "unknown": "not a field", "audiences": {"gp": {"framing": "F", "actions": ["A"]}},
        "key_messages": ["K", {"id": "k", "text": "L", "for": {"gp": "G"}, "cite": ["w"],
                               "table": {"caption": "C", "header": ["H"], "rows": [["c"], {"cells": ["d"]}]}}],
        "sections": [{"id": "s", "kind": "text", "title": "S", "body": "B"},
                     {"id": "x", "kind": "chart", "title": "X"}],
        "references": "works.bib",
    }
    assert list(schema.texts(data)) == [
        (("title",), "T", Role.TEXT),
        (("audiences", "gp", "framing"), "F", Role.TEXT),
        (("audiences", "gp", "actions", 0), "A", Role.TEXT),
        (("key_messages", 0), "K", Role.TEXT),
        (("key_messages", 1, "text"), "L", Role.TEXT),
        (("key_messages", 1, "for", "gp"), "G", Role.TEXT),
        (("key_messages", 1, "cite", 0), "w", Role.CITE_KEY),
        (("key_messages", 1, "table", "caption"), "C", Role.TEXT),
        (("key_messages", 1, "table", "header", 0), "H", Role.TEXT),
        (("key_messages", 1, "table", "rows", 0, 0), "c", Role.TEXT),
        (("key_messages", 1, "table", "rows", 1, "cells", 0), "d", Role.TEXT),
        (("sections", 0, "title"), "S", Role.TEXT),
        (("sections", 0, "body"), "B", Role.TEXT),
    ]


@pytest.mark.parametrize("path", list(written()), ids=format_path)
def test_a_bad_citation_is_reported_at_the_field_it_is_written_in(tmp_path: Path, path: FieldPath) -> None:
    source, line, column = planted(tmp_path, path)
    with pytest.raises(ContentError) as caught:
        validate(load(source))
    found = [(problem.location.line, problem.location.column, problem.location.field)
             for problem in caught.value.problems if problem.message == UNKNOWN and problem.location]
    assert found == [(line, column, path)]


def briefing(tmp_path: Path, audiences: str) -> Path:
    source = tmp_path / "case.yaml"
    source.write_text("title: T\nauthors: [{name: A}]\nkey_messages: [K]\nsections: [{id: s, title: S, items: [x]}]\n"
                      f"audiences:\n  gp:\n{audiences}"
                      "references: [{id: r1, authors: [Gibson K], year: 2021, title: W, journal: J}]\n")
    return source


def test_a_malformed_citation_in_a_framing_is_reported_there(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        validate(load(briefing(tmp_path, "    framing: For GPs [@r1; nope].\n")))
    [problem] = caught.value.problems
    assert problem.show().splitlines()[0].removeprefix(f"{tmp_path / 'case.yaml'}:") == (
        "7:22: audiences.gp.framing: [BG004] '[@r1; nope]' is not a citation: write [@id], [@id, p. 12] or "
        "[@id; @other-id], with the `id` of a reference")


def test_a_work_cited_only_in_a_framing_is_cited(tmp_path: Path) -> None:
    assert validate(load(briefing(tmp_path, "    framing: For GPs [@r1].\n"))).warnings == ()
