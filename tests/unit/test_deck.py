"""Deck planning and spreading: which slides a tailored briefing becomes, and how overflowing runs are spread."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from briefgen.content.library import Work
from briefgen.content.model import Briefing
from briefgen.views import deck, spreading
from briefgen.views.breaks import breaks
from briefgen.views.tailor import tailor
from briefgen.views.tailored_briefing import Statement, TailoredBriefing, TailoredText
from briefgen.views.variant import variants_of
from tests.briefings import briefing, generated, library

REFERENCE = {"authors": ["A"], "year": 2020, "title": "Work"}


def texts(statements: tuple[Statement, ...]) -> tuple[str, ...]:
    return tuple(statement.text for statement in statements)


def tailored(source: Briefing, audience: int = 1) -> TailoredBriefing:
    return tailor(source, library(source), "slug", variants_of(source)[audience])


def room(size: float) -> spreading.Room:
    """As much room below a slide's first entry as on its continuations."""
    return spreading.Room(size, size)


def planned(brief: TailoredBriefing) -> list[deck.Slide]:
    """The deck with every work listed, as the renderer plans it once it knows what the slides cite."""
    def works(items: tuple[Work, ...]) -> tuple[deck.ListedWork, ...]:
        return tuple(deck.ListedWork(str(work["id"]), str(work["title"])) for work in items)

    return deck.plan(brief, works(brief.references), works(brief.further_reading))


def test_plan_is_title_key_messages_sections_actions_references_in_order() -> None:
    source = briefing(
        audiences={"gp": {"actions": ["Refer"], "framing": "For GPs."}},
        sections=[{"id": "f", "title": "Findings", "items": ["a", "b"]},
                  {"id": "t", "kind": "tensions", "title": "Balance",
                   "contrast": {"left": {"label": "L"}, "right": {"label": "R"}}},
                  {"id": "x", "kind": "text", "title": "Method", "body": "How."},
                  {"id": "h", "title": "Hidden", "items": ["h"], "slides": {"include": False}}],
        references=[{"id": "r1", **REFERENCE}], further_reading=[{"id": "r2", **REFERENCE}])
    slides = planned(tailored(source))
    assert [(slide.layout, slide.title) for slide in slides] == [
        ("title", "T"), ("bullets", "Key messages"), ("bullets", "Findings"), ("contrast", "Balance"),
        ("text", "Method"), ("bullets", "What this means for general practice"), ("references", "References")]
    assert slides[3].poles is not None and slides[4].paragraphs == ("How.",)
    assert slides[5].intro == "For GPs." and slides[5].source == ("audiences", "gp", "actions")
    assert [group.heading for group in slides[6].reference_groups] == ["References", "Further reading"]


def test_layout_options_per_slide_and_statement_split_a_section() -> None:
    items = [f"item {n}" for n in range(5)]
    source = briefing(deck={"key_messages": False}, sections=[
        {"id": "a", "title": "A", "items": items, "intro": "Lead", "slides": {"per_slide": 2, "title": "Short"}},
        {"id": "b", "title": "B", "items": items[:2], "slides": {"layout": "statement"}}])
    slides = planned(tailored(source))[1:]
    assert [(slide.title, texts(slide.items), slide.continued) for slide in slides] == [
        ("Short", ("item 0", "item 1"), False), ("Short", ("item 2", "item 3"), True), ("Short", ("item 4",), True),
        ("B", ("item 0",), False), ("B", ("item 1",), True)]
    assert slides[0].intro == "Lead" and slides[1].intro is None
    assert all(slide.layout == "statement" for slide in slides[3:])


def test_an_overflowing_run_is_spread_evenly_over_more_slides_keeping_every_item_in_order() -> None:
    items = tuple(f"item {n}" for n in range(14))
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "intro": "Lead", "items": list(items)}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    total = sum(spreading.weight(item) for item in slides[index].items)
    spread = spreading.spread_overflowing(slides, {index: room(total * 0.6)})  # room for 60 % of its text
    assert spread is not None
    run = [slide for slide in spread if slide.title == "A"]
    assert len(run) == 2
    assert tuple(item.text for slide in run for item in slide.items) == items
    assert [len(slide.items) for slide in run] == [7, 7]
    assert run[0].intro == "Lead" and run[1].intro is None and run[1].continued


