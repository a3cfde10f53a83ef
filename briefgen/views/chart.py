"""A table with `chart:` as one variant reads it → the Chart every format draws: its numbers as numbers (each
with the text the table prints), its axes, and a text alternative written from the numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import reduce

from briefgen.content.model import Chart as ChartSpec
from briefgen.content.numbers import NumberStyle, number
from briefgen.content.richtext import plain
from briefgen.views.chart_text import description


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

    @property
    def extent(self) -> tuple[float, float]:
        """The smallest and largest value the value axis must show: stacks summed, intervals included, zero
        when the axis starts there."""
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


def chart_of(spec: ChartSpec, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, id: str) -> Chart:
    """The chart `spec` draws from `rows` under `header` (columns named as `spec` names them: checked when the
    briefing was validated)."""
    names = [plain(heading) for heading in header]
    index = {heading.strip(): column for column, heading in enumerate(header)}

    def column(name: str) -> list[str]:
        return [row[index[name.strip()]] for row in rows]

    def values(name: str) -> tuple[float | None, ...]:
        return tuple(found.value if (found := number(cell)) is not None else None for cell in column(name))

    def series(name: str) -> Series:
        interval = (values(spec.low), values(spec.high)) if spec.low and spec.high else ((), ())
        return Series(names[index[name.strip()]], values(name),
                      tuple(plain(cell) if number(cell) is not None else "" for cell in column(name)), *interval)

    measured = [spec.y[0], *spec.y[1:], *((spec.low, spec.high) if spec.low and spec.high else ())]
    styles = [found.style for name in measured for cell in column(name) if (found := number(cell)) is not None]
    drawn = tuple(series(name) for name in spec.y)
    value_title = plain(spec.unit) if spec.unit else drawn[0].name if len(drawn) == 1 else ""
    chart = Chart(id, spec.type, spec.horizontal, spec.stacked, plain(caption),
                  tuple(plain(cell) for cell in column(spec.x)), names[index[spec.x.strip()]], drawn, value_title,
                  reduce(NumberStyle.joined, styles, NumberStyle()), spec.zero or spec.type == "bar", "",
                  spec.summary)
    return replace(chart, alt=plain(spec.alt) if spec.alt else description(chart))
