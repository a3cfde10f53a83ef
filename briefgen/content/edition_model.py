"""The schema of a table of editions (`editions:` in a briefing): where its rows are, which columns name
each edition, and how its numbers print."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StringConstraints

from briefgen.content.fields import MAX_NAME_CHARS, StrictModel, Text, matching

EditionAxisName = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                            matching(re.compile(r"^(?!audience$)[a-z][a-z0-9_]*$"),
                                     "a valid edition axis name (lower-case letters, digits, '_'; not `audience`)")]
"""What a table of editions is called: its `--edition NAME=KEY` and its text's `{NAME.column}`."""
Column = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS),
                   matching(re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$"),
                            "a column name (letters, digits and '_', not starting with a digit)")]
"""A column of a table of editions, as its header row names it and text quotes it: `{icb.population}`."""
EDITION_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""What an edition's key may be: it names a folder, and what `--edition NAME=KEY` selects."""
NumberFormats = dict[Column, Annotated[str, StringConstraints(max_length=20)]]
"""Per column, a Python format specification its numbers are printed by (content/csv_table.py)."""
CsvFile = Annotated[str, StringConstraints(max_length=255),
                    matching(re.compile(r"^[^\n]+\.csv$", re.IGNORECASE), "the name of a CSV file (.csv)")]


class Editions(StrictModel):
    """A table of editions: one edition of the briefing per row (a locality, a care board…), each built for
    every audience into its own folder, its text filled in from its row."""

    source: CsvFile = Field(alias="from")
    """The CSV file beside the content file (UTF-8, a header row naming the columns), one row per edition."""
    key: Column
    """The column whose value names each edition: its folder (`output/<slug>/<key>/<audience>/`) and what
    `--edition NAME=KEY` selects. Letters, digits, '-' and '_', unique."""
    label: Column
    """The column that names each edition for readers: in titles and in the index."""
    title: Text | None = None
    """What one edition is, for readers, e.g. "Integrated care board" (default: the table's name)."""
    format: NumberFormats = Field(default_factory=dict)
    """How the numbers of a column are printed, as a Python format specification: `",d"` prints 1234567 as
    1,234,567, `",.1f"` as 1,234,567.0, `".0%"` 0.25 as 25%. Columns not named print as written in the file."""


EditionKey = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                       matching(EDITION_KEY, "an edition's key (letters, digits, '-' and '_')")]
"""What names an edition: its folder, and what `--edition NAME=KEY` selects."""


class RowsFrom(StrictModel):
    """A table's rows read from a CSV file beside the content: `rows: {from: referrals.csv, columns: [year,
    referrals]}`; with `match`, each edition's table holds the rows of its own key."""

    source: CsvFile = Field(alias="from")
    """The CSV file (UTF-8, a header row naming the columns)."""
    columns: list[Column] = Field(min_length=1)
    """The file's columns that make the table's, in the order of its `header`."""
    match: dict[EditionAxisName, Column] = Field(default_factory=dict)
    """Per table of editions, the file's column holding an edition's key: `match: {icb: icb_code}` gives each
    edition the rows that hold its key (other rows, such as other localities', are left out)."""
    format: NumberFormats = Field(default_factory=dict)
    """How the numbers of a column are printed (as in `editions`); other columns print as written."""
