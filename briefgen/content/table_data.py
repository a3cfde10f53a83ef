"""A table's rows written as a file, `rows: {from: referrals.csv, columns: [...], match: {icb: code}}` → the rows
written out in the data, before the briefing is validated: each record's columns as cells (text, never markup;
numbers printed as declared) and, with `match`, the editions that see it (`editions: {icb: QHM}`)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen.content import figures, written
from briefgen.content.csv_table import CSV_FILE, formatted_record, missing_columns, number_format_problem, read_csv
from briefgen.content.edition_model import RowsFrom
from briefgen.content.fields import schema_rule
from briefgen.content.loader import LoadedDocument
from briefgen.content.richtext import escaped
from briefgen.errors import FieldPath, Problem
from briefgen.rules import EDITION_DATA, INVALID_VALUE, TABLE_SHAPE, UNUSABLE_FILE


def with_file_rows(document: LoadedDocument) -> tuple[LoadedDocument, tuple[Path, ...], list[Problem]]:
    """The document with every table's file of rows read into its `rows` (the document itself if none has
    one), the files read, and the problems met (a table whose file cannot be read keeps its mapping)."""
    tables = [(path, table) for path, table in written.mappings(document.data, ())
              if path[-1:] == ("table",) and isinstance(table.get("rows"), dict)]
    if not tables:
        return document, (), []
    data = copy.deepcopy(document.data)
    files: list[Path] = []
    problems: list[Problem] = []
    for path, table in tables:
        found = list(_problems_or_rows(document, path, table))
        if rows := [row for row in found if isinstance(row, dict)]:
            _holder(data, path)["rows"] = rows
        files += [file for file in found if isinstance(file, Path)]
        problems += [problem for problem in found if isinstance(problem, Problem)]
    return replace(document, data=data), tuple(dict.fromkeys(files)), problems


def _problems_or_rows(document: LoadedDocument, path: FieldPath,
                      table: dict[str, Any]) -> Iterator[Problem | Path | dict[str, Any]]:
    """The file the table at `path` names, once found, then the rows it gives the table, or the problems that
    keep it from giving them."""
    where: FieldPath = (*path, "rows")
    try:
        spec = RowsFrom.model_validate(table["rows"])
    except ValidationError as exc:
        for error in exc.errors():
            yield document.problem((*where, *error["loc"]), error["msg"].removeprefix("Value error, "),
                                   rule=schema_rule(error))
        return
    try:
        file = figures.locate(document.path, spec.source, CSV_FILE)
    except ValueError as exc:
        yield document.problem((*where, "from"), str(exc), rule=UNUSABLE_FILE)
        return
    yield file
    found = read_csv(file, document.path.parent / spec.source, "row")
    declared = document.data.get("editions") if isinstance(document.data, dict) else None
    header = table.get("header")
    if isinstance(header, list) and len(header) != len(spec.columns):
        yield document.problem((*where, "columns"), f"names {len(spec.columns)} columns for the header's "
                                                    f"{len(header)}", rule=TABLE_SHAPE)
    named: list[tuple[FieldPath, str]] = [
             *((("columns", index), name) for index, name in enumerate(spec.columns)),
             *((("match", axis), name) for axis, name in spec.match.items()),
             *((("format", name), name) for name in spec.format)]
    if found.columns:
        yield from missing_columns(document, found, spec.source, (((*where, *field), name) for field, name in named))
    for axis in spec.match:
        if not isinstance(declared, dict) or axis not in declared:
            yield document.problem((*where, "match", axis), f"matches editions {axis!r}, which the briefing does "
                                                            "not declare (`editions:`)", rule=EDITION_DATA)
    for name, spec_text in spec.format.items():
        if (reason := number_format_problem(spec_text)) is not None:
            yield document.problem((*where, "format", name), reason, rule=INVALID_VALUE)
    yield from found.problems
    if found.problems or not all(name in found.columns for _, name in named):
        return
    for line, values in found.records:
        printed = formatted_record(found, line, values, spec.format)
        if printed is None:
            continue
        cells = dict(zip(found.columns, printed, strict=True))
        row: dict[str, Any] = {"cells": [escaped(cells[name]) for name in spec.columns]}
        if spec.match:
            row["editions"] = {axis: values[found.columns.index(column)] for axis, column in spec.match.items()}
        yield row
    yield from found.problems  # numbers its format could not print


def _holder(data: Any, path: FieldPath) -> dict[str, Any]:
    for part in path:
        data = data[part]
    assert isinstance(data, dict)
    return data
