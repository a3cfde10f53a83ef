"""A table read from the deck's page → a PowerPoint table on its slide, below its caption and above its source
line: columns as wide as their text asks, the header row marked, figures aligned as on the page, at the HTML
deck's small size or smaller until its rows, measured in the theme's font, fit above the slide's foot."""

from __future__ import annotations

from typing import Any, Protocol

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefgen.render.office import blocks, measure
from briefgen.render.office.blocks import Run, Table
from briefgen.render.office.frame import Filled, FrameWriter
from briefgen.render.office.presentation import Deck


class Host(Protocol):
    """What a slide's writer gives the table it places (slide.SlideWriter)."""

    deck: Deck
    slide: Slide
    frames: FrameWriter
    gap: int

    @property
    def small(self) -> Pt: ...

    @property
    def body_font(self) -> str: ...

    def content_box(self) -> tuple[int, int, int, int]: ...

    def caption(self, runs: tuple[Run, ...], left: int, top: int, width: int, role: str = "caption") -> Filled | None:
        ...

    def read_last(self, shape: Any) -> None: ...

_CELL_PADDING = Emu(182_880)
"""A table cell's padding, top and bottom or left and right: 0.1 in each side, PowerPoint's default."""
_SMALLEST = Pt(12)
"""A table is set no smaller than this to fit its slide."""


def add(writer: Host, table: Table) -> None:
    left, top, width, bottom = writer.content_box()
    caption = writer.caption(table.caption, left, top, width, role="box-title")
    if caption is not None:
        top += caption.height + writer.gap
    columns = max(len(row) for row in table.rows)
    widths = _column_widths(table, columns, width)
    source = writer.caption(table.source, left, top, width, role="source")
    room = bottom - top - (source.height + writer.gap if source is not None else 0)
    fonts, typeface = measure.Fonts(writer.deck.brand.typography.faces), writer.body_font
    size = writer.small
    while True:  # the HTML deck's size, or smaller until the rows as wrapped fit
        heights = [_row_height(row, widths, size, typeface, fonts) for row in table.rows]
        if sum(heights) <= room or size <= _SMALLEST:
            break
        size = Pt(size.pt - 1)
    shape = writer.slide.shapes.add_table(len(table.rows), columns, Emu(left), Emu(top), Emu(width),
                                          Emu(sum(heights)))
    grid = shape.table
    grid.first_row = table.header_rows > 0
    grid.last_row = table.total_rows > 0  # the table style's total row: a rule above it
    grid.first_col = any(row[0].header for row in table.rows[table.header_rows:] if row)
    for column, column_width in enumerate(widths):
        grid.columns[column].width = Emu(column_width)
    for row_number, (row, row_height) in enumerate(zip(table.rows, heights, strict=True)):
        grid.rows[row_number].height = Emu(row_height)
        for column, cell in enumerate(row):
            paragraph = grid.cell(row_number, column).text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if cell.align == "right" else PP_ALIGN.LEFT
            writer.frames.runs(paragraph, cell.runs, size, bold=cell.header)
    if source is not None:  # below the table, and read after it
        source.shape.top = Emu(top + sum(heights) + writer.gap)
        writer.read_last(source.shape)


def _column_widths(table: Table, columns: int, width: int) -> list[int]:
    """Columns as wide as their longest text asks, within bounds: a label column is not squeezed to the width
    of a column of numbers."""
    wants = [max(8, min(40, max((len(row[column].text) for row in table.rows if column < len(row)), default=0)))
             for column in range(columns)]
    widths = [width * want // sum(wants) for want in wants]
    widths[-1] += width - sum(widths)
    return widths


def _row_height(row: tuple[blocks.Cell, ...], widths: list[int], size: Pt, typeface: str,
                fonts: measure.Fonts) -> int:
    """A table row's height for its tallest cell as wrapped: what comes below the table is placed after it
    (PowerPoint grows a row to its text, but does not move the shapes below)."""
    tallest = max((measure.height([measure.TextParagraph(tuple(
        measure.Span(run.text, typeface, size.pt, run.bold or cell.header, run.italic) for run in cell.runs))],
        Emu(width - _CELL_PADDING).pt, fonts) for cell, width in zip(row, widths, strict=False)), default=size.pt)
    return round(Pt(tallest)) + _CELL_PADDING
