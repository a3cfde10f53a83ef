"""A CSV file beside the content → its header and records, each with the line it starts on, and every problem
at the file's line and column: not UTF-8, empty, a column named twice, a record of the wrong length, a value
too long or holding what text may not; and a column's numbers printed by a declared format."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from briefgen.content import figures
from briefgen.content.loader import LoadedDocument, problem_at
from briefgen.errors import NOT_TEXT, FieldPath, Problem, quoted, unreadable
from briefgen.rules import DATA_FILE, OVER_LIMIT, TABLE_SHAPE, UNSAFE_TEXT, UNUSABLE_FILE, Rule

CSV_FILE = figures.FileKind({".csv": "text/csv"}, "a CSV file", "CSV", "icbs.csv", max_bytes=5_000_000)
MAX_RECORDS = 20_000
"""Records a file may hold: a figure per locality and year for every primary care network of England."""
MAX_VALUE_CHARS = 200
"""Characters a value may hold: a name or a figure, never a statement (text belongs in the briefing)."""


@dataclass
class CsvTable:
    """A CSV file read: its columns, its records (line, values) with every value stripped, and the problems
    found so far, each at the file as the author named it."""

    shown: Path
    """The file as the content names it (beside the content file), for messages."""
    lines: list[str]
    columns: list[str]
    records: list[tuple[int, list[str]]]
    problems: list[Problem] = field(default_factory=list)

    def at(self, line: int, index: int | None, message: str, *, rule: Rule) -> None:
        """A finding of `rule` at `line`, in the column of value `index` of the record there (None: the line's
        start)."""
        column = 1 if index is None else self._start(line, index)
        where: FieldPath = () if index is None else (self.columns[index],)
        self.problems.append(problem_at(self.shown, self.lines, line, column, where, message, rule=rule))

    def _start(self, line: int, index: int) -> int:
        """The 1-based column where value `index` of the record on `line` begins, quotes respected."""
        starts, quoting = [1], False
        for position, character in enumerate(self.lines[line - 1] if 0 < line <= len(self.lines) else ""):
            if character == '"':
                quoting = not quoting
            elif character == "," and not quoting:
                starts.append(position + 2)
        return starts[index] if index < len(starts) else 1


def read_csv(path: Path, shown: Path, what: str) -> CsvTable:
    """The file at `path` (located and confined by `figures.locate`), read; `what` names a record in messages
    ("edition"). Records of the wrong length are reported and left out."""
    table = CsvTable(shown, [], [], [])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        table.lines = exc.object.decode("utf-8", errors="replace").splitlines()
        table.at(exc.object[:exc.start].count(b"\n") + 1, None, "is not UTF-8 text: save it as CSV UTF-8",
                 rule=UNUSABLE_FILE)
        return table
    table.lines = text.splitlines()
    records = list(_records(text))
    if not records:
        table.at(1, None, f"is empty: it needs a header row naming the columns, then a row per {what}", rule=DATA_FILE)
        return table
    header_line, header = records[0]
    table.columns = [name.strip() for name in header]
    for index, name in enumerate(table.columns):
        if name in table.columns[:index]:
            table.at(header_line, index, f"column {name!r} is named twice", rule=DATA_FILE)
    if len(records) == 1:
        table.at(header_line, None, f"has a header row but no rows: add a row per {what}", rule=DATA_FILE)
    elif len(records) - 1 > MAX_RECORDS:
        table.at(records[MAX_RECORDS + 1][0], None, f"has {len(records) - 1:,} rows, over the limit of "
                                                    f"{MAX_RECORDS:,}: split the file", rule=OVER_LIMIT)
    if table.problems:
        return table
    for line, values in records[1:]:
        if len(values) != len(table.columns):
            table.at(line, None, f"has {len(values)} values where the header names {len(table.columns)} columns",
                     rule=TABLE_SHAPE)
            continue
        stripped = [value.strip() for value in values]
        for index, value in enumerate(stripped):
            if len(value) > MAX_VALUE_CHARS:
                table.at(line, index, f"the value is {len(value)} characters, over the limit of {MAX_VALUE_CHARS}",
                         rule=OVER_LIMIT)
            elif found := NOT_TEXT.search(value):
                table.at(line, index, unreadable(found[0]), rule=UNSAFE_TEXT)
        table.records.append((line, stripped))
    return table


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record of the CSV text, with the line it starts on (a quoted value may span lines)."""
    reader = csv.reader(text.splitlines(keepends=True))
    previous = 0
    for values in reader:
        if any(value.strip() for value in values):
            yield previous + 1, values
        previous = reader.line_num


def missing_columns(document: LoadedDocument, table: CsvTable, source: str,
                    named: Iterable[tuple[FieldPath, str]]) -> Iterator[Problem]:
    """Each column a declaration names (its field → the column) that the file `source` lacks, at the field."""
    for where, name in named:
        if name not in table.columns:
            yield document.problem(where, f"no column {name!r} in {source} (its columns: {', '.join(table.columns)})",
                                   rule=DATA_FILE)


def number_format_problem(spec: str) -> str | None:
    """Why `spec` is not a Python format specification for numbers, or None if it is one."""
    try:
        format(1234, spec) if spec.endswith(("d", "n")) else format(Decimal("1234.5"), spec)
    except ValueError:
        return f"{spec!r} is not a number format (such as ',d' or ',.1f')"
    return None


def formatted(value: str, spec: str) -> str:
    """`value` as the number it writes, printed by `spec` (a whole number is an int, so that `,d` prints it);
    ValueError if it is no number `spec` can print."""
    try:
        number: int | Decimal = int(value) if re.fullmatch(r"[-+]?\d+", value) else Decimal(value)
        return format(number, spec)
    except (InvalidOperation, ValueError):
        raise ValueError(f"{quoted(value)} is not a number the format {spec!r} can print (write digits, with a "
                         "'.' for decimals)") from None


def formatted_record(table: CsvTable, line: int, values: list[str], formats: dict[str, str]) -> list[str] | None:
    """A record's values with the numbers of each column in `formats` printed by its format; None, with a
    problem at the value, if one of them is no number."""
    printed = list(values)
    for index, name in enumerate(table.columns):
        if name in formats:
            try:
                printed[index] = formatted(values[index], formats[name])
            except ValueError as exc:
                table.at(line, index, str(exc), rule=DATA_FILE)
                return None
    return printed
