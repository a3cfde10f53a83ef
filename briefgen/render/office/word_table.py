"""A table's text → the widths of its columns in Word: each column as wide as its text asks (a column of numbers
narrow, one of sentences wide), the whole as wide as the page's text, as the PDF's tables are. The layout is
fixed, so that Word and LibreOffice both keep the widths rather than spreading the columns evenly."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table as WordTable

from briefgen.render.office.reading import Table

FEWEST_CHARS = 4
"""A column is at least this many characters wide, and as wide as its longest word."""
MOST_CHARS = 40
"""A column's text beyond this length wraps rather than widening it: a sentence does not squeeze the others."""
PADDING_CHARS = 2
"""The room a cell's padding takes, in characters."""
EMU_PER_TWIP = 635


def widths(table: Table, room: int) -> list[int]:
    """The width of each column of `table`, in EMU, summing to `room`: in proportion to the longest text of its
    body cells (or its header's, for a table with no body), between its longest word and `MOST_CHARS`."""
    columns = max(len(row) for row in table.rows)
    body = table.rows[table.header_rows:] or table.rows
    weights = []
    for column in range(columns):
        longest = max((len(row[column].text) for row in body if column < len(row)), default=0)
        word = max((len(word) for row in table.rows if column < len(row) for word in row[column].text.split()),
                   default=0)
        weights.append(min(max(longest, word, FEWEST_CHARS), MOST_CHARS) + PADDING_CHARS)
    return shares(weights, room)


def shares(weights: list[int], room: int) -> list[int]:
    """`room` divided in proportion to `weights`, the last share taking what rounding left."""
    total = sum(weights)
    cut = [room * weight // total for weight in weights[:-1]]
    return [*cut, room - sum(cut)]


def fix(grid: WordTable, column_widths: list[int]) -> None:
    """Give the table, its grid and each of its cells these widths, in a fixed layout."""
    grid.autofit = False  # w:tblLayout type="fixed"
    width = grid._tbl.tblPr.xpath("w:tblW")[0]  # python-docx writes one, "auto", in each table it adds
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(column_widths) // EMU_PER_TWIP))
    for column, column_width in zip(grid.columns, column_widths, strict=True):
        column.width = Emu(column_width)
    for row in grid.rows:
        for cell, column_width in zip(row.cells, column_widths, strict=False):
            cell.width = Emu(column_width)
