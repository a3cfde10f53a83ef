"""A chart's SVG drawing: titled and described, its bars, lines and dots where its numbers put them, its series
told apart without colour, its text escaped, the same bytes every time, and every shape inside its box."""

from __future__ import annotations

import itertools
import math
import random
import re
from typing import Any

import pytest
from lxml import etree

from briefgen.content.brand import Palette
from briefgen.content.chart_model import Chart as ChartSpec
from briefgen.render.chart_measure import SIZE, estimated_width, fitted, ticks
from briefgen.render.chart_svg import PAGE, svg
from briefgen.views.chart import Chart
from briefgen.views.charting import chart_of

NS = {"s": "http://www.w3.org/2000/svg"}
PALETTE = Palette(ink="#1b2430", muted="#4a5563", rule="#d4d9e0", paper="#ffffff", accent="#27415e",
                  accent_tint="#eef2f7", accent_ink="#ffffff", heading="#27415e", link="#27415e",
                  note_tint="#f3f4f6")
COLOURS = ["#1d4e89", "#0b6253", "#6e3482"]


def chart(spec: dict[str, Any], header: list[str], rows: list[list[str]], caption: str = "Referrals",
          id: str = "chart-1") -> Chart:
    return chart_of(ChartSpec.model_validate(spec), header, rows, caption, id)


def drawn(built: Chart) -> etree._Element:
    return etree.fromstring(str(svg(built, COLOURS, PALETTE)))


def find(root: etree._Element, path: str) -> list[etree._Element]:
    return list(root.xpath(path, namespaces=NS))


def bars(root: etree._Element) -> list[etree._Element]:
    return find(root, "//s:rect[@class='chart-bar']")


def texts(root: etree._Element) -> list[str]:
    return [element.text or "" for element in find(root, "//s:text")]


YEARS = {"x": "Year", "y": "Referrals"}
YEAR_ROWS = [["2021", "10"], ["2022", "20"], ["2023", "—"], ["2024", "40"]]


def test_the_drawing_is_an_image_titled_by_its_caption_and_described_by_its_alternative() -> None:
    built = chart(YEARS, ["Year", "Referrals"], YEAR_ROWS)
    root = drawn(built)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-1-title chart-1-desc"
    assert root.get("viewBox", "").startswith(f"0 0 {PAGE.width:g} ")
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{{{NS['s']}}}title", "chart-1-title", "Referrals")
    assert (desc.tag, desc.get("id"), desc.text) == (f"{{{NS['s']}}}desc", "chart-1-desc", built.alt)
    assert built.alt


def test_bars_start_at_zero_with_heights_in_proportion_and_none_for_a_missing_value() -> None:
    root = drawn(chart(YEARS, ["Year", "Referrals"], YEAR_ROWS))
    heights = [float(bar.get("height", "")) for bar in bars(root)]
    assert len(heights) == 3
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.2)
    bottoms = {round(float(bar.get("y", "")) + float(bar.get("height", "")), 1) for bar in bars(root)}
    assert len(bottoms) == 1
    baseline = find(root, "//s:line[@stroke-width='1.5']")  # the zero line, drawn stronger: the lowest tick
    assert [float(line.get("y1", "")) for line in baseline] == list(bottoms)
    assert max(float(line.get("y1", "")) for line in find(root, "//s:line")) == bottoms.pop()
    assert {"2021", "2022", "2023", "2024", "0", "10", "20", "40"} <= set(texts(root))


def test_stacked_bars_add_up() -> None:
    built = chart({"x": "Area", "y": ["A", "B"], "stacked": True}, ["Area", "A", "B"],
                  [["North", "10", "30"], ["South", "40", "—"]])
    north, south = [[float(bar.get("height", "")) for bar in bars(drawn(built)) if bar.get("x") == x]
                    for x in dict.fromkeys(bar.get("x") for bar in bars(drawn(built)))]
    assert len(north) == 2 and len(south) == 1
    assert north[1] == pytest.approx(3 * north[0], abs=0.2)
    assert sum(north) == pytest.approx(south[0], abs=0.2)


def test_horizontal_bars_run_across_with_the_names_on_the_left() -> None:
    built = chart({"x": "Region", "y": "Change", "horizontal": True}, ["Region", "Change"],
                  [["North East and Cumbria integrated care board area", "5"], ["London", "10"]])
    root = drawn(built)
    widths = [float(bar.get("width", "")) for bar in bars(root)]
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2)
    assert len({bar.get("height") for bar in bars(root)}) == 1
    named = [element for element in find(root, "//s:text") if element.text and "North" in element.text]
    assert named and all(element.get("text-anchor") == "end" for element in named)
    assert max(float(element.get("x", "")) for element in named) < min(float(bar.get("x", "")) for bar in bars(root))
    assert len(find(root, "//s:text[contains(., 'integrated') or contains(., 'North')]")) <= 2


def test_bars_whose_names_would_not_fit_under_them_run_across() -> None:
    rows = [[f"Practice number {index}", str(index + 1)] for index in range(15)]
    root = drawn(chart({"x": "Practice", "y": "Referrals"}, ["Practice", "Referrals"], rows))
    assert len({bar.get("x") for bar in bars(root)}) == 1
    assert {f"Practice number {index}" for index in range(15)} <= set(texts(root))