def test_a_run_far_too_long_is_spread_at_once_over_as_many_slides_as_it_needs() -> None:
    items = [f"item {n}" for n in range(20)]
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": items}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    total = sum(spreading.weight(item) for item in slides[index].items)
    spread = spreading.spread_overflowing(slides, {index: room(total / 4.5)})
    assert spread is not None
    assert [len(slide.items) for slide in spread if slide.title == "A"] == [4, 4, 4, 4, 4]


def test_a_run_is_spread_so_that_no_slide_holds_more_than_the_room_measured() -> None:
    # Room for 5.3 statements: 500 shared evenly over ceil(500 / 5.3) = 95 slides puts 6 on some, which
    # would overflow again at the next layout; the spread takes as many slides as 5 a slide needs.
    items = [f"Finding {n:03}: a statement of about the same length as every other one" for n in range(500)]
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": items}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    spread = spreading.spread_overflowing(slides, {index: room(spreading.weight(slides[index].items[0]) * 5.3)})
    assert spread is not None
    counts = [len(slide.items) for slide in spread if slide.title == "A"]
    assert sum(counts) == 500 and max(counts) == 5 and len(counts) == 100


def test_each_slide_of_a_spread_run_gets_an_even_share_of_the_text_not_of_the_statements() -> None:
    items = ["short one", "short two", "x " * 300, "short three", "short four", "y " * 300]
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": items}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    total = sum(spreading.weight(item) for item in slides[index].items)
    spread = spreading.spread_overflowing(slides, {index: room(total / 1.5)})
    assert spread is not None
    assert [len(slide.items) for slide in spread if slide.title == "A"] == [3, 3]


def test_a_slide_holding_one_statement_too_long_is_not_spread_further() -> None:
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["x", "y"],
                                                    "slides": {"per_slide": 1}}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    assert spreading.spread_overflowing(slides, {index: room(0.0)}) is None


def test_what_cannot_be_spread_any_further_is_none() -> None:
    source = briefing(sections=[{"id": "t", "kind": "tensions", "title": "Balance",
                                 "contrast": {"left": {"label": "L", "items": ["x"] * 30}, "right": {"label": "R"}}},
                                {"id": "one", "title": "One", "items": ["A single long statement"]}])
    slides = planned(tailored(source))
    overflowing = {n: room(0.0) for n, slide in enumerate(slides) if slide.title in ("Balance", "One")}
    assert spreading.spread_overflowing(slides, overflowing) is None


def test_statements_after_a_contrast_that_do_not_fit_beside_it_move_to_a_slide_of_their_own() -> None:
    source = briefing(sections=[{"id": "t", "kind": "tensions", "title": "Balance", "items": ["after"],
                                 "contrast": {"left": {"label": "L", "items": ["l"]}, "right": {"label": "R"}}}])
    slides = planned(tailored(source))
    index = next(n for n, slide in enumerate(slides) if slide.title == "Balance")
    spread = spreading.spread_overflowing(slides, {index: room(0.0)})
    assert spread is not None
    contrast, after = [slide for slide in spread if slide.title == "Balance"]
    assert contrast.poles is not None and contrast.items == () and not contrast.continued
    assert after.poles is None and texts(after.items) == ("after",) and after.continued
    assert spreading.spread_overflowing(spread, {index: room(0.0)}) is None  # a contrast alone cannot be spread further


def test_a_long_table_is_spread_between_rows_repeating_its_caption_and_header() -> None:
    rows = [[f"Row {n}", str(n)] for n in range(30)]
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["x"],
                                                  "table": {"caption": "C", "header": ["H", "N"], "rows": rows}}])))
    index = next(n for n, slide in enumerate(slides) if slide.layout == "table")
    spread = spreading.spread_overflowing(slides, {index: room(400.0)})
    assert spread is not None
    run = [slide for slide in spread if slide.layout == "table"]
    assert len(run) > 1 and all(slide.table is run[0].table for slide in run)
    assert [row for slide in run for row in slide.rows] == [tuple(row) for row in rows]
    assert [slide.continued for slide in run] == [False] + [True] * (len(run) - 1)


def test_a_slide_that_showed_nothing_whole_is_spread_one_entry_a_slide() -> None:
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["x", "y", "z"]}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    spread = spreading.spread_overflowing(slides, {index: room(0.0)})
    assert spread is not None and [texts(slide.items) for slide in spread if slide.title == "A"] == [
        ("x",), ("y",), ("z",)]


