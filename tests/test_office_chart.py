"""Charts in the Office files, drawn natively from their numbers: a deck's chart slide and a brief's figure read
back with python-pptx, python-docx and the zip itself (chart type, categories, values, number format, alt text,
the Word package's parts, content types and relationships, the embedded workbook), valid for Office
(openxml-audit), and drawn by LibreOffice with their category labels."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree
from openxml_audit import OpenXmlValidator
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.util import Inches, Pt

from briefgen.content.brand import load_brand, preset
from briefgen.content.chart_model import Chart as ChartSpec
from briefgen.errors import Severity
from briefgen.render.chart_measure import ticks
from briefgen.render.draft import Draft
from briefgen.render.office import chart as office_chart
from briefgen.render.office.blocks import ChartFigure
from briefgen.render.office.checks import docx_failures, pptx_failures
from briefgen.render.office.docx import docx_bytes
from briefgen.render.office.pptx import pptx_bytes
from briefgen.render.office.reading import parse, read
from briefgen.views.chart import Chart
from briefgen.views.charting import chart_of
from tests import libreoffice
from tests.test_office_package import audit

HEADER = ["Region", "Referrals", "Completed", "Low", "High"]
ROWS = [["North East", "1,204", "900", "1,100", "1,300"], ["Yorkshire", "1,530", "—", "1,400", "1,650"],
        ["South West", "2,010", "1,480", "1,900", "2,150"]]
CHART_XML = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def chart(id: str = "chart-x", **spec: Any) -> Chart:
    return chart_of(ChartSpec.model_validate({"x": "Region", "y": ["Referrals", "Completed"], **spec}), HEADER, ROWS,
                    "Referrals by region", id)


CHARTS = {"chart-bars": chart("chart-bars"), "chart-rows": chart("chart-rows", y="Referrals", horizontal=True),
          "chart-line": chart("chart-line", type="line"),
          "chart-dots": chart("chart-dots", type="dot", y="Referrals", low="Low", high="High", zero=False)}


def figure(id: str) -> str:
    return (f"<figure class='chart' id='{id}'><svg role='img' aria-label='drawn'><rect/></svg>"
            f"<figcaption>Referrals by region ({id})</figcaption></figure>")


def page() -> str:
    """A deck's page and a brief's in one: a chart slide for each chart, and each chart's figure in the brief."""
    slides = "".join(f"<section class='slide layout-chart' id='s-{id}'><div class='slide-body'><h2>Slide {id}</h2>"
                     f"{figure(id)}</div></section>" for id in CHARTS)
    return (f"<html lang='en-GB'><head><title>Charts</title></head><body><header class='masthead'><h1>Charts</h1>"
            f"</header><main><p>Before.</p>{''.join(figure(id) for id in CHARTS)}</main>{slides}</body></html>")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The deck and the brief, written as a build writes them, with no warnings from the Office checks."""
    brand = load_brand(preset("default"))[0]
    folder = tmp_path_factory.mktemp("charts")
    written = {}
    for suffix, render in (("pptx", pptx_bytes), ("docx", docx_bytes)):
        draft = Draft(f"b/{suffix}", page(), Path("templates"), brand, charts=CHARTS)
        written[suffix] = folder / f"{'deck' if suffix == 'pptx' else 'brief'}.{suffix}"
        written[suffix].write_bytes(render(draft))
        assert [problem.message for problem in draft.problems if problem.severity is Severity.WARNING] == []
    return written


def test_a_chart_figure_is_read_as_its_chart_with_its_caption_and_an_unknown_one_as_nothing() -> None:
    body = parse(f"<html><body>{figure('chart-bars')}{figure('chart-unknown')}</body></html>").find("body")
    [block] = read(body, CHARTS)
    assert isinstance(block, ChartFigure) and block.chart is CHARTS["chart-bars"]
    assert "".join(run.text for run in block.caption) == "Referrals by region (chart-bars)"


def test_each_chart_slide_holds_its_chart_natively_with_its_numbers_format_and_alt_text(
        files: dict[str, Path]) -> None:
    deck = Presentation(str(files["pptx"]))
    types = {"chart-bars": XL_CHART_TYPE.COLUMN_CLUSTERED, "chart-rows": XL_CHART_TYPE.BAR_CLUSTERED,
             "chart-line": XL_CHART_TYPE.LINE_MARKERS, "chart-dots": XL_CHART_TYPE.LINE_MARKERS}
    assert len(deck.slides) == len(CHARTS)
    for slide, (id, expected) in zip(deck.slides, CHARTS.items(), strict=True):
        assert slide.shapes.title.text_frame.text == f"Slide {id}"
        [frame] = [shape for shape in slide.shapes if shape.has_chart]
        drawn = frame.chart
        assert drawn.chart_type == types[id]
        assert list(drawn.plots[0].categories) == ["North East", "Yorkshire", "South West"]
        assert [list(series.values) for series in drawn.plots[0].series] == [
            list(series.values) for series in expected.series]
        assert drawn.value_axis.tick_labels.number_format == "#,##0"
        assert not drawn.value_axis.tick_labels.number_format_is_linked
        properties = frame._element.find(".//{*}cNvPr")
        assert properties.get("descr") == expected.alt and expected.alt.startswith(("Bar", "Line", "Dot"))
        assert properties.get("title") == "Referrals by region"
        assert drawn.has_legend == (len(expected.series) > 1)
        # The chart fills the body below the title, within the slide; its caption is below it, read last.
        assert frame.top >= slide.shapes.title.top + slide.shapes.title.height
        assert frame.left + frame.width <= deck.slide_width and frame.top + frame.height <= deck.slide_height
        shapes = list(slide.shapes)
        [caption] = [shape for shape in shapes
                     if shape.has_text_frame and shape.text_frame.text == f"Referrals by region ({id})"]
        assert caption.top >= frame.top + frame.height and shapes.index(caption) > shapes.index(frame)
    bars, rows, line, dots = (Presentation(str(files["pptx"])).slides[n].shapes for n in range(4))
    bar_chart = next(shape for shape in bars if shape.has_chart).chart
    assert bar_chart.value_axis.minimum_scale == 0
    second = bar_chart.plots[0].series[1].format.fill
    assert second.type is not None and second.pattern is not None  # told apart without its colour
    row_chart = next(shape for shape in rows if shape.has_chart).chart
    assert row_chart.category_axis.reverse_order  # top to bottom in reading order
    assert row_chart.plots[0].has_data_labels and row_chart.plots[0].data_labels.number_format == "#,##0"
    line_xml = next(shape for shape in line if shape.has_chart).chart._chartSpace
    assert line_xml.find(f".//{C}dispBlanksAs").get("val") == "gap"
    markers = {series.marker.style for series in next(shape for shape in line if shape.has_chart).chart.plots[0].series}
    assert len(markers) == 2
    dot_xml = next(shape for shape in dots if shape.has_chart).chart._chartSpace
    bars_xml = dot_xml.find(f".//{C}errBars")
    assert bars_xml.find(f"{C}errValType").get("val") == "cust"
    plus = [float(value.text) for value in bars_xml.iterfind(f"{C}plus//{C}v")]
    minus = [float(value.text) for value in bars_xml.iterfind(f"{C}minus//{C}v")]
    assert plus == [96.0, 120.0, 140.0] and minus == [104.0, 130.0, 110.0]
    # A dot plot not from zero: its axis is the drawing's, the same round numbers near its values.
    dot_axis = next(shape for shape in dots if shape.has_chart).chart.value_axis
    marks, _ = ticks(*CHARTS["chart-dots"].extent)
    assert (dot_axis.minimum_scale, dot_axis.maximum_scale) == (marks[0], marks[-1]) and marks[0] > 0


def test_a_brief_holds_each_chart_as_a_native_chart_part_with_its_workbook(files: dict[str, Path]) -> None:
    with zipfile.ZipFile(files["docx"]) as package:
        names = package.namelist()
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {override.get("PartName"): override.get("ContentType") for override in types}
        document_rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        charts = {relationship.get("Id"): relationship.get("Target") for relationship in document_rels
                  if relationship.get("Type") == f"{RELATIONSHIPS}/chart"}
        document = etree.fromstring(package.read("word/document.xml"))
        inline = document.findall(f".//{{*}}inline/{{*}}graphic/{{*}}graphicData/{C}chart")
        assert [element.get(f"{{{RELATIONSHIPS}}}id") for element in inline] == list(charts)
        properties = [element.getparent().getparent().getparent().find("{*}docPr") for element in inline]
        assert [element.get("descr") for element in properties] == [chart.alt for chart in CHARTS.values()]
        assert len({element.get("id") for element in document.iter("{*}docPr")}) == len(properties)
        for (target, expected) in zip(charts.values(), CHARTS.values(), strict=True):
            name = f"word/{target}"
            assert name in names and overrides[f"/{name}"] == CHART_XML
            rels = etree.fromstring(package.read(name.replace("charts/", "charts/_rels/") + ".rels"))
            [workbook] = [relationship for relationship in rels
                          if relationship.get("Type") == f"{RELATIONSHIPS}/package"]
            xml = parse_xml(package.read(name))
            assert xml.find(f"{C}externalData").get(f"{{{RELATIONSHIPS}}}id") == workbook.get("Id")
            values = [[float(value.text) for value in series.iterfind(f"{C}val//{C}v")]
                      for series in xml.iterfind(f".//{C}ser")]
            assert values == [[value for value in series.values if value is not None] for series in expected.series]
            sheet = "word/" + workbook.get("Target").removeprefix("../")
            assert sheet.startswith("word/embeddings/Microsoft_Excel_Sheet") and sheet.endswith(".xlsx")
            defaults = {default.get("Extension"): default.get("ContentType") for default in types}
            assert overrides.get(f"/{sheet}", defaults.get("xlsx")) == SHEET
            with zipfile.ZipFile(io.BytesIO(package.read(sheet))) as workbook_zip:
                cells = workbook_zip.read("xl/worksheets/sheet1.xml").decode()
                assert all(f"<v>{value:g}</v>" in cells for value in values[0])
    opened = Document(str(files["docx"]))  # python-docx opens it
    assert any(paragraph.text == "Referrals by region (chart-bars)" and paragraph.style.name == "Caption"
               for paragraph in opened.paragraphs)


def test_the_workbook_a_chart_embeds_is_dated_as_every_office_part_is(files: dict[str, Path]) -> None:
    """XlsxWriter dates the workbook when it is made: the date is fixed, so the same input gives the same bytes."""
    deck = Presentation(str(files["pptx"]))
    frame = next(shape for shape in deck.slides[0].shapes if shape.has_chart)
    with zipfile.ZipFile(io.BytesIO(frame.chart_part.chart_workbook.xlsx_part.blob)) as workbook:
        core = workbook.read("docProps/core.xml").decode()
        assert {entry.date_time for entry in workbook.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    assert core.count(">2000-01-01T00:00:00Z<") == 2
    look = office_chart.Look(("#112233",), "#000000", "#ffffff", "#cccccc", Pt(12))
    built = [office_chart.parts(CHARTS["chart-line"], Inches(6), Inches(4), look) for _ in range(2)]
    assert built[0] == built[1]


def test_the_files_are_valid_for_office(files: dict[str, Path], openxml_validator: OpenXmlValidator) -> None:
    assert audit(openxml_validator, list(files.values())) == {}


def test_libreoffice_draws_the_charts_with_their_category_labels(files: dict[str, Path], tmp_path: Path) -> None:
    deck, brief = (libreoffice.page_words(pdf) for pdf in
                   libreoffice.convert([files["pptx"], files["docx"]], tmp_path / "pdf", tmp_path / "profile"))
    slides = [" ".join(word.text for word in words) for words in deck]
    assert len(slides) == len(CHARTS)
    assert all("North" in text and "Yorkshire" in text and "South" in text for text in slides), slides
    assert "1,204" in slides[1]  # the single series' data labels, in the table's format
    assert " ".join(word.text for words in brief for word in words).count("Yorkshire") == len(CHARTS)


def test_many_horizontal_bars_make_a_taller_chart_in_word_each_named_beside_the_plot() -> None:
    """Fourteen stacked bars, some below zero: the Word chart is taller than the usual shape, and the names stay
    at the plot's left edge (clear of the bars below zero), every one shown."""
    rows = [[f"Area number {n}", str(10 + n), str(n - 3)] for n in range(14)]
    many = chart_of(ChartSpec.model_validate({"x": "Area", "y": ["A", "B"], "horizontal": True, "stacked": True}),
                    ["Area", "A", "B"], rows, "Many", "chart-many")
    few = chart("chart-few", y="Referrals", horizontal=True)
    page = ("<html lang='en-GB'><head><title>T</title></head><body><main>"
            f"{figure('chart-many')}{figure('chart-few')}</main></body></html>")
    draft = Draft("b/brief", page, Path("templates"), load_brand(preset("default"))[0],
                  charts={"chart-many": many, "chart-few": few})
    with zipfile.ZipFile(io.BytesIO(docx_bytes(draft))) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        chart_xml = parse_xml(package.read("word/charts/chart1.xml"))
    many_extent, few_extent = ((int(extent.get("cx")), int(extent.get("cy")))
                               for extent in document.iter("{*}extent"))
    assert many_extent[1] > few_extent[1] == round(few_extent[0] * 0.56)
    category = chart_xml.find(f".//{C}catAx")
    assert category.find(f"{C}tickLblPos").get("val") == "low"
    assert category.find(f"{C}tickLblSkip").get("val") == "1"
    assert chart_xml.find(f".//{C}barChart/{C}grouping").get("val") == "stacked"


def test_the_office_checks_fail_a_chart_without_its_description(files: dict[str, Path]) -> None:
    """What `briefgen check` reads: a chart whose description is removed fails in PowerPoint and in Word."""
    for suffix, failures in (("pptx", pptx_failures), ("docx", docx_failures)):
        with zipfile.ZipFile(files[suffix]) as package:
            parts = {name: package.read(name) for name in package.namelist()}
        undescribed = {name: re.sub(rb' descr="[^"]*"', b"", data, count=1) if name.endswith(
            ("slide1.xml", "document.xml")) else data for name, data in parts.items()}
        assert undescribed != parts
        written = io.BytesIO()
        with zipfile.ZipFile(written, "w") as package:
            for name, data in undescribed.items():
                package.writestr(name, data)
        assert failures(files[suffix].read_bytes()) == []
        assert [failure.message for failure in failures(written.getvalue())] == [
            "chart 'Referrals by region' has no alt text (a description of what it shows)" if suffix == "pptx" else
            "picture 1 has no alt text and is not marked decorative"], suffix
