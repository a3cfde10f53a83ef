"""A table with `chart:` as one variant reads it → the Chart every format draws, described from its numbers
unless its author wrote the description."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce

from briefgen.content.chart_model import Chart as ChartSpec
from briefgen.content.numbers import NumberStyle, number
from briefgen.content.richtext import plain
from briefgen.views.chart import Chart, Series
from briefgen.views.chart_text import description


def chart_of(spec: ChartSpec, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, id: str) -> Chart:
    """The chart `spec` draws from `rows` under `header` (columns named as `spec` names them: checked when the
    briefing was validated)."""
    names = [plain(heading) for heading in header]
    index = {heading.strip(): column for column, heading in enumerate(header)}

    def column(name: str) -> list[str]:
        return [row[index[name.strip()]] for row in rows]

    # Each drawn column's cells read once: their numbers give the values, the texts and the axis's style.
    interval = [spec.low, spec.high] if spec.low and spec.high else []
    numbers = {name: [number(cell) for cell in column(name)] for name in [*spec.y, *interval]}

    def values(name: str) -> tuple[float | None, ...]:
        return tuple(found.value if found is not None else None for found in numbers[name])

    def series(name: str) -> Series:
        texts = tuple(plain(cell) if found is not None else "" for cell, found in zip(column(name), numbers[name],
                                                                                       strict=True))
        low, high = (values(interval[0]), values(interval[1])) if interval else ((), ())
        return Series(names[index[name.strip()]], values(name), texts, low, high)

    styles = [found.style for column_numbers in numbers.values() for found in column_numbers if found is not None]
    drawn = tuple(series(name) for name in spec.y)
    value_title = plain(spec.unit) if spec.unit else drawn[0].name if len(drawn) == 1 else ""
    chart = Chart(id, spec.type, spec.horizontal, spec.stacked, plain(caption),
                  tuple(plain(cell) for cell in column(spec.x)), names[index[spec.x.strip()]], drawn, value_title,
                  reduce(NumberStyle.joined, styles, NumberStyle()), spec.zero or spec.type == "bar", "",
                  spec.summary)
    return replace(chart, alt=plain(spec.alt) if spec.alt else description(chart))