def test_parts_name_where_each_shown_thing_is_written() -> None:
    source = briefing(sections=[{"id": "t", "kind": "tensions", "title": "Balance", "intro": "Lead", "items": ["after"],
                                 "contrast": {"left": {"label": "L", "items": ["l"]}, "right": {"label": "R"}}}],
                      references=[{"id": "r1", **REFERENCE}])
    slides = planned(tailored(source))
    tension = next(slide for slide in slides if slide.title == "Balance")
    assert tension.parts() == [("title", ("sections", 0, "title"), False), ("intro", ("sections", 0, "intro"), False),
                               ("pole-1-item-1", ("sections", 0, "contrast", "left", "items", 0), False),
                               ("item-1", ("sections", 0, "items", 0), True)]
    assert slides[-1].parts() == [("title", ("references", "title"), False), ("ref-r1", ("references",), True)]


def test_references_spread_between_entries_and_keep_their_group_headings() -> None:
    references = [{"id": f"r{n}", **REFERENCE} for n in range(6)]
    further = [{"id": f"f{n}", **REFERENCE} for n in range(3)]
    slides = planned(tailored(briefing(references=references, further_reading=further)))
    total = sum(spreading.weight(entry) for entry in spreading.movable(slides[-1]))
    spread = spreading.spread_overflowing(slides, {len(slides) - 1: room(total * 0.6)})
    assert spread is not None
    run = spread[-2:]
    assert [[(group.heading, len(group.references)) for group in slide.reference_groups] for slide in run] == [
        [("References", 5)], [("References", 1), ("Further reading", 3)]]
    assert run[1].continued


@pytest.mark.parametrize("seed", range(15))
def test_spreading_as_before_reaches_the_deck_the_overflow_checks_reached(seed: int) -> None:
    """What a rebuild does with the run sizes a build recorded: the same slides, without the layouts between."""
    rng = random.Random(seed)
    brief = tailored(Briefing.model_validate(generated(seed)), rng.randrange(3))
    slides = planned(brief)
    for _ in range(3):  # a few rounds of pretend layouts, each finding some runs too long
        overflowing = {n: room(rng.uniform(0, 2000)) for n in range(len(slides)) if rng.random() < 0.3}
        spread = spreading.spread_overflowing(slides, overflowing) if overflowing else None
        slides = spread or slides
    recorded = spreading.run_fits(slides, "context")
    assert spreading.spread_as_before(planned(brief), recorded, "context") == slides
    assert spreading.spread_as_before(planned(brief), recorded, "other context") == planned(brief)


@pytest.mark.parametrize("seed", range(15))
def test_spreading_never_loses_reorders_or_duplicates_content(seed: int) -> None:
    rng = random.Random(seed)
    slides = planned(tailored(Briefing.model_validate(generated(seed)), rng.randrange(3)))

    def content(slides: list[deck.Slide]) -> list[object]:
        return [(slide.source, entry) for slide in slides
                for entry in (*slide.items, *(ref.id for group in slide.reference_groups for ref in group.references))]

    before = content(slides)
    overflowing = {n: room(rng.uniform(0, 2000)) for n in range(len(slides))}
    spread = spreading.spread_overflowing(slides, overflowing)
    if spread is not None:
        assert content(spread) == before
        assert sum(not slide.continued for slide in spread) == len(slides)


