"""A briefing's own metadata as its readers meet it: a title, subtitle and contact per audience, built-in audiences
left out, and its version, the date of its figures and its review date printed on the brief and written into
every file's properties (the PDF's document information, the Office files' core and custom properties)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from lxml import etree
from openxml_audit import OpenXmlValidator
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import AUTHORING, FIXTURES, run_cli
from tests.test_office import html, normal
from tests.test_office_package import audit

STATUS = "Version 3 · Figures as at 30 September 2026 · Review by April 2027"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def _briefing(folder: Path, **changes: object) -> Path:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / "briefing.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_left_out_audience_gets_no_edition_and_cannot_be_asked_for(authoring_build: Path, tmp_path: Path) -> None:
    assert sorted(path.name for path in authoring_build.iterdir()) == ["commissioner", "gp"]
    asked = run_cli("build", AUTHORING, "-a", "link_worker", "--out", tmp_path / "other")
    assert asked.code != 0 and "link_worker" in asked.stderr
    assert not (tmp_path / "other").exists()


def test_title_subtitle_and_contact_are_each_audiences_own_in_every_format(authoring_build: Path) -> None:
    expected = {"commissioner": ("Community support in practice", "What it means for contracts", "the team"),
                "gp": ("Community support for your practice", "What the study found", "the primary care lead")}
    for audience, (title, subtitle, contact) in expected.items():
        page = html(authoring_build / audience / "brief.html")
        assert normal(page.select_one("h1").get_text()) == title
        assert normal(page.select_one(".subtitle").get_text()) == subtitle
        assert normal(page.select_one(".contact").get_text()) == f"Contact: Write to {contact}."
        assert PdfReader(authoring_build / audience / "brief.pdf").metadata.title.startswith(title)
        deck = Presentation(str(authoring_build / audience / "slides.pptx"))
        assert normal(deck.slides[0].shapes.title.text_frame.text) == title
        word = normal(" ".join(paragraph.text for paragraph in Document(str(authoring_build / audience / "brief.docx"))
                               .paragraphs))
        assert title in word and subtitle in word and f"Write to {contact}." in word


def test_version_and_dates_are_printed_under_the_byline_and_in_every_files_properties(
        authoring_build: Path, openxml_validator: OpenXmlValidator) -> None:
    folder = authoring_build / "gp"
    status = html(folder / "brief.html").select_one("header .status")
    assert normal(status.get_text()) == STATUS
    assert [time["datetime"] for time in status.select("time")] == ["2026-09-30", "2027-04"]
    pdf = PdfReader(folder / "brief.pdf")
    assert STATUS in normal(pdf.pages[0].extract_text())
    for document in ("brief.pdf", "slides.pdf"):
        info = PdfReader(folder / document).metadata
        assert (info["/Version"], info["/FiguresAsAt"], info["/ReviewDate"]) == ("3", "2026-09-30", "2027-04")
    word = Document(str(folder / "brief.docx"))
    assert STATUS in normal(" ".join(paragraph.text for paragraph in word.paragraphs))
    assert word.core_properties.version == Presentation(str(folder / "slides.pptx")).core_properties.version == "3"
    for office in ("brief.docx", "slides.pptx"):
        with zipfile.ZipFile(folder / office) as package:
            custom = etree.fromstring(package.read("docProps/custom.xml"))
        assert {prop.get("name"): prop[0].text for prop in custom.iter(f"{CUSTOM}property")} == {
            "Version": "3", "Figures as at": "2026-09-30", "Review date": "2027-04"}
    assert audit(openxml_validator, [folder / "brief.docx", folder / "slides.pptx"]) == {}


def test_a_briefing_without_them_prints_no_status_line_and_writes_no_custom_properties(tmp_path: Path) -> None:
    result = run_cli("build", _briefing(tmp_path), "-a", "gp", "-f", "html", "-f", "docx", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    folder = tmp_path / "out" / "briefing" / "gp"
    assert html(folder / "brief.html").select_one(".status") is None
    with zipfile.ZipFile(folder / "brief.docx") as package:
        assert "docProps/custom.xml" not in package.namelist()


@pytest.mark.parametrize(("audiences", "message"), [
    ({"housing": False},
     "audiences.housing: [BG013] audience 'housing' is the file's own: delete it rather than leave it out"),
    ({"commissioner": False, "gp": {"include": False}, "link_worker": False},
     "audiences: [BG013] every audience is left out: a briefing needs at least one reader"),
])
def test_leaving_out_what_cannot_be_left_out_is_an_error_at_its_line(
        tmp_path: Path, audiences: dict[str, object], message: str) -> None:
    source = _briefing(tmp_path, audiences=audiences)
    result = run_cli("validate", source)
    assert result.code != 0
    line = next(number for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("audiences:"))
    assert f"{source}:{line + (message.startswith('audiences.'))}:" in result.stderr, result.stderr
    assert message in result.stderr
