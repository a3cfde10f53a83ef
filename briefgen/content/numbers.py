"""A table cell's text → the number it shows, with how it is printed: the one grammar of numbers in tables,
which right-aligns a column and gives a chart its values."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_DASHES = "\u2212\u2013\u2014-"  # minus sign, en and em dash, hyphen
_FIGURE = f"[<>\u2264\u2265~\u00b1+{_DASHES}]?\\s*[\u00a3$\u20ac]?\\d[\\d,.]*\\s*(?:%|[kKmMbB]n?)?"
_ALIGNED = re.compile(f"^{_FIGURE}(?:\\s*(?:[{_DASHES}]|to)\\s*{_FIGURE})?(?:\\s*[(\\[].*[)\\]])?$|^[{_DASHES}]?$")
_VALUE = re.compile(r"^(?P<sign>[-\u2212+]?)(?P<prefix>[£$€]?)(?P<sign2>[-\u2212]?)"
                    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?\s*(?P<suffix>%|k|m|bn)?$")
_MISSING = re.compile(f"^[{_DASHES}]?$")
_MINUS = "\u2212"
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def aligns_as_number(cell: str) -> bool:
    """Whether a cell reads as a figure (0.81, minus 12%, 3.2m pounds, 0.70 to 0.93, 1,204 (95% CI 0.7 to 0.9)),
    empty, or a dash: a column of such cells is set right-aligned, so that digits line up."""
    return bool(_ALIGNED.match(cell))


@dataclass(frozen=True)
class NumberStyle:
    """How a column prints its numbers, read from the cells as written, so that a chart's axis prints them so."""

    decimals: int = 0
    grouping: bool = False
    """Thousands separated by commas (1,204)."""
    prefix: str = ""
    """A currency sign: £, $ or €."""
    suffix: str = ""
    """%, or k, m or bn (thousands, millions, billions, as written)."""

    def format(self, value: float, decimals: int | None = None) -> str:
        """`value` printed in this style (with `decimals` places if given), a minus sign for negatives."""
        places = self.decimals if decimals is None else decimals
        digits = f"{abs(value):{',' if self.grouping else ''}.{places}f}"
        sign = _MINUS if value < 0 and float(digits.replace(",", "")) else ""
        return f"{sign}{self.prefix}{digits}{self.suffix}"

    @property
    def excel(self) -> str:
        """The style as a spreadsheet number format (an Office chart's axis and data labels)."""
        digits = ("#,##0" if self.grouping else "0") + ("." + "0" * self.decimals if self.decimals else "")
        prefix = f'"{self.prefix}"' if self.prefix else ""
        suffix = "%" if self.suffix == "%" else f'"{self.suffix}"' if self.suffix else ""
        return prefix + digits + ("\\%" if suffix == "%" else suffix)

    def joined(self, other: NumberStyle) -> NumberStyle:
        """A style that prints the numbers of both (the most decimal places; grouping if either groups)."""
        return NumberStyle(max(self.decimals, other.decimals), self.grouping or other.grouping,
                           self.prefix or other.prefix, self.suffix or other.suffix)


@dataclass(frozen=True)
class Number:
    value: float
    style: NumberStyle


def number(cell: str) -> Number | None:
    """The single number a cell shows ("1,204", "12.5%", "£3.2m", a minus sign), or None if it shows anything else (a
    range, a note, words). Markdown escapes and character references are read as the characters they stand for."""
    text = html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", cell)).strip()
    match = _VALUE.match(text)
    if match is None:
        return None
    negative = "-" in (match["sign"] + match["sign2"]).replace("\u2212", "-")
    fraction = match["fraction"] or ""
    value = float(match["whole"].replace(",", "") + fraction)
    style = NumberStyle(max(len(fraction) - 1, 0), "," in match["whole"], match["prefix"], match["suffix"] or "")
    return Number(-value if negative else value, style)


def missing(cell: str) -> bool:
    """Whether a cell stands for no value: empty, or a dash."""
    return bool(_MISSING.match(html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", cell)).strip()))
