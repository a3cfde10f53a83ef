"""A glossary as each audience's brief shows it: the first use of each term its text makes linked to the term's
entry, the glossary listing those terms in order of first use, in HTML, in a PDF that passes PDF/UA-1, and in
Word with its links to bookmarks; and as a deck shows it, on a slide of the terms its slides use."""

from __future__ import annotations

from pathlib import Path

import page as page_validation
import yaml
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import AUTHORING
from tests.test_office import html, normal

GLOSSARY = yaml.safe_load(AUTHORING.read_text(encoding="utf-8"))["glossary"]
"""Its terms: the GPs' text uses three of them, the commissioners' all four."""


def test_each_terms_first_use_in_running_text_links_to_its_entry(authoring_build: Path) -> None:
    page = html(authoring_build / "gp" / "brief.html")
    links = [(normal(link.get_text()), link["href"]) for link in page.select("main a.term")]
    assert links == [("Social prescribing", "#term-social-prescribing"), ("Link workers", "#term-link-worker"),
                     ("buy-in", "#term-buy-in")]  # not the heading's, nor the second use, nor "self-buy-in"
    assert page.select("h1 a.term, h2 a.term, .glossary a.term") == []
    entries = page.select("section.glossary dt")
    assert [(entry["id"], normal(entry.get_text())) for entry in entries] == [
        ("term-social-prescribing", "social prescribing"), ("term-link-worker", "link worker"),
        ("term-buy-in", "buy-in")]
    assert normal(entries[1].find_next_sibling("dd").get_text()) == normal(GLOSSARY["link worker"].replace(
        "[community support](https://example.org)", "community support"))


def test_each_audience_lists_the_terms_its_own_text_uses(authoring_build: Path) -> None:
    listed = [normal(entry.get_text()) for entry in html(authoring_build / "commissioner" / "brief.html")
              .select("section.glossary dt")]
    assert listed == ["social prescribing", "link worker", "buy-in", "caseload"]


def test_a_deck_ends_with_the_terms_its_slides_use_before_its_references(authoring_build: Path) -> None:
    """On slides no term is linked: the deck's glossary slide gives each one its slides use, in PowerPoint too."""
    for audience, terms in (("gp", ["link worker", "social prescribing", "buy-in"]),
                            ("commissioner", ["link worker", "social prescribing", "buy-in", "caseload"])):
        slides = html(authoring_build / audience / "slides.html").select("section.slide")
        assert slides[0].parent.select("a.term") == []
        titles = [normal(slide.find(["h1", "h2"]).get_text()) for slide in slides]
        assert titles[-2:] == ["Glossary", "References"]
        entries = [normal(paragraph.get_text()) for paragraph in slides[-2].select(".text p")]
        assert [entry.split(":")[0] for entry in entries] == terms
        assert entries[0] == "link worker: " + GLOSSARY["link worker"].replace(
            "[community support](https://example.org)", "community support")
        deck = Presentation(str(authoring_build / audience / "slides.pptx"))
        shown = normal(" ".join(shape.text_frame.text for shape in deck.slides[len(slides) - 2].shapes
                                if shape.has_text_frame))
        assert shown.startswith("Glossary link worker: A practitioner") and "buy-in: Support" in shown


def test_the_pdf_links_each_first_use_to_its_entry_and_passes_pdf_ua(authoring_build: Path) -> None:
    pdf = authoring_build / "gp" / "brief.pdf"
    reader = PdfReader(pdf)
    text = normal(" ".join(page.extract_text() for page in reader.pages))
    assert "Glossary social prescribing Referral from primary care" in text
    destinations = [str(annotation.get_object()["/Dest"]) for page in reader.pages
                    for annotation in page.get("/Annots", []) if "/Dest" in annotation.get_object()]
    assert [name for name in destinations if name.startswith("term-")] == [
        "term-social-prescribing", "term-link-worker", "term-buy-in"]
    report = page_validation.validate_pdf(pdf, profile=page_validation.ValidationProfile.PDF_UA_1)
    assert list(report.failures) == []


def test_word_keeps_the_links_to_bookmarks_at_the_entries(authoring_build: Path) -> None:
    body = Document(str(authoring_build / "gp" / "brief.docx")).element.body
    bookmarks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    anchors = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))
               if link.get(qn("w:anchor"), "").startswith("_term")]
    assert len(anchors) == 3 and set(anchors) <= bookmarks
