"""Figures beside statements and cross-references to tables and figures, end to end: tests/fixtures/figures.yaml
built for two audiences in every format, each numbering what its readers see ("Figure 1", "Table 1"), its `see:`
links saying those numbers, the alt text and source line in each format, and the outputs passing `briefgen check`
(PDF/UA-1 by `page`, the HTML and Office checks) and axe-core."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pikepdf
import pytest
from bs4 import BeautifulSoup
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefgen.check import check_outputs
from briefgen.render.office.docx import bookmark_name
from tests.conftest import FIXTURES, run_cli
from tests.test_browser import axe_reports

PATHWAY = "Referral pathway: a GP practice refers to a link worker, who connects people to community groups."
MAP = "A map of the link workers' practices, for commissioners."
SOURCE = "Source: (Gibson and Pollard, 2021)"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("figures")
    shutil.copy(FIXTURES / "figures.yaml", folder)
    shutil.copytree(FIXTURES / "assets", folder / "assets")
    out = folder / "out"
    result = run_cli("build", folder / "figures.yaml", "-f", "html", "-f", "pdf", "-f", "docx", "-f", "pptx",
                     "--out", out)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    return out / "figures"


def page(built: Path, audience: str, document: str = "brief") -> BeautifulSoup:
    return BeautifulSoup((built / audience / f"{document}.html").read_text(encoding="utf-8"), "html.parser")


def test_each_audience_numbers_the_figures_it_sees_and_links_its_cross_references(built: Path) -> None:
    commissioner, gp = page(built, "commissioner"), page(built, "gp")
    assert [caption.get_text() for caption in commissioner.select("figure figcaption")] == [
        "Figure 1. Where link workers sit.", f"Figure 2. The referral pathway.{SOURCE}"]
    assert [caption.get_text() for caption in gp.select("figure figcaption")] == [
        f"Figure 1. The referral pathway.{SOURCE}"]
    for brief in (commissioner, gp):
        assert brief.select_one("#tbl-costs caption").get_text() == "Table 1. Cost per referral"
        assert brief.select_one(".figure-source").get_text() == SOURCE
    see = commissioner.select_one(".key-messages .see")
    assert see.get_text() == "See Table 1; Figure 2; Figure 1."
    assert [(link["href"], link.get_text()) for link in see.select("a")] == [
        ("#tbl-costs", "Table 1"), ("#fig-pathway", "Figure 2"), ("#fig-map", "Figure 1")]
    see = gp.select_one(".key-messages .see")
    assert see.get_text() == ("See Table 1; Figure 1; the figure “Where link workers sit.” (in the edition for "
                              "commissioners).")
    assert [(link["href"], link.get_text()) for link in see.select("a")] == [
        ("#tbl-costs", "Table 1"), ("#fig-pathway", "Figure 1")]
    assert gp.select_one("#fig-pathway img")["alt"] == PATHWAY


def test_the_deck_keeps_the_numbers_and_gives_each_statement_figure_a_slide(built: Path) -> None:
    slides = page(built, "commissioner", "slides")
    assert slides.select_one(".slide .see").get_text() == "See Table 1; Figure 2; Figure 1."
    figure_slides = slides.select("section.layout-figure")
    assert [slide.select_one("figcaption").get_text() for slide in figure_slides] == [
        "Figure 1. Where link workers sit.", f"Figure 2. The referral pathway.{SOURCE}"]


def test_figures_reach_the_pdf_tagged_with_their_alt_text(built: Path) -> None:
    for audience, alts in (("commissioner", [MAP, PATHWAY]), ("gp", [PATHWAY])):
        with pikepdf.open(built / audience / "brief.pdf") as pdf:
            figures = [str(obj.Alt) for obj in pdf.objects
                       if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.Figure]
            assert figures == alts


def test_word_has_each_picture_described_captioned_and_linked(built: Path) -> None:
    document = docx.Document(str(built / "commissioner" / "brief.docx"))
    body = document.element.body
    assert [picture.get("descr") for picture in body.iter("{*}docPr")] == [MAP, PATHWAY]
    captions = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Caption"]
    assert captions[:4] == ["Figure 1. Where link workers sit.", "Figure 2. The referral pathway.", SOURCE,
                            "Table 1. Cost per referral"]
    bookmarks = {mark.get(f"{W}name") for mark in body.iter(f"{W}bookmarkStart")}
    links = [(link.get(f"{W}anchor"), "".join(text.text for text in link.iter(f"{W}t")))
             for link in body.iter(f"{W}hyperlink")
             if link.get(f"{W}anchor") in {bookmark_name(name) for name in ("tbl-costs", "fig-pathway", "fig-map")}]
    assert links == [(bookmark_name("tbl-costs"), "Table 1"), (bookmark_name("fig-pathway"), "Figure 2"),
                     (bookmark_name("fig-map"), "Figure 1")]
    assert {anchor for anchor, _ in links} <= bookmarks


def test_powerpoint_shows_each_figure_on_its_slide_with_alt_text_and_source(built: Path) -> None:
    deck = Presentation(str(built / "gp" / "slides.pptx"))
    pictures = [(slide, shape) for slide in deck.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [shape._element.find(".//{*}cNvPr").get("descr") for _, shape in pictures] == [PATHWAY]
    slide = pictures[0][0]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert f"Figure 1. The referral pathway.\v{SOURCE}" in texts


def test_every_output_passes_the_checks_and_axe(built: Path) -> None:
    reports = check_outputs(built)
    assert {report.path.suffix for report in reports} == {".html", ".pdf", ".docx", ".pptx"}
    assert {str(report.path): report.messages() for report in reports if report.failures} == {}
    found = axe_reports(built / "gp")
    assert {name: report["violations"] for name, report in found.items() if report["violations"]} == {}
