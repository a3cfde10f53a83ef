"""How full each slide of a deck is, as its reader sees it, read back from a PDF of the deck (WeasyPrint's, or
LibreOffice's drawing of the .pptx): the share of the slide's body, from below its title to its footer, that
its lowest text reaches down to; and which slides are left nearly empty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tests.libreoffice import Word, page_words

_POSITION = re.compile(r"^\(?(?:continued,\s*)?\d+\s+of\s+\d+\)$")
"""A title's "(continued, 2 of 3)", which may wrap onto a line of its own in a smaller size."""
POSITION = re.compile(r"\s*\((?:continued, )?\d+ of \d+\)$")
"""What follows a title that several slides share: "(continued, 2 of 3)"."""
_TITLE_SHARE = 0.9
"""A line at least this share of the title's first line's height still belongs to the title (it wraps)."""


SPARSE = 0.4
"""A slide whose text reaches less than this share of the way down its body is nearly empty."""
SPARE_BY_DESIGN = {"title", "statement", "quote"}
"""Layouts meant to leave room: the title slide, one statement set large."""
_ENTRY = re.compile(r"^slide-\d+-(?:pole-\d+-)?(?:item|paragraph|callout)-\d+$")
"""The id of one entry of a slide's body: a statement (a contrast's too), a paragraph, a call-out."""
TOGETHER = 0.8
"""Two slides of a run filled less than this between them would have fitted on one (the fill measures the text's
extent; a slide gathers entries to 90% of its room, spacing included: `spreading.GATHER_SHARE`)."""


@dataclass(frozen=True)
class FilledSlide:
    number: int
    layout: str
    title: str
    """Its title without its "(continued, 2 of 3)"."""
    continued: bool
    fill: float
    entries: int
    """How many statements, paragraphs, call-outs, table rows, works and figures it holds."""


def deck_fill(pdf: Path, html: Path) -> list[FilledSlide]:
    """Each slide of the deck drawn in `pdf` with its layout and title from the HTML deck `html`."""
    slides = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("section.slide")
    fills = slide_fills(pdf)
    assert len(fills) == len(slides), pdf
    filled = []
    for number, (slide, fill) in enumerate(zip(slides, fills, strict=True), start=1):
        title = " ".join(slide.find(["h1", "h2"]).get_text(" ").split())
        layout = next(name.removeprefix("layout-") for name in slide["class"] if name.startswith("layout-"))
        filled.append(FilledSlide(number, layout, POSITION.sub("", title), "(continued," in title, fill,
                                  _entries(slide)))
    return filled


def sparse(deck: list[FilledSlide]) -> list[int]:
    """The numbers of the slides left nearly empty, besides those spare by design and those of one entry (a short
    statement between two that fill a slide each stands alone however the run is broken)."""
    return [slide.number for slide in deck
            if slide.layout not in SPARE_BY_DESIGN and slide.entries > 1 and slide.fill < SPARSE]


def could_share(deck: list[FilledSlide]) -> list[tuple[int, int]]:
    """Consecutive slides of one run of statements or paragraphs whose text would have fitted on one of them."""
    return [(first.number, second.number) for first, second in pairwise(deck)
            if second.continued and (first.title, first.layout) == (second.title, second.layout)
            and second.layout in ("bullets", "text") and first.fill + second.fill < TOGETHER]


def _entries(slide: Tag) -> int:
    return (len(slide.find_all(id=_ENTRY)) + len(slide.select("tbody tr, .reference-list li"))
            + len(slide.select("figure")))


def slide_fills(pdf: Path) -> list[float]:
    """Each page's fill: 0 for a slide of a title alone, 1 for one whose text reaches its footer."""
    return [_fill(words) for words in page_words(pdf)]


def _fill(words: list[Word]) -> float:
    lines = _lines(words)
    footer = lines.pop()  # every slide carries its running footer (the deck's title, its number) at the bottom
    title_height = max(word.bottom - word.top for word in lines[0]) if lines else 0.0
    body_top = footer_top = min(word.top for word in footer)
    while lines and (_height(lines[0]) >= _TITLE_SHARE * title_height
                     or _POSITION.match(" ".join(word.text for word in lines[0]))):
        body_top = max(word.bottom for word in lines.pop(0))
    if not lines or footer_top <= body_top:
        return 0.0
    lowest = max(word.bottom for line in lines for word in line)
    return min(1.0, (lowest - body_top) / (footer_top - body_top))


def _lines(words: list[Word]) -> list[list[Word]]:
    """The words grouped into lines, top to bottom: a word belongs to the line whose extent it overlaps by half
    its height (a title's larger words and a smaller "(2 of 3)" beside them share one line)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda word: (word.top, word.left)):
        line = lines[-1] if lines else None
        if line is not None and word.top < max(w.bottom for w in line) - (word.bottom - word.top) / 2:
            line.append(word)
        else:
            lines.append([word])
    return lines


def _height(line: list[Word]) -> float:
    return max(word.bottom - word.top for word in line)
