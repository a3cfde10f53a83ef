"""The second shipped example (frailty virtual wards), as the documented CI build makes it: numbered citations,
tables, cross-references, abbreviations and call-outs read back from every edition's HTML, and two briefs' PDFs.

What each edition should hold is derived from the YAML (which rows and statements are limited to whom), so the
tests hold whatever the authors rewrite.
"""

from __future__ import annotations

import re
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from briefgen.content.citations import Cite
from briefgen.content.loader import load
from briefgen.content.model import Briefing
from briefgen.content.richtext import plain
from briefgen.content.table_model import Table
from briefgen.content.targets import targets
from briefgen.content.validate import validate
from briefgen.render.citations import Citer
from briefgen.render.pdf_tags import structure_elements
from tests.conftest import SECOND_EXAMPLE, SHIPPED_EDITIONS

SLUG = "virtual-wards-frailty"
EDITIONS = SHIPPED_EDITIONS[SLUG]
PDF_EDITIONS = ("commissioner", "community_nurse")
"""The editions whose PDF briefs are read back: one with the commissioner-only section, one without."""


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return validate(load(SECOND_EXAMPLE)).briefing


@pytest.fixture(scope="module")
def built(documented_build: Path) -> Path:
    """Every edition in every format the briefing asks for, as the documented CI workflow builds content/ (with
    --strict: no warning allowed)."""
    return documented_build / "output" / SLUG


def soup(built: Path, audience: str, document: str = "brief") -> BeautifulSoup:
    return BeautifulSoup((built / audience / f"{document}.html").read_text(encoding="utf-8"), "html.parser")


def text_of(element: Tag | BeautifulSoup) -> str:
    return " ".join(element.get_text().replace("\u00ad", "").split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).replace("\u00ad", "").split())


def reference_list(page: BeautifulSoup, heading_id: str) -> list[str]:
    section = page.find("section", attrs={"aria-labelledby": heading_id})
    assert isinstance(section, Tag), heading_id
    return [str(item["id"]).removeprefix("ref-") for item in section.select(".reference-list > li")]


def cited_in_order(page: BeautifulSoup) -> list[str]:
    """The works the document's text links to, in order of first appearance (outside the reference lists)."""
    found: dict[str, None] = {}
    for link in page.select('a[href^="#ref-"]'):
        if link.find_parent(class_="references") is None:
            found.setdefault(str(link["href"]).removeprefix("#ref-"), None)
    return list(found)


@pytest.mark.parametrize("document", ["brief", "slides"])
@pytest.mark.parametrize("audience", EDITIONS)
def test_every_citation_links_to_an_entry_of_the_document(built: Path, audience: str, document: str) -> None:
    page = soup(built, audience, document)
    links = page.select('a[href^="#ref-"]')
    assert len(links) > 15
    for link in links:
        assert page.find(id=str(link["href"])[1:]) is not None, link
        assert re.fullmatch(r"\d+", text_of(link)), link  # numbered style: the link is the work's number


@pytest.mark.parametrize("audience", EDITIONS)
def test_numbered_reference_list_holds_exactly_the_works_cited_in_order(built: Path, audience: str) -> None:
    page = soup(built, audience)
    listed = reference_list(page, "references")
    assert listed == cited_in_order(page)
    assert page.select_one("section.references ol.reference-list") is not None  # numbered: entry n is work n


def test_reference_lists_differ_with_what_each_edition_cites(built: Path) -> None:
    commissioner = reference_list(soup(built, "commissioner"), "references")
    nurse = reference_list(soup(built, "community_nurse"), "references")
    assert "nhse-arrs-2023" in commissioner and "nhse-arrs-2023" not in nurse  # cited in a commissioner section
    assert "gawande-2014" in nurse and "gawande-2014" not in commissioner  # cited in a statement not for them


@pytest.mark.parametrize("audience", EDITIONS)
def test_further_reading_comes_from_the_bibtex_file_unnumbered(built: Path, audience: str) -> None:
    page = soup(built, audience)
    # Alphabetical: the numbered style has no order of its own for works it does not number.
    assert reference_list(page, "further-reading") == ["bgs-cga-toolkit", "fried-2001", "morley-2013", "oliver-2014"]
    assert page.select_one("section[aria-labelledby=further-reading] ul.reference-list") is not None
    entries = text_of(page.find("section", attrs={"aria-labelledby": "further-reading"}))
    assert "Fried LP, Tangen CM, Walston J, et al." in entries
    assert "British Geriatrics Society." in entries  # a braced organisation author, printed as written


DEFECTS = {
    "a journal article labelled a preprint": re.compile(r"\[Preprint\]"),
    "a DOI and a web address both given": re.compile(r"doi:.*Available from|Available (at|from):.*Available"),
    "a guideline's number as a report's": re.compile(r"Report no\.: NG"),
    "a straight apostrophe or quote": re.compile("['\"]"),
}
"""What a librarian sends back in a reference list, by name."""


