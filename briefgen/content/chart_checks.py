"""A table's `chart:` as written → the problems between it and its table: columns its header does not have, and
cells of the columns it draws that are not numbers (reported at the cell, or at the CSV line it came from)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from briefgen.content.loader import LoadedDocument
from briefgen.content.numbers import missing, number
from briefgen.errors import FieldPath, Problem

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
        yield document.problem(where, f"names the column {name!r}, which the table's header does not have{hint}")
    if named or not isinstance(rows, list):
        return
    x = str(chart.get("x", "")).strip()
    for field in _DRAWN:
        for _, name in _names(chart.get(field)):
            if name.strip() == x:
                yield document.problem((*path, "chart", field), f"draws the column {name!r} that names the "
                                                                "categories (`x`): name a column of numbers")
                continue
            yield from _number_problems(document, path, rows, columns[name.strip()], name)


def _names(value: Any) -> list[tuple[int, str]]:
    return [(index, name) for index, name in enumerate(value if isinstance(value, list) else [value])
            if isinstance(name, str)]


def _number_problems(document: LoadedDocument, path: FieldPath, rows: list[Any], column: int,
                     name: str) -> Iterator[Problem]:
    counted = wrong = 0
    for index, row in enumerate(rows):
        shorthand = not isinstance(row, dict)
        cells = row if shorthand else row.get("cells")
        if not isinstance(cells, list) or column >= len(cells) or not isinstance(cells[column], str | int | float):
            continue
        cell = str(cells[column])
        if "{" in cell and "}" in cell:  # a quote of an edition's value: a number once filled in
            counted += 1
            continue
        if number(cell) is not None:
            counted += 1
        elif not missing(cell):
            wrong += 1
            where: FieldPath = (*path, "rows", index, *(() if shorthand else ("cells",)), column)
            yield document.problem(where, f"{cell!r} in the column {name!r}, which the chart draws, is not a "
                                          "number: write one number (1,204, 12.5%, £3.2m), or leave the cell empty "
                                          "or a dash for no value")
    if rows and not counted and not wrong:
        yield document.problem((*path, "chart"), f"draws the column {name!r}, which has no numbers")
