"""Where an output check places a failure, and the one rule of heading order every format's check applies."""

from __future__ import annotations

from briefgen.render.failures import WHOLE_FILE, Failure, in_section, on_page, on_slide, skipped_levels


def test_a_failure_reads_place_then_message() -> None:
    assert str(Failure(on_page(2), "figure 1 has no alternative text")) == "page 2: figure 1 has no alternative text"
    assert str(Failure(WHOLE_FILE, "no title")) == "the whole file: no title"


def test_a_slide_is_named_by_number_and_title_on_one_line_cut_as_messages_quote_values() -> None:
    assert on_slide(4, "What we\n  found") == "slide 4 ('What we found')"
    assert on_slide(4, "  ") == "slide 4"
    assert on_slide(1, "A" * 50) == f"slide 1 ('{'A' * 40}'…)"
    assert in_section("Findings") == "section 'Findings'"
    assert in_section(None) == "before the first heading"


def test_each_heading_more_than_one_level_down_fails_where_it_is() -> None:
    headings = [(2, "a"), (1, "b"), (3, "c"), (4, "d"), (6, "e"), (2, "f")]
    assert [str(failure) for failure in skipped_levels(headings, "h")] == [
        "a: heading h2 follows the start: a level is skipped",
        "c: heading h3 follows h1: a level is skipped",
        "e: heading h6 follows h4: a level is skipped"]
