"""A briefing's `editions` → each table's rows read from its CSV file, checked, numbers formatted as declared;
and every `{table.column}` its text quotes, checked against the tables (problems at CSV row and column, or at
the text that quotes)."""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from briefgen.content import figures, schema, written
from briefgen.content.fields import MAX_NAME_CHARS, MAX_STATEMENT_CHARS
from briefgen.content.loader import LoadedDocument, problem_at
from briefgen.content.model import Briefing, Editions
from briefgen.errors import NOT_TEXT, FieldPath, Problem, quoted, unreadable

CSV_FILE = figures.FileKind({".csv": "text/csv"}, "a CSV file", "CSV", "icbs.csv", max_bytes=5_000_000)
MAX_EDITIONS = 5_000
"""Rows a table may hold: more editions than any set of localities (England has some 1,250 primary care networks)."""
MAX_VALUE_CHARS = 200
"""Characters a value may hold: a name or a figure, never a statement (text belongs in the briefing)."""
EDITION_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""What an edition's key may be: it is a folder name, and what `--edition NAME=KEY` selects."""
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
            problems.append(document.problem((*field, "from"), str(exc)))
            continue
        reader = _TableReader(document, field, declared, path)
        rows = reader.rows()
        problems += reader.problems
        if not reader.problems:
            tables.append(EditionTable(axis, declared.title or axis, path, rows))
    if not problems:
        problems += [*_quote_problems(document, tables), *_rewording_problems(document, tables)]
    return tuple(tables), problems


