"""A Chart → a native Office chart (python-pptx's chart part and its workbook): bars, lines or dots with their
intervals, its axes titled and its numbers printed as the table prints them, series told apart without colour,
described by its text alternative; drawn on a slide, or built apart for a Word document (word_chart)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_PATTERN
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import Font
from pptx.util import Emu, Pt

from briefgen.content.brand import Brand, Palette
from briefgen.render.chart_measure import ticks
from briefgen.render.office import package, theme
from briefgen.views.chart import Chart

_MARKERS = (XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.TRIANGLE, XL_MARKER_STYLE.DIAMOND,
            XL_MARKER_STYLE.X, XL_MARKER_STYLE.STAR, XL_MARKER_STYLE.PLUS, XL_MARKER_STYLE.DASH)
"""A line's marker, by its series' place: lines told apart without their colours."""
_PATTERNS = (MSO_PATTERN.WIDE_UPWARD_DIAGONAL, MSO_PATTERN.LARGE_GRID, MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL,
             MSO_PATTERN.DARK_VERTICAL, MSO_PATTERN.SOLID_DIAMOND, MSO_PATTERN.DARK_HORIZONTAL,
             MSO_PATTERN.LARGE_CHECKER_BOARD)
"""The fill of the second bar series on (the first is solid): bars told apart without their colours."""
_MOST_LABELLED = 12
"""A single series' values are printed on it up to this many categories; past it, they crowd."""
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@dataclass(frozen=True)
class Look:
    """What a chart is drawn in: the series' colours (cycled), the text's colour and size, the page's colour
    (behind patterned bars), the gridlines' colour, and the body's font."""

    colours: Sequence[str]
    ink: str
    paper: str
    rule: str
    size: int
    """In EMU (python-pptx's or python-docx's `Pt`)."""
    font: str | None = None


def add(shapes: SlideShapes, chart: Chart, box: tuple[int, int, int, int], look: Look) -> GraphicFrame:
    """`chart` drawn natively in `box` (left, top, width, height) of a slide's shapes, described by its alt text."""
    left, top, width, height = box
    # python-pptx annotates add_chart as giving the chart; it gives the frame holding it.
    frame = cast(GraphicFrame, shapes.add_chart(_chart_type(chart), Emu(left), Emu(top), Emu(width), Emu(height),
                                                cast(Any, _data(chart))))
    _style(frame.chart, chart, look)
    properties = frame._element.find(f"{qn('p:nvGraphicFramePr')}/{qn('p:cNvPr')}")
    properties.set("name", chart.title or chart.id)
    properties.set("title", chart.title)
    properties.set("descr", chart.alt)
    # XlsxWriter dates its workbook now: fixed, so that the same input gives the same bytes.
    workbook = frame.chart_part.chart_workbook
    workbook.update_from_xlsx_blob(_fixed_workbook(workbook.xlsx_part.blob))
    return frame


