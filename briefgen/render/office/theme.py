"""A brand → the theme of the built-in Office templates: its colours and fonts where PowerPoint and Word look
for them (the theme's colour and font schemes, the styles), so that what a user adds keeps the brand too.

A font is named as the brand names it (Arial), never by the open font that stands in for it on a machine without
it (typography.Typeface): Word and PowerPoint set the text in the reader's own copy. An organisation's own
template keeps its theme: it is already theirs."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentType
from docx.oxml.ns import qn as word_qn
from docx.shared import RGBColor
from lxml import etree
from lxml.html import HtmlElement
from pptx.dml.color import RGBColor as PptxColor
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType

from briefgen.content.brand import Brand, Palette
from briefgen.render.office import reading

_SCHEME_ROLES = {"dk1": "ink", "lt1": "paper", "dk2": "heading", "accent1": "accent", "hlink": "link",
                 "folHlink": "link"}
"""Theme colour slots → the palette's roles."""
CELL_PADDING_TWIPS = 40
"""Above and below a table cell's text in Word (2 pt), as the PDF pads its cells."""


def hex_digits(colour: str) -> str:
    """A palette colour (`#1b2430`) as Office writes one: `1B2430`."""
    return colour.removeprefix("#").upper()


def rgb(colour: str) -> PptxColor:
    return PptxColor(*(int(colour[index:index + 2], 16) for index in (1, 3, 5)))


def docx_rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_digits(colour))


def solid_fill(colour: str) -> Any:
    """A DrawingML fill of `colour` (`a:solidFill`), for text or a shape."""
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=hex_digits(colour))
    return fill


def audience_palette(brand: Brand, page: HtmlElement) -> Palette:
    """The palette of the audience the page is for (its body's `audience-` class), or the brand's own."""
    return brand.palette_for(reading.class_value(page.find("body"), "audience-") or "")


def apply_to_pptx(presentation: PresentationType, brand: Brand, palette: Palette) -> None:
    """The brand's colours and fonts as the master's theme."""
    part = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    theme = parse_xml(part.blob)
    _brand_theme(theme, brand, palette)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def colour_text(frame: Any, colour: str) -> None:
    """Make `colour` the default colour of every level of a layout placeholder's text, keeping its other
    list styles."""
    body = frame._txBody
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = etree.Element(qn("a:lstStyle"))
        body.insert(1, styles)  # after the body properties, before the paragraphs
    for level in range(1, 10):
        paragraph = styles.find(qn(f"a:lvl{level}pPr"))
        if paragraph is None:
            paragraph = etree.SubElement(styles, qn(f"a:lvl{level}pPr"))
        defaults = paragraph.find(qn("a:defRPr"))
        if defaults is None:
            defaults = etree.SubElement(paragraph, qn("a:defRPr"))
        for fill in defaults.findall(qn("a:solidFill")):
            defaults.remove(fill)
        defaults.insert(0, solid_fill(colour))  # a fill comes before a run's fonts in the schema


def _brand_theme(theme: Any, brand: Brand, palette: Palette) -> None:
    """Set the theme's colour slots to the palette's roles, and its heading and body fonts to the brand's."""
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    for slot, role in _SCHEME_ROLES.items():
        holder = scheme.find(qn(f"a:{slot}"))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr"), val=hex_digits(getattr(palette, role)))
    fonts = theme.find(f".//{qn('a:fontScheme')}")
    for slot, typeface in (("a:majorFont", brand.typography.headings), ("a:minorFont", brand.typography.base)):
        fonts.find(f"{qn(slot)}/{qn('a:latin')}").set("typeface", typeface.family)


def apply_to_docx(document: DocumentType, brand: Brand, palette: Palette) -> None:
    """The brand's fonts and colours in the styles briefgen writes with."""
    styles = document.styles
    normal = styles["Normal"].font
    normal.name = brand.typography.base.family
    normal.color.rgb = docx_rgb(palette.ink)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        font = styles[name].font
        font.name = brand.typography.headings.family
        font.color.rgb = docx_rgb(palette.heading if name != "Subtitle" else palette.muted)
        # The theme's font for headings would win over the name in Word; the brand's is meant.
        fonts = styles[name].element.rPr.find(word_qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(word_qn(attribute), None)
    caption = styles["Caption"].font
    caption.color.rgb = docx_rgb(palette.muted)
    caption.bold = False  # as the PDF sets a figure's caption and a table's source (a table's caption is bold)
    # Tables ruled in the page's light rule colour rather than black, their cells padded, as the PDF's are.
    table = styles["Table Grid"].element
    for edge in table.iterfind(f".//{word_qn('w:tblBorders')}/*"):
        edge.set(word_qn("w:color"), hex_digits(palette.rule))
    for edge in ("w:top", "w:bottom"):
        table.find(f".//{word_qn('w:tblCellMar')}/{word_qn(edge)}").set(word_qn("w:w"), str(CELL_PADDING_TWIPS))
