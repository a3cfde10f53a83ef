"""Word briefs as a Word user opens them, read back with python-docx beside the HTML brief (parsed with
BeautifulSoup): the PDF's paper, margins, running header and page numbers; a contrast's poles side by side with
what follows outside them; columns as wide as their text; references in Word's Bibliography style. The
briefings are the shared Office build's (tests/conftest.py `office_site`), and one in American English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from docx import Document
from docx.document import Document as DocumentType
from docx.section import _Footer
from docx.shared import Mm
from docx.table import Table

from briefgen.render.office.word_page import A4, LETTER, RUNNING_TITLE_CHARS, paper
from tests.conftest import FIXTURES, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"^[\d.,%\s]+$")


def normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def site(office_site: Path) -> Path:
    return office_site


def briefs(site: Path) -> list[tuple[str, DocumentType, BeautifulSoup]]:
    """Each GP brief of the build: its briefing's name, the Word document and the HTML brief."""
    return [(folder.parent.name, Document(str(folder / "brief.docx")),
             BeautifulSoup((folder / "brief.html").read_text(encoding="utf-8"), "html.parser"))
            for folder in sorted(site.glob("*/gp"))]


def same_length(length: int | None, expected: int) -> bool:
    """Word stores lengths in twentieths of a point: equal to within a tenth of a millimetre."""
    return length is not None and abs(length - expected) < Mm(0.1)


def fields(footer: _Footer) -> list[str]:
    return [field.get(W + "instr").strip() for field in footer._element.iter(W + "fldSimple")]


@pytest.mark.parametrize(("language", "size"), [
    ("en-GB", A4), ("en-US", LETTER), ("fr-CA", LETTER), ("es-MX", LETTER), ("es-419", A4), ("zh-Hant-TW", A4),
    ("de", A4), ("", A4)])
def test_the_paper_is_letter_only_where_the_languages_country_uses_it(language: str, size: tuple[int, int]) -> None:
    assert paper(language) == size


def test_a4_with_the_pdfs_margins_running_title_and_audience_and_page_numbers(site: Path) -> None:
    for name, document, page in briefs(site):
        (section,) = document.sections
        assert same_length(section.page_width, Mm(210)) and same_length(section.page_height, Mm(297)), name
        assert same_length(section.left_margin, Mm(20)) and same_length(section.top_margin, Mm(22)), name
        masthead = page.select_one("header.masthead")
        assert masthead is not None
        title, audience = normal(masthead.select_one("h1").get_text()), masthead["data-audience"]
        assert section.different_first_page_header_footer  # page one has the masthead instead of a header
        shown, tab, shown_audience = section.header.paragraphs[0].text.partition("\t")
        assert tab and shown_audience == audience, name
        # A title too long for one line is cut, at a word, with an ellipsis, as the PDF cuts it.
        assert shown == title or (shown.endswith("\u2026") and title.startswith(shown[:-1])
                                  and len(shown) <= RUNNING_TITLE_CHARS + 1), name
        assert not "".join(paragraph.text for paragraph in section.first_page_header.paragraphs)
        for footer in (section.footer, section.first_page_footer):
            assert fields(footer) == ["PAGE", "NUMPAGES"], name
            shown = "".join(text.text or "" for text in footer.paragraphs[0]._p.iter(W + "t"))
            assert shown == "Page 1 of 1", name  # until Word or LibreOffice lays the pages out


def table_headed(document: DocumentType, labels: list[str]) -> Table:
    return next(table for table in document.tables if [normal(cell.text) for cell in table.rows[0].cells] == labels)


def test_a_contrasts_poles_sit_side_by_side_and_what_follows_is_outside_them(site: Path) -> None:
    contrasts = 0
    for name, document, page in briefs(site):
        for contrast in page.select("main .contrast"):
            contrasts += 1
            poles = contrast.select(".pole")
            labels = [normal(pole.select_one(".pole-label").get_text()) for pole in poles]
            table = table_headed(document, labels)
            assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # the labels head the columns
            assert len(table.rows) == 2, name
            for pole, cell in zip(poles, table.rows[1].cells, strict=True):
                said = [normal(element.get_text()) for element in pole.select(".pole-caption, li")]
                assert [normal(paragraph.text) for paragraph in cell.paragraphs] == said, name
            # What the page reads next (a statement, or the next section's heading) is the paragraph after the
            # table, in the body: under neither pole.
            last = list(contrast.descendants)[-1]
            following = last.find_next(["h2", "h3", "p", "li"])
            assert isinstance(following, Tag)
            after = table._tbl.getnext()
            assert after.tag == W + "p", name
            text = "".join(node.text or "" for node in after.iter(W + "t"))  # its links' text too
            assert normal(text).startswith(normal(following.get_text())[:40]), name
    assert contrasts >= 3  # both shipped examples and the figure fixture have one


