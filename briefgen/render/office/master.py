"""PowerPoint's built-in template → a slide master and layouts styled as the HTML deck: titles bold in the
heading colour, body text and its points at the deck's sizes, the running footer and slide number small and in
the muted colour, the footer where the page has it, an accent rule along each slide's top, and the title slide's
title and subtitle at its sizes. Styles, not runs, carry all this, so what a user adds or edits matches it.
(An organisation's own template keeps its master: it is already theirs.)"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Emu

from briefgen.content.brand import Palette
from briefgen.content.office import layout_placeholders
from briefgen.render.office import theme
from briefgen.render.office.frame import ROLE_PX

_RULE_PX = 14
"""The accent rule along the top of each slide of the HTML deck (css/slides.css, `.slide-frame`)."""
_FOOTER_WIDTH = 0.6
"""The share of the slide's width the running footer has, from the title's left edge."""


def style_built_in(presentation: PresentationType, title_slide: SlideLayout, palette: Palette,
                   scale: float) -> None:
    """Style the built-in template's master and its `title_slide` layout as the HTML deck, `scale` points to
    its pixel."""
    master = presentation.slide_master
    styles = master._element.find(qn("p:txStyles"))
    _set_level(styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}"), ROLE_PX["title"] * scale, palette.heading,
               bold=True)
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 10):
        _set_level(body.find(qn(f"a:lvl{level}pPr")), ROLE_PX["body" if level == 1 else "small"] * scale)
    placeholders = {shape.placeholder_format.type: shape for shape in master.placeholders}
    for kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        _set_level(_first_level(placeholders[kind]), ROLE_PX["small"] * scale, palette.muted,
                   bold=kind == PP_PLACEHOLDER.SLIDE_NUMBER)
    footer, title = placeholders[PP_PLACEHOLDER.FOOTER], placeholders[PP_PLACEHOLDER.TITLE]
    footer.left, footer.width = title.left, Emu(round(presentation.slide_width * _FOOTER_WIDTH))
    _first_level(footer).set("algn", "l")
    _add_rule(master, presentation.slide_width, Emu(round(_RULE_PX * scale * 12_700)), palette.accent)
    for shape in layout_placeholders(title_slide):
        kind = shape.placeholder_format.type
        if kind in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE):
            size = ROLE_PX["title-slide" if kind == PP_PLACEHOLDER.CENTER_TITLE else "subtitle"] * scale
            _set_level(_first_level(shape), size, bold=kind == PP_PLACEHOLDER.CENTER_TITLE)


def _first_level(shape: Any) -> Any:
    """The `a:lvl1pPr` of a placeholder's own list style, made if it has none."""
    body = shape._element.find(qn("p:txBody"))
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = etree.Element(qn("a:lstStyle"))
        body.insert(1, styles)  # after the body properties
    level = styles.find(qn("a:lvl1pPr"))
    if level is None:
        level = etree.SubElement(styles, qn("a:lvl1pPr"))
    return level


def _set_level(level: Any, size: float, colour: str | None = None, bold: bool = False) -> None:
    """Set a list level's default run: its size in points, weight and colour."""
    defaults = level.find(qn("a:defRPr"))
    if defaults is None:
        defaults = etree.SubElement(level, qn("a:defRPr"))
    defaults.set("sz", str(round(size * 100)))
    if bold:
        defaults.set("b", "1")
    if colour is not None:
        for fill in defaults.findall(qn("a:solidFill")):
            defaults.remove(fill)
        defaults.insert(0, theme.solid_fill(colour))  # a fill comes first among a run's properties


def _add_rule(master: Any, width: int, height: int, colour: str) -> None:
    """A bar of `colour` along the top of every slide, drawn on the master (shown behind each slide's shapes)."""
    tree = master.shapes._spTree
    number = max(int(element.get("id")) for element in tree.iter(qn("p:cNvPr"))) + 1
    rule = etree.fromstring(
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{number}" name="Accent rule"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{theme.hex_digits(colour)}"/>'
        f'</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    tree.append(rule)