def test_a_text_section_spreads_between_paragraphs_and_bulleted_items_but_keeps_numbered_lists_whole() -> None:
    body = "First paragraph.\n\n- one\n- two\n  more of two\n- three\n\n1. first\n2. second\n\nLast paragraph."
    slides = planned(tailored(briefing(sections=[{"id": "x", "kind": "text", "title": "Method", "body": body}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "Method")
    assert slides[index].paragraphs == ("First paragraph.", "- one", "- two\n  more of two", "- three",
                                        "1. first\n2. second", "Last paragraph.")
    spread = spreading.spread_overflowing(slides, {index: room(0.0)})
    assert spread is not None
    run = [slide for slide in spread if slide.title == "Method"]
    assert [block for slide in run for block in slide.paragraphs] == list(slides[index].paragraphs)
    assert len(run) == 6 and all(slide.continued for slide in run[1:])


def test_slides_that_share_a_title_are_numbered_among_themselves() -> None:
    slides = [deck.Slide("bullets", title, ()) for title in ("Findings", "Key messages", "Findings", "Findings")]
    assert [slide.position for slide in deck.numbered(slides)] == [(1, 3), None, (2, 3), (3, 3)]


def test_a_statements_weight_counts_the_text_its_cross_references_make() -> None:
    # Spreading judged by weight: a statement whose links are titled by long titles takes their room too.
    title = "A section with a long title " * 5
    source = briefing(sections=[{"id": "s", "title": "S", "items": [{"text": "x", "see": ["a", "b"]}, "x"]},
                                {"id": "a", "title": title, "items": ["a"]},
                                {"id": "b", "title": title, "items": ["b"], "audiences": ["commissioner"]}])
    linked, plain = tailored(source).sections[0].items
    elsewhere = len(variants_of(source)[0].label)  # b is in the commissioners' edition only
    assert spreading.weight(linked) - spreading.weight(plain) == 2 * (len(title.strip()) + 4) + elsewhere


@pytest.mark.parametrize(("kind", "series", "rows", "expected"), [
    ("bar", 1, 14, [5, 4, 5]), ("bar", 3, 9, [3, 3, 3]), ("dot", 1, 6, [6]), ("line", 2, 30, [30])])
def test_a_chart_has_a_slide_of_its_own_or_shares_its_categories_over_several(
        kind: str, series: int, rows: int, expected: list[int]) -> None:
    """In place of its table: bars and dots as many to a slide as it can name at the slide's text size (fewer
    when each category has several bars), a line's points all on one; titled by the table's caption."""
    header = ["Name", *(f"S{n}" for n in range(series))]
    table = {"caption": "Visits by practice", "header": header,
             "rows": [[f"Practice {n}", *(str(n + m) for m in range(series))] for n in range(rows)],
             "chart": {"type": kind, "x": "Name", "y": header[1:]}}
    source = briefing(sections=[{"id": "s", "title": "S", "items": ["a"], "table": table}])
    charts = [slide for slide in planned(tailored(source)) if slide.layout == "chart"]
    assert [len(slide.chart.categories) for slide in charts if slide.chart] == expected
    assert {slide.title for slide in charts} == {"Visits by practice"} and not any(slide.table for slide in charts)
    assert [slide.continued for slide in charts] == [False] + [True] * (len(expected) - 1)
    assert all(slide.notes and slide.notes.startswith("Bar chart" if kind == "bar" else kind.title()[:3])
               for slide in charts)


def test_slide_text_stands_for_a_text_sections_body_an_introduction_and_a_callout_on_slides_only() -> None:
    source = briefing(
        audiences={"gp": {"label": "GPs"}},
        sections=[{"id": "m", "kind": "text", "title": "Method", "body": "A long account of the method.",
                   "slides": {"text": {"text": "Forty sessions observed.", "for": {"gp": "Forty GP sessions."}}}},
                  {"id": "f", "title": "Findings", "intro": "A long introduction.", "items": ["a"],
                   "slides": {"text": "In short."},
                   "callouts": [{"text": "A long caveat about the study.", "slide": "One site only."}]}])
    for audience, method in ((0, "Forty sessions observed."), (1, "Forty GP sessions.")):
        brief = tailored(source, audience)
        slides = {slide.title: slide for slide in planned(brief)}
        assert slides["Method"].paragraphs == (method,) and slides["Findings"].intro == "In short."
        assert [callout.on_slides for callout in slides["Findings"].callouts] == ["One site only."]
        text, findings = brief.sections  # the brief keeps what the author wrote for it
        assert isinstance(text, TailoredText) and text.body == "A long account of the method."
        assert findings.intro == "A long introduction."
        assert findings.callouts[0].text == "A long caveat about the study."


def test_breaks_leave_no_short_entry_alone_beside_a_long_one() -> None:
    # Short, long, short, short in room for 600: even shares of the total would put the first short one alone.
    assert breaks([100, 100, 550, 100, 100], 600, 600, 1, [False] * 5) == [2, 1, 2]
    assert breaks([500, 80, 90, 70], 600, 600, 1, [False] * 4) == [1, 3]  # not [2, 2], which leaves 160 of 600 on one
    assert breaks([900, 100], 0, 0, 1, [False] * 2) == [1, 1]  # no room measured: one entry a slide


def test_a_continuation_without_an_introduction_holds_more_than_the_first_slide() -> None:
    # Room for 300 under the first slide's introduction, 600 on a continuation: [300] then [200, 200, 200].
    assert breaks([300, 200, 200, 200], 300, 600, 2, [False] * 4) == [1, 3]
    assert breaks([300, 200, 200, 200], 300, 300, 2, [False] * 4) == [1, 1, 1, 1]  # each judged by the first's room


def test_a_call_out_starts_a_slide_only_when_it_cannot_join_what_it_qualifies() -> None:
    assert breaks([300, 300, 200], 600, 600, 2, [False, False, True]) == [1, 2]
    assert breaks([300, 550, 200], 600, 600, 2, [False, False, True]) == [1, 1, 1]  # too long beside it: alone


def test_a_run_that_fits_a_step_smaller_is_set_smaller_not_spread() -> None:
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["one", "two", "three"]}])))
    index = next(n for n, slide in enumerate(slides) if slide.title == "A")
    total = sum(spreading.weight(item) for item in slides[index].items)
    fitted = spreading.spread_overflowing(slides, {index: room(total / 1.1)})
    assert fitted is not None
    assert [(len(slide.items), slide.shrink) for slide in fitted if slide.title == "A"] == [(3, 1)]
    # Far too long for a step to help: spread at its size.
    spread = spreading.spread_overflowing(slides, {index: room(total / 2.5)})
    assert spread is not None
    assert [slide.shrink for slide in spread if slide.title == "A"] == [0, 0, 0]