def test_a_number_column_is_narrower_than_a_text_column_and_the_table_spans_the_text(site: Path) -> None:
    document = Document(str(site / "virtual-wards-frailty" / "gp" / "brief.docx"))
    table = table_headed(document, ["Measure", "Step-up", "Step-down", "Total"])
    grid = [int(column.get(W + "w")) for column in table._tbl.tblGrid.iter(W + "gridCol")]
    assert all(NUMBER.match(row.cells[1].text) for row in table.rows[1:])
    assert grid[0] > 2 * max(grid[1:])  # the measures' names are wide, the counts narrow
    assert table._tbl.tblPr.find(f"{W}tblLayout").get(W + "type") == "fixed"  # LibreOffice keeps the widths
    section = document.sections[0]
    room = (section.page_width - section.left_margin - section.right_margin) // 635  # in twips
    assert abs(sum(grid) - room) <= len(grid)
    for _, document, _ in briefs(site):  # every table: cells as wide as their column
        for table in document.tables:
            grid = [int(column.get(W + "w")) for column in table._tbl.tblGrid.iter(W + "gridCol")]
            for row in table.rows:
                assert [int(cell._tc.tcPr.tcW.get(W + "w")) for cell in row.cells] == grid


def bibliography(document: DocumentType) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Bibliography"]


def test_author_date_references_hang_in_the_bibliography_style_unnumbered(site: Path) -> None:
    for name, document, page in briefs(site):
        style = document.styles["Bibliography"]
        hanging = style.paragraph_format
        assert hanging.first_line_indent < 0 and hanging.left_indent == -hanging.first_line_indent, name
        entries = [normal(item.get_text()) for item in page.select("main .reference-list li")]
        assert [re.sub(r"^\d+\.\t", "", text) for text in map(normal_but_tab, bibliography(document))] == entries
        for paragraph in document.paragraphs:
            if paragraph.style.name == "Bibliography":
                assert paragraph._p.pPr is None or paragraph._p.pPr.numPr is None  # no bullet, no list number
    document = Document(str(site / "social-prescribing" / "gp" / "brief.docx"))
    assert bibliography(document) and not any(re.match(r"\d", text) for text in bibliography(document))


def normal_but_tab(text: str) -> str:
    """Whitespace collapsed except the tab after a reference's number."""
    number, tab, rest = text.partition("\t")
    return f"{number}\t{normal(rest)}" if tab and number.rstrip(".").isdigit() else normal(text)


def test_numbered_references_keep_their_numbers_in_order_and_further_reading_has_none(site: Path) -> None:
    folder = site / "virtual-wards-frailty" / "gp"
    document = Document(str(folder / "brief.docx"))
    page = BeautifulSoup((folder / "brief.html").read_text(encoding="utf-8"), "html.parser")
    cited = page.select("main ol.reference-list li")
    further = page.select("main ul.reference-list li")
    assert cited and further
    entries = bibliography(document)
    numbers = [text.partition("\t")[0] for text in entries[:len(cited)]]
    assert numbers == [f"{number}." for number in range(1, len(cited) + 1)]
    assert not any("\t" in text for text in entries[len(cited):])
    assert len(entries) == len(cited) + len(further)


def test_a_brief_in_american_english_is_on_letter(tmp_path: Path) -> None:
    briefing = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    briefing["language"] = "en-US"
    (tmp_path / "minimal.yaml").write_text(yaml.safe_dump(briefing), encoding="utf-8")
    result = run_cli("build", tmp_path / "minimal.yaml", "-a", "gp", "-f", "docx", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    (section,) = Document(str(tmp_path / "out" / "minimal" / "gp" / "brief.docx")).sections
    assert same_length(section.page_width, LETTER[0]) and same_length(section.page_height, LETTER[1])
    assert same_length(section.left_margin, Mm(20))
