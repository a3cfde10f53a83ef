"""The Office files as packages: valid against the Office schemas and Word's and PowerPoint's own rules (checked by
openxml-audit, a port of Microsoft's Open XML SDK validator, not by briefgen), with extended properties naming
briefgen and counting what is in them, and no part left over from a library's or an organisation's template.
And what the files share with the HTML they are read from: a continued numbered reference list's numbers, and
links' titles as tooltips."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from openxml_audit import OpenXmlValidator
from pptx import Presentation
from pypdf import PdfReader

from briefgen.render.office.app_properties import app_version
from briefgen.render.office.blocks import Run
from briefgen.render.office.reading import parse, runs_of
from tests.conftest import run_cli
from tests.test_office import OFFICE, organisation_folder

EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
P = qn("w:p")
STALE_PARTS = re.compile(r"thumbnail|stylesWithEffects", re.IGNORECASE)


def office_files(folder: Path) -> list[Path]:
    return sorted([*folder.rglob("*.pptx"), *folder.rglob("*.docx")])


def audit(validator: OpenXmlValidator, files: list[Path]) -> dict[str, list[str]]:
    """Each file's errors as openxml-audit reports them, for the files with any. (Its pytest plugin gives the
    validator: Office 2019's schemas unless `--openxml-format` says otherwise.)"""
    found = {path.name: [f"{error.part_uri}: {error.description}" for error in validator.validate(path).errors]
             for path in files}
    return {name: errors for name, errors in found.items() if errors}


def app_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("docProps/app.xml"))
    return {element.tag.removeprefix(EXTENDED): element.text or "" for element in root}


