"""A brief's page → an editable Word file: headings in Word's heading styles, real bulleted and numbered
lists, tables whose header row repeats on each page and whose columns are as wide as their text, a contrast's
poles side by side in a table, figures with alt text, the audience's panel and call-outs as shaded boxes,
references in Word's Bibliography style with citations linked to them, made with the brand's own template (its
styles, page set-up, headers and footers) or the built-in one styled by the brand, on the PDF's pages."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph
from lxml.html import HtmlElement

from briefgen.content.brand import Brand, Palette
from briefgen.render.office import (
    blocks,
    checks,
    drawing,
    package,
    reading,
    theme,
    word_chart,
    word_page,
    word_styles,
    word_table,
)
from briefgen.render.office import chart as office_chart
from briefgen.render.office.blocks import Block, ChartFigure, Contrast, Paragraph, Picture, Run, Table
from briefgen.render.office.word_notes import WordNotes

if TYPE_CHECKING:
    from briefgen.render.draft import Draft

_HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
"""A heading's level on the page → its Word style; deeper ones are "Heading 3"."""
_BOOKMARK = re.compile(r"[^A-Za-z0-9_]")
LOGO_WIDTH = Inches(1.6)
AFTER_TABLE = Pt(8)
"""Room above a paragraph that follows a table (Word leaves none; the PDF's tables have a margin below)."""
CHART_TEXT = Pt(9)
"""A chart's text: the size the PDF sets a table's (its numbers as the table prints them)."""
CHART_SHAPE = 0.56
"""A chart's height to its width (horizontal bars are taller with more of them)."""
BAR_ROW = Pt(20)
"""The height a horizontal bar (or a category's group of them) takes, at least."""


def docx_bytes(draft: Draft) -> bytes:
    """The `docx` format: the brief as an editable Word document; what the Office checks find in it are the
    draft's warnings (so `--strict` fails on them)."""
    with package.writing(draft, "docx"):
        page = reading.parse(draft.html)
        palette = theme.audience_palette(draft.brand, page)
        document = _document(draft.brand, palette)
        styled = draft.brand.office.docx is None
        if styled:
            word_page.set_up(document, page.get("lang", ""), *_running(page), palette)
        word_styles.add_bibliography_style(document)
        look = office_chart.look_of(draft.brand, palette, CHART_TEXT, draft.brand.typography.base.family)
        writer = _Writer(document, palette, styled, look)
        for part in (*page.find_class("masthead"), *page.findall(".//main"), *page.find_class("colophon")):
            for block in reading.read(part, draft.charts):
                writer.add(block)
        writer.link_within()
        _set_language(document, page.get("lang", ""))
        package.describe(document.core_properties, page, draft, "docx")
        return package.saved(document, page, draft, "docx", checks.docx_failures)


def _document(brand: Brand, palette: Palette) -> DocumentType:
    """The brand's template as rebuilt when the brand was read, its body emptied (its page set-up kept); or the
    built-in one, branded."""
    if brand.office.docx is None:
        document = Document()
        theme.apply_to_docx(document, brand, palette)
        return document
    document = Document(io.BytesIO(brand.office.docx.package))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page size, margins, headers and footers stay
            body.remove(child)
    return document


def _running(page: HtmlElement) -> tuple[str, str]:
    """The running header's title and audience, as the PDF's page margins show them (the masthead's)."""
    masthead = page.find_class("masthead")
    title = masthead[0].find(".//h1") if masthead else None
    return (reading.text_of(title) if title is not None else "",
            masthead[0].get("data-audience", "") if masthead else "")


def _set_language(document: DocumentType, language: str) -> None:
    """The language Word proofs and screen readers read the text in: the document default."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an id: letters, digits and `_`, at most 40 characters, unique per id."""
    name = "_" + _BOOKMARK.sub("_", anchor)
    if len(name) > 40 or name[1:] != anchor:
        name = f"{name[:31]}_{hashlib.sha256(anchor.encode()).hexdigest()[:8]}"
    return name


