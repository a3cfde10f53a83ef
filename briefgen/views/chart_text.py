"""A chart's numbers → the sentences that describe it to someone who cannot see it: what is compared, the
range, the largest and smallest, and the trend along an ordered axis (Analysis Function guidance on charts)."""

from __future__ import annotations

from itertools import pairwise

from briefgen.content.numbers import number
from briefgen.views.chart import Chart, Series

_KINDS = {"bar": "Bar chart", "line": "Line chart", "dot": "Dot plot"}
_DESCRIBED_SERIES = 4
"""Series described one by one; a chart with more names them and describes the first few (its table has all)."""


def description(chart: Chart) -> str:
    """What `chart` shows, in a few sentences written from its numbers."""
    kind = "Stacked bar chart" if chart.stacked else _KINDS[chart.kind]
    compared = _joined([series.name for series in chart.series])
    sentences = [f"{kind} of {compared} by {chart.category_title}" + _span(chart) + "."]
    for series in chart.series[:_DESCRIBED_SERIES]:
        sentences.append(_described(chart, series))
    if len(chart.series) > _DESCRIBED_SERIES:
        sentences.append(f"The table gives all {len(chart.series)} series.")
    if chart.stacked and len(chart.series) > 1:
        sentences.append(_totals(chart))
    return " ".join(sentence for sentence in sentences if sentence)


def _span(chart: Chart) -> str:
    count = len(chart.categories)
    if count == 0:
        return ""
    if _ordered(chart):
        return f", {chart.categories[0]} to {chart.categories[-1]}"
    return f", {count} {'categories' if count != 1 else 'category'}"


def _ordered(chart: Chart) -> bool:
    """Whether the categories run in order (years, numbers): a line's, or numbers rising along the axis."""
    if chart.kind == "line":
        return True
    values = [found.value for category in chart.categories if (found := number(category)) is not None]
    return len(values) == len(chart.categories) > 1 and values == sorted(values)


def _described(chart: Chart, series: Series) -> str:
    shown = [(category, value, text) for category, value, text in zip(chart.categories, series.values, series.texts,
                                                                      strict=True) if value is not None]
    missing = [category for category, value in zip(chart.categories, series.values, strict=True) if value is None]
    lead = f"{series.name}: " if len(chart.series) > 1 else ""
    if not shown:
        return f"{lead}no values."
    parts: list[str] = []
    if len(shown) == 1:
        category, _, text = shown[0]
        parts.append(f"{text} for {category}")
    else:
        high = max(shown, key=lambda entry: entry[1])
        low = min(shown, key=lambda entry: entry[1])
        if _ordered(chart):
            parts.append(_trend(shown))
        parts.append(f"highest {high[2]} ({high[0]}), lowest {low[2]} ({low[0]})")
        if series.low and chart.kind == "dot":
            parts.append(_intervals(chart, series))
    if missing:
        parts.append(f"no value for {_joined(missing)}")
    text = "; ".join(part for part in parts if part)
    return f"{lead}{text}." if lead else _sentence(text)


def _trend(shown: list[tuple[str, float, str]]) -> str:
    (first, start, start_text), (last, end, end_text) = shown[0], shown[-1]
    steps = [later - earlier for (_, earlier, _), (_, later, _) in pairwise(shown)]
    if end == start:
        direction = "the same at the end as at the start"
        return f"{direction}, {start_text} in {first} and {end_text} in {last}"
    direction = "rising" if end > start else "falling"
    steady = all(step >= 0 for step in steps) or all(step <= 0 for step in steps)
    return f"{direction}{'' if steady else ' overall'} from {start_text} in {first} to {end_text} in {last}"


def _intervals(chart: Chart, series: Series) -> str:
    widths = [(high - low, category) for category, low, high in zip(chart.categories, series.low, series.high,
                                                                   strict=True)
              if low is not None and high is not None]
    if not widths:
        return ""
    widest = max(widths)
    return f"the widest interval is {widest[1]}'s"


def _totals(chart: Chart) -> str:
    totals = [sum(value for value in column if value is not None)
              for column in zip(*(series.values for series in chart.series), strict=True)]
    if not totals:
        return ""
    largest = max(range(len(totals)), key=lambda index: totals[index])
    return f"The largest total is {chart.categories[largest]}'s, {chart.style.format(totals[largest])}."


def _joined(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""
