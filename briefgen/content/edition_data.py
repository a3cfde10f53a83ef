"""A briefing's `editions` → each table's rows read from its CSV file, checked, numbers formatted as declared;
and every `{table.column}` its text quotes, checked against the tables (problems at CSV row and column, or at
the text that quotes)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefgen.content import figures, schema, written
from briefgen.content.csv_table import (
    CSV_FILE,
    CsvTable,
    formatted_record,
    missing_columns,
    number_format_problem,
    read_csv,
)
from briefgen.content.edition_model import EDITION_KEY, Editions
from briefgen.content.fields import MAX_NAME_CHARS, MAX_STATEMENT_CHARS
from briefgen.content.loader import LoadedDocument
from briefgen.content.model import Briefing
from briefgen.errors import FieldPath, Problem, quoted
from briefgen.rules import DATA_FILE, DUPLICATE_ID, EDITION_DATA, INVALID_VALUE, OVER_LIMIT, UNUSABLE_FILE

PLACEHOLDER = re.compile(r"(?<!\\)\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\}")
"""`{icb.name}` in text: the edition's value in that column (`\\{` writes a brace as it is)."""


@dataclass(frozen=True)
class EditionRow:
    """One edition: its key (folder), its label, and its values by column, as they are printed."""

    key: str
    label: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EditionTable:
    """The editions one `editions` entry declares, in the file's order."""

    axis: str
    """The table's name in the briefing: how selections and text name it (`icb`)."""
    title: str
    """What one edition is, for readers ("Integrated care board")."""
    path: Path
    rows: tuple[EditionRow, ...]


def read_tables(document: LoadedDocument, briefing: Briefing) -> tuple[tuple[EditionTable, ...], list[Problem]]:
    """Every table `briefing.editions` declares, read; then the quotes of their columns in the text."""
    tables: list[EditionTable] = []
    problems: list[Problem] = []
    for axis, declared in briefing.editions.items():
        field: FieldPath = ("editions", axis)
        try:
            path = figures.locate(document.path, declared.source, CSV_FILE)
        except ValueError as exc:
            problems.append(document.problem((*field, "from"), str(exc), rule=UNUSABLE_FILE))
            continue
        found = read_csv(path, document.path.parent / declared.source, "edition")
        found.problems += _setting_problems(document, field, declared, found)
        rows = _rows(found, declared) if not found.problems else ()
        problems += found.problems
        if not found.problems:
            tables.append(EditionTable(axis, declared.title or axis, path, rows))
    if not problems:
        problems += [*_quote_problems(document, tables), *_rewording_problems(document, tables)]
    return tuple(tables), problems


def _setting_problems(document: LoadedDocument, field: FieldPath, declared: Editions,
                      found: CsvTable) -> Iterator[Problem]:
    """Columns the declaration names that the file lacks, and formats that are none, at the declaration."""
    if not found.columns:
        return
    yield from missing_columns(document, found, declared.source, [
        ((*field, "key"), declared.key), ((*field, "label"), declared.label),
        *(((*field, "format", name), name) for name in declared.format)])
    for name, spec in declared.format.items():
        if (reason := number_format_problem(spec)) is not None:
            yield document.problem((*field, "format", name), reason, rule=INVALID_VALUE)


def _rows(found: CsvTable, declared: Editions) -> tuple[EditionRow, ...]:
    """Each record as an edition: numbers formatted, its key a usable folder name and unique, its label given."""
    key, label = found.columns.index(declared.key), found.columns.index(declared.label)
    rows: list[EditionRow] = []
    first_line: dict[str, int] = {}
    for line, values in found.records:
        printed = formatted_record(found, line, values, declared.format)
        if values[key] in first_line:
            found.at(line, key, f"duplicate key {quoted(values[key])} (first on line {first_line[values[key]]}): "
                                "each edition needs a key of its own", rule=DUPLICATE_ID)
        elif not EDITION_KEY.match(values[key]) or len(values[key]) > MAX_NAME_CHARS:
            found.at(line, key, f"{quoted(values[key])} is not a usable edition key: letters, digits, '-' and '_' "
                                "(it names a folder)", rule=DATA_FILE)
        elif not values[label]:
            found.at(line, label, "the label is empty: each edition needs a name readers know it by", rule=DATA_FILE)
        elif printed is not None:
            rows.append(EditionRow(values[key], values[label], tuple(zip(found.columns, printed, strict=True))))
        first_line.setdefault(values[key], line)
    return tuple(rows)


