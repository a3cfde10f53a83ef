"""The schema of a table: a statement's or section's, with its caption, header, rows, source and chart."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from briefgen.content.chart_model import Chart
from briefgen.content.edition_model import EditionAxisName, EditionKey
from briefgen.content.fields import AudienceName, Cell, Id, StrictModel, Text


class Row(StrictModel):
    """A table row. A bare list is shorthand for `cells`."""

    SHORTHAND: ClassVar[str | None] = "cells"

    cells: list[Cell] = Field(min_length=1)
    """The row's cells, one per column (inline Markdown; may be empty)."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see the row (default: all)."""
    editions: dict[EditionAxisName, EditionKey] | None = None
    """Only these editions see the row, e.g. `{icb: QHM}` (default: all). Rows read from a file with `match`
    are limited this way."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {cls.SHORTHAND: data} if isinstance(data, list) else data


class Table(StrictModel):
    """A table of figures or comparisons, with a caption and a header row; numbered "Table 1", "Table 2"… in the
    order the brief shows them to each audience."""

    id: Id | None = None
    """Optional stable id, unique in the file: what `see:` names to refer to it ("See Table 2")."""
    caption: Text
    """What the table shows, printed above it after its number, "Table 2. …"."""
    header: list[Text] = Field(min_length=1)
    """The column headings."""
    rows: list[Row] = Field(min_length=1)
    """The rows, each with as many cells as `header` has headings; or, written as a mapping (`RowsFrom`), the
    rows of a CSV file, read into this list before the briefing is validated (content/table_data.py)."""
    align: list[Literal["left", "right", "center"]] | None = None
    """Each column's alignment (default: right for columns of numbers, left for the rest)."""
    row_headers: bool = True
    """Whether each row's first cell names the row (a row header cell)."""
    source: Text | None = None
    """Where the figures come from, printed under the table: text, usually a citation `[@id]`."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see the table (default: all)."""
    chart: Chart | None = None
    """A chart of the table's numbers, drawn above it in the brief and on a slide of its own in the deck."""
    total: list[Cell] | Literal["sum"] | None = None
    """A total row under the rows, set apart: its cells as written, or `sum`: "Total", then each column's sum
    over the rows its reader sees, for columns of counts or amounts (not of percentages)."""
