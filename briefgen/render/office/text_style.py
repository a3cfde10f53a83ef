"""A shape's text on a slide → the style PowerPoint sets each list level of it in, where the shape does not say:
its size, weight, typeface and spacing, inherited through its own list styles, its layout's and master's
placeholders, the master's text styles and the presentation's defaults, as PowerPoint looks them up."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
DEFAULT_SIZE_PT = 18.0
"""PowerPoint's size for text no style sizes."""
_OFFICE_FONT = "Calibri"
"""PowerPoint's font for a theme that names none."""


@dataclass(frozen=True)
class LevelStyle:
    """How a list level's text is set by default."""

    size: float
    """In points."""
    bold: bool
    italic: bool
    typeface: str
    """The family, theme references (`+mn-lt`) resolved to the theme's fonts."""
    space_before: float
    """Space above each paragraph, in lines (a percentage) or, negative, in points."""
    line_spacing: float
    """Lines are this many times the font's own line height apart."""
    margin_left: int
    """Where the text starts (EMU), the bullet hanging before it."""


def level_style(shape: Any, level: int = 0) -> LevelStyle:
    """The style of `shape`'s text at list level `level` (0 to 8) where its paragraphs and runs set nothing."""
    chain = _level_properties(shape, level)
    size = _first(chain, lambda pPr: _attribute(pPr.find(qn("a:defRPr")), "sz"))
    bold = _first(chain, lambda pPr: _attribute(pPr.find(qn("a:defRPr")), "b"))
    italic = _first(chain, lambda pPr: _attribute(pPr.find(qn("a:defRPr")), "i"))
    typeface = _first(chain, lambda pPr: _attribute(pPr.find(f"{qn('a:defRPr')}/{qn('a:latin')}"), "typeface"))
    before = _first(chain, _space_before)
    spacing = _first(chain, lambda pPr: _attribute(pPr.find(f"{qn('a:lnSpc')}/{qn('a:spcPct')}"), "val"))
    margin = _first(chain, lambda pPr: _attribute(pPr, "marL"))
    return LevelStyle(
        size=int(size) / 100 if size else DEFAULT_SIZE_PT,
        bold=bold in ("1", "true"), italic=italic in ("1", "true"),
        typeface=theme_font(shape, typeface or "+mn-lt"),
        space_before=float(before) if before else 0.0,
        line_spacing=int(spacing) / 100_000 if spacing else 1.0,
        margin_left=int(margin) if margin else 0,
    )


def theme_font(shape: Any, typeface: str) -> str:
    """`typeface`, or the theme's heading (`+mj-lt`) or body (`+mn-lt`) font it refers to."""
    if not typeface.startswith("+"):
        return typeface
    heading, body = _theme_fonts(_master(shape).part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
    return heading if typeface.startswith("+mj") else body


@cache
def _theme_fonts(theme: bytes) -> tuple[str, str]:
    """A theme's heading and body fonts (read once per theme: every shape of a deck asks)."""
    fonts = parse_xml(theme).find(f".//{qn('a:fontScheme')}")
    latin = [fonts.find(f"{qn(slot)}/{qn('a:latin')}") for slot in ("a:majorFont", "a:minorFont")]
    heading, body = (str(font.get("typeface")) if font is not None else _OFFICE_FONT for font in latin)
    return heading, body


def _level_properties(shape: Any, level: int) -> list[Any]:
    """The `a:lvlNpPr` elements that may style `shape`'s level, nearest first."""
    name = qn(f"a:lvl{level + 1}pPr")
    styles = []
    inherited: Any = shape
    while inherited is not None:  # the shape, its layout's placeholder, the master's
        body = inherited._element.find(f".//{qn('p:txBody')}")
        if body is not None:
            styles.append(body.find(qn("a:lstStyle")))
        inherited = getattr(inherited, "_base_placeholder", None) if inherited.is_placeholder else None
    master = _master(shape)
    kind = shape.placeholder_format.type if shape.is_placeholder else None
    style = "p:titleStyle" if kind in _TITLES else "p:bodyStyle" if kind in _BODIES or (
        shape.is_placeholder and kind is None) else "p:otherStyle" if shape.is_placeholder else None
    if style is not None:  # (a master without text styles leaves them to the defaults)
        styles.append(master._element.find(f"{qn('p:txStyles')}/{qn(style)}"))
    styles.append(master.part.package.presentation_part._element.find(qn("p:defaultTextStyle")))
    return [style.find(name) for style in styles if style is not None and style.find(name) is not None]


def _master(shape: Any) -> Any:
    """The slide master above `shape` (on a slide, a layout or the master itself)."""
    part = shape.part
    return part.slide_layout.slide_master if hasattr(part, "slide_layout") else part.slide_master


def _first(chain: list[Any], read: Any) -> str | None:
    return next((value for value in map(read, chain) if value is not None), None)


def _attribute(element: Any, name: str) -> str | None:
    return None if element is None else element.get(name)


def _space_before(properties: Any) -> str | None:
    """Space before as a fraction of a line, or its points negated."""
    space = properties.find(qn("a:spcBef"))
    if space is None:
        return None
    percent, points = space.find(qn("a:spcPct")), space.find(qn("a:spcPts"))
    if percent is not None:
        return str(int(percent.get("val")) / 100_000)
    return str(-int(points.get("val")) / 100) if points is not None else None