@dataclass
class _Writer:
    document: DocumentType
    palette: Palette
    styled: bool
    """Whether the built-in template is used, which briefgen styles (a table's header row is shaded); an
    organisation's own template keeps its table style as it is."""
    chart_look: office_chart.Look | None = None
    """How charts are drawn: the brand's series colours, its body font."""
    numbering: dict[int, int] = field(default_factory=dict)
    """A numbered list on the page → the Word numbering that starts it again."""
    anchors: set[str] = field(default_factory=set)
    """Ids bookmarked, which links within the document may point at."""
    links: list[tuple[Any, str]] = field(default_factory=list)
    """Hyperlink elements pointing at an id, checked once every bookmark exists."""
    notes: WordNotes = field(init=False)

    def __post_init__(self) -> None:
        self.notes = WordNotes(self.document)

    def add(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Contrast):
            self.contrast(block)
        elif isinstance(block, ChartFigure):
            self.chart(block)
        else:
            self.picture(block)

    def paragraph(self, block: Paragraph, cell: _Cell | None = None) -> WordParagraph:
        """The paragraph at the end of the document, or of `cell`."""
        paragraph = (cell or self.document).add_paragraph(style=self._style(block))
        paragraph.paragraph_format.page_break_before = block.new_page or None
        before = paragraph._p.getprevious()
        if before is not None and before.tag == qn("w:tbl"):
            paragraph.paragraph_format.space_before = AFTER_TABLE
        if block.reference and block.ordered:
            paragraph.add_run(f"{block.number}.\t")  # to the hanging indent's tab stop, as the PDF numbers them
        elif block.role == "item" and block.ordered and block.level == 0:
            self._number(paragraph, block)
        if block.box is not None:
            self._box(paragraph, block)
        self.runs(paragraph, block.runs, bold=block.role == "box-title")
        self._anchor(paragraph, block.anchors)
        return paragraph

    def _anchor(self, paragraph: WordParagraph, anchors: tuple[str, ...]) -> None:
        for anchor in anchors:
            self._bookmark(paragraph, anchor)

    def _style(self, block: Paragraph) -> str:
        if block.role == "heading":
            return _HEADING_STYLES.get(block.level, "Heading 3")
        if block.reference:
            return word_styles.BIBLIOGRAPHY
        if block.role == "item":
            if block.ordered and block.level == 0:
                return "List Number"
            return "List Bullet" if block.level == 0 else "List Bullet 2"
        return {"subtitle": "Subtitle", "quote": "Quote", "caption": "Caption"}.get(block.role, "Normal")

    def _number(self, paragraph: WordParagraph, block: Paragraph) -> None:
        """Number the item in its own list: Word's "List Number" style would go on counting across lists."""
        style = self.document.styles["List Number"].element
        style_numbering = style.pPr.numPr if style.pPr is not None else None
        if style_numbering is None:  # a template whose style numbers nothing: its choice
            return
        if block.list_id not in self.numbering:
            numbering = self.document.part.numbering_part.element
            abstract = numbering.num_having_numId(style_numbering.numId.val).abstractNumId.val
            number = numbering.add_num(abstract)
            number.add_lvlOverride(ilvl=0).add_startOverride(block.number or 1)
            self.numbering[block.list_id] = number.numId
        properties = paragraph._p.get_or_add_pPr()
        numbered = properties.get_or_add_numPr()
        numbered.get_or_add_ilvl().val = 0
        numbered.get_or_add_numId().val = self.numbering[block.list_id]

    def _box(self, paragraph: WordParagraph, block: Paragraph) -> None:
        """Shade the paragraph and rule its left edge, as the page boxes a panel or call-out."""
        fill = self.palette.note_tint if block.tone == "caveat" else self.palette.accent_tint
        properties = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for name, value in (("val", "single"), ("sz", "24"), ("space", "8"),
                            ("color", theme.hex_digits(self.palette.accent))):
            left.set(qn(f"w:{name}"), value)
        borders.append(left)
        # pPr's children have a fixed order: pStyle, keepNext…numPr…, pBdr, shd, …
        properties.insert_element_before(borders, *_AFTER_BORDERS)
        properties.insert_element_before(_shading(fill), *_AFTER_SHADING)

    def runs(self, paragraph: WordParagraph, runs: tuple[Run, ...], bold: bool = False) -> None:
        for run in runs:
            if run.note:
                self.notes.call(paragraph, run.note, self.runs)
                continue
            holder = paragraph._p
            if run.link:
                holder = self._hyperlink(paragraph, run.link, run.tooltip)
            lines = run.text.split(blocks.LINE_BREAK)
            for number, line in enumerate(lines):
                written = paragraph.add_run()
                written.text = line
                if number < len(lines) - 1:
                    written.add_break()  # after the text: setting a run's text clears what it held
                written.bold = run.bold or bold or None
                written.italic = run.italic or None
                written.font.superscript = run.superscript or None
                if run.code:
                    written.font.name = "Courier New"
                if run.link:
                    written.font.color.rgb = theme.docx_rgb(self.palette.link)
                    written.font.underline = True
                if holder is not paragraph._p:
                    holder.append(written._r)  # python-docx adds runs to the paragraph; links hold theirs

    def _hyperlink(self, paragraph: WordParagraph, link: str, tooltip: str | None) -> Any:
        hyperlink = OxmlElement("w:hyperlink")
        if tooltip:
            hyperlink.set(qn("w:tooltip"), tooltip)
        if link.startswith("#"):
            hyperlink.set(qn("w:anchor"), bookmark_name(link[1:]))
            self.links.append((hyperlink, link[1:]))
        else:
            relationship = paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            hyperlink.set(qn("r:id"), relationship)
        hyperlink.set(qn("w:history"), "1")
        paragraph._p.append(hyperlink)
        return hyperlink

    def _bookmark(self, paragraph: WordParagraph, anchor: str) -> None:
        number = str(len(self.anchors))
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), number)
        start.set(qn("w:name"), bookmark_name(anchor))
        end.set(qn("w:id"), number)
        first = paragraph._p.find(qn("w:pPr"))
        paragraph._p.insert(0 if first is None else 1, start)
        paragraph._p.append(end)
        self.anchors.add(anchor)

    def link_within(self) -> None:
        """Links to an id nothing on the page bookmarked (none are expected) lose their link, keeping text."""
        for hyperlink, anchor in self.links:
            if anchor not in self.anchors:
                parent = hyperlink.getparent()
                for run in list(hyperlink):
                    hyperlink.addprevious(run)
                parent.remove(hyperlink)

    def table(self, table: Table) -> None:
        if table.caption:
            caption = self.document.add_paragraph(style="Caption")
            caption.paragraph_format.keep_with_next = True
            self.runs(caption, table.caption, bold=True)  # a table's title, as the PDF sets it
            self._anchor(caption, table.anchors)
        columns = max(len(row) for row in table.rows)
        grid = self.document.add_table(rows=len(table.rows), cols=columns)
        grid.style = self.document.styles["Table Grid"]
        for row_number, (row, cells) in enumerate(zip(grid.rows, table.rows, strict=True)):
            if row_number < table.header_rows:
                _repeat(row)
            for cell, written in zip(cells, row.cells, strict=False):
                if self.styled and row_number < table.header_rows:
                    written._tc.get_or_add_tcPr().append(_shading(self.palette.accent_tint))  # after its width
                paragraph = written.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if cell.align == "right" else None
                self.runs(paragraph, cell.runs, bold=cell.header)
        word_table.fix(grid, word_table.widths(table, self._room()))
        if table.source:
            self.runs(self.document.add_paragraph(style="Caption"), table.source)

    def contrast(self, contrast: Contrast) -> None:
        """The poles side by side, as the page sets them: a table whose header row holds their labels and whose
        row below holds each one's caption and factors, so that what follows is read after both, outside them."""
        grid = self.document.add_table(rows=2, cols=len(contrast.poles))
        grid.style = self.document.styles["Table Grid"]
        _repeat(grid.rows[0])
        for number, (pole, label, body) in enumerate(zip(contrast.poles, grid.rows[0].cells, grid.rows[1].cells,
                                                         strict=True)):
            self.runs(label.paragraphs[0], pole.label, bold=True)
            if self.styled:  # the page's rule above each pole, and label, in the accent for the first
                _top_rule(label, self.palette.accent if number == 0 else self.palette.muted)
                if number == 0:
                    for run in label.paragraphs[0].runs:
                        run.font.color.rgb = theme.docx_rgb(self.palette.accent)
            for block in pole.blocks:
                written = self.paragraph(block, body)
                for run in written.runs if block.role == "caption" else ():
                    run.font.all_caps = True  # "SUPPORTED BY", as the page sets a pole's caption
            if pole.blocks:
                body._tc.remove(body.paragraphs[0]._p)  # the empty one a new cell holds
        word_table.fix(grid, word_table.shares([1] * len(contrast.poles), self._room()))

    def _room(self) -> int:
        return word_page.text_width(self.document.sections[-1])

    def picture(self, picture: Picture) -> None:
        width = LOGO_WIDTH if picture.logo else Emu(self._room())
        paragraph = self.document.add_paragraph()
        if picture.caption or picture.source:
            paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.png_or_jpeg), width=width)
        drawing.describe_picture(shape._inline.docPr, picture.alt)  # python-docx has no API for alt text
        self._anchor(paragraph, picture.anchors)
        for text in (picture.caption, picture.source):
            if text:
                self.runs(self.document.add_paragraph(style="Caption"), text)

    def chart(self, figure: ChartFigure) -> None:
        """The chart drawn natively, as wide as the text, then its caption as a figure's."""
        chart, width = figure.chart, self._room()
        height = round(width * CHART_SHAPE)
        if chart.kind == "bar" and chart.horizontal:
            bars = len(chart.categories) * (1 if chart.stacked else len(chart.series))
            height = min(max(height, Inches(1.2) + bars * BAR_ROW), round(width * 1.3))
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(figure.caption) or None
        assert self.chart_look is not None  # given wherever a page with charts is written
        word_chart.add(self.document, paragraph, chart, width, height, self.chart_look)
        self._anchor(paragraph, figure.anchors)
        if figure.caption:
            self.runs(self.document.add_paragraph(style="Caption"), figure.caption)


def _repeat(row: _Row) -> None:
    """Mark the row a header row, repeated at the top of each page the table breaks onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _top_rule(cell: _Cell, colour: str) -> None:
    borders = OxmlElement("w:tcBorders")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "24"), ("space", "0"), ("color", theme.hex_digits(colour))):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    # tcPr's children have a fixed order: tcW, gridSpan, vMerge, tcBorders, shd, …
    cell._tc.get_or_add_tcPr().insert_element_before(borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                                                     "w:tcFitText", "w:vAlign", "w:hideMark")


def _shading(fill: str) -> Any:
    shading = OxmlElement("w:shd")
    for name, value in (("val", "clear"), ("color", "auto"), ("fill", theme.hex_digits(fill))):
        shading.set(qn(f"w:{name}"), value)
    return shading


_AFTER_BORDERS = tuple(f"w:{name}" for name in (
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"))
_AFTER_SHADING = _AFTER_BORDERS[1:]