def defects(entries: list[str]) -> list[tuple[str, str]]:
    return [(name, entry) for entry in entries for name, defect in DEFECTS.items() if defect.search(entry)]


@pytest.mark.parametrize("audience", EDITIONS)
def test_reference_lists_read_as_citing_medicine_prints_them(built: Path, audience: str) -> None:
    page = soup(built, audience)
    entries = [text_of(item) for item in page.select(".reference-list > li")]
    assert defects(entries) == []
    if audience == "commissioner":
        assert ("National Institute for Health and Care Excellence. Multimorbidity: clinical assessment and "
                "management [Internet]. NICE; 2016 Sep. (NICE guideline; no. NG56). Available from: "
                "https://www.nice.org.uk/guidance/ng56") in entries
        assert any("The King\u2019s Fund" in entry for entry in entries)


def test_its_works_in_author_date_style_read_as_cite_them_right_prints_them() -> None:
    """The same works, were the briefing to switch to author-date: no article without volume or pages labelled a
    preprint, "no date" where undated, a work without an author sorted by its title."""
    works = validate(load(SECOND_EXAMPLE)).library
    citer = Citer(works.cited, "author-date", "en-GB")
    for work in works.cited:
        citer.register((Cite(str(work["id"])),))
    entries = {work: text_of(BeautifulSoup(entry, "html.parser")) for work, entry in citer.bibliography()}
    reading = [text_of(BeautifulSoup(entry, "html.parser"))
               for _, entry in citer.further_reading(works.further_reading)]
    assert defects([*entries.values(), *reading]) == []
    assert entries["shepperd-2021"].endswith("\u2019, Annals of Internal Medicine.")
    assert entries["nhse-virtual-wards"].startswith("NHS England (no date) Virtual wards. Available at:")
    assert "Multimorbidity: clinical assessment and management. NICE guideline NG56. NICE." in entries["nice-ng56"]
    sort_keys = [re.sub("[\u2018\u2019]", "", entry).casefold() for entry in entries.values()]  # quotes aside
    assert sort_keys == sorted(sort_keys)
    assert entries["hca-2022"] == (
        "Health and Care Act 2022, c. 31. Available at: https://www.legislation.gov.uk/ukpga/2022/31/contents.")


@pytest.mark.parametrize("audience", EDITIONS)
def test_tables_have_column_and_row_headers(built: Path, audience: str) -> None:
    tables = soup(built, audience).select("div.table table")
    assert tables
    for table in tables:
        assert table.caption is not None and text_of(table.caption)
        heads = table.select("thead th")
        assert heads and all(head.get("scope") == "col" for head in heads)
        for row in table.select("tbody tr"):
            cells = row.find_all(["th", "td"])
            assert cells[0].name == "th" and cells[0].get("scope") == "row"
            assert all(cell.name == "td" for cell in cells[1:])


def tables_of(briefing: Briefing) -> list[Table]:
    found = [section.table for section in briefing.sections if section.table is not None]
    found += [item.table for section in briefing.sections for item in section.items if item.table is not None]
    return found


@pytest.mark.parametrize("audience", EDITIONS)
def test_a_row_for_some_audiences_is_in_their_edition_only(built: Path, briefing: Briefing, audience: str) -> None:
    row_headers = [text_of(cell) for cell in soup(built, audience).select("div.table th[scope=row]")]
    limited = [row for table in tables_of(briefing) for row in table.rows if row.audiences is not None]
    assert len(limited) >= 2
    for row in limited:
        label = plain(row.cells[0]).split(" (")[0]
        shown = any(header.startswith(label) for header in row_headers)
        assert shown == (audience in row.audiences), (row.cells[0], audience)


def test_a_cross_reference_is_a_link_only_where_its_target_is(built: Path, briefing: Briefing) -> None:
    target = targets(briefing)["tariff-risk"]
    assert target.audiences == frozenset({"commissioner"})
    for audience in EDITIONS:
        page = soup(built, audience)
        links = page.select('a[href="#tariff-risk"]')
        if audience in target.audiences:
            assert links and page.find(id="tariff-risk") is not None
        else:
            assert not links and page.find(id="tariff-risk") is None
            notes = [text_of(see) for see in page.select("span.see")]
            assert f"See “{target.title}” (in the edition for commissioners)." in notes


def test_a_cross_reference_to_a_section_only_in_the_brief_says_so_on_slides(built: Path) -> None:
    brief, slides = soup(built, "gp"), soup(built, "gp", "slides")
    assert brief.select('a[href="#method"]') and brief.find(id="method") is not None
    assert not slides.select('a[href="#method"]')
    assert "“How this briefing was assembled” (in the brief)" in text_of(slides)


def test_slides_use_the_shorter_slide_text(built: Path, briefing: Briefing) -> None:
    statement = next(action for action in briefing.audiences["gp"].actions if action.slide is not None)
    assert statement.slide is not None
    slides, brief = text_of(soup(built, "gp", "slides")), text_of(soup(built, "gp"))
    assert plain(statement.slide.text) in slides and plain(statement.slide.text) not in brief
    assert plain(statement.text) in brief and plain(statement.text) not in slides


