"""The PowerPoint presentation being made, and what its slides share: the brand, the audience's colours, the
language, the scale from the HTML deck's pixels, and the links between slides to resolve once all exist."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import _Run
from pptx.util import Emu

from briefgen.content.brand import Brand, Palette
from briefgen.views.chart import Chart

WIDE = (Emu(12_192_000), Emu(6_858_000))
"""16:9 (13.33 by 7.5 in), the shape of the HTML deck; PowerPoint's built-in template is 4:3."""
HTML_SLIDE_HEIGHT_PX = 720
"""The HTML deck's slide height (1280 by 720 px): its sizes scale by the template's slide height, which is
7.5 in, so 0.75 pt a pixel, in both PowerPoint's 16:9 and its 4:3 (where text wraps sooner rather than shrinks)."""


@dataclass
class Deck:
    """The presentation being made, and what its slides share."""

    presentation: PresentationType
    brand: Brand
    palette: Palette
    """The brand's colours for the deck's audience."""
    language: str
    anchors: dict[str, Slide] = field(default_factory=dict)
    """Ids on the page → the slide they are on, for links from one slide to another."""
    links: list[tuple[Slide, _Run, str]] = field(default_factory=list)
    """Runs linking to an id on the page, resolved once every slide exists."""
    charts: Mapping[str, Chart] = field(default_factory=dict)
    """The page's charts by their anchors, drawn natively where the page has their figures."""

    @property
    def size(self) -> tuple[int, int]:
        """The slide's width and height."""
        return self.presentation.slide_width or WIDE[0], self.presentation.slide_height or WIDE[1]

    @property
    def scale(self) -> float:
        return slide_scale(self.presentation)


def slide_scale(presentation: PresentationType) -> float:
    """Points per pixel of the HTML deck, at `presentation`'s slide height."""
    return float(Emu(presentation.slide_height or WIDE[1]).pt) / HTML_SLIDE_HEIGHT_PX


def place(shape: Any, *, left: int | None = None, top: int | None = None, width: int | None = None,
          height: int | None = None) -> None:
    """Set the parts of `shape`'s position and size given, keeping the others as shown. All four are read before
    any is set: a placeholder shows its layout's position until it has one of its own, and setting one part
    gives it one whose other parts start from nothing."""
    box = (shape.left if left is None else left, shape.top if top is None else top,
           shape.width if width is None else width, shape.height if height is None else height)
    shape.left, shape.top, shape.width, shape.height = map(Emu, box)
