"""How full each slide of a deck is, as its reader sees it, read back from a PDF of the deck (WeasyPrint's, or
LibreOffice's drawing of the .pptx): the share of the slide's body, from below its title to its footer, that
its lowest text reaches down to."""

from __future__ import annotations

import re
from pathlib import Path

from tests.libreoffice import Word, page_words

_POSITION = re.compile(r"^\(?(?:continued,\s*)?\d+\s+of\s+\d+\)$")
"""A title's "(continued, 2 of 3)", which may wrap onto a line of its own in a smaller size."""
_TITLE_SHARE = 0.9
"""A line at least this share of the title's first line's height still belongs to the title (it wraps)."""


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
