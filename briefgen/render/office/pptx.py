"""A deck's page → an editable PowerPoint file: one slide per slide of the fitted deck (each written by
`slide.SlideWriter`), made from the layouts of the brand's template or of PowerPoint's built-in one, widened to
16:9 and styled by the brand; links within the deck jump between its slides."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from lxml.html import HtmlElement
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout

from briefgen.content.brand import Brand, Palette
from briefgen.content.office import layout_placeholders
from briefgen.render.office import checks, furniture, master, package, reading, theme
from briefgen.render.office.presentation import WIDE, Deck, slide_scale
from briefgen.render.office.slide import SlideWriter

if TYPE_CHECKING:
    from briefgen.render.draft import Draft

_WITH_FIGURE = {"bullets", "text", "statement", "quote"}
"""Kinds of slide whose figure goes beside the text, on the `figure` layout."""


def pptx_bytes(draft: Draft) -> bytes:
    """The `pptx` format: the fitted deck as an editable presentation; what the Office checks find in it are
    the draft's warnings (so `--strict` fails on them)."""
    with package.writing(draft, "pptx"):
        page = reading.parse(draft.html)
        palette = theme.audience_palette(draft.brand, page)
        presentation = _presentation(draft.brand, palette)
        deck = Deck(presentation, draft.brand, palette, page.get("lang", ""), charts=draft.charts)
        for element in page.find_class("slide"):
            _add(deck, element)
        _link_within(deck)
        package.describe(presentation.core_properties, page, draft, "pptx")
        return package.saved(presentation, page, draft, "pptx", checks.pptx_failures)


def _presentation(brand: Brand, palette: Palette) -> PresentationType:
    """The brand's template as rebuilt when the brand was read (its sample slides already dropped, with all else
    an output does not need); or the built-in one, 16:9, in the brand's theme and styled as the HTML deck."""
    if brand.office.pptx is not None:
        return Presentation(io.BytesIO(brand.office.pptx.package))
    presentation = Presentation()
    _widen(presentation)
    _align_left(presentation)
    theme.apply_to_pptx(presentation, brand, palette)
    title_slide = _layout(presentation, brand.office.layout("title"))
    master.style_built_in(presentation, title_slide, palette, slide_scale(presentation))
    title_slide.background.fill.solid()
    title_slide.background.fill.fore_color.rgb = theme.rgb(palette.accent)
    # Text on the accent, in the colour the brand keeps legible there.
    for placeholder in layout_placeholders(title_slide):
        theme.colour_text(placeholder.text_frame, palette.accent_ink)
    return presentation


def _layout(presentation: PresentationType, name: str) -> SlideLayout:
    """The slide layout named `name` (the brand's templates are checked to have each one it names)."""
    return next(layout for layout in presentation.slide_layouts if layout.name == name)


def _widen(presentation: PresentationType) -> None:
    """Make the built-in 4:3 template 16:9, stretching its master's and layouts' shapes sideways."""
    factor = WIDE[0] / presentation.slide_width
    presentation.slide_width, presentation.slide_height = WIDE
    masters = [presentation.slide_master, *presentation.slide_layouts]
    for part in masters:
        for offset in part.element.iter(qn("a:off")):
            offset.set("x", str(round(int(offset.get("x")) * factor)))
        for extent in part.element.iter(qn("a:ext")):
            if extent.get("cx") is not None:
                extent.set("cx", str(round(int(extent.get("cx")) * factor)))


def _align_left(presentation: PresentationType) -> None:
    """Set the built-in template's centred titles and subtitles flush left, as the HTML deck sets them, a
    subtitle under its title's left edge."""
    for part in [presentation.slide_master, *presentation.slide_layouts]:
        for paragraph in part.element.iter(*(qn(f"a:lvl{level}pPr") for level in range(1, 10))):
            if paragraph.get("algn") == "ctr":
                paragraph.set("algn", "l")
    for layout in presentation.slide_layouts:
        placeholders = {placeholder.placeholder_format.type: placeholder for placeholder in layout_placeholders(layout)}
        title, subtitle = placeholders.get(PP_PLACEHOLDER.CENTER_TITLE), placeholders.get(PP_PLACEHOLDER.SUBTITLE)
        if title is not None and subtitle is not None:
            subtitle.left, subtitle.width = title.left, title.width


def _add(deck: Deck, element: HtmlElement) -> None:
    """Add the slide `element` (a `section.slide` of the deck page) is."""
    kind = reading.class_value(element, "layout-")
    if kind is None:
        raise ValueError(f"slide {element.get('id')!r} has no layout- class")  # the deck template gives one
    body = element.find_class("slide-body")[0]
    figure = next(iter(body.findall("figure")), None)
    if kind == "contrast" and not body.find_class("contrast"):
        kind = "bullets"  # a contrast's continuation holds what follows its poles, not poles
    # A chart, or a figure on a slide of its own, takes the body below the title, as a table does.
    kind_of_layout = "figure" if figure is not None and kind in _WITH_FIGURE else \
        "table" if kind in ("chart", "figure") else kind
    slide = deck.presentation.slides.add_slide(
        _layout(deck.presentation, deck.brand.office.layout(kind_of_layout)))
    for anchor in element.xpath(".//@id"):
        deck.anchors[str(anchor)] = slide
    writer = SlideWriter(deck, slide, kind)
    writer.write(body, figure)
    notes = element.find_class("notes")
    if notes:
        furniture.notes(writer.frames,
                        [block for paragraph in notes[0].findall("p") for block in reading.read(paragraph)])
    footer = element.find_class("footer-title")
    furniture.footer(writer.frames, reading.text_of(footer[0]) if footer else "")
    furniture.number(writer.frames, len(deck.presentation.slides))


def _link_within(deck: Deck) -> None:
    """Make each link to an id on the page a jump to the slide the id is on (a citation → the references)."""
    for slide, run, anchor in deck.links:
        target = deck.anchors.get(anchor)
        if target is None:
            continue
        relationship = slide.part.relate_to(target.part, RELATIONSHIP_TYPE.SLIDE)
        click = run._r.get_or_add_rPr().add_hlinkClick(relationship)
        click.set("action", "ppaction://hlinksldjump")
