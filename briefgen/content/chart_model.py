"""The schema of a table's chart (`chart:`): what it draws, from which columns, and how."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from briefgen.content.fields import Role, StrictModel, Text

ColumnName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Role.TEXT]
"""A table's column, named by its heading as written in `header` (quotes of an edition's values are filled in as
the heading's are, so the two stay equal)."""


class Chart(StrictModel):
    """A chart drawn from its table's numbers, `chart: {type: bar, x: Year, y: [Referrals, Completed]}`; each
    audience's and edition's rows draw their own."""

    ONE_OR_MORE: ClassVar[tuple[str, ...]] = ("y",)

    type: Literal["bar", "line", "dot"] = "bar"
    """`bar` (grouped, or `stacked`; `horizontal` for long names), `line` (a trend over `x`), or `dot` (a rate
    per category, with its interval from `low` to `high`)."""
    x: ColumnName
    """The column naming each category (a bar, a point on the line)."""
    y: Annotated[list[ColumnName], Field(min_length=1, max_length=8)]
    """The columns of numbers drawn, one series each (a single name is shorthand for a list of one)."""
    horizontal: bool = False
    """Bars drawn sideways (names on the left): for long or many categories."""
    stacked: bool = False
    """Bars of each category stacked into one (parts of a whole)."""
    low: ColumnName | None = None
    """For `dot`: the column of each interval's lower end."""
    high: ColumnName | None = None
    """For `dot`: the column of each interval's upper end."""
    unit: Text | None = None
    """The value axis's title, such as "People referred" (default: the heading of `y` when it names one)."""
    zero: bool = True
    """Start the value axis at zero. Bars always do; a line or dot plot may start nearer its values."""
    alt: Text | None = None
    """The chart's text alternative (default: a description written from its numbers: what is compared, the
    range, the largest and smallest, the trend)."""
    summary: Text | None = None
    """One sentence saying what the chart shows, printed as its caption's lead."""

    @model_validator(mode="after")
    def _kind_fits(self) -> Chart:
        if self.type == "dot" and len(self.y) != 1:
            raise ValueError("a dot plot draws one column (`y`), with its interval's `low` and `high`")
        if (self.low is None) != (self.high is None):
            raise ValueError("an interval needs both ends: give `low` and `high`")
        if self.low is not None and self.type != "dot":
            raise ValueError("`low` and `high` draw intervals on a dot plot: give `type: dot`")
        if self.stacked and self.type != "bar":
            raise ValueError("only bars stack: give `type: bar`, or leave out `stacked`")
        if self.horizontal and self.type == "line":
            raise ValueError("a line runs across: leave out `horizontal`")
        return self
