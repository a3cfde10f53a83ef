"""One slide of a deck's page → the PowerPoint slide made from its layout: the title in the title placeholder,
statements as bulleted paragraphs of the body placeholder, a contrast's poles in two placeholders with what
goes with them in bands, call-outs as shaded boxes, tables as tables, figures with their alt text, the logo,
speaker notes and the slide number, at the HTML deck's sizes."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree
from lxml.html import HtmlElement
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from briefgen.content.office import layout_placeholders
from briefgen.render.office import drawing, reading, theme
from briefgen.render.office.presentation import Deck
from briefgen.render.office.reading import Paragraph, Picture, Run, Table

if TYPE_CHECKING:
    from pptx.shapes.placeholder import SlidePlaceholder


_TEXT_PX = {"title": 46, "title-slide": 62, "subtitle": 30, "body": 28, "small": 24, "statement": 40, "quote": 34}
"""Text sizes of the HTML deck (css/slides.css), in its pixels, before a slide is set smaller."""
_SHRUNK_PX = {1: {"title": 40, "title-slide": 50, "body": 26, "statement": 34, "quote": 30},
              2: {"title": 34, "title-slide": 40, "body": 24, "statement": 28, "quote": 26}}
"""The sizes of a slide set one or two steps smaller (`fit-1`, `fit-2`)."""


def text_sizes(shrink: int) -> dict[str, int]:
    """The HTML deck's text sizes, in its pixels, on a slide set `shrink` steps smaller."""
    return {**_TEXT_PX, **_SHRUNK_PX.get(shrink, {})}


_TEXT_PLACEHOLDERS = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""A fixed id for each slide-number field (PowerPoint accepts any GUID; a fixed one keeps the bytes equal)."""
_CELL_PADDING = Emu(182_880)
"""A table cell's padding, top and bottom or left and right: 0.1 in each side, PowerPoint's default."""
_BULLET_INDENT = Emu(228_600)
"""Where a bulleted paragraph's text starts, a level in: 0.25 in."""
_NUMBER_INDENT = Emu(457_200)
"""Where a numbered paragraph's text starts: 0.5 in."""
_GAP = Emu(114_300)
"""Space between a caption and what it captions: 0.125 in."""


