"""Tailoring: each variant reads what is meant for it, reworded for it, and nothing limited to others."""

from __future__ import annotations

import pytest

from briefgen.content.citations import appended
from briefgen.content.model import Briefing, Point
from briefgen.content.validate import iter_items
from briefgen.views.tailor import tailor
from briefgen.views.tailored_briefing import Statement, TailoredTensions, TailoredText
from briefgen.views.variant import variants_of
from tests.briefings import briefing, generated, library


def texts(statements: tuple[Statement, ...]) -> tuple[str, ...]:
    return tuple(statement.text for statement in statements)


def test_builtin_audiences_come_first_then_the_files_own_with_defaults_filled_in() -> None:
    source = briefing(audiences={"gp": {"framing": "For GPs."}, "housing": {"label": "Housing officers"}})
    variants = variants_of(source)
    assert [variant.name for variant in variants] == ["commissioner", "gp", "link_worker", "housing"]
    housing = variants[-1]
    assert (housing.label, housing.audience.heading) == ("Housing officers", "What this means for housing officers")
    assert housing.folder == "housing"
    assert variants[1].audience.framing == "For GPs."


def test_limited_items_and_sections_are_dropped_and_rewordings_applied() -> None:
    source = briefing(key_messages=["Shared", {"text": "Only GPs", "audiences": ["gp"]},
                                    {"text": "Base", "for": {"commissioner": "Costed"}}],
                      sections=[{"id": "a", "title": "A", "items": ["x"]},
                                {"id": "b", "title": "B", "items": ["y"], "audiences": ["link_worker"]}])
    commissioner = tailor(source, library(source), "slug", variants_of(source)[0])
    assert texts(commissioner.key_messages) == ("Shared", "Costed")
    assert [section.id for section in commissioner.sections] == ["a"]
    gp = tailor(source, library(source), "slug", variants_of(source)[1])
    assert texts(gp.key_messages) == ("Shared", "Only GPs", "Base")
    assert [message.source for message in gp.key_messages] == [("key_messages", 0), ("key_messages", 1),
                                                                ("key_messages", 2)]
    link_worker = tailor(source, library(source), "slug", variants_of(source)[2])
    assert [section.id for section in link_worker.sections] == ["a", "b"]
    assert link_worker.sections[1].source == ("sections", 1)


def test_sections_keep_their_kind_and_its_fields() -> None:
    source = briefing(sections=[
        {"id": "t", "kind": "tensions", "title": "T", "contrast": {
            "left": {"label": "L", "items": ["l1", {"text": "l2", "audiences": ["gp"]}]},
            "right": {"label": "R", "caption": "pushed by", "items": ["r1"]}}},
        {"id": "x", "kind": "text", "title": "X", "body": "Para one.\n\nPara two."}])
    tensions, text = tailor(source, library(source), "slug", variants_of(source)[0]).sections
    assert isinstance(tensions, TailoredTensions) and tensions.kind == "tensions"
    assert [texts(pole.items) for pole in tensions.contrast] == [("l1",), ("r1",)]
    assert tensions.contrast[1].items[0].source == ("sections", 0, "contrast", "right", "items", 0)
    assert tensions.contrast[1].caption == "pushed by"
    assert isinstance(text, TailoredText) and text.body == "Para one.\n\nPara two."


def read(item: Point, audience: str) -> str:
    """What `audience` reads of an item, by the documented rules: its rewording or text, its addition, then
    the works of its `cite:` that its text does not cite already, before its full stop."""
    text = item.reworded.get(audience, item.text)
    text = f"{text} {item.added[audience]}" if audience in item.added else text
    return appended(text, item.cite)


@pytest.mark.parametrize("seed", range(20))
def test_every_variant_of_a_generated_briefing_reads_exactly_its_own_text(seed: int) -> None:
    source = Briefing.model_validate(generated(seed))
    for variant in variants_of(source):
        tailored = tailor(source, library(source), "slug", variant)
        statements = [*tailored.key_messages, *(item for section in tailored.sections for item in section.items),
                      *(item for section in tailored.sections if isinstance(section, TailoredTensions)
                        for pole in section.contrast for item in pole.items)]
        shown = {statement.text for statement in statements}
        items = dict(iter_items(source))
        assert all(statement.text == read(items[statement.source], variant.name) for statement in statements)
        assert all([point.text for point in statement.points] == [
            read(point, variant.name) for point in items[statement.source].points  # type: ignore[attr-defined]
            if point.audiences is None or variant.name in point.audiences] for statement in statements)
        visible_sections = {("sections", index) for index, section in enumerate(source.sections)
                            if section.audiences is None or variant.name in section.audiences}
        for path, item in iter_items(source):
            if path[0] not in ("key_messages", "sections") or (path[0] == "sections" and path[:2] not in
                                                                visible_sections) or "points" in path:
                continue
            meant = item.audiences is None or variant.name in item.audiences
            own = read(item, variant.name)
            assert (own in shown) == meant, (path, variant.name)
            for other, reworded in item.reworded.items():
                if other != variant.name and reworded != own:
                    assert reworded not in shown, (path, variant.name, other)


def test_a_table_whose_rows_are_all_for_other_audiences_is_left_out() -> None:
    table = {"caption": "C", "header": ["Place", "Rate"],
             "rows": [{"cells": ["A", "1"], "audiences": ["commissioner"]}, {"cells": ["B", "2"], "audiences": ["gp"]}]}
    source = briefing(sections=[{"id": "s", "title": "S", "items": ["a"], "table": table}])
    by_audience = {variant.audience.key: tailor(source, library(source), "slug", variant).sections[0].table
                   for variant in variants_of(source)}
    assert by_audience["link_worker"] is None
    assert by_audience["gp"] is not None and by_audience["gp"].rows == (("B", "2"),)


def test_a_section_whose_statements_are_all_for_other_audiences_is_left_out_and_not_linked_to() -> None:
    source = briefing(sections=[
        {"id": "gp-only", "title": "For practices", "items": [{"text": "x", "audiences": ["gp"]}]},
        {"id": "all", "title": "For everyone", "items": [{"text": "See the practices' part.", "see": ["gp-only"]}]}])
    by_audience = {variant.audience.key: tailor(source, library(source), "slug", variant)
                   for variant in variants_of(source)}
    assert [section.id for section in by_audience["gp"].sections] == ["gp-only", "all"]
    commissioners = by_audience["commissioner"]
    assert [section.id for section in commissioners.sections] == ["all"]
    see = commissioners.sections[0].items[0].see[0]
    assert see.elsewhere == ("GPs and primary care teams",)  # the edition that has it named, not linked to
