"""Where an output check places a failure, by which rule, and the one rule of heading order every format's check
applies."""

from __future__ import annotations

from briefgen.errors import Severity
from briefgen.render.failures import WHOLE_FILE, Failure, in_section, on_page, on_slide, skipped_levels
from briefgen.rules import NO_ALT, NO_TITLE


def test_a_failure_reads_place_then_its_rule_s_code_and_message() -> None:
    assert str(Failure(NO_ALT, on_page(2), "figure 1 has no alternative text")) == \
        "page 2: [BG408] figure 1 has no alternative text"
    assert str(Failure(NO_TITLE, WHOLE_FILE, "no title")) == "the whole file: [BG403] no title"


def test_a_build_reports_a_failure_in_a_file_it_wrote_as_a_warning_with_its_code() -> None:
    warning = Failure(NO_TITLE, WHOLE_FILE, "no title").warning("a/gp/brief.docx")
    assert (warning.severity, warning.code) == (Severity.WARNING, "BG403")
    assert warning.show() == "a/gp/brief.docx: [BG403] the whole file: no title"


def test_a_slide_is_named_by_number_and_title_on_one_line_cut_as_messages_quote_values() -> None:
    assert on_slide(4, "What we\n  found") == "slide 4 ('What we found')"
    assert on_slide(4, "  ") == "slide 4"
    assert on_slide(1, "A" * 50) == f"slide 1 ('{'A' * 40}'…)"
    assert in_section("Findings") == "section 'Findings'"
    assert in_section(None) == "before the first heading"


def test_each_heading_more_than_one_level_down_fails_where_it_is() -> None:
    headings = [(2, "a"), (1, "b"), (3, "c"), (4, "d"), (6, "e"), (2, "f")]
    assert [str(failure) for failure in skipped_levels(headings, "h")] == [
        "a: [BG407] heading h2 follows the start: a level is skipped",
        "c: [BG407] heading h3 follows h1: a level is skipped",
        "e: [BG407] heading h6 follows h4: a level is skipped"]
