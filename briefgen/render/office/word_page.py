"""A brief's language, title and audience → the pages of a Word document made with the built-in template, as
the PDF brief sets them (css/brief.css `@page`): A4, or Letter where the language's country uses it; its
margins; the title and audience as a running header from the second page on, and "Page N of M" at the foot of
every page in fields Word keeps up to date. An organisation's own template keeps its page set-up."""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefgen.content.brand import Palette
from briefgen.render.office import theme

A4 = (Mm(210), Mm(297))
LETTER = (Mm(215.9), Mm(279.4))
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "PR"})
"""Countries whose paper is Letter (the United States, Canada, Mexico, the Philippines, Puerto Rico): a language
tag naming one (`en-US`, `fr-CA`, `es-MX`) gets Letter; any other, or none, A4."""
MARGINS = {"top": Mm(22), "bottom": Mm(22), "left": Mm(20), "right": Mm(20)}
"""The PDF brief's page margins; its header and footer sit in the top and bottom ones."""
FURNITURE_DISTANCE = Mm(10)
"""From the paper's edge to the running header, and to the footer."""
FURNITURE_SIZE = Pt(7.5)
RUNNING_TITLE_CHARS = 80
"""The PDF cuts the running title with an ellipsis where it would run into the audience; Word cuts it here."""


def paper(language: str) -> tuple[Length, Length]:
    """The width and height of the paper the language's country uses (BCP 47: the region is the first subtag
    after the language of two letters)."""
    region = next((subtag.upper() for subtag in language.split("-")[1:] if len(subtag) == 2), "")
    return LETTER if region in LETTER_REGIONS else A4


def set_up(document: DocumentType, language: str, title: str, audience: str, palette: Palette) -> None:
    """Paper, margins, running header and page numbers on every section of a document on the built-in
    template."""
    width, height = paper(language)
    for section in document.sections:
        section.page_width, section.page_height = width, height
        for side, margin in MARGINS.items():
            setattr(section, f"{side}_margin", margin)
        section.header_distance = section.footer_distance = FURNITURE_DISTANCE
        section.different_first_page_header_footer = True  # the masthead stands in for the header on page one
        _running_header(section, _cut(title), audience, palette)
        for footer in (section.footer, section.first_page_footer):
            _page_numbers(footer.paragraphs[0], palette)
        section.first_page_header.is_linked_to_previous = False  # an empty header of its own


def text_width(section: Section) -> int:
    """The width between the section's margins, in EMU (Letter's, 1 inch each, where the template says none)."""
    return int((section.page_width or LETTER[0]) - (section.left_margin or Mm(25.4))
               - (section.right_margin or Mm(25.4)))


def _cut(title: str) -> str:
    if len(title) <= RUNNING_TITLE_CHARS:
        return title
    return title[:RUNNING_TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"


def _running_header(section: Section, title: str, audience: str, palette: Palette) -> None:
    """The title on the left and the audience, in capitals, on the right (at a tab stop on the right margin)."""
    paragraph = section.header.paragraphs[0]
    stops = paragraph.paragraph_format.tab_stops
    for inherited in paragraph.style.paragraph_format.tab_stops if paragraph.style else ():
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)  # Header's, set for Letter's width
    stops.add_tab_stop(text_width(section), WD_TAB_ALIGNMENT.RIGHT)
    _muted(paragraph.add_run(title), palette)
    audience_run = paragraph.add_run("\t" + audience)
    _muted(audience_run, palette)
    audience_run.bold = True
    audience_run.font.all_caps = True


def _page_numbers(paragraph: Paragraph, palette: Palette) -> None:
    """"Page N of M", right-aligned, N and M fields (PAGE, NUMPAGES) that Word and LibreOffice compute."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _muted(paragraph.add_run("Page "), palette)
    _field(paragraph, "PAGE", palette)
    _muted(paragraph.add_run(" of "), palette)
    _field(paragraph, "NUMPAGES", palette)


def _field(paragraph: Paragraph, instruction: str, palette: Palette) -> None:
    """A simple field whose shown value ("1") Word replaces when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    placeholder = paragraph.add_run("1")
    _muted(placeholder, palette)
    field.append(placeholder._r)  # moved from the paragraph into the field
    paragraph._p.append(field)


def _muted(run: Run, palette: Palette) -> None:
    font = run.font
    font.size = FURNITURE_SIZE
    font.color.rgb = theme.docx_rgb(palette.muted)
