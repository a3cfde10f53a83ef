"""An SVG figure or logo → the PNG the Office formats show in its place (they need a bitmap): drawn by resvg into
a box computed first, from the size the SVG states, and capped by area, so that no SVG, however proportioned,
asks for more than MAX_PIXELS.

resvg fits the drawing inside the box it is given, keeping its proportions: even an SVG whose stated size
misleads (validation refuses those it can tell) is drawn within the box.
"""

from __future__ import annotations

import math

import defusedxml.ElementTree

from briefgen.content.svg_size import stated_size

WIDTH_PX = 1600
"""How wide an SVG is drawn, where its area allows: sharp on a full-width slide."""
MAX_SIDE_PX = 4096
MAX_PIXELS = 4_000_000
"""The area of the bitmap at most (16 MB of RGBA): a tall SVG is drawn narrower than WIDTH_PX to keep to it."""


def png_of_svg(svg: bytes) -> bytes:
    """The SVG `svg` (checked at validation) drawn to a PNG no larger than `box` makes it."""
    import resvg_py  # only a document with an SVG needs it

    width, height = box(stated_size(defusedxml.ElementTree.fromstring(svg)))
    # dpi: lengths in mm, pt or in are converted at CSS's 96 per inch, as svg_size takes them.
    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode(), width=width, height=height, dpi=96))


def box(size: tuple[float, float] | None) -> tuple[int, int]:
    """The bitmap for an SVG of `size` (CSS pixels; None: unknown, a square, which resvg fits the drawing into):
    its proportions, WIDTH_PX wide unless that takes a side past MAX_SIDE_PX or the area past MAX_PIXELS. Only
    the proportions count, held between 1:MAX_SIDE_PX and MAX_SIDE_PX:1, so no stated size overflows it."""
    ratio = min(max(size[0] / size[1], 1 / MAX_SIDE_PX), MAX_SIDE_PX) if size else 1.0
    width, height = float(WIDTH_PX), WIDTH_PX / ratio
    if height > MAX_SIDE_PX:
        width, height = MAX_SIDE_PX * ratio, MAX_SIDE_PX
    shrink = min(1.0, math.sqrt(MAX_PIXELS / (width * height)))
    return max(1, math.floor(width * shrink)), max(1, math.floor(height * shrink))