def leftovers(path: Path) -> list[str]:
    """Parts, relationships and content types of a thumbnail or of Word 2010's copy of the styles."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        found = [name for name in names if STALE_PARTS.search(name)]
        for name in [name for name in names if name.endswith(".rels")] + ["[Content_Types].xml"]:
            found += [f"{name}: {match}" for match in STALE_PARTS.findall(package.read(name).decode())]
    return found


def test_every_office_file_is_valid_for_office(office_site: Path, openxml_validator: OpenXmlValidator) -> None:
    files = office_files(office_site)
    assert len(files) == 2 * 5  # a deck and a brief for each briefing
    assert audit(openxml_validator, files) == {}


def test_a_deck_names_briefgen_and_counts_its_slides_notes_paragraphs_and_words(office_site: Path) -> None:
    for path in sorted(office_site.rglob("*.pptx")):
        deck = Presentation(str(path))
        paragraphs = [paragraph.text for slide in deck.slides for shape in slide.shapes
                      for frame in ([shape.text_frame] if shape.has_text_frame else
                                    [cell.text_frame for row in shape.table.rows for cell in row.cells]
                                    if shape.has_table else [])
                      for paragraph in frame.paragraphs if paragraph.text.strip()]
        words = sum(len(text.replace("\u00ad", "").replace("\v", " ").split()) for text in paragraphs)
        assert app_properties(path) == {
            "Application": "briefgen", "AppVersion": app_version(),
            "Slides": str(len(deck.slides)), "Notes": str(sum(slide.has_notes_slide for slide in deck.slides)),
            "Paragraphs": str(len(paragraphs)), "Words": str(words)}, path


def test_a_document_names_briefgen_and_counts_its_paragraphs_words_and_characters(office_site: Path) -> None:
    for path in sorted(office_site.rglob("*.docx")):
        body = Document(str(path)).element.body  # its paragraphs, those in tables too, as python-docx reads them
        texts = [Paragraph(element, None).text.replace("\u00ad", "").replace("\n", " ") for element in body.iter(P)]
        texts = [text for text in texts if text.strip()]
        properties = app_properties(path)
        assert properties.pop("Application") == "briefgen" and properties.pop("AppVersion") == app_version()
        assert properties == {"Paragraphs": str(len(texts)), "Words": str(sum(len(text.split()) for text in texts)),
                              "Characters": str(sum(len("".join(text.split())) for text in texts)),
                              "CharactersWithSpaces": str(sum(map(len, texts)))}, path


@pytest.mark.parametrize(("version", "expected"), [("0.1.0", "00.0100"), ("2.13.4", "02.1304"), ("1.0", "01.0000")])
def test_the_application_version_takes_the_form_office_requires(version: str, expected: str) -> None:
    assert app_version(version) == expected


def test_no_file_keeps_a_templates_thumbnail_or_stale_styles(office_site: Path) -> None:
    assert {path.name: leftovers(path) for path in office_files(office_site) if leftovers(path)} == {}


def test_files_made_from_an_organisations_templates_follow_the_same_rules(
        tmp_path: Path, openxml_validator: OpenXmlValidator) -> None:
    source = organisation_folder(tmp_path)
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    files = office_files(tmp_path / "out")
    assert len(files) == 2 and audit(openxml_validator, files) == {}
    assert all(app_properties(path)["Application"] == "briefgen" and not leftovers(path) for path in files)


def cited_numbers(page: BeautifulSoup) -> dict[str, int]:
    """Each work's number as the slides' numbered citations give it (a range links its ends)."""
    return {link["href"].removeprefix("#ref-"): int(link.get_text()) for link in page.select("a[href^='#ref-']")
            if link.get_text().isdigit() and not link.find_parent(class_="reference-list")}


def test_a_numbered_reference_list_continued_on_the_next_slide_goes_on_counting(office_site: Path,
                                                                                 built_site: Path) -> None:
    continued = 0
    for html_deck in sorted(office_site.glob("*/gp/slides.html")):
        page = BeautifulSoup(html_deck.read_text(encoding="utf-8"), "html.parser")
        lists = page.select("ol.reference-list")
        numbers = [int(item["value"]) for numbered in lists for item in numbered.find_all("li", recursive=False)]
        assert numbers == list(range(1, len(numbers) + 1)), html_deck
        assert [int(numbered["start"]) for numbered in lists] == \
               [int(numbered.find("li")["value"]) for numbered in lists], html_deck
        by_work = {item["id"].removeprefix("ref-"): int(item["value"]) for item in page.select("ol.reference-list li")}
        assert cited_numbers(page).items() <= by_work.items(), html_deck
        continued += len(lists) > 1
        deck = Presentation(str(html_deck.with_suffix(".pptx")))
        starts = [int(number.get("startAt", "1")) for slide in deck.slides
                  if slide.shapes.title is not None and slide.shapes.title.text.startswith("References")
                  for number in slide.shapes._spTree.iter("{*}buAutoNum")]
        assert starts == numbers, html_deck
    assert continued  # the second example's references fill several slides
    # WeasyPrint reads no `start` or `value`: the PDF deck shows each entry's own number all the same.
    edition = built_site / "virtual-wards-frailty" / "gp"
    second = BeautifulSoup((edition / "slides.html").read_text(encoding="utf-8"), "html.parser").select(
        "ol.reference-list")[1].find("li")
    pdf = PdfReader(edition / "slides.pdf")
    continuation = next(text for page in pdf.pages  # the position's spaces are no-break spaces: read as spaces
                        if "References (continued, 2 of" in (text := page.extract_text().replace("\u00a0", " ")))
    assert continuation.splitlines()[1].startswith(f"{second['value']}. {second.get_text()[:12]}"), continuation


def titled_links(page: Path) -> list[str]:
    """The titles of a built page's links, in order: each numbered citation's work, each web address's work."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [link["title"] for link in soup.select("a[title]") if not link.find_parent(attrs={"aria-hidden": "true"})]


def test_word_links_show_what_a_number_or_an_address_leads_to(office_site: Path) -> None:
    for path in sorted(office_site.glob("*/gp/brief.docx")):
        tips = [link.get(qn("w:tooltip")) for link in Document(str(path)).element.body.iter(qn("w:hyperlink"))]
        assert [tip for tip in tips if tip] == titled_links(path.with_suffix(".html")), path
    numbered = Document(str(office_site / "virtual-wards-frailty" / "gp" / "brief.docx")).element.body
    citations = [link for link in numbered.iter(qn("w:hyperlink"))
                 if link.get(qn("w:anchor"), "").startswith("_ref") and "".join(link.itertext()).isdigit()]
    assert citations and all(link.get(qn("w:tooltip")) for link in citations)


def test_a_links_title_is_read_as_its_tooltip() -> None:
    element = parse("<p>As shown [<a href='#ref-x' title='Gibson &amp; Pollard 2021'>1</a>].</p>").find(".//p")
    assert runs_of(element) == (Run("As shown ["), Run("1", link="#ref-x", tooltip="Gibson & Pollard 2021"), Run("]."))


def test_powerpoint_links_show_what_a_number_or_an_address_leads_to(office_site: Path) -> None:
    for path in sorted(office_site.glob("*/gp/slides.pptx")):
        deck = Presentation(str(path))
        tips = [click.get("tooltip") for slide in deck.slides for click in slide.shapes._spTree.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkClick") if click.get("tooltip")]
        assert tips == titled_links(path.with_suffix(".html")), path