@pytest.mark.parametrize("audience", EDITIONS)
def test_abbreviations_are_spelt_out_once_and_listed_at_the_end(built: Path, briefing: Briefing,
                                                               audience: str) -> None:
    page = soup(built, audience)
    main = page.find("main")
    assert isinstance(main, Tag)
    text = text_of(main)
    used = {text_of(abbr) for abbr in main.find_all("abbr")}
    assert {"CGA", "PCN", "ICB"} <= used
    for abbreviation in used:
        meaning = briefing.abbreviations[abbreviation]
        assert all(abbr["title"] == meaning for abbr in main.find_all("abbr") if text_of(abbr) == abbreviation)
    # Spelt out once, in lower case within a sentence and capitalised at its start.
    assert text.lower().count("comprehensive geriatric assessment (cga)") == 1
    assert "primary care networks (PCNs)" in text.replace("Primary care networks", "primary care networks")
    assert "integrated care boards (ICBs)" in text and "Integrated care board (ICB)" not in text  # the author's own
    for heading in main.find_all(["h1", "h2", "h3"]):
        assert "(" not in text_of(heading) or "illustrative" in text_of(heading)  # never spelt out in a heading
    listing = main.find("section", attrs={"aria-labelledby": "abbreviations"}, recursive=False)
    assert isinstance(listing, Tag) and listing.find_next_sibling("section")["aria-labelledby"] == "glossary"
    listed = {text_of(term): text_of(term.find_next_sibling("dd")) for term in listing.find_all("dt")}
    assert listed == {abbreviation: briefing.abbreviations[abbreviation] for abbreviation in used}


@pytest.mark.parametrize("audience", EDITIONS)
def test_callouts_of_every_tone_are_notes(built: Path, audience: str) -> None:
    callouts = soup(built, audience).select("div.callout")
    assert {tone for callout in callouts for tone in callout["class"] if tone.startswith("tone-")} == {
        "tone-note", "tone-caveat", "tone-key_fact"}
    assert all(callout.get("role") == "note" for callout in callouts)
    caveat = next(text_of(callout) for callout in callouts if "tone-caveat" in callout["class"])
    assert "made up" in caveat and "none should be cited" in caveat


@pytest.mark.parametrize("audience", PDF_EDITIONS)
def test_pdf_brief_spells_out_abbreviations_and_lists_the_works(built: Path, briefing: Briefing,
                                                                audience: str) -> None:
    text = pdf_text(built / audience / "brief.pdf")
    assert "comprehensive geriatric assessment (CGA)" in text.replace("Comprehensive", "comprehensive")
    assert "integrated care boards (ICBs)" in text
    assert "Shepperd S, Iliffe S, Doll HA, et al. Admission avoidance hospital at home." in text
    assert "10.1016/S0140-6736(12)62167-9" in text.replace(" ", "")  # the DOI may wrap
    assert "Health and Care Act 2022" in text and "Further reading" in text and "Abbreviations" in text
    assert "Illustrative figures" in text


@pytest.mark.parametrize("audience", PDF_EDITIONS)
def test_pdf_brief_keeps_to_its_page_budget_before_the_annex(built: Path, briefing: Briefing, audience: str) -> None:
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(built / audience / "brief.pdf").pages]
    annex = next(number for number, page in enumerate(pages, start=1) if "How this briefing was assembled" in page)
    spec = briefing.audiences.get(audience)
    budget = (spec.max_pages if spec and spec.max_pages else None) or briefing.max_pages
    assert annex <= budget + 1  # the annex may start on the page after the last the budget counts


@pytest.mark.parametrize("audience", PDF_EDITIONS)
def test_pdf_tables_have_tagged_header_cells_with_their_scope(built: Path, audience: str) -> None:
    """Each table of the brief is a Table in the PDF's structure, its header row's cells scoped to their columns
    and each row's first cell to its row, as the HTML's `<th scope>` says; and the validator passes the file."""
    with pikepdf.open(built / audience / "brief.pdf") as pdf:
        elements = list(structure_elements(pdf))
        tables = [element for element in elements if str(element.S) == "/Table"]
        headers = [(str(cell.P.P.S), str(cell.A.Scope)) for cell in elements if str(cell.S) == "/TH"]
    html_tables = soup(built, audience).select("div.table table")
    assert len(tables) == len(html_tables)
    expected = [("/THead", "/Column")] * sum(len(table.select("thead th")) for table in html_tables) + [
        ("/TBody", "/Row")] * sum(len(table.select("tbody th")) for table in html_tables) + [
        ("/TFoot", "/Row")] * sum(len(table.select("tfoot th")) for table in html_tables)
    assert sorted(headers) == sorted(expected)
    report = page_validation.validate_pdf(built / audience / "brief.pdf",
                                          profile=page_validation.ValidationProfile.PDF_UA_1)
    assert list(report.failures) == []