def test_slides_sharing_a_title_show_it_at_the_size_of_the_smallest() -> None:
    slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["one", "two"],
                                                  "slides": {"per_slide": 1}}])))
    first = next(n for n, slide in enumerate(slides) if slide.title == "A")
    slides[first + 1] = replace(slides[first + 1], shrink=2)
    assert [slide.title_shrink for slide in deck.numbered(slides) if slide.title == "A"] == [2, 2]
    assert {slide.title_shrink for slide in deck.numbered(slides) if slide.title != "A"} == {0}


def test_with_detail_in_notes_a_titled_statement_shows_its_title_and_points_and_its_text_is_in_the_notes() -> None:
    items = [{"title": "Caseloads", "text": "Caseloads rose by a third.", "points": ["In cities", "In towns"]},
             {"title": "Own words", "text": "Long text.", "slide": "Short."}, "Untitled statement."]
    source = briefing(key_messages=[{"title": "Funding", "text": "Funding lags demand."}], deck={"detail": "notes"},
                      sections=[{"id": "a", "title": "A", "items": items}])
    slides = planned(tailored(source))
    section = next(slide for slide in slides if slide.title == "A")
    assert [item.on_slides for item in section.items] == ["", "Short.", "Untitled statement."]
    assert section.speaker_notes == ("**Caseloads.** Caseloads rose by a third.",)
    assert next(slide for slide in slides if slide.title == "Key messages").speaker_notes == (
        "**Funding.** Funding lags demand.",)
    assert all(not slide.speaker_notes for slide in planned(tailored(briefing(sections=[
        {"id": "a", "title": "A", "items": items}]))))


def test_a_section_whose_content_is_all_for_other_audiences_has_no_slide() -> None:
    source = briefing(sections=[{"id": "a", "title": "A", "items": [{"text": "x", "audiences": ["commissioner"]}]},
                                {"id": "b", "title": "B", "items": ["y"]}])
    titles = [slide.title for slide in planned(tailored(source, 1))]
    assert "A" not in titles and "B" in titles
    assert "A" in [slide.title for slide in planned(tailored(source, 0))]


def test_continuations_whose_entries_fit_beside_the_slide_before_are_gathered_onto_it() -> None:
    planned_slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A",
                                                          "items": ["one", "two", "three", "four"]}])))
    index = next(n for n, slide in enumerate(planned_slides) if slide.title == "A")
    slides = spreading.spread_overflowing(planned_slides, {index: room(0.0)})  # one a slide, as no room was measured
    assert slides is not None
    run = [n for n, slide in enumerate(slides) if slide.title == "A"]
    assert len(run) == 4
    # As laid out: (height its entries take, height its body has); 0.3 + 0.3 fit in 0.7, a third does not.
    used = {n: (0.3, 0.7) for n in run}
    gathered = spreading.gather(slides, used)
    assert gathered is not None
    assert [len(slide.items) for slide in gathered if slide.title == "A"] == [2, 2]
    assert spreading.gather(slides, {n: (0.5, 0.7) for n in run}) is None


def test_slides_of_one_statement_each_are_never_gathered() -> None:
    for options in ({"layout": "statement"}, {"per_slide": 1}):
        slides = planned(tailored(briefing(sections=[{"id": "a", "title": "A", "items": ["one", "two"],
                                                      "slides": options}])))
        run = [n for n, slide in enumerate(slides) if slide.title == "A"]
        assert spreading.gather(slides, {n: (0.1, 0.7) for n in run}) is None
