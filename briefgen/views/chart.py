"""The Chart every format draws: one variant's rows of a table as numbers (each with the text the table prints),
its axes, and its text alternative."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from briefgen.content.numbers import NumberStyle


@dataclass(frozen=True)
class Series:
    """One column of numbers: a bar of each category's group, a line, or the dots."""

    name: str
    """Its heading, as text."""
    values: tuple[float | None, ...]
    """One per category; None where the table's cell is empty, a dash or not a single number."""
    texts: tuple[str, ...]
    """Each value as the table prints it (empty where there is none)."""
    low: tuple[float | None, ...] = ()
    high: tuple[float | None, ...] = ()
    """For a dot plot: each interval's ends (empty otherwise)."""


@dataclass(frozen=True)
class Chart:
    """A chart of one variant's rows of a table, in the terms every format draws it in."""

    id: str
    """Its anchor in the document, unique there."""
    kind: str
    """`bar`, `line` or `dot`."""
    horizontal: bool
    stacked: bool
    title: str
    """What it shows (the table's caption), as text."""
    categories: tuple[str, ...]
    category_title: str
    series: tuple[Series, ...]
    value_title: str
    style: NumberStyle
    """How its numbers print (on the value axis, in data labels): as the table prints them."""
    zero: bool
    """Its value axis starts at zero (always for bars)."""
    alt: str
    """Its text alternative: the author's, or one written from the numbers (`description`)."""
    summary: str | None = None
    """A sentence saying what it shows (inline Markdown), the lead of its caption."""
    span: tuple[float, float] | None = None
    """For a part of a chart: the whole chart's `extent`, which its axis keeps."""

    @property
    def extent(self) -> tuple[float, float]:
        """The smallest and largest value the value axis must show: stacks summed, intervals included, zero
        when the axis starts there."""
        if self.span is not None:
            return self.span
        if self.stacked:
            columns = list(zip(*(series.values for series in self.series), strict=True))
            shown = [sum(value for value in column if value is not None and value > 0) for column in columns]
            shown += [sum(value for value in column if value is not None and value < 0) for column in columns]
        else:
            shown = [value for series in self.series for values in (series.values, series.low, series.high)
                     for value in values if value is not None]
        if self.zero or not shown:
            shown.append(0.0)
        return float(min(shown)), float(max(shown))

    @property
    def bars(self) -> int:
        """Bars drawn per category: one if stacked, else one per series."""
        return 1 if self.stacked else len(self.series)

    def split(self, parts: int) -> list[Chart]:
        """The chart shared evenly over `parts` charts of consecutive categories (a long chart's slides), their
        axes spanning the whole chart's numbers so that they read alike; the chart itself if one."""
        if parts <= 1:
            return [self]
        count = len(self.categories)
        bounds = [round(count * n / parts) for n in range(parts + 1)]
        return [self._part(start, stop, n) for n, (start, stop) in enumerate(pairwise(bounds), start=1)]

    def _part(self, start: int, stop: int, number: int) -> Chart:
        def cut(values: tuple[float | None, ...]) -> tuple[float | None, ...]:
            return values[start:stop]

        series = tuple(replace(one, values=cut(one.values), texts=one.texts[start:stop], low=cut(one.low),
                               high=cut(one.high)) for one in self.series)
        return replace(self, id=f"{self.id}-part-{number}", categories=self.categories[start:stop], series=series,
                       span=self.extent)