def test_a_line_breaks_at_a_missing_value_and_each_series_has_its_own_marker_and_dashes() -> None:
    built = chart({"type": "line", "x": "Year", "y": ["Waits", "Target"]}, ["Year", "Waits", "Target"],
                  [["2020", "4", "5"], ["2021", "6", "5"], ["2022", "—", "5"], ["2023", "7", "5"], ["2024", "9", "5"]])
    root = drawn(built)
    lines = find(root, "//s:polyline[@class='chart-line']")
    waits = [line for line in lines if line.get("stroke") == COLOURS[0]]
    assert [len(line.get("points", "").split()) for line in waits] == [2, 2]
    assert len({line.get("stroke-dasharray") for line in lines}) == 2
    markers = find(root, "//*[@class='chart-marker']")
    shapes = {(marker.get("fill"), marker.tag, marker.get("d")) for marker in markers}
    assert len({shape[1:] for shape in shapes}) == 2
    assert len([marker for marker in markers if marker.get("fill") == COLOURS[0]]) == 4 + 1  # its points and label
    assert {"Waits", "Target"} <= set(texts(root))


def test_a_dot_plot_draws_each_interval_with_caps() -> None:
    built = chart({"type": "dot", "x": "Practice", "y": "Rate", "low": "Low", "high": "High"},
                  ["Practice", "Rate", "Low", "High"], [["A", "0.8", "0.7", "0.9"], ["B", "0.6", "0.5", "0.75"]])
    root = drawn(built)
    assert len(find(root, "//s:circle[@class='chart-dot']")) == 2
    assert len(find(root, "//s:line[@class='chart-interval']")) == 6


def test_the_second_series_of_bars_is_patterned_and_shown_so_in_the_legend() -> None:
    built = chart({"x": "Year", "y": ["A", "B", "C"]}, ["Year", "A", "B", "C"], [["2021", "1", "2", "3"]])
    root = drawn(built)
    fills = [bar.get("fill") for bar in bars(root)]
    assert fills == [COLOURS[0], "url(#chart-1-pattern-1)", "url(#chart-1-pattern-2)"]
    patterns = [pattern.get("id") for pattern in find(root, "//s:defs/s:pattern")]
    assert patterns == ["chart-1-pattern-1", "chart-1-pattern-2"]
    swatches = [rect.get("fill") for rect in find(root, "//s:g/s:rect")]
    assert swatches == fills
    assert len(set(etree.tostring(pattern) for pattern in find(root, "//s:pattern"))) == 2


def test_value_labels_print_the_rows_own_text() -> None:
    built = chart({"x": "Area", "y": "Share"}, ["Area", "Share"], [["North", "12.5%"], ["South", "\u22123.0%"]])
    assert {"12.5%", "\u22123.0%"} <= set(texts(drawn(built)))


def test_every_text_is_at_least_the_pages_small_size() -> None:
    for built in [chart(YEARS, ["Year", "Referrals"], YEAR_ROWS),
                  chart({"x": "Year", "y": ["A", "B"], "horizontal": True}, ["Year", "A", "B"], [["x", "1", "2"]])]:
        sizes = [float(element.get("font-size", "0")) for element in find(drawn(built), "//s:text")]
        assert sizes and min(sizes) >= SIZE >= 13


def test_the_same_chart_draws_the_same_bytes() -> None:
    built = chart({"x": "Year", "y": ["A", "B"]}, ["Year", "A", "B"], [["2021", "1", "2"], ["2022", "3", "—"]])
    assert str(svg(built, COLOURS, PALETTE)) == str(svg(built, COLOURS, PALETTE))


def test_text_from_the_briefing_is_escaped() -> None:
    built = chart({"x": "Name", "y": "N"}, ["Name", "N"], [["<script>alert(1)</script>", "1"], ["a\x01b & c", "2"]],
                  caption="<script>alert('x')</script> & more")
    drawing = str(svg(built, COLOURS, PALETTE))
    assert "<script" not in drawing
    root = etree.fromstring(drawing)
    assert root[0].text == built.title
    assert root[0].text.startswith("<script>") and root[0].text.endswith("& more")
    assert any("ab & c" in text for text in texts(root))


def test_a_chart_without_values_says_so() -> None:
    built = chart(YEARS, ["Year", "Referrals"], [["2021", "—"], ["2022", "n/a"]])
    root = drawn(built)
    assert "No values" in texts(root)
    assert not bars(root)
    assert {"2021", "2022"} <= set(texts(root))


@pytest.mark.parametrize(("low", "high"), [(0, 40), (0, 1), (-4.5, 12.5), (0.51, 0.96), (0, 0), (7, 7), (0, 2040),
                                           (-0.003, 0.0), (1e6, 3.2e6)])
