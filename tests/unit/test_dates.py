"""Dates as a reader of the content's language writes them, in each style, and dates that are no day refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.errors import ContentError
from briefgen.render.dates import printed
from tests.unit.test_validate import HEAD, shown


@pytest.mark.parametrize(("written", "language", "style", "expected"), [
    ("2026-11-25", "en-GB", "long", "25 November 2026"), ("2026-11-25", "en-US", "long", "November 25, 2026"),
    ("2026-11-25", "en-GB", "medium", "25 Nov 2026"), ("2026-11-25", "en-GB", "short", "25/11/2026"),
    ("2026-11-25", "en-GB", "iso", "2026-11-25"), ("2026-11", "en-GB", "long", "November 2026"),
    ("2026-03", "en-GB", "medium", "Mar 2026"), ("2026", "en-GB", "long", "2026"),
    ("2026-11-25", "cy-GB", "long", "25 Tachwedd 2026"), ("2026-11-25", "de", "long", "25. November 2026"),
    ("2026-11-25", "en-XA", "long", "November 25, 2026"),  # a region Babel lacks: the language's own
])
def test_a_date_is_printed_in_the_languages_conventions(written: str, language: str, style: str,
                                                         expected: str) -> None:
    assert printed(written, language, style) == expected


def test_a_date_that_is_no_day_of_the_calendar_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("date: 2026-02-30\n" + HEAD + "  - {id: a, title: A, items: [x]}\n")
    with pytest.raises(ContentError) as caught:
        validate(load(path))
    assert [shown(problem) for problem in caught.value.problems] == [
        "1:1: date: [BG003] 2026-02-30 is not a day of the calendar"]