def _quote_problems(document: LoadedDocument, tables: list[EditionTable]) -> Iterator[Problem]:
    """Quotes of a table that is not declared or of a column it lacks, and text that some edition's values
    would make longer than a statement may be."""
    columns = {table.axis: {name for name, _ in table.rows[0].values} for table in tables}
    longest = {table.axis: _longest_values(table) for table in tables}
    for path, text, _ in schema.texts(document.data):
        grows = 0
        quotes = list(PLACEHOLDER.finditer(text))
        for quote in quotes:
            axis, column = quote.groups()
            if axis not in columns:
                declared = ", ".join(columns) or "none"
                yield document.problem_in_text(path, quote[0], f"{quote[0]} quotes editions {axis!r}, which the "
                                                               f"briefing does not declare (declared: {declared}); "
                                                               "write \\{ for a brace as it is", rule=EDITION_DATA)
            elif column not in columns[axis]:
                yield document.problem_in_text(path, quote[0], f"{quote[0]}: no column {column!r} in editions "
                                                               f"{axis!r} (its columns: "
                                                               f"{', '.join(sorted(columns[axis]))})",
                                               rule=EDITION_DATA)
            else:
                grows += longest[axis][column] - len(quote[0])
        # Text that quotes nothing was held to its own field's limit (a body's is larger) when it was validated.
        if quotes and len(text) + grows > MAX_STATEMENT_CHARS:
            yield document.problem(path, f"with the longest values it quotes, this text is {len(text) + grows:,} "
                                         f"characters, over the limit of {MAX_STATEMENT_CHARS:,}: shorten it",
                                   rule=OVER_LIMIT)


def _rewording_problems(document: LoadedDocument, tables: list[EditionTable]) -> Iterator[Problem]:
    """`for:` entries naming an edition (`icb=QHM`) of a table that is not declared, or that it does not hold;
    table rows limited to editions of a table that is not declared."""
    keys = {table.axis: {row.key for row in table.rows} for table in tables}
    for path, mapping in written.mappings(document.data, ()):
        limited = mapping.get("editions") if path[-2:-1] == ("rows",) else None
        for axis in limited if isinstance(limited, dict) else ():
            if axis not in keys:
                yield document.problem((*path, "editions", axis), f"limited to editions {axis!r}, which the "
                                                                  "briefing does not declare (declared: "
                                                                  f"{', '.join(keys) or 'none'})",
                                       rule=EDITION_DATA)
        reworded = mapping.get("for") if path[-1:] != ("audiences",) else None
        for name in reworded if isinstance(reworded, dict) else ():
            axis, equals, key = str(name).partition("=")
            if not equals:
                continue
            if axis not in keys:
                yield document.problem((*path, "for", name), f"reworded for editions {axis!r}, which the briefing "
                                                             f"does not declare (declared: "
                                                             f"{', '.join(keys) or 'none'})",
                                       rule=EDITION_DATA)
            elif key not in keys[axis]:
                close = difflib.get_close_matches(key, sorted(keys[axis]), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield document.problem((*path, "for", name), f"no edition {key!r} in editions {axis!r}{hint}",
                                       rule=EDITION_DATA)


def _longest_values(table: EditionTable) -> Mapping[str, int]:
    longest: dict[str, int] = {}
    for row in table.rows:
        for name, value in row.values:
            longest[name] = max(longest.get(name, 0), len(value))
    return longest
