"""A Chart → the accessible inline SVG drawing of it (bars, lines or dots) that the HTML page and its PDF show."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from markupsafe import Markup

from briefgen.content.brand import Palette
from briefgen.render.chart_measure import CHAR, SIZE, estimated_width, fitted, ticks
from briefgen.views.chart import Chart


@dataclass(frozen=True)
class Frame:
    """The drawing's width, and the height of a chart drawn upright (one drawn across grows with its
    categories), in user units of which text is 13 high: the room it is shown in sets how large that is."""

    width: float
    height: float


PAGE = Frame(640, 300)
"""A page's column, so that one unit is about one CSS pixel and text is the page's small size."""
SLIDE = Frame(580, 220)
"""A slide's body (1104 by 420 px under its title: css/slides.css), so that one unit is about 1.9 px and text
24 px at least."""
_LINE = 16
_NS = "http://www.w3.org/2000/svg"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML cannot hold
_DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 2", "1 5", "12 5", "4 2 1 2")
_MARKERS = ("circle", "M-4,-4h8v8h-8z", "M0,-5.5L5,3.5H-5z", "M0,-5.5L5.5,0L0,5.5L-5.5,0z", "M0,5.5L5,-3.5H-5z",
            "M-1.5,-5h3v3.5h3.5v3h-3.5v3.5h-3v-3.5h-3.5v-3h3.5z", "M-4.5,-2.5h9v5h-9z", "M-2.5,-4.5h5v9h-5z")
# Tiles of 8 units filling the second, third… series of bars, so that series differ without colour (WCAG 1.4.1).
_PATTERNS = ('<path d="M-2,2l4,-4M0,8l8,-8M6,10l4,-4" stroke-width="2"/>', '<circle cx="2" cy="2" r="1.8"/>'
             '<circle cx="6" cy="6" r="1.8"/>', '<path d="M0,0l8,8M8,0l-8,8" stroke-width="1.3"/>',
             '<path d="M0,4h8" stroke-width="2.5"/>', '<path d="M-2,6l4,4M0,0l8,8M6,-2l4,4" stroke-width="2"/>',
             '<path d="M4,0v8M0,4h8" stroke-width="1.5"/>')


def _n(value: float) -> str:
    """A coordinate rounded to one decimal, the same text for the same value (no -0)."""
    return f"{round(value, 1) + 0.0:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class _Axis:
    """The value axis: its ticks, and where on the drawing a value falls."""

    ticks: list[float]
    decimals: int
    start: float
    """Where the lowest tick is drawn (the bottom, or the left when horizontal)."""
    end: float

    def at(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.start + (value - low) / (high - low) * (self.end - self.start)


class _Drawing:
    """One chart's drawing, laid out from its names and numbers: the value axis, then the marks."""

    def __init__(self, chart: Chart, colours: Sequence[str], palette: Palette, frame: Frame) -> None:
        self.chart, self.palette = chart, palette
        self.width, self.height = frame.width, frame.height
        self.colours = [colours[index % len(colours)] for index in range(len(chart.series))] if colours else [
            palette.ink] * len(chart.series)
        # Categories down the left, values across: as asked, or when bars' or dots' names would not fit under
        # them in two lines (a bar must keep its whole name; a line's points may go unnamed).
        band = (self.width - 90) / max(len(chart.categories), 1) - 6
        crowded = any(fitted(name, band, 2)[-1].endswith("\u2026") for name in chart.categories)
        self.across = chart.horizontal or (chart.kind != "line" and crowded)
        self.bars = chart.kind == "bar"
        self.patterned = self.bars and len(chart.series) > 1
        shown = [value for series in chart.series for value in series.values if value is not None]
        self.empty = not chart.categories or not shown
        count = len(chart.categories) * (1 if chart.stacked else len(chart.series))
        self.labelled = self.bars and not chart.stacked and not self.empty and (len(chart.series) == 1 or count <= 12)
        self.name_lines = 2
        """Lines a category's name may take, drawn across: one where rows are shallow."""
        self.root = etree.Element(f"{{{_NS}}}svg", nsmap={None: _NS})
        self.legend = etree.Element(f"{{{_NS}}}g", nsmap={None: _NS})

    def add(self, parent: etree._Element, tag: str, **attributes: str | float) -> etree._Element:
        element = etree.SubElement(parent, f"{{{_NS}}}{tag}")
        for name, value in attributes.items():
            element.set(name.rstrip("_").replace("_", "-"), _n(value) if isinstance(value, float | int) else value)
        return element

    def text(self, x: float, y: float, words: str, anchor: str = "middle", fill: str = "",
             parent: etree._Element | None = None, **more: str) -> None:
        element = self.add(self.root if parent is None else parent, "text", x=x, y=y, font_size=str(SIZE),
                           fill=fill or self.palette.ink, text_anchor=anchor, **more)
        element.text = _clean(words)

    def fill(self, index: int) -> str:
        if not self.patterned or index == 0:
            return self.colours[index]
        return f"url(#{self.chart.id}-pattern-{index})"

    def draw(self) -> etree._Element:
        chart, palette = self.chart, self.palette
        low, high = chart.extent
        values, decimals = ticks(low, high)
        tick_texts = [chart.style.format(value, decimals) for value in values]
        value_texts = [text for series in chart.series for text in series.texts] if self.labelled else []
        label_width = max(map(estimated_width, value_texts), default=0) + 6
        legend = self.legend_height()
        if self.across:
            top = legend + (24 if chart.category_title else 8)
            foot = 8 + _LINE + (24 if chart.value_title else 6)
            # Rows as deep as two lines of a name allow, shallower to keep within the frame's height, down to one
            # line's depth: beyond that the drawing grows (a slide shows few enough categories to fit).
            natural, least = 16.0 * chart.bars + 16, max(_LINE + 2.0, 6.0 * chart.bars + 8)
            row = max(least, min(natural, (self.height - top - foot) / max(len(chart.categories), 1)))
            self.name_lines = 2 if row >= 2 * 15 else 1
            names = [fitted(name, 200, self.name_lines) for name in chart.categories]
            left = max((estimated_width(line) for lines in names for line in lines), default=0) + 12
            bottom = top + row * (len(chart.categories) or 4)
            height = bottom + foot
            right = self.width - max(label_width, estimated_width(tick_texts[-1]) / 2 + 4)
            pad_low = label_width if self.labelled and low < 0 else 0
            pad_high = label_width if self.labelled and high > 0 else 0
            axis = _Axis(values, decimals, left + pad_low, right - pad_high)
        else:
            height = self.height
            left = (24 if chart.value_title else 0) + max(map(estimated_width, tick_texts)) + 10
            right = self.width - 12
            if chart.kind == "line":
                labels = [fitted(series.name, 150)[0] for series in chart.series]
                right -= max(map(estimated_width, labels), default=0) + 22  # the lines' labels
            top = legend + 14
            slot = (right - left) / max(len(chart.categories), 1) / (1 if chart.stacked else len(chart.series))
            self.labelled = self.labelled and label_width <= slot + 4  # each label within its bar's width
            bottom = height - 8 - 2 * _LINE - (24 if chart.category_title else 0)
            pads = (_LINE + 4 if self.labelled and low < 0 else 0, _LINE + 4 if self.labelled and high > 0 else 0)
            axis = _Axis(values, decimals, bottom - pads[0], top + pads[1])
        self.root.attrib.update({"role": "img", "viewBox": f"0 0 {self.width} {_n(height)}", "width": str(self.width),
                                 "height": _n(height), "class": "chart-drawing",
                                 "aria-labelledby": f"{chart.id}-title {chart.id}-desc"})
        self.add(self.root, "title", id=f"{chart.id}-title").text = _clean(chart.title)
        self.add(self.root, "desc", id=f"{chart.id}-desc").text = _clean(chart.alt)
        self.patterns()
        self.add(self.root, "rect", width=self.width, height=height, fill=palette.paper)
        if len(self.legend):
            self.root.append(self.legend)
        self.grid(axis, tick_texts, left, right, top, bottom, height)
        if self.empty:
            middle = ((left + right) / 2, (top + bottom) / 2)
            self.text(*middle, "No values", fill=palette.muted)
        elif chart.kind == "line":
            self.lines(axis, left, right)
        else:
            self.marks(axis, left if not self.across else top, right if not self.across else bottom)
        return self.root

    def legend_height(self) -> float:
        """Draws a legend of the series' fills at the top when bars have several (in `self.legend`, placed after
        the background), and returns its height."""
        if not self.patterned:
            return 0
        x, y = 0.0, 0.0
        for index, series in enumerate(self.chart.series):
            name = fitted(series.name, self.width - 24)[0]
            if x and x + 22 + estimated_width(name) > self.width:
                x, y = 0.0, y + _LINE + 6
            self.add(self.legend, "rect", x=x + 0.5, y=y + 2.5, width=14, height=14, fill=self.fill(index),
                     stroke=self.colours[index])
            self.text(x + 20, y + 14, name, anchor="start", parent=self.legend)
            x += 20 + estimated_width(name) + 16
        return y + _LINE + 10

    def patterns(self) -> None:
        if not self.patterned:
            return
        defs = self.add(self.root, "defs")
        for index in range(1, len(self.chart.series)):
            tile = self.add(defs, "pattern", id=f"{self.chart.id}-pattern-{index}", patternUnits="userSpaceOnUse",
                            width=8, height=8)
            self.add(tile, "rect", width=8, height=8, fill=self.palette.paper)
            shape = etree.fromstring(f'<g xmlns="{_NS}">{_PATTERNS[(index - 1) % len(_PATTERNS)]}</g>')
            for part in shape:
                part.set("fill" if part.tag.endswith("circle") else "stroke", self.colours[index])
                tile.append(part)

    def grid(self, axis: _Axis, texts: list[str], left: float, right: float, top: float, bottom: float,
             height: float) -> None:
        chart, palette = self.chart, self.palette
        for value, label in zip(axis.ticks, texts, strict=True):
            at = axis.at(value)
            strong = value == 0 and (self.bars or chart.zero)
            rule = {"stroke": palette.ink if strong else palette.rule, "stroke_width": "1.5" if strong else "1"}
            if self.across:
                self.add(self.root, "line", x1=at, x2=at, y1=top, y2=bottom, **rule)
                self.text(at, bottom + 18, label)
            else:
                self.add(self.root, "line", x1=left, x2=right, y1=at, y2=at, **rule)
                self.text(left - 6, at + 4.5, label, anchor="end")
        count = len(chart.categories)
        band = ((bottom - top) if self.across else (right - left)) / max(count, 1)
        if self.across:
            for index, name in enumerate(chart.categories):
                lines = fitted(name, left - 12, self.name_lines)
                middle = top + band * (index + 0.5) + 4.5 - (len(lines) - 1) * 7.5
                for number, line in enumerate(lines):
                    self.text(left - 8, middle + number * 15, line, anchor="end")
            if chart.category_title:
                self.text(0, top - 10, fitted(chart.category_title, self.width)[0], anchor="start", fill=palette.muted)
            if chart.value_title:
                self.text((left + right) / 2, height - 8, fitted(chart.value_title, self.width)[0], fill=palette.muted)
            return
        widest = max((estimated_width(name) for name in chart.categories), default=0)
        step = 1  # a line's points may go unnamed where names would crowd (they run in order)
        while band * step < min(widest / 2 + 8, 5 * CHAR):
            step += 1
        for index in range(0, count, step):
            centre = left + band * (index + 0.5)
            room = min(band * step - 6, 2 * (self.width - centre) - 4, 2 * centre - 4)  # centred, so within the box
            for number, line in enumerate(fitted(chart.categories[index], room, 2)):
                self.text(centre, bottom + 18 + number * 15, line)
        if chart.category_title:
            self.text((left + right) / 2, height - 10, fitted(chart.category_title, self.width)[0], fill=palette.muted)
        if chart.value_title:
            middle = (top + bottom) / 2
            self.text(-middle, 16, fitted(chart.value_title, bottom - top)[0], fill=palette.muted,
                      transform="rotate(-90)")

    def rect(self, start: float, end: float, low: float, high: float, **attributes: str) -> None:
        """A bar across the category axis from `start` to `end`, along the value axis from `low` to `high`."""
        c0, v0, size, length = start, min(low, high), end - start, abs(high - low)
        box = {"y": c0, "x": v0, "height": size, "width": length} if self.across else {
            "x": c0, "y": v0, "width": size, "height": length}
        self.add(self.root, "rect", **box, **attributes)

    def marks(self, axis: _Axis, start: float, end: float) -> None:
        """Bars, or dots with their intervals, along the category axis from `start` to `end`."""
        chart = self.chart
        band = (end - start) / len(chart.categories)
        zero = axis.at(0.0) if axis.ticks[0] <= 0 <= axis.ticks[-1] else axis.start
        grouped = self.bars and not chart.stacked and len(chart.series) > 1
        inner = band * (0.8 if grouped else 0.62)
        size = inner / len(chart.series) if grouped else inner
        for category in range(len(chart.categories)):
            centre = start + band * (category + 0.5)
            stacks = [zero, zero]  # the running ends of the positive and negative stacks
            for index, series in enumerate(chart.series):
                value = series.values[category]
                colour = self.colours[index]
                offset = centre - inner / 2 + (index * size if grouped else 0)
                if chart.kind == "dot":
                    self.interval(series.low, series.high, category, axis, centre, colour)
                    if value is not None:
                        at = axis.at(value)
                        x, y = (at, centre) if self.across else (centre, at)
                        self.add(self.root, "circle", cx=x, cy=y, r=5.5, fill=colour, stroke=self.palette.paper,
                                 stroke_width="1.5", **{"class": "chart-dot"})
                    continue
                if value is None:
                    continue
                base = stacks[value < 0] if chart.stacked else zero
                tip = base + axis.at(value) - zero
                if chart.stacked:
                    stacks[value < 0] = tip
                self.rect(offset, offset + size, base, tip, fill=self.fill(index), stroke=colour,
                          stroke_width="1" if index else "0", **{"class": "chart-bar"})
                if self.labelled:
                    self.value_label(series.texts[category], tip, offset + size / 2, value < 0)

    def interval(self, lows: Sequence[float | None], highs: Sequence[float | None], category: int, axis: _Axis,
                 centre: float, colour: str) -> None:
        low, high = (lows[category], highs[category]) if lows and highs else (None, None)
        if low is None or high is None:
            return
        ends = axis.at(low), axis.at(high)
        line = {"stroke": colour, "stroke_width": "2", "class": "chart-interval"}
        if self.across:
            self.add(self.root, "line", x1=ends[0], x2=ends[1], y1=centre, y2=centre, **line)
            for end in ends:
                self.add(self.root, "line", x1=end, x2=end, y1=centre - 5, y2=centre + 5, **line)
        else:
            self.add(self.root, "line", x1=centre, x2=centre, y1=ends[0], y2=ends[1], **line)
            for end in ends:
                self.add(self.root, "line", x1=centre - 5, x2=centre + 5, y1=end, y2=end, **line)

    def value_label(self, words: str, tip: float, middle: float, below: bool) -> None:
        """The bar's value as its row prints it, beyond the bar's end (lower or left of it when lower)."""
        if self.across:
            self.text(tip - 4 if below else tip + 4, middle + 4.5, words, anchor="end" if below else "start")
        else:
            self.text(middle, tip + 15 if below else tip - 5, words)

    def lines(self, axis: _Axis, left: float, right: float) -> None:
        """A line per series, broken where a value is missing, with its own marker and dashes, labelled at the
        right of its last value."""
        chart = self.chart
        band = (right - left) / len(chart.categories)
        ends: list[tuple[float, int]] = []
        for index, series in enumerate(chart.series):
            colour, points = self.colours[index], [
                None if value is None else (left + band * (category + 0.5), axis.at(value))
                for category, value in enumerate(series.values)]
            runs: list[list[tuple[float, float]]] = [[]]
            for point in points:
                if point:
                    runs[-1].append(point)
                else:
                    runs.append([])
            for run in runs:
                if len(run) > 1:
                    self.add(self.root, "polyline", points=" ".join(f"{_n(x)},{_n(y)}" for x, y in run), fill="none",
                             stroke=colour, stroke_width="2.5", stroke_dasharray=_DASHES[index % len(_DASHES)] or
                             "none", stroke_linejoin="round", **{"class": "chart-line"})
            for point in points:
                if point:
                    self.marker(index, *point)
            present = [point for point in points if point]
            if present:
                ends.append((present[-1][1], index))
        # Labels in the order of their lines' ends, nudged apart (down, then back up from the bottom).
        ends.sort()
        placed: list[float] = []
        for y, _ in ends:
            placed.append(max(y, placed[-1] + _LINE) if placed else y)
        for position in range(len(placed) - 1, -1, -1):
            ceiling = axis.start if position == len(placed) - 1 else placed[position + 1] - _LINE
            placed[position] = max(min(placed[position], ceiling), 8.0)
        for (_, index), y in zip(ends, placed, strict=True):
            self.marker(index, right + 12, y)
            self.text(right + 22, y + 4.5, fitted(chart.series[index].name, 150)[0], anchor="start")

    def marker(self, index: int, x: float, y: float) -> None:
        shape = _MARKERS[index % len(_MARKERS)]
        common = {"fill": self.colours[index], "stroke": self.palette.paper, "class": "chart-marker"}
        if shape == "circle":
            self.add(self.root, "circle", cx=x, cy=y, r=4.5, **common)
        else:
            self.add(self.root, "path", d=shape, transform=f"translate({_n(x)},{_n(y)})", **common)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def svg(chart: Chart, colours: Sequence[str], palette: Palette, frame: Frame = PAGE, font: str = "sans-serif"
        ) -> Markup:
    """`chart` drawn in `frame` as an inline `<svg role="img">` titled and described by its title and text
    alternative, its text in `font` (a CSS font-family list: the PDF's drawing of an SVG inherits none), its
    series told apart by colour and by pattern, marker or dashes; the same bytes for the same chart."""
    drawing = _Drawing(chart, colours, palette, frame).draw()
    drawing.set("font-family", font)
    return Markup(etree.tostring(drawing, encoding="unicode"))
