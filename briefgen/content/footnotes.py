"""Footnotes written in text → where each is and what it says: `^[The figure excludes Wales.]`, Pandoc's inline
note, which may hold Markdown, citations and brackets of its own (`^[As counted in [@nhse-2024].]`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

_OPENING = "^["


@dataclass(frozen=True)
class Footnote:
    text: str
    """What the note says (inline Markdown)."""
    start: int
    end: int
    """Where the note is written in its text, `^[` to `]`."""


class FootnoteSyntaxError(ValueError):
    def __init__(self, message: str, start: int) -> None:
        super().__init__(message)
        self.start = start
        """Where the note that is not closed starts."""


def footnotes(text: str) -> Iterator[Footnote]:
    """Every note in `text`, in order (a note inside a note is part of its text); FootnoteSyntaxError for a `^[`
    whose brackets are not closed. A `^[` escaped (`\\^[`) is text."""
    start = text.find(_OPENING)
    while start != -1:
        if start and text[start - 1] == "\\":
            start = text.find(_OPENING, start + 2)
            continue
        depth, end = 0, start + 1
        while end < len(text):
            depth += {"[": 1, "]": -1}.get(text[end], 0) if text[end - 1] != "\\" else 0
            if depth == 0:
                break
            end += 1
        if depth:
            raise FootnoteSyntaxError("a footnote `^[…]` is not closed: end it with `]`, or write `\\^[` for the "
                                      "characters themselves", start)
        yield Footnote(text[start + 2:end], start, end + 1)
        start = text.find(_OPENING, end + 1)


def replaced(text: str, notes: Sequence[Footnote], by: Callable[[int], str]) -> str:
    """`text` with each of its `notes` (as `footnotes` found them, in order) replaced by `by` its index."""
    pieces, end = [], 0
    for index, note in enumerate(notes):
        pieces.extend([text[end:note.start], by(index)])
        end = note.end
    return "".join([*pieces, text[end:]])
