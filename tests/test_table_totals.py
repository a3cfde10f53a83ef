"""A table's total row: as written, or summed over the rows each reader sees; set apart under the rows in HTML,
PDF, Word and PowerPoint, and on the last slide of a table spread over several."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from briefgen.views.totals import total_row
from tests.conftest import FIXTURES, run_cli
from tests.test_office import html, normal

ROWS = [["North", "1,204", "12%", "3 to 5"], ["South", "96", "8%", "—"], ["East", "—", "10%", "2"]]


@pytest.mark.parametrize(("rows", "expected"), [
    (ROWS, ("Total", "1,300", "", "")),  # counts summed, a dash skipped; no sum of percentages or of ranges
    ([["A", "£1.5m", "2", "1"], ["B", "£0.25m", "3", "x"]], ("Total", "£1.75m", "5", "")),
    ([["A", "2.5", "-3", "1"], ["B", "1", "1", "2"]], ("Total", "3.5", "\u22122", "3")),
    ([["A", "\u2014", "", "\u2013"]], ("Total", "", "", "")),
])
def test_a_summed_total_adds_up_each_column_of_amounts(rows: list[list[str]], expected: tuple[str, ...]) -> None:
    assert total_row("sum", rows, True, 4) == expected


def test_a_written_total_is_printed_as_written_and_without_row_headers_nothing_is_headed_total() -> None:
    assert total_row(["All", "1,300", "10%", ""], ROWS, True, 4) == ("All", "1,300", "10%", "")
    assert total_row("sum", [["1", "2"], ["3", "4"]], False, 2) == ("4", "6")
    assert total_row(None, ROWS, True, 4) is None


def test_each_reader_sees_the_total_of_the_rows_they_see_in_every_format(authoring_build: Path) -> None:
    for audience, total in (("gp", "3,000"), ("commissioner", "4,000")):
        folder = authoring_build / audience
        [foot] = html(folder / "brief.html").select("main table tfoot tr")
        assert [normal(cell.get_text()) for cell in foot.find_all(["th", "td"])] == ["Total", total, ""]
        assert foot.th["scope"] == "row"
        text = normal(" ".join(page.extract_text() for page in PdfReader(folder / "brief.pdf").pages))
        assert f"Practice 24 240 24% Total {total}" in text.replace("Practice 99 1,000 1% ", "")
        [table] = [table for table in Document(str(folder / "brief.docx")).tables
                   if table.rows[0].cells[0].text == "Practice"]
        last = table.rows[-1]
        assert [cell.text for cell in last.cells] == ["Total", total, ""]
        assert all(run.bold for cell in last.cells for run in cell.paragraphs[0].runs)


def test_a_table_spread_over_slides_totals_on_its_last(authoring_build: Path) -> None:
    # The table of practices; the briefing's other table, the notes', has no total.
    tables = [table for table in html(authoring_build / "gp" / "slides.html").select("section.slide table")
              if normal(table.th.get_text()) == "Practice"]
    assert len(tables) > 1
    assert [len(table.select("tfoot tr")) for table in tables] == [0] * (len(tables) - 1) + [1]
    deck = Presentation(str(authoring_build / "gp" / "slides.pptx"))
    grids = [shape.table for slide in deck.slides for shape in slide.shapes
             if shape.has_table and shape.table.cell(0, 0).text == "Practice"]
    assert len(grids) == len(tables)
    assert [grid.last_row for grid in grids] == [False] * (len(grids) - 1) + [True]
    assert [cell.text for cell in grids[-1].rows[len(grids[-1].rows) - 1].cells] == ["Total", "3,000", ""]


def test_a_written_total_of_the_wrong_width_is_an_error_at_its_line(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["table"] = {"caption": "C", "header": ["A", "B"], "rows": [["x", "1"]], "total": ["All"]}
    source = tmp_path / "bad.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_cli("validate", source)
    assert result.code == 1
    assert ("sections[0].table.total: [BG006] the total row has 1 of the header's 2 columns; give it 2 cells (or write "
            "`total: sum`)") in result.stderr