def parts(chart: Chart, width: int, height: int, look: Look) -> tuple[bytes, bytes]:
    """The chart part's XML and its embedded workbook, built (and styled by python-pptx) on a throwaway slide:
    what a Word document holds of a chart."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
    frame = add(slide.shapes, chart, (0, 0, width, height), look)
    xml: bytes = etree.tostring(frame.chart_part._element, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml, frame.chart_part.chart_workbook.xlsx_part.blob


def _chart_type(chart: Chart) -> Any:
    if chart.kind != "bar":
        return XL_CHART_TYPE.LINE_MARKERS
    if chart.horizontal:
        return XL_CHART_TYPE.BAR_STACKED if chart.stacked else XL_CHART_TYPE.BAR_CLUSTERED
    return XL_CHART_TYPE.COLUMN_STACKED if chart.stacked else XL_CHART_TYPE.COLUMN_CLUSTERED


def _data(chart: Chart) -> CategoryChartData:
    data = CategoryChartData(number_format=chart.style.excel)
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)  # None leaves the cell (and the point) empty
    return data


def _style(drawn: PptxChart, chart: Chart, look: Look) -> None:
    _font(drawn.font, look)
    drawn.has_title = False  # the slide's title or the caption names it
    plot = drawn.plots[0]
    for index, series in enumerate(plot.series):
        colour = theme.rgb(look.colours[index % len(look.colours)])
        if chart.kind == "bar":
            fill = series.format.fill
            if index:
                fill.patterned()
                fill.pattern = _PATTERNS[(index - 1) % len(_PATTERNS)]
                fill.fore_color.rgb, fill.back_color.rgb = colour, theme.rgb(look.paper)
            else:
                fill.solid()
                fill.fore_color.rgb = colour
            series.format.line.color.rgb = colour
        else:
            series.marker.style = _MARKERS[index % len(_MARKERS)] if chart.kind == "line" else XL_MARKER_STYLE.CIRCLE
            series.marker.size = max(5, round(Emu(look.size).pt * 0.6))
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
            if chart.kind == "dot":
                series.format.line.fill.background()  # dots, not a line
                _error_bars(series._element, chart.series[index].values, chart.series[index].low,
                            chart.series[index].high, look.colours[index % len(look.colours)])
            else:
                series.format.line.color.rgb = colour
                series.smooth = False
    _axes(drawn, chart, look)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
        _font(drawn.legend.font, look)
    if len(chart.series) == 1 and len(chart.categories) <= _MOST_LABELLED:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = chart.style.excel, False
        labels.show_value = True
        _font(labels.font, look)
        labels.position = XL_LABEL_POSITION.CENTER if chart.stacked and chart.kind == "bar" else \
            XL_LABEL_POSITION.OUTSIDE_END if chart.kind == "bar" else \
            XL_LABEL_POSITION.RIGHT if chart.kind == "dot" else XL_LABEL_POSITION.ABOVE
    space = drawn._chartSpace
    blanks = space.chart.find(qn("c:dispBlanksAs"))
    if blanks is not None:
        blanks.set("val", "gap")  # a missing value is a gap in its line, not a fall to zero
    _plain_frame(space)
    _positive_axis_ids(space)


def _positive_axis_ids(space: Any) -> None:
    """python-pptx numbers a bar chart's axes below zero; the schema has them unsigned (openxml-audit refuses
    them): each id, and each reference to it, made its magnitude."""
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(abs(int(element.get("val")))))


def _axes(drawn: PptxChart, chart: Chart, look: Look) -> None:
    category, value = drawn.category_axis, drawn.value_axis
    for axis, title in ((category, chart.category_title), (value, chart.value_title)):
        _font(axis.tick_labels.font, look)
        axis.has_title = bool(title)
        if title:
            frame = axis.axis_title.text_frame
            frame.text = title
            _font(frame.paragraphs[0].runs[0].font, look)
    value.tick_labels.number_format, value.tick_labels.number_format_is_linked = chart.style.excel, False
    category.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # beside the plot, clear of bars below zero
    # The drawing's axis: the same round numbers in every format (from zero, or near the values when not).
    marks, _ = ticks(*chart.extent)
    value.minimum_scale, value.maximum_scale = marks[0], marks[-1]
    if len(marks) > 1:
        value.major_unit = marks[1] - marks[0]
    value.major_gridlines.format.line.color.rgb = theme.rgb(look.rule)
    value.major_gridlines.format.line.width = Pt(0.25)
    if chart.kind == "bar" and chart.horizontal:
        # Categories top to bottom in reading order, the value axis kept at the foot.
        category.reverse_order = True
        crosses = value._element.find(qn("c:crosses"))
        if crosses is not None:
            crosses.set("val", "max")
        # Every name shown (LibreOffice skips some when they are close): a bar unnamed is a bar unread.
        skip = etree.Element(qn("c:tickLblSkip"), val="1")
        following = category._element.find(qn("c:noMultiLvlLbl"))
        if following is not None:
            following.addprevious(skip)
        else:
            category._element.append(skip)


def _font(font: Font, look: Look) -> None:
    font.size = Emu(look.size)
    font.color.rgb = theme.rgb(look.ink)
    if look.font:
        font.name = look.font


def _error_bars(series: Any, values: Sequence[float | None], low: Sequence[float | None],
                high: Sequence[float | None], colour: str) -> None:
    """Each dot's interval as custom error bars (python-pptx has no API for them): plus to `high`, minus to `low`,
    as numbers in the chart itself."""
    if not low or not high:
        return
    bars = etree.Element(qn("c:errBars"))
    etree.SubElement(bars, qn("c:errDir"), val="y")
    etree.SubElement(bars, qn("c:errBarType"), val="both")
    etree.SubElement(bars, qn("c:errValType"), val="cust")
    etree.SubElement(bars, qn("c:noEndCap"), val="0")
    for name, ends, sign in (("c:plus", high, 1), ("c:minus", low, -1)):
        literal = etree.SubElement(etree.SubElement(bars, qn(name)), qn("c:numLit"))
        etree.SubElement(literal, qn("c:formatCode")).text = "General"
        etree.SubElement(literal, qn("c:ptCount"), val=str(len(values)))
        for index, (value, end) in enumerate(zip(values, ends, strict=True)):
            if value is not None and end is not None:
                point = etree.SubElement(literal, qn("c:pt"), idx=str(index))
                etree.SubElement(point, qn("c:v")).text = repr(max(0.0, (end - value) * sign))
    shape = etree.SubElement(bars, qn("c:spPr"))
    line = etree.SubElement(shape, qn("a:ln"), w=str(Emu(Pt(1.5))))
    line.append(theme.solid_fill(colour))
    # A series' children have a fixed order: …, dLbls, trendline, errBars, cat, val, smooth.
    series.find(qn("c:cat")).addprevious(bars)


def _plain_frame(space: Any) -> None:
    """No rounded corners nor border round the chart (Word draws both when a chart does not say otherwise)."""
    if space.find(qn("c:roundedCorners")) is None:
        rounded = etree.Element(qn("c:roundedCorners"), val="0")
        space.find(qn("c:date1904")).addnext(rounded)
    if space.find(qn("c:spPr")) is None:
        shape = etree.Element(qn("c:spPr"))
        etree.SubElement(shape, qn("a:noFill"))
        etree.SubElement(etree.SubElement(shape, qn("a:ln")), qn("a:noFill"))
        space.chart.addnext(shape)  # chart, spPr, txPr, externalData


def _fixed_workbook(xlsx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as workbook:
        entries = {entry.filename: workbook.read(entry) for entry in workbook.infolist()}
    stamp = package.FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", entries["docProps/core.xml"])
    return package.reproducible(entries)


def look_of(brand: Brand, palette: Palette, size: int, font: str | None = None) -> Look:
    """A chart in the audience's palette, its series in the brand's colours for it (those the page's drawing
    has)."""
    return Look(brand.series_colours(palette), palette.ink, palette.paper, palette.rule, size, font)
