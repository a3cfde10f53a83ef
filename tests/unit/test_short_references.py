"""The short form a slide lists a cited work by: one line of author, year and short title."""

from __future__ import annotations

from typing import Any

import pytest

from briefgen.render.short_references import MAX_TITLE_CHARS, short_entry

TITLE = "Social prescribing and classed inequality: a journey of upward health mobility in a northern city"


@pytest.mark.parametrize(("work", "expected"), [
    ({"author": [{"family": "Gibson", "given": "K"}], "issued": {"date-parts": [[2021]]}, "title": "Short"},
     "Gibson (2021) <cite>Short</cite>"),
    ({"author": [{"family": "Gibson"}, {"family": "Pollard"}], "issued": {"date-parts": [[2021, 6]]},
      "title": "Short"}, "Gibson and Pollard (2021) <cite>Short</cite>"),
    ({"author": [{"family": "Gibson"}, {"family": "Pollard"}, {"family": "Moffatt"}],
      "issued": {"date-parts": [[2021]]}, "title": TITLE, "title-short": "Classed inequality"},
     "Gibson et al. (2021) <cite>Classed inequality</cite>"),
    ({"author": [{"literal": "NHS England"}], "title": "Virtual wards"},
     "NHS England (n.d.) <cite>Virtual wards</cite>"),
    ({"editor": [{"family": "Smith"}], "issued": {"date-parts": [[2020]]}, "title": "A book"},
     "Smith (2020) <cite>A book</cite>"),
    ({"publisher": "The King's Fund", "issued": {"date-parts": [[2022]]}, "title": "A report"},
     "The King\u2019s Fund (2022) <cite>A report</cite>"),
    ({"issued": {"date-parts": [[2022]]}, "title": "Health and Care Act 2022"},
     "<cite>Health and Care Act 2022</cite> (2022)"),
    ({"author": [{"family": "<b>Bold</b>"}], "title": "*Not* markup"},
     "&lt;b&gt;Bold&lt;/b&gt; (n.d.) <cite>*Not* markup</cite>"),
])
def test_a_work_is_listed_by_its_first_author_year_and_short_title(work: dict[str, Any], expected: str) -> None:
    assert str(short_entry(work)) == expected


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    entry = str(short_entry({"author": [{"family": "Gibson"}], "issued": {"date-parts": [[2021]]}, "title": TITLE}))
    title = entry.removeprefix("Gibson (2021) <cite>").removesuffix("</cite>")
    assert title.endswith("\u2026") and len(title) <= MAX_TITLE_CHARS + 1 and TITLE.startswith(title[:-1])
    assert not title[:-1].endswith((" ", ":"))
