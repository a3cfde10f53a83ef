"""A brief's layout → laid out again with its footnotes numbered afresh on each page, as print numbers them:
WeasyPrint's footnote counter runs through the document (it does not reset at `@page`), so each note carries
its mark (`data-mark`), set here from the page the layout put it on."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # WeasyPrint is slow to import: only a layout needs it
    from briefgen.render.pdf import LaidOut

_MARKED = re.compile(r'id="(footnote-\d+)" data-mark="(\d+)"')
"""A footnote's id and its mark, as render/footnotes.py writes them."""
_LAYOUTS = 2
"""Layouts at most: a mark one digit longer may, rarely, carry a note to another page."""


def numbered_by_page(laid_out: LaidOut, lay_out: Callable[[str], LaidOut]) -> LaidOut:
    """`laid_out`, or its page laid out again with each footnote's mark its number on its page."""
    for _ in range(_LAYOUTS):
        written = dict(_MARKED.findall(laid_out.html))
        marks = _marks_by_page(laid_out, list(written))
        if marks == written:
            break
        laid_out = lay_out(_remarked(laid_out.html, marks))
    return laid_out


def _remarked(html: str, marks: dict[str, str]) -> str:
    return _MARKED.sub(lambda note: f'id="{note[1]}" data-mark="{marks[note[1]]}"', html)


def _marks_by_page(laid_out: LaidOut, notes: list[str]) -> dict[str, str]:
    """Each note's number among the notes of the page it is on, in order."""
    pages = groupby(notes, key=lambda note: laid_out.page_of(note))
    return {note: str(number) for _, on_page in pages for number, note in enumerate(on_page, start=1)}
