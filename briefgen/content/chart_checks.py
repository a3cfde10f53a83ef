"""A table's `chart:` as written → the problems between it and its table: columns its header does not have,
cells of the columns it draws that are not numbers (reported at the cell), and numbers in more than one unit."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from briefgen.content.loader import LoadedDocument
from briefgen.content.numbers import missing, number
from briefgen.errors import FieldPath, Problem
from briefgen.rules import CHART_DATA

_DRAWN = ("y", "low", "high")
"""The fields naming columns of numbers."""


def chart_problems(document: LoadedDocument, path: FieldPath, table: dict[str, Any]) -> Iterator[Problem]:
    """The problems of the chart of the table at `path` (none if it has no chart, or its header is not a list:
    the schema reports that)."""
    chart, header, rows = table.get("chart"), table.get("header"), table.get("rows")
    if not isinstance(chart, dict) or not isinstance(header, list):
        return
    columns = {str(heading).strip(): index for index, heading in enumerate(header)}
    named = [(field, index, name) for field in ("x", *_DRAWN)
             for index, name in _names(chart.get(field)) if name.strip() not in columns]
    for field, index, name in named:
        where: FieldPath = (*path, "chart", field, *((index,) if isinstance(chart.get(field), list) else ()))
        close = difflib.get_close_matches(name.strip(), list(columns), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the header has {', '.join(map(repr, columns))}"
        yield document.problem(where, f"names the column {name!r}, which the table's header does not have{hint}",
                               rule=CHART_DATA)
    if named or not isinstance(rows, list):
        return
    x = str(chart.get("x", "")).strip()
    drawn: list[tuple[int, str]] = []
    for field in _DRAWN:
        for _, name in _names(chart.get(field)):
            if name.strip() == x:
                yield document.problem((*path, "chart", field), f"draws the column {name!r} that names the "
                                                                "categories (`x`): name a column of numbers",
                                       rule=CHART_DATA)
                continue
            drawn.append((columns[name.strip()], name))
            yield from _number_problems(document, path, rows, columns[name.strip()], name)
    yield from _unit_problems(document, path, rows, drawn)


def _names(value: Any) -> list[tuple[int, str]]:
    return [(index, name) for index, name in enumerate(value if isinstance(value, list) else [value])
            if isinstance(name, str)]


def _cells(rows: list[Any], column: int) -> Iterator[tuple[int, bool, str]]:
    """Each row's cell of `column` as text: (the row's index, whether the row is a bare list, the cell)."""
    for index, row in enumerate(rows):
        shorthand = not isinstance(row, dict)
        cells = row if shorthand else row.get("cells")
        if isinstance(cells, list) and column < len(cells) and isinstance(cells[column], str | int | float):
            yield index, shorthand, str(cells[column])


def _number_problems(document: LoadedDocument, path: FieldPath, rows: list[Any], column: int,
                     name: str) -> Iterator[Problem]:
    counted = wrong = 0
    for index, shorthand, cell in _cells(rows, column):
        quoted = "{" in cell and "}" in cell  # an edition's value: a number once filled in
        if quoted or number(cell) is not None:
            counted += 1
        elif not missing(cell):
            wrong += 1
            where: FieldPath = (*path, "rows", index, *(() if shorthand else ("cells",)), column)
            yield document.problem(where, f"{cell!r} in the column {name!r}, which the chart draws, is not a "
                                          "number: write one number (1,204, 12.5%, £3.2m), or leave the cell empty "
                                          "or a dash for no value", rule=CHART_DATA)
    if rows and not counted and not wrong:
        yield document.problem((*path, "chart"), f"draws the column {name!r}, which has no numbers", rule=CHART_DATA)


def _unit_problems(document: LoadedDocument, path: FieldPath, rows: list[Any],
                   columns: list[tuple[int, str]]) -> Iterator[Problem]:
    """A problem if the columns drawn print numbers in more than one unit (12% and 40, £3m and 3m): one axis
    cannot show both."""
    units: dict[tuple[str, str], str] = {}
    for column, name in columns:
        for _, _, cell in _cells(rows, column):
            if (found := number(cell)) is not None:
                units.setdefault((found.style.prefix, found.style.suffix), f"{cell!r} in {name!r}")
    if len(units) > 1:
        first, second = list(units.values())[:2]
        yield document.problem((*path, "chart"), f"draws numbers in different units, such as {first} and "
                                                 f"{second}, on one axis: write every number it draws in one unit "
                                                 "(all percentages, say), or chart them apart", rule=CHART_DATA)
