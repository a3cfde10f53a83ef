"""A table's `total` → its total row as a reader sees it: the cells as written, or each column summed over the
rows that reader sees (an edition's, an audience's), so that a total never counts rows left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce

from briefgen.content.numbers import NumberStyle, missing, number

TOTAL = "Total"
"""What a summed total row is headed."""


def total_row(total: Sequence[str] | str | None, rows: Sequence[Sequence[str]], row_headers: bool,
              columns: int) -> tuple[str, ...] | None:
    """The total row of a table of `columns` columns whose reader sees `rows`, or None if it has none."""
    if total is None:
        return None
    if not isinstance(total, str):
        return tuple(total)
    return tuple(TOTAL if column == 0 and row_headers else _sum([row[column] for row in rows])
                 for column in range(columns))


def _sum(cells: Sequence[str]) -> str:
    """The column's sum in the style its cells print in, or "" where a sum would mean nothing: a cell that is not
    a single number (a range, words), a percentage or a rate, or no number at all."""
    numbers = [number(cell) for cell in cells if not missing(cell)]
    if not numbers or any(found is None or found.style.suffix == "%" for found in numbers):
        return ""
    found = [value for value in numbers if value is not None]
    style = reduce(NumberStyle.joined, (value.style for value in found))
    # Thousands are grouped (1,300) unless the column writes them ungrouped (1204): its cells may all be smaller.
    ungrouped = any(abs(value.value) >= 1000 and not value.style.grouping for value in found)
    return replace(style, grouping=not ungrouped).format(sum(value.value for value in found))
