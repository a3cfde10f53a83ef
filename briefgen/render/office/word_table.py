"""A table's text → the widths of its columns in Word: each column as wide as its text asks (a column of numbers
narrow, one of sentences wide, none narrower than its longest word while there is room), the whole as wide as the
page's text, as the PDF's tables are. The layout is fixed, so that Word and LibreOffice both keep the widths
rather than spreading the columns evenly."""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table as WordTable

from briefgen.render.office.blocks import Table

CHARACTER = Pt(5.5)
"""The width of an average character of 11-point text (Word's Normal): what a column's text is measured in."""
PADDING_CHARS = 2
"""The room a cell's padding takes, in characters."""
EMU_PER_TWIP = 635


def widths(table: Table, room: int) -> list[int]:
    """The width of each column of `table`, in EMU, summing to `room`, shared as a browser lays out a table
    (CSS's automatic layout, which the PDF's tables have): each column at least as wide as its longest word and,
    room permitting, as its longest text; the room beyond their longest texts shared in proportion to them, or
    that between their longest words and longest texts in proportion to it. A header's words count but not its
    length: a header over a column of numbers wraps rather than widen it at the expense of a column of text."""
    columns = range(max(len(row) for row in table.rows))
    body = table.rows[table.header_rows:]
    words = [max((len(word) for row in table.rows if column < len(row) for word in row[column].text.split()),
                 default=0) + PADDING_CHARS for column in columns]
    longest = [max([len(row[column].text) + PADDING_CHARS for row in body if column < len(row)], default=0)
               for column in columns]
    longest = [max(most, word) for most, word in zip(longest, words, strict=True)]
    chars = room / CHARACTER
    if sum(longest) <= chars:
        return shares(longest, room)
    if sum(words) >= chars:
        return shares(words, room)
    spare = (chars - sum(words)) / (sum(longest) - sum(words))
    return shares([word + (most - word) * spare for word, most in zip(words, longest, strict=True)], room)


def shares(weights: Sequence[float], room: int) -> list[int]:
    """`room` divided in proportion to `weights`, the last share taking what rounding left."""
    total = sum(weights)
    cut = [int(room * weight / total) for weight in weights[:-1]]
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
