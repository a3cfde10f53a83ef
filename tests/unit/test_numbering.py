"""Tables and figures numbered per edition, in the brief's order, and `see:` naming them: only what each audience
sees is counted, and a cross-reference says where a target it cannot see is."""

from __future__ import annotations

from typing import Any

from briefgen.views.tailor import tailor
from briefgen.views.tailored_briefing import TailoredBriefing
from briefgen.views.variant import variants_of
from tests.briefings import briefing, library


def figure(name: str, **fields: Any) -> dict[str, Any]:
    return {"id": name, "src": "pathway.svg", "alt": f"The {name}.", "caption": f"The {name}.", **fields}


def table(name: str, **fields: Any) -> dict[str, Any]:
    return {"id": name, "caption": f"The {name}.", "header": ["A", "B"], "rows": [["x", "1"]], **fields}


SECTIONS = [
    {"id": "slides", "title": "Slides only", "only": "slides", "items": ["s"], "table": table("tbl-slides"),
     "figure": figure("fig-slides")},
    {"id": "a", "title": "A", "items": [
        {"text": "x", "see": ["tbl-first", "fig-commissioners", "fig-all"],
         "figures": [figure("fig-commissioners", audiences=["commissioner"]), figure("fig-all")],
         "table": table("tbl-first")},
        {"text": "y", "table": table("tbl-gp", audiences=["gp"])}],
     "figure": {"src": "pathway.svg", "decorative": True},
     "figures": [figure("fig-section")], "table": table("tbl-section")},
]


def edition(audience: str) -> TailoredBriefing:
    source = briefing(sections=SECTIONS)
    variant = next(variant for variant in variants_of(source) if variant.name == audience)
    return tailor(source, library(source), "slug", variant)


def labels(brief: TailoredBriefing) -> dict[str, str | None]:
    return {name: brief.label_of(name) for name in ("tbl-first", "tbl-gp", "tbl-section", "tbl-slides",
                                                   "fig-commissioners", "fig-all", "fig-section", "fig-slides")}


def test_each_edition_numbers_what_it_shows_in_the_briefs_order_the_slides_own_last() -> None:
    assert labels(edition("commissioner")) == {
        "tbl-first": "Table 1", "tbl-gp": None, "tbl-section": "Table 2", "tbl-slides": "Table 3",
        "fig-commissioners": "Figure 1", "fig-all": "Figure 2", "fig-section": "Figure 3", "fig-slides": "Figure 4"}
    assert labels(edition("gp")) == {
        "tbl-first": "Table 1", "tbl-gp": "Table 2", "tbl-section": "Table 3", "tbl-slides": "Table 4",
        "fig-commissioners": None, "fig-all": "Figure 1", "fig-section": "Figure 2", "fig-slides": "Figure 3"}


def test_a_decorative_figure_is_shown_but_not_numbered() -> None:
    section = edition("gp").sections[1]
    assert [(figure.source, edition("gp").label(figure)) for figure in section.figures] == [
        (("sections", 1, "figure"), None), (("sections", 1, "figures", 0), "Figure 2")]


def test_a_cross_reference_to_a_table_or_figure_knows_its_kind_and_whose_edition_has_it() -> None:
    see = edition("gp").sections[1].items[0].see
    assert [(ref.target, ref.kind, ref.elsewhere) for ref in see] == [
        ("tbl-first", "table", ()), ("fig-commissioners", "figure", ("Commissioners",)), ("fig-all", "figure", ())]
    assert see[1].title == "The fig-commissioners."


def test_a_statements_figures_are_kept_for_those_who_see_them_with_their_source() -> None:
    source = briefing(key_messages=[{"text": "k", "figures": [figure("f", source="[@r1]")]}])
    brief = tailor(source, library(source), "slug", variants_of(source)[0])
    (shown,) = brief.key_messages[0].figures
    assert (shown.id, shown.source_note, shown.source, brief.label(shown)) == (
        "f", "[@r1]", ("key_messages", 0, "figures", 0), "Figure 1")
    assert brief.figures == [shown]
