"""A rule the HTML deck draws as a border (a call-out's left edge, a statement's, a pole's top) → a thin filled
rectangle on the slide, marked decorative so that screen readers pass over it: DrawingML has one outline for all
four sides of a shape, not a border per side."""

from __future__ import annotations

from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu

from briefgen.render.office import drawing, theme
from briefgen.render.office.presentation import place


def add(slide: Slide, box: tuple[int, int, int, int], colour: str, before: Any) -> Any:
    """A rule of `colour` filling `box` (left, top, width, height), read just before the shape `before`."""
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *map(Emu, box))
    rule.fill.solid()
    rule.fill.fore_color.rgb = theme.rgb(colour)
    rule.line.fill.background()
    drawing.describe_picture(rule._element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"), "")
    before._element.addprevious(rule._element)
    return rule


def moved(shape: Any, left: int = 0, top: int = 0) -> None:
    """Move `shape`'s left and top edges in by `left` and `top`, its right and bottom edges staying."""
    place(shape, left=shape.left + left, top=shape.top + top, width=shape.width - left, height=shape.height - top)