@dataclass
class SlideWriter:
    """Writes one slide of `deck`, of a `kind` of slide, at `px` sizes (`text_sizes`)."""

    deck: Deck
    slide: Slide
    kind: str
    px: dict[str, int]

    def write(self, body: HtmlElement, figure: HtmlElement | None) -> None:
        placeholders = sorted((placeholder for placeholder in self.slide.placeholders
                               if placeholder.placeholder_format.type in _TEXT_PLACEHOLDERS),
                              key=lambda shape: (shape.left or 0, shape.top or 0))
        title = self.slide.shapes.title
        heading = body.find("h1") if self.kind == "title" else body.find("h2")
        if title is not None and heading is not None:
            size = "title-slide" if self.kind == "title" else "title"
            self.fill(title.text_frame, [Paragraph(reading.runs_of(heading))], size)
            self._read_first(title)  # whatever the layout's order
        rest = [child for child in body.iterchildren() if child is not heading and child is not figure]
        used: list[Any] = []
        contrast = next((child for child in rest if "contrast" in child.classes), None)
        blocks = [block for child in rest if child is not contrast for block in reading.read(child)]
        text = [block for block in blocks if isinstance(block, Paragraph) and block.box != "callout"]
        before: list[Paragraph] = []
        if contrast is not None:
            for pole, placeholder in zip(contrast.find_class("pole"), placeholders, strict=False):
                self.fill(placeholder.text_frame, reading.read(pole), "small")
                used.append(placeholder)
            before = [block for child in rest[:rest.index(contrast)] for block in reading.read(child)
                      if isinstance(block, Paragraph)]
        free = [placeholder for placeholder in placeholders if placeholder not in used]
        if text and free and contrast is None:
            self.fill(free[0].text_frame, text, self._size())
            used.append(free[0])
        after = [block for block in text if block not in before] if contrast is not None else []
        # The figure goes where the layout's next placeholder is, which makes room for the bands too.
        picture_box = next((placeholder for placeholder in free if placeholder not in used), None) \
            if figure is not None else None
        below = self.bands([*used, *([picture_box] if picture_box is not None else [])], before, after,
                           _callouts(blocks))
        for table in (block for block in blocks if isinstance(block, Table)):
            self.table(table)
        logo = next((block for block in blocks if isinstance(block, Picture) and block.logo), None)
        if logo is not None and self.deck.brand.office.pptx is None:  # a template of one's own has its logo
            self.logo(logo, plate="logo-plate" in body.find(".//img").classes)
        if figure is not None:
            picture = reading.read(figure)
            if picture and isinstance(picture[0], Picture):
                self.picture(picture[0], picture_box)
        for box in below:  # read after everything above them
            self._read_last(box)
        for placeholder in placeholders:
            if placeholder not in used:  # an empty placeholder shows "Click to add text" and is read out
                placeholder._element.getparent().remove(placeholder._element)

    def bands(self, filled: list[Any], before: list[Paragraph], after: list[Paragraph],
              callouts: list[list[Paragraph]]) -> list[Any]:
        """Text beside what the placeholders hold, in bands across the slide, which the placeholders make room
        for: above them, an introduction to a contrast's poles; below them, statements that share the slide
        with the poles, then call-outs, each a shaded box. The band above is read before the placeholders;
        the boxes below are returned, to be read after whatever else the slide gets."""
        if not (before or after or callouts):
            return []
        left, content_top, width, bottom = self._content_box()
        top = min((shape.top for shape in filled), default=content_top)
        height = max((shape.top + shape.height for shape in filled), default=bottom) - top
        wanted = [self._text_height(paragraphs, width) if paragraphs else 0
                  for paragraphs in (before, after, *callouts)]
        scale = min(1.0, height * 0.6 / sum(wanted))  # the placeholders keep at least two fifths
        above, *below = [round(want * scale) for want in wanted]
        for shape in filled:  # all four, or the placeholder's own position would start from nothing
            shape.left, shape.width = Emu(shape.left), Emu(shape.width)
            shape.top, shape.height = Emu(top + above), Emu(height - above - sum(below))
        if before:
            box = self._text_box(before, left, top, width, above - _GAP)
            if filled:
                self.slide.shapes._spTree.remove(box._element)
                filled[0]._element.addprevious(box._element)  # read before the placeholders
        position = top + height - sum(below) if filled else top  # below the placeholders, or at the top
        boxes = []
        for paragraphs, band in zip((after, *callouts), below, strict=True):
            if paragraphs:
                box = self._text_box(paragraphs, left, position + _GAP, width, band - _GAP)
                if paragraphs[0].box == "callout":
                    box.fill.solid()
                    tint = self.deck.palette.note_tint if paragraphs[0].tone == "caveat" else \
                        self.deck.palette.accent_tint
                    box.fill.fore_color.rgb = theme.rgb(tint)
                boxes.append(box)
            position += band
        return boxes

    def _text_height(self, paragraphs: list[Paragraph], width: int) -> int:
        """About how tall `paragraphs` set small are in a box `width` wide: their lines (`_wrapped_lines`),
        1.25 apart, and the box's margins."""
        lines = sum(_wrapped_lines(paragraph.text, width, self.small) for paragraph in paragraphs)
        return round(lines * self.small * 1.25) + _CELL_PADDING + _GAP

    def _text_box(self, paragraphs: list[Paragraph], left: int, top: int, width: int, height: int) -> Any:
        box = self.slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
        self.fill(box.text_frame, paragraphs, "small", own_bullets=True)
        return box

    def _size(self) -> str:
        return {"statement": "statement", "quote": "quote", "references": "small", "title": "subtitle"}.get(
            self.kind, "body")

    def fill(self, frame: TextFrame, blocks: Sequence[object], size: str, own_bullets: bool = False) -> None:
        """Write `blocks`' paragraphs into `frame`, as the HTML deck sets them; `own_bullets` for a text box,
        which has no bullets of its own to inherit as a placeholder does."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # an edit that makes it longer shrinks, not spills
        paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
        for index, block in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            self.paragraph(paragraph, block, size, own_bullets)

    def paragraph(self, paragraph: _Paragraph, block: Paragraph, size: str, own_bullets: bool = False) -> None:
        points = block.role == "item" and block.level > 0
        px = self.px["small"] if points or block.role in ("caption", "box-title") or size == "small" \
            else self.px[size]
        if block.role == "item" and self.kind not in ("statement", "quote"):
            paragraph.level = min(block.level, 4)
            if block.ordered:
                _numbered(paragraph, block.number or 1)
            elif own_bullets:
                _bulleted(paragraph, block.level)
        else:
            _unbulleted(paragraph)
        bold = block.role in ("heading", "box-title")
        italic = block.role in ("quote", "caption") or self.kind == "quote"
        self.runs(paragraph, block.runs, Pt(px * self.deck.scale), bold, italic)

    def runs(self, paragraph: _Paragraph, runs: Iterable[Run], size: Pt, bold: bool = False,
             italic: bool = False) -> None:
        for run in runs:
            for number, line in enumerate(run.text.split(reading.LINE_BREAK)):
                if number:
                    paragraph.add_line_break()
                if not line:
                    continue
                written = paragraph.add_run()
                written.text = line
                written.font.size = size
                written.font.bold = run.bold or bold or None
                written.font.italic = run.italic != italic or None
                if run.code:
                    written.font.name = "Courier New"
                written._r.get_or_add_rPr().set("lang", self.deck.language)
                if run.link and run.link.startswith("#"):
                    self.deck.links.append((self.slide, written, run.link[1:]))
                elif run.link and self.kind != "title":
                    # (Not on the title slide, whose links show their address: the theme's link colour is
                    # not legible on the accent it is drawn on.)
                    written.hyperlink.address = run.link

    def _content_box(self) -> tuple[int, int, int, int]:
        """Left, top, width and bottom of the area below the title, inside the slide's margins."""
        width, height = self.deck.size
        title = self.slide.shapes.title
        left = title.left if title is not None and title.left is not None else width // 16
        top = title.top + title.height + _GAP if title is not None and title.top is not None else height // 6
        return left, top, width - 2 * left, height - height // 10

    def caption(self, runs: tuple[Run, ...], left: int, top: int, width: int) -> int:
        """A caption line at (left, top); the height it takes."""
        if not runs:
            return 0
        box = self.slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(self._caption_height() - _GAP))
        box.text_frame.word_wrap = True
        self.runs(box.text_frame.paragraphs[0], runs, self.small)
        return self._caption_height()

    def _caption_height(self) -> int:
        """The height a caption's line takes, with the gap after it."""
        return round(self.small * 1.6) + _GAP

    @property
    def small(self) -> Pt:
        """The HTML deck's small text (captions, poles, points, tables), in points at this deck's scale."""
        return Pt(self.px["small"] * self.deck.scale)

    def table(self, table: Table) -> None:
        left, top, width, bottom = self._content_box()
        top += self.caption(table.caption, left, top, width)
        columns = max(len(row) for row in table.rows)
        widths = _column_widths(table, columns, width)
        size = self.small
        room = bottom - top - (self._caption_height() if table.source else 0)
        while True:  # the HTML deck's size, or smaller until the rows as wrapped fit (not below 12 pt)
            heights = [_row_height(row, widths, size) for row in table.rows]
            if sum(heights) <= room or size <= Pt(12):
                break
            size = Pt(size.pt - 1)
        shape = self.slide.shapes.add_table(len(table.rows), columns, Emu(left), Emu(top), Emu(width),
                                            Emu(sum(heights)))
        grid = shape.table
        grid.first_row = table.header_rows > 0
        grid.first_col = any(row[0].header for row in table.rows[table.header_rows:] if row)
        for column, column_width in enumerate(widths):
            grid.columns[column].width = Emu(column_width)
        for row_number, (row, row_height) in enumerate(zip(table.rows, heights, strict=True)):
            grid.rows[row_number].height = Emu(row_height)
            for column, cell in enumerate(row):
                paragraph = grid.cell(row_number, column).text_frame.paragraphs[0]
                paragraph.alignment = PP_ALIGN.RIGHT if cell.align == "right" else PP_ALIGN.LEFT
                self.runs(paragraph, cell.runs, size, bold=cell.header)
        self.caption(table.source, left, top + sum(heights) + _GAP, width)

    def picture(self, picture: Picture, box: SlidePlaceholder | None) -> None:
        if box is not None:
            left, top, width, height = box.left, box.top, box.width, box.height
        else:
            left, top, width, bottom = self._content_box()
            height = bottom - top
        caption = self._caption_height() if picture.caption else 0
        scale = min(width / picture.width, (height - caption) / picture.height)
        shown_width, shown_height = round(picture.width * scale), round(picture.height * scale)
        self._add_picture(picture, left + (width - shown_width) // 2, top, shown_width, shown_height)
        self.caption(picture.caption, left, top + shown_height + _GAP, width)

    def logo(self, picture: Picture, plate: bool) -> None:
        """The brand's logo at the top left, as the HTML deck's title slide has it: on a plate of the page's
        colour when the brand has no variant for dark backgrounds."""
        width, height = self.deck.size
        shown_height = round(height * 0.1)
        shown_width = round(picture.width * shown_height / picture.height)
        shape = self._add_picture(picture, width // 16, height // 12, shown_width, shown_height)
        if plate:  # a fill comes after the picture's geometry in its shape properties
            shape._element.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}").addnext(theme.solid_fill(self.deck.palette.paper))
        self._read_first(shape)  # above the title, as it is shown

    def _add_picture(self, picture: Picture, left: int, top: int, width: int, height: int) -> Any:
        shape = self.slide.shapes.add_picture(io.BytesIO(picture.png_or_jpeg), Emu(left), Emu(top), Emu(width),
                                              Emu(height))
        drawing.describe_picture(shape._element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}"), picture.alt)
        return shape

    def _read_first(self, shape: Any) -> None:
        """Move `shape` to the start of the slide's reading order (the shape tree's first two children are its
        group properties)."""
        self.slide.shapes._spTree.remove(shape._element)
        self.slide.shapes._spTree.insert(2, shape._element)

    def _read_last(self, shape: Any) -> None:
        self.slide.shapes._spTree.remove(shape._element)
        self.slide.shapes._spTree.append(shape._element)

    def number(self, number: int) -> None:
        """The slide number, as a field in the layout's slide-number placeholder (or a box where it would be)."""
        layout_number = next((placeholder for placeholder in layout_placeholders(self.slide.slide_layout)
                              if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
        shape: Any
        if layout_number is not None:
            self.slide.shapes.clone_placeholder(layout_number)
            shape = self.slide.shapes[-1]
        else:
            width, height = self.deck.size
            shape = self.slide.shapes.add_textbox(Emu(width - width // 8), Emu(height - height // 10),
                                                  Emu(width // 16), Emu(height // 16))
        paragraph = shape.text_frame.paragraphs[0]
        paragraph._p.append(etree.fromstring(
            f'<a:fld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="{_SLIDE_NUMBER_FIELD}" '
            f'type="slidenum"><a:rPr lang="{self.deck.language}"/><a:t>{number}</a:t></a:fld>'))


def _column_widths(table: Table, columns: int, width: int) -> list[int]:
    """Columns as wide as their longest text asks, within bounds: a label column is not squeezed to the width
    of a column of numbers."""
    wants = [max(8, min(40, max((len(row[column].text) for row in table.rows if column < len(row)), default=0)))
             for column in range(columns)]
    widths = [width * want // sum(wants) for want in wants]
    widths[-1] += width - sum(widths)
    return widths


def _callouts(blocks: list[reading.Block]) -> list[list[Paragraph]]:
    """The call-outs among `blocks`: the paragraphs of each, from its title on."""
    callouts: list[list[Paragraph]] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.box == "callout":
            if block.role == "box-title" or not callouts:
                callouts.append([])
            callouts[-1].append(block)
    return callouts


def _row_height(row: tuple[reading.Cell, ...], widths: list[int], size: Pt) -> int:
    """A table row's height for its longest cell (`_wrapped_lines`): what comes below the table is placed
    after it (PowerPoint grows a row to its text, but does not move the shapes below)."""
    lines = max((_wrapped_lines(cell.text, width, size) for cell, width in zip(row, widths, strict=False)),
                default=1)
    return round(lines * size * 1.2) + _CELL_PADDING


def _wrapped_lines(text: str, width: int, size: float) -> int:
    """About how many lines `text` at `size` takes in a box `width` wide with PowerPoint's padding: at an
    average character's width, 0.55 of the size."""
    return max(1, math.ceil(len(text) * size * 0.55 / max(width - _CELL_PADDING, 1)))


def _unbulleted(paragraph: _Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    etree.SubElement(properties, qn("a:buNone"))


def _bulleted(paragraph: _Paragraph, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(_BULLET_INDENT * (level + 1)))
    properties.set("indent", str(-_BULLET_INDENT))
    # A bullet, then a dash a level in: as the HTML deck marks statements and their points.
    etree.SubElement(properties, qn("a:buChar"), char="\u2022" if level == 0 else "\u2013")


def _numbered(paragraph: _Paragraph, start: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(_NUMBER_INDENT))  # hanging: room for "10." before the text, which lines up
    properties.set("indent", str(-_NUMBER_INDENT))
    etree.SubElement(properties, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(start))
