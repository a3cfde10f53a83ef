"""An SVG's root element → the size it states, in CSS pixels: its width and height, completed from its viewBox's
proportions where one is missing or relative (`100%`), or the viewBox's own where both are.

Validation holds figures and logos to a sane size and shape with it (images.py), and the Office formats compute
from it the bitmap an SVG is drawn to before the renderer is called (render/office/raster.py).
"""

from __future__ import annotations

import math
import re
from xml.etree.ElementTree import Element

_LENGTH = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*",
                     re.IGNORECASE)
_PIXELS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0,
           "em": 16.0, "ex": 8.0}
"""CSS pixels per unit, at CSS's 96 per inch; `em` and `ex` at the default font size (16 px), as resvg takes
them."""
_SEPARATORS = re.compile(r"[\s,]+")


def stated_size(root: Element) -> tuple[float, float] | None:
    """The width and height the `<svg>` element `root` states, in CSS pixels, or None if it states neither a
    size nor a viewBox (its size is then whatever its drawing spans). ValueError if what it states is no size:
    a length that does not parse, or one that is zero, negative or infinite."""
    width, height = _length(root, "width"), _length(root, "height")
    if width is not None and height is not None:
        return width, height
    box = _view_box(root.get("viewBox"))
    if box is None:
        return None
    box_width, box_height = box
    if width is not None:
        return width, width * box_height / box_width
    if height is not None:
        return height * box_width / box_height, height
    return box


def _length(root: Element, name: str) -> float | None:
    """The attribute `name` of `root` in CSS pixels; None if it is missing or relative (a percentage)."""
    written = root.get(name)
    if written is None:
        return None
    match = _LENGTH.fullmatch(written)
    if match is None:
        raise ValueError(f"has a {name} that is not a length: {written[:40]!r}")
    if match[2] == "%":
        return None
    return _positive(float(match[1]) * _PIXELS[(match[2] or "").lower()], f"a {name} of {written[:40]!r}")


def _view_box(written: str | None) -> tuple[float, float] | None:
    """A viewBox's width and height (its first two numbers place it, and say nothing of its size)."""
    if written is None:
        return None
    try:
        numbers = [float(part) for part in _SEPARATORS.split(written.strip())]
    except ValueError:
        numbers = []
    if len(numbers) != 4:
        raise ValueError(f"has a viewBox that is not four numbers: {written[:40]!r}")
    shown = f"a viewBox of {written[:40]!r}"
    return _positive(numbers[2], shown), _positive(numbers[3], shown)


def _positive(value: float, shown: str) -> float:
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"has {shown}, which is no size: its width and height must be positive")
    return value