class _TableReader:
    """One CSV file read into rows, the problems met on the way collected (at file:line:col)."""

    def __init__(self, document: LoadedDocument, field: FieldPath, declared: Editions, path: Path) -> None:
        self.document, self.field, self.declared, self.path = document, field, declared, path
        self.shown = document.path.parent / declared.source  # as the author wrote it, not resolved
        self.lines: list[str] = []
        self.problems: list[Problem] = []

    def rows(self) -> tuple[EditionRow, ...]:
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = exc.object[:exc.start].count(b"\n") + 1
            self._at(line, 1, (), "is not UTF-8 text: save it as CSV UTF-8")
            return ()
        self.lines = text.splitlines()
        records = list(_records(text))
        if not records:
            self._at(1, 1, (), "is empty: it needs a header row naming the columns, then a row per edition")
            return ()
        header_line, header = records[0]
        columns = self._header(header_line, header)
        if self.problems:
            return ()
        if len(records) == 1:
            self._at(header_line, 1, (), "has a header row but no editions: add a row per edition")
        elif len(records) - 1 > MAX_EDITIONS:
            self._at(records[MAX_EDITIONS + 1][0], 1, (), f"has {len(records) - 1:,} editions, over the limit of "
                                                         f"{MAX_EDITIONS:,}: split the table")
        if self.problems:
            return ()
        rows: list[EditionRow] = []
        first_line: dict[str, int] = {}
        for line, cells in records[1:]:
            if (row := self._row(line, columns, cells)) is None:
                continue
            if row.key in first_line:
                self._at(line, self._column(line, columns.index(self.declared.key)), (self.declared.key,),
                         f"duplicate key {quoted(row.key)} (first on line {first_line[row.key]}): each edition "
                         "needs a key of its own")
            first_line.setdefault(row.key, line)
            rows.append(row)
        return tuple(rows)

    def _header(self, line: int, header: list[str]) -> list[str]:
        columns = [name.strip() for name in header]
        for index, name in enumerate(columns):
            if name in columns[:index]:
                self._at(line, self._column(line, index), (name,), f"column {name!r} is named twice")
        for part in ("key", "label"):
            if (name := getattr(self.declared, part)) not in columns:
                self.problems.append(self.document.problem(
                    (*self.field, part), f"no column {name!r} in {self.declared.source} (its columns: "
                                         f"{', '.join(columns)})"))
        for name, spec in self.declared.format.items():
            if name not in columns:
                self.problems.append(self.document.problem(
                    (*self.field, "format", name), f"no column {name!r} in {self.declared.source} (its columns: "
                                                   f"{', '.join(columns)})"))
            elif (reason := _bad_format(spec)) is not None:
                self.problems.append(self.document.problem((*self.field, "format", name), reason))
        return columns

    def _row(self, line: int, columns: list[str], cells: list[str]) -> EditionRow | None:
        if len(cells) != len(columns):
            self._at(line, 1, (), f"has {len(cells)} values where the header names {len(columns)} columns")
            return None
        values = []
        failed = len(self.problems)
        for index, (name, cell) in enumerate(zip(columns, cells, strict=True)):
            value = cell.strip()
            if (reason := self._bad_value(name, value)) is not None:
                self._at(line, self._column(line, index), (name,), reason)
            elif name in self.declared.format:
                value = format(_number(value), self.declared.format[name])
            values.append((name, value))
        found = dict(values)
        key, label = found[self.declared.key], found[self.declared.label]
        if not EDITION_KEY.match(key) or len(key) > MAX_NAME_CHARS:
            self._at(line, self._column(line, columns.index(self.declared.key)), (self.declared.key,),
                     f"{quoted(key)} is not a usable edition key: letters, digits, '-' and '_' (it names a folder)")
        if not label:
            self._at(line, self._column(line, columns.index(self.declared.label)), (self.declared.label,),
                     "the label is empty: each edition needs a name readers know it by")
        return None if len(self.problems) > failed else EditionRow(key, label, tuple(values))

    def _bad_value(self, column: str, value: str) -> str | None:
        if len(value) > MAX_VALUE_CHARS:
            return f"the value is {len(value)} characters, over the limit of {MAX_VALUE_CHARS}"
        if found := NOT_TEXT.search(value):
            return unreadable(found[0])
        if column in self.declared.format:
            try:
                format(_number(value), self.declared.format[column])
            except (InvalidOperation, ValueError):
                return (f"{quoted(value)} is not a number the column's format {self.declared.format[column]!r} "
                        "can print (write digits, with a '.' for decimals)")
        return None

    def _column(self, line: int, index: int) -> int:
        """The 1-based column where cell `index` of the record starting at `line` begins."""
        starts = _cell_starts(self.lines[line - 1]) if 0 < line <= len(self.lines) else []
        return starts[index] if index < len(starts) else 1

    def _at(self, line: int, column: int, field: FieldPath, message: str) -> None:
        self.problems.append(problem_at(self.shown, self.lines, line, column, field, message))


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record of the CSV text, with the line it starts on (a quoted value may span lines)."""
    reader = csv.reader(text.splitlines(keepends=True))
    previous = 0
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield previous + 1, cells
        previous = reader.line_num


def _cell_starts(line: str) -> list[int]:
    """Where each comma-separated cell of `line` begins (1-based), quotes respected."""
    starts, quoted_cell = [1], False
    for position, character in enumerate(line, start=1):
        if character == '"':
            quoted_cell = not quoted_cell
        elif character == "," and not quoted_cell:
            starts.append(position + 1)
    return starts


def _number(text: str) -> int | Decimal:
    """A value as the number it writes: a whole number as an int (so that `,d` prints it), else a Decimal."""
    return int(text) if re.fullmatch(r"[-+]?\d+", text) else Decimal(text)


def _bad_format(spec: str) -> str | None:
    try:
        format(Decimal("1234.5"), spec) if not spec.endswith(("d", "n")) else format(1234, spec)
    except ValueError:
        return f"{spec!r} is not a number format (such as ',d' or ',.1f')"
    return None


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
                                                               "write \\{ for a brace as it is")
            elif column not in columns[axis]:
                yield document.problem_in_text(path, quote[0], f"{quote[0]}: no column {column!r} in editions "
                                                               f"{axis!r} (its columns: "
                                                               f"{', '.join(sorted(columns[axis]))})")
            else:
                grows += longest[axis][column] - len(quote[0])
        # Text that quotes nothing was held to its own field's limit (a body's is larger) when it was validated.
        if quotes and len(text) + grows > MAX_STATEMENT_CHARS:
            yield document.problem(path, f"with the longest values it quotes, this text is {len(text) + grows:,} "
                                         f"characters, over the limit of {MAX_STATEMENT_CHARS:,}: shorten it")


def _rewording_problems(document: LoadedDocument, tables: list[EditionTable]) -> Iterator[Problem]:
    """`for:` entries naming an edition (`icb=QHM`) of a table that is not declared, or that it does not hold."""
    keys = {table.axis: {row.key for row in table.rows} for table in tables}
    for path, mapping in written.mappings(document.data, ()):
        reworded = mapping.get("for") if path[-1:] != ("audiences",) else None
        for name in reworded if isinstance(reworded, dict) else ():
            axis, equals, key = str(name).partition("=")
            if not equals:
                continue
            if axis not in keys:
                yield document.problem((*path, "for", name), f"reworded for editions {axis!r}, which the briefing "
                                                             f"does not declare (declared: "
                                                             f"{', '.join(keys) or 'none'})")
            elif key not in keys[axis]:
                close = difflib.get_close_matches(key, sorted(keys[axis]), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield document.problem((*path, "for", name), f"no edition {key!r} in editions {axis!r}{hint}")


def _longest_values(table: EditionTable) -> Mapping[str, int]:
    longest: dict[str, int] = {}
    for row in table.rows:
        for name, value in row.values:
            longest[name] = max(longest.get(name, 0), len(value))
    return longest
