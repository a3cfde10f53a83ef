"""A chart's value range → round ticks for its axis, and a label's text → its estimated width and the lines it
fits in: the measures the SVG drawing lays a chart out by."""

from __future__ import annotations

import math

SIZE = 13
"""Every text's size in user units: the page's small text at a 640-unit column."""
CHAR = SIZE * 0.64
"""An average character's width."""
_EMS = dict.fromkeys("ilj.,:;'|! ", 0.34) | dict.fromkeys("ftrI()[]-1", 0.45) | dict.fromkeys("mwMW%@\u2014", 1.0)


def ticks(low: float, high: float) -> tuple[list[float], int]:
    """Four to six round values (steps of 1, 2, 2.5 or 5 times 10^k) covering `low` to `high`, and the decimal
    places that tell them apart."""
    if high <= low:  # one value: an axis around it (from zero when it is zero)
        pad = 10.0 ** math.floor(math.log10(abs(high))) if high else 1.0
        low, high = (low - pad, high + pad) if high else (0.0, 1.0)
    magnitude = math.floor(math.log10(high - low))
    best: tuple[tuple[int, bool, int], float, int, int] | None = None
    for power in range(magnitude - 2, magnitude + 2):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**power
            first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
            count = last - first + 1
            # Within four to six first; then steps of 2.5 (0, 2.5, 5…) only when no plainer step fits.
            score = (max(4 - count, count - 6, 0), mantissa == 2.5, abs(count - 5))
            if best is None or score < best[0]:
                best = (score, step, first, last)
    assert best is not None
    _, step, first, last = best
    decimals = 0
    while abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6 * step * 10**decimals:
        decimals += 1
    return [round(index * step, decimals + 3) + 0.0 for index in range(first, last + 1)], decimals


def fitted(text: str, width: float, lines: int = 1) -> list[str]:
    """`text` wrapped at spaces into at most `lines` lines of `width` units, the last shortened with an
    ellipsis if it is still too long."""
    wrapped: list[str] = []
    for word in text.split():
        if wrapped and estimated_width(f"{wrapped[-1]} {word}") <= width:
            wrapped[-1] += f" {word}"
        else:
            wrapped.append(word)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], " ".join(wrapped[lines - 1 :])]
    return [_shortened(line, width) for line in wrapped] or [""]


def _shortened(line: str, width: float) -> str:
    if estimated_width(line) <= width:
        return line
    while len(line) > 1 and estimated_width(line + "\u2026") > width:
        line = line[:-1]
    return line.rstrip() + "\u2026"


def estimated_width(text: str) -> float:
    """A generous estimate of `text`'s width in user units, in a sans-serif font as wide as DejaVu Sans (a
    PDF's fallback) or wider than most brand fonts."""
    return SIZE * sum(_EMS.get(character, 0.75 if character.isupper() else 0.64) for character in text)