def test_ticks_are_round_and_cover_the_extent(low: float, high: float) -> None:
    values, decimals = ticks(low, high)
    assert 4 <= len(values) <= 6
    assert values[0] <= low and values[-1] >= high
    steps = {round(later - earlier, 9) for earlier, later in itertools.pairwise(values)}
    assert len(steps) == 1
    assert len({f"{value:.{decimals}f}" for value in values}) == len(values)
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in {1, 2, 2.5, 5}


def test_ticks_over_random_ranges() -> None:
    generator = random.Random(7)
    for _ in range(300):
        low, high = sorted(generator.uniform(-1, 1) * 10 ** generator.randint(-3, 6) for _ in range(2))
        values, _ = ticks(low, high)
        assert 4 <= len(values) <= 6 and values[0] <= low and values[-1] >= high


def test_long_names_wrap_into_two_lines_at_most() -> None:
    lines = fitted("North East and Cumbria integrated care board", 120, 2)
    assert lines[0] == "North East and" and lines[1].startswith("Cumbria") and lines[1].endswith("\u2026")
    assert all(estimated_width(line) <= 120 for line in lines)
    assert fitted("London", 120, 2) == ["London"]


def texts_apart(root: etree._Element) -> None:
    """Every text (as wide as estimated) within the drawing's width, and no two overlapping."""
    boxes: list[tuple[float, float, float, float]] = []
    for element in find(root, "//s:text[not(@transform)]"):
        x, y, width = float(element.get("x", "")), float(element.get("y", "")), estimated_width(element.text or "")
        start = {"start": x, "end": x - width}.get(element.get("text-anchor", ""), x - width / 2)
        assert start >= -0.5 and start + width <= PAGE.width + 0.5, element.text
        for other in boxes:
            assert not (start < other[2] - 1 and other[0] < start + width - 1 and y - 10 < other[3] - 1
                        and other[1] < y + 3 - 1), element.text
        boxes.append((start, y - 10, start + width, y + 3))


def inside(root: etree._Element) -> None:
    """Every shape's points within the viewBox."""
    width, height = (float(part) for part in root.get("viewBox", "").split()[2:])
    points: list[tuple[float, float]] = []
    for element in root.iter():
        tag = etree.QName(element).localname

        def get(name: str, element: etree._Element = element) -> float:
            return float(element.get(name, "0"))

        if element.getparent() is not None and etree.QName(element.getparent()).localname == "pattern":
            continue
        if tag == "rect":
            points += [(get("x"), get("y")), (get("x") + get("width"), get("y") + get("height"))]
        elif tag == "line":
            points += [(get("x1"), get("y1")), (get("x2"), get("y2"))]
        elif tag == "circle":
            points += [(get("cx") - get("r"), get("cy") - get("r")), (get("cx") + get("r"), get("cy") + get("r"))]
        elif tag == "polyline":
            points += [tuple(map(float, pair.split(","))) for pair in element.get("points", "").split()]  # type: ignore[misc]
        elif tag == "path" and element.get("transform"):
            points.append(tuple(map(float, re.findall(r"[-\d.]+", element.get("transform", ""))))[:2])  # type: ignore[arg-type]
        elif tag == "text" and not element.get("transform"):
            points.append((get("x"), get("y")))
    for x, y in points:
        assert -0.1 <= x <= width + 0.1 and -0.1 <= y <= height + 0.1, (x, y, etree.tostring(root)[:200])


def random_chart(generator: random.Random, number: int) -> Chart:
    kind = generator.choice(["bar", "bar", "line", "dot"])
    count = 1 if kind == "dot" else generator.randint(1, 4)
    categories = generator.randint(1, 15)
    scale = 10 ** generator.randint(-2, 5)
    words = ["North", "South", "integrated", "care", "board", "2021", "Primary", "a"]

    def cell() -> str:
        if generator.random() < 0.2:
            return "—"
        return f"{generator.uniform(-0.3 if kind == 'bar' else 0, 1) * scale:.2f}"

    names = [" ".join(generator.choice(words) for _ in range(generator.randint(1, 6))) for _ in range(categories)]
    header = ["Name", *(f"Series {index}" for index in range(count))]
    rows = [[name, *(cell() for _ in range(count))] for name in names]
    spec: dict[str, Any] = {"type": kind, "x": "Name", "y": header[1:], "zero": generator.random() < 0.5}
    if kind == "dot":
        header += ["Low", "High"]
        rows = [[*row, f"{float(row[1]) * 0.8:.2f}" if row[1] != "—" else "—",
                 f"{float(row[1]) * 1.2:.2f}" if row[1] != "—" else "—"] for row in rows]
        spec.update(low="Low", high="High")
    if kind != "line":
        spec["horizontal"] = generator.random() < 0.5
    if kind == "bar":
        spec["stacked"] = generator.random() < 0.3
    return chart(spec, header, rows, id=f"random-{number}")


def test_random_charts_draw_inside_their_box() -> None:
    generator = random.Random(20261204)
    for number in range(30):
        built = random_chart(generator, number)
        first = str(svg(built, COLOURS, PALETTE))
        assert first == str(svg(built, COLOURS, PALETTE))
        inside(etree.fromstring(first))
        texts_apart(etree.fromstring(first))
