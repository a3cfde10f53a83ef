"""Colour text as a brand writes it (`#005EB8`, `#fff`, `rgb(0, 94, 184)`, `white`) → `#rrggbb`; mixing two
colours; and WCAG 2 contrast ratios between them."""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
NAMED = {"black": "#000000", "white": "#ffffff", "silver": "#c0c0c0", "gray": "#808080", "grey": "#808080",
         "maroon": "#800000", "red": "#ff0000", "purple": "#800080", "fuchsia": "#ff00ff", "green": "#008000",
         "lime": "#00ff00", "olive": "#808000", "yellow": "#ffff00", "navy": "#000080", "blue": "#0000ff",
         "teal": "#008080", "aqua": "#00ffff", "orange": "#ffa500"}
"""CSS's basic colour keywords: beyond these, a brand writes the colour out."""

AA_TEXT = 4.5
"""WCAG 2 AA contrast for text."""
AA_LARGE_TEXT = 3.0
"""WCAG 2 AA contrast for large text: 18pt, or 14pt bold."""
AA_GRAPHICS = 3.0
"""WCAG 2 AA contrast for the parts of a chart a reader must see to understand it (1.4.11, non-text)."""


def parse(text: str) -> str:
    """The colour `text` writes, as lower-case `#rrggbb` (whole: nothing may follow it, not even a line break);
    ValueError if it is not one."""
    written = text.strip()
    if match := _HEX.fullmatch(written):
        digits = match[1] if len(match[1]) == 6 else "".join(digit * 2 for digit in match[1])
        return f"#{digits.lower()}"
    if match := _RGB.fullmatch(written):
        channels = [int(value) for value in match.groups()]
        if all(value <= 255 for value in channels):
            return "#" + "".join(f"{value:02x}" for value in channels)
    if written.lower() in NAMED:
        return NAMED[written.lower()]
    raise ValueError(f"{text!r} is not a colour: write #rrggbb (e.g. #005eb8), rgb(0, 94, 184), a basic CSS "
                     "colour name, or the name of a color.palette entry")


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `colour` over `other` (both `#rrggbb`), as `#rrggbb`: a tint, or a colour between two."""
    def channel(index: int) -> str:
        value = share * int(colour[index:index + 2], 16) + (1 - share) * int(other[index:index + 2], 16)
        return f"{round(value):02x}"
    return f"#{channel(1)}{channel(3)}{channel(5)}"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a `#rrggbb` colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
