"""Paragraphs of styled text → how tall they set in a box of a given width, measured with the font files the
text is set in (Pillow reads their advance widths and line heights): lines break where the next word no longer
fits, as PowerPoint breaks them. What is written is sized from this, and `check` finds text past its box by it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from briefgen.content import fontconfig
from briefgen.content.typography import FontFace

_UNITS = 1000
"""The size fonts are opened at; widths and heights scale linearly from it."""
_PIECES = re.compile(r"( +|\u2028|\n|\v)")
_BREAKS = {"\u2028", "\n", "\v"}
"""A line break within a paragraph: the reader's mark for `<br>`, and python-pptx's text for `a:br`."""
MIN_LINE_HEIGHT = 1.2
"""Lines are at least this many times their size apart: PowerPoint's single spacing for common fonts, where a
font's own metrics are tighter."""


@dataclass(frozen=True)
class Span:
    """A stretch of text in one font."""

    text: str
    typeface: str
    size: float
    """In points."""
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class TextParagraph:
    spans: tuple[Span, ...]
    indent: float = 0.0
    """Where its lines start, in points from the box's inner edge."""
    space_before: float = 0.0
    """In lines (of its first span's size), or, negative, in points."""
    line_spacing: float = 1.0


@dataclass(frozen=True)
class Fonts:
    """Where each typeface's files are: a brand's own files first, else what fontconfig sets the family in."""

    faces: tuple[FontFace, ...] = ()

    def path(self, typeface: str, bold: bool, italic: bool) -> str | None:
        weight, style = ("700" if bold else "400"), ("italic" if italic else "normal")
        own = [face for face in self.faces if face.family.lower() == typeface.lower()]
        exact = next((face.path for face in own if face.weight == weight and face.style == style), None)
        if exact is not None or own:
            return str(exact or own[0].path)
        return fontconfig.font_file(typeface, bold, italic)


def height(paragraphs: Iterable[TextParagraph], width: float, fonts: Fonts) -> float:
    """How tall `paragraphs` set in a box whose text is `width` points wide, in points."""
    total = 0.0
    for index, paragraph in enumerate(paragraphs):
        line = _line_height(paragraph, fonts)
        if index:
            before = paragraph.space_before
            total += before * line if before >= 0 else -before
        total += _lines(paragraph, max(width - paragraph.indent, 1.0), fonts) * line
    return total


def _line_height(paragraph: TextParagraph, fonts: Fonts) -> float:
    size = max((span.size for span in paragraph.spans), default=0.0)
    tallest = max((_font_line(fonts.path(span.typeface, span.bold, span.italic)) * span.size
                   for span in paragraph.spans), default=0.0)
    return max(tallest, size * MIN_LINE_HEIGHT) * paragraph.line_spacing


def _lines(paragraph: TextParagraph, width: float, fonts: Fonts) -> int:
    """How many lines the paragraph's words take, each line as many words as fit, a word longer than a line
    broken where it reaches the edge."""
    lines, x, word, space = 1, 0.0, 0.0, 0.0

    def place() -> None:
        nonlocal lines, x, word, space
        if word:
            if x and x + space + word > width:
                lines, x = lines + 1, 0.0
            if not x and word > width:  # broken where it meets the edge; what follows starts a line of its own
                lines += math.ceil(word / width) - 1
                x = width
            else:
                x += (space if x else 0.0) + word
        word, space = 0.0, 0.0

    for span in paragraph.spans:
        path = fonts.path(span.typeface, span.bold, span.italic)
        for piece in _PIECES.split(span.text):
            if not piece:
                continue
            if piece in _BREAKS:
                place()
                lines, x = lines + 1, 0.0
            elif piece.isspace():
                place()
                space = _width(path, piece) * span.size
            else:
                word += _width(path, piece) * span.size
    place()
    return lines


@lru_cache(maxsize=100_000)
def _width(path: str | None, text: str) -> float:
    """`text`'s advance width at a size of 1 point (a word is measured once, whatever size it is tried at)."""
    return _font(path).getlength(text) / _UNITS


def _font_line(path: str | None) -> float:
    ascent, descent = _font(path).getmetrics()
    return (ascent + descent) / _UNITS


@cache
def _font(path: str | None) -> ImageFont.FreeTypeFont:
    if path is None or not Path(path).is_file():
        font = ImageFont.load_default(_UNITS)  # no fontconfig: Pillow's own, which draws at any size
        assert isinstance(font, ImageFont.FreeTypeFont)  # as it is wherever WeasyPrint's FreeType is
        return font
    return ImageFont.truetype(path, _UNITS)


def cut_to_width(text: str, typeface: str, size: float, width: float, fonts: Fonts) -> str:
    """`text`, or as many of its words as fit on one line `width` points wide followed by an ellipsis."""
    path = fonts.path(typeface, False, False)
    if _width(path, text) * size <= width:
        return text
    words = text.split(" ")
    room = width / size - _width(path, "\u2026")
    shown, taken = words[:1], _width(path, words[0])
    for word in words[1:]:
        taken += _width(path, " ") + _width(path, word)
        if taken > room:
            break
        shown.append(word)
    return " ".join(shown) + "\u2026"
