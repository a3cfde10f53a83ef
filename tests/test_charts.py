"""A table's chart built end to end: eight localities, each drawing its own numbers from a CSV file, in every
format (an SVG titled and described in HTML, a native chart in PowerPoint and Word, a described Figure in a PDF
that passes PDF/UA-1), the same bytes every build.

What each chart should show is read from the CSV files, so the tests hold whatever rows they hold."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from bs4 import BeautifulSoup
from docx import Document
from pptx import Presentation
from pptx.oxml import parse_xml

from briefgen.render.pdf_tags import structure_elements
from tests.conftest import FIXTURES, run_cli

FIXTURE = FIXTURES / "charts"
PLACES = {row["code"]: row["name"]
          for row in csv.DictReader((FIXTURE / "localities.csv").read_text(encoding="utf-8").splitlines())}
ROWS = list(csv.DictReader((FIXTURE / "referrals.csv").read_text(encoding="utf-8").splitlines()))


def figures(code: str) -> list[tuple[str, float, float]]:
    """The locality's years, referrals and completions, as the CSV file holds them."""
    return [(row["year"], float(row["referrals"]), float(row["completed"])) for row in ROWS if row["code"] == code]


def build(folder: Path, *args: str) -> Path:
    shutil.copytree(FIXTURE, folder / "content")
    result = run_cli("build", folder / "content" / "chart-editions.yaml", "-a", "commissioner", *args,
                     "--out", folder / "out")
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return folder / "out" / "chart-editions"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("charts"), "-f", "html", "-f", "pptx", "-f", "docx")


def test_the_fixture_has_eight_localities_of_three_years() -> None:
    assert len(PLACES) == 8 and all(len(figures(code)) == 3 for code in PLACES)


@pytest.mark.parametrize("code", list(PLACES))
def test_each_edition_draws_its_own_numbers_in_html(built: Path, code: str) -> None:
    page = BeautifulSoup((built / code / "commissioner" / "brief.html").read_text(encoding="utf-8"), "html.parser")
    drawing = page.select_one("figure.chart svg[role=img]")
    assert drawing is not None
    title, desc = drawing.find("title"), drawing.find("desc")
    assert title is not None and desc is not None
    assert drawing["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert title.get_text() == f"Referrals and completed plans in {PLACES[code]}, by year"
    rows = figures(code)
    highest = max(rows, key=lambda row: row[1])
    assert f"highest {highest[1]:,.0f} ({highest[0]})" in desc.get_text()
    # The bars: one per year and series, their heights in proportion to the numbers.
    bars = drawing.select("rect.chart-bar")
    heights = [float(bar["height"]) for bar in bars]
    values = [value for _, referrals, completed in rows for value in (referrals, completed)]
    assert len(bars) == len(values)
    assert sorted(range(len(values)), key=values.__getitem__) == sorted(range(len(heights)), key=heights.__getitem__)
    # Its figures sit beside it, in a details element, as the table prints them.
    table = page.select_one("figure.chart + details.chart-data div.table table")
    assert table is not None
    assert [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")] == [
        [year, f"{referrals:,.0f}", f"{completed:,.0f}"] for year, referrals, completed in rows]


@pytest.mark.parametrize("code", list(PLACES))
def test_each_edition_has_a_native_chart_of_its_numbers_in_pptx_and_docx(built: Path, code: str) -> None:
    rows = figures(code)
    deck = Presentation(str(built / code / "commissioner" / "slides.pptx"))
    frames = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(frames) == 1
    chart = frames[0].chart
    assert list(chart.plots[0].categories) == [year for year, _, _ in rows]
    assert [list(series.values) for series in chart.plots[0].series] == [
        [referrals for _, referrals, _ in rows], [completed for _, _, completed in rows]]
    described = frames[0]._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    assert described.get("descr", "").startswith("Bar chart of Referrals and Completed by Year, 2022 to 2024.")
    with zipfile.ZipFile(built / code / "commissioner" / "brief.docx") as package:
        parts = [name for name in package.namelist() if name.startswith("word/charts/chart")]
        assert len(parts) == 1
        space = parse_xml(package.read(parts[0]))
    values = [[float(value) for value in series.xpath(".//c:val//c:v/text()")]
              for series in space.xpath("//c:ser")]
    assert values == [[referrals for _, referrals, _ in rows], [completed for _, _, completed in rows]]
    document = Document(str(built / code / "commissioner" / "brief.docx"))
    inline = document.element.body.xpath(".//wp:inline/wp:docPr")
    assert [element.get("descr", "")[:20] for element in inline] == ["Bar chart of Referra"]


def test_a_pdf_describes_the_chart_and_passes_pdf_ua(tmp_path: Path) -> None:
    code = next(iter(PLACES))
    out = build(tmp_path, "-f", "pdf", "-e", f"place={code}")
    for document in ("brief", "slides"):
        pdf = out / code / "commissioner" / f"{document}.pdf"
        with pikepdf.open(pdf) as opened:
            alts = [str(element.Alt) for element in structure_elements(opened)
                    if pikepdf.Name.Figure == element.S and "/Alt" in element]
        assert [alt.split(". ")[0] for alt in alts] == [f"Referrals and completed plans in {PLACES[code]}, by year"]
        assert "Bar chart of Referrals and Completed by Year, 2022 to 2024." in alts[0]
        report = page_validation.validate_pdf(pdf, profile=page_validation.ValidationProfile.PDF_UA_1)
        assert list(report.failures) == [], document


def test_charts_are_the_same_bytes_every_build(built: Path, tmp_path: Path) -> None:
    """Two of the editions built again, apart: every file, the Office files' embedded workbooks included, is
    byte for byte the one the first build wrote."""
    codes = list(PLACES)[:2]
    again = build(tmp_path, "-f", "html", "-f", "pptx", "-f", "docx", *(f"--edition=place={code}" for code in codes))
    files = sorted(path.relative_to(again) for path in again.rglob("*.*"))
    assert len(files) == 2 * 4
    assert [path for path in files if (again / path).read_bytes() != (built / path).read_bytes()] == []
    with zipfile.ZipFile(io.BytesIO((again / codes[0] / "commissioner" / "slides.pptx").read_bytes())) as package:
        assert any(name.endswith(".xlsx") for name in package.namelist())
