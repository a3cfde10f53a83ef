"""Charts as the content declares them: the numbers read from cells, the checks against the table, the
description written from the numbers, and the brand's series colours."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from briefgen.content.brand import load_brand
from briefgen.content.chart_model import Chart as ChartSpec
from briefgen.content.colour import AA_GRAPHICS, contrast
from briefgen.content.numbers import NumberStyle, aligns_as_number, missing, number
from briefgen.errors import ContentError
from briefgen.views.charting import chart_of
from tests.unit.test_validate import problems, shown


@pytest.mark.parametrize(("cell", "value", "printed"), [
    ("1,204", 1204.0, "1,204"), ("12.5%", 12.5, "12.5%"), ("£3.2m", 3.2, "£3.2m"), ("-4", -4.0, "\u22124"),
    ("\u22120.25", -0.25, "\u22120.25"), ("\\-3\\.5", -3.5, "\u22123.5"), ("+7", 7.0, "7"), ("0", 0.0, "0"),
])
def test_a_cell_holding_one_number_gives_it_and_prints_it_back(cell: str, value: float, printed: str) -> None:
    found = number(cell)
    assert found is not None and found.value == value
    assert found.style.format(found.value) == printed


@pytest.mark.parametrize("cell", ["0.70 to 0.93", "about 40", "1,204 (95% CI 0.7 to 0.9)", "", "—", "12,34", "1.2.3"])
def test_a_cell_holding_anything_else_is_no_number(cell: str) -> None:
    assert number(cell) is None


def test_ranges_align_as_numbers_but_give_no_value_and_dashes_are_missing() -> None:
    assert aligns_as_number("0.70 to 0.93") and number("0.70 to 0.93") is None
    assert missing("") and missing("\u2014") and missing("\\-") and not missing("0")


def test_a_style_prints_axis_numbers_and_spreadsheet_formats_as_the_table_does() -> None:
    style = NumberStyle(1, True, "£", "m")
    assert style.format(12345.678) == "£12,345.7m" and style.excel == '"£"#,##0.0"m"'
    assert NumberStyle(0, False, "", "%").excel == "0\\%"
    assert NumberStyle(0, True).joined(NumberStyle(2, False, "", "%")) == NumberStyle(2, True, "", "%")


def chart(spec: dict[str, object], header: list[str], rows: list[list[str]]):  # type: ignore[no-untyped-def]
    return chart_of(ChartSpec.model_validate(spec), header, rows, "Caption", "chart-1")


def test_a_line_over_years_is_described_with_its_trend_range_and_gaps() -> None:
    rows = [["2019", "1,200", "800"], ["2020", "1,450", "-"], ["2021", "1,380", "950"], ["2022", "2,010", "1,400"]]
    drawn = chart({"type": "line", "x": "Year", "y": ["Referrals", "Completed"]}, ["Year", "Referrals", "Completed"],
                  rows)
    assert drawn.series[1].values == (800.0, None, 950.0, 1400.0)
    assert drawn.series[1].texts == ("800", "", "950", "1,400")
    assert drawn.alt == (
        "Line chart of Referrals and Completed by Year, 2019 to 2022. Referrals: rising overall from 1,200 in 2019 "
        "to 2,010 in 2022; highest 2,010 (2022), lowest 1,200 (2019). Completed: rising from 800 in 2019 to 1,400 "
        "in 2022; highest 1,400 (2022), lowest 800 (2019); no value for 2020.")
    assert drawn.extent == (0.0, 2010.0) and drawn.value_title == ""


def test_stacked_bars_are_described_by_their_totals_and_reach_the_largest_total() -> None:
    drawn = chart({"x": "Area", "y": ["A", "B"], "stacked": True, "unit": "Share"}, ["Area", "A", "B"],
                  [["Leeds", "12%", "10%"], ["Bury", "9%", "8%"]])
    assert "Stacked bar chart of A and B by Area, 2 categories." in drawn.alt
    assert "The largest total is Leeds's, 22%." in drawn.alt
    assert drawn.extent == (0.0, 22.0) and drawn.value_title == "Share" and drawn.style.suffix == "%"


def test_a_dot_plot_reaches_its_intervals_and_an_author_alt_replaces_the_description() -> None:
    spec = {"type": "dot", "x": "Ward", "y": "Rate", "low": "Lo", "high": "Hi", "zero": False,
            "alt": "Rates *by* ward."}
    rows = [["North", "12.1", "9.8", "14.6"], ["South", "14.0", "11.2", "17.1"]]
    drawn = chart(spec, ["Ward", "Rate", "Lo", "Hi"], rows)
    assert drawn.extent == (9.8, 17.1) and drawn.alt == "Rates by ward." and not drawn.zero
    assert drawn.series[0].low == (9.8, 11.2)


def test_generated_charts_are_described_without_error_and_bars_always_reach_zero() -> None:
    for seed in range(40):
        rng = random.Random(seed)
        series = [f"S{n}" for n in range(rng.randint(1, 6))]
        rows = [[f"Category {n}", *("" if rng.random() < 0.1 else f"{rng.uniform(-50, 5000):,.{rng.randint(0, 2)}f}"
                                     for _ in series)] for n in range(rng.randint(0, 14))]
        kind = rng.choice(["bar", "line"])
        drawn = chart({"type": kind, "x": "Name", "y": series, "stacked": kind == "bar" and rng.random() < 0.5},
                      ["Name", *series], rows)
        assert drawn.alt.startswith(("Bar chart", "Line chart", "Stacked bar chart")) and drawn.alt.endswith(".")
        low, high = drawn.extent
        assert low <= 0 <= high if kind == "bar" else low <= high


@pytest.mark.parametrize(("table", "expected"), [
    ("{caption: C, header: [Year, Count], rows: [[2020, '3']], chart: {x: Year, y: Cuont}}",
     "5:116: sections[0].table.chart.y: [BG015] names the column 'Cuont', which the table's header does not have; did "
     "you mean 'Count'?"),
    ("{caption: C, header: [Year, Count], rows: [[2020, about 3]], chart: {x: Year, y: Count}}",
     "5:92: sections[0].table.rows[0][1]: [BG015] 'about 3' in the column 'Count', which the chart draws, is not a "
     "number: write one number (1,204, 12.5%, £3.2m), or leave the cell empty or a dash for no value"),
    ("{caption: C, header: [Year, Count], rows: [[2020, '3']], chart: {x: Year, y: Year}}",
     "5:116: sections[0].table.chart.y: [BG015] draws the column 'Year' that names the categories (`x`): name a "
     "column of numbers"),
    ("{caption: C, header: [Year, A, B], rows: [[2020, '3%', '4']], chart: {x: Year, y: [A, B]}}",
     "5:104: sections[0].table.chart: [BG015] draws numbers in different units, such as '3%' in 'A' and '4' in 'B', "
     "on one axis: write every number it draws in one unit (all percentages, say), or chart them apart"),
    ("{caption: C, header: [Year, Count], rows: [[2020, '3']], chart: {type: line, x: Year, y: Count, stacked: true}}",
     "5:99: sections[0].table.chart: [BG003] only bars stack: give `type: bar`, or leave out `stacked`"),
])
def test_a_chart_that_does_not_fit_its_table_is_an_error_at_its_field(tmp_path: Path, table: str,
                                                                          expected: str) -> None:
    found = problems(tmp_path, f"  - {{id: a, title: A, items: [x], table: {table}}}\n")
    assert [shown(problem) for problem in found] == [expected]


def test_brand_chart_colours_below_3_to_1_are_an_error_and_derived_ones_pass(tmp_path: Path) -> None:
    brand = tmp_path / "_brand.yml"
    brand.write_text("color: {primary: '#005eb8'}\ndefaults: {briefgen: {chart-colours: ['#005eb8', '#cccccc']}}\n")
    with pytest.raises(ContentError) as caught:
        load_brand(brand)
    assert [shown(problem) for problem in caught.value.problems] == [
        "2:50: defaults.briefgen.chart-colours[1]: [BG019] #cccccc on the background #ffffff, used for a chart's "
        "series 2, has a contrast of 1.61:1; WCAG AA needs 3:1 for graphics"]
    brand.write_text("color: {primary: '#ffbf47', background: '#ffffff', foreground: '#0b0c0c'}\n"
                     "typography: {headings: {color: '#0b0c0c'}, link: {color: '#1d70b8'}}\n"
                     "defaults: {briefgen: {accent-tint: '#fff7e6'}}\n")
    with pytest.raises(ContentError):  # a yellow accent fails as text: the gate refuses the brand before its charts
        load_brand(brand)
    brand.write_text("color: {primary: '#00703c'}\n")
    loaded, _ = load_brand(brand)
    colours = loaded.series_colours(loaded.palette)
    assert len(set(colours)) == 4 and all(contrast(colour, "#ffffff") >= AA_GRAPHICS for colour in colours)


def test_a_long_chart_splits_evenly_in_order_its_parts_keeping_the_whole_axis() -> None:
    rows = [[f"Practice {n}", f"{n * 10}", f"{n}"] for n in range(1, 15)]
    whole = chart({"x": "Practice", "y": ["Visits", "Calls"]}, ["Practice", "Visits", "Calls"], rows)
    parts = whole.split(3)
    assert [len(part.categories) for part in parts] == [5, 4, 5]
    assert [name for part in parts for name in part.categories] == list(whole.categories)
    assert [value for part in parts for value in part.series[0].values] == list(whole.series[0].values)
    assert {part.extent for part in parts} == {whole.extent} and len({part.id for part in parts}) == 3
    assert whole.split(1) == [whole] and whole.bars == 2
