"""PowerPoint decks and Word briefs, read back with python-pptx and python-docx and set beside the HTML deck and
brief of the same audience (parsed with BeautifulSoup, not with briefgen's own reader): the same slides, titles,
statements in order, notes, tables with header rows, alt text, language and per-audience text. Then opened by
LibreOffice, which converts each to PDF; built from an organisation's own templates; checked, and refused when
hostile. The briefings are the two shipped examples, the figure fixture and seeded generated ones. (That two
builds give the same bytes, test_incremental shows in two folders on two days.)"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from docx import Document
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pypdf import PdfReader

from briefgen.content import colour
from briefgen.render.office.checks import docx_failures, pptx_failures
from briefgen.render.office.text_style import level_style
from tests import libreoffice, slide_fill
from tests.conftest import EXAMPLE, FIXTURES, ROOT, bold_brand, run_cli

OFFICE = ("-f", "html", "-f", "pptx", "-f", "docx")
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def site(office_site: Path) -> Path:
    return office_site


def editions(site: Path) -> list[Path]:
    return sorted(folder for folder in site.glob("*/gp") if folder.is_dir())


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def own_text(element: Tag) -> str:
    """An element's text without its nested lists, tables and charts (which are read as their own items)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for nested in copy.select("ul, ol, div.table, figure.chart, details, [aria-hidden=true]"):  # not the item's
        nested.decompose()
    return normal(copy.get_text())


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in `haystack` after the one before them."""
    missing, position = [], 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(needle)
    return missing


def slide_text(slide: object) -> str:
    texts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.is_placeholder and shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE,
                                                                       PP_PLACEHOLDER.CENTER_TITLE):
            continue
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return normal(" ".join(texts))


def test_each_deck_has_the_html_decks_slides_titles_statements_notes_tables_and_figures(site: Path) -> None:
    for folder in editions(site):
        page = html(folder / "slides.html")
        deck = Presentation(str(folder / "slides.pptx"))
        sections = page.select("section.slide")
        assert len(deck.slides) == len(sections), folder
        for number, (section, slide) in enumerate(zip(sections, deck.slides, strict=True), start=1):
            where = f"{folder.parent.name} slide {number}"
            heading = section.find(["h1", "h2"])
            assert normal(slide.shapes.title.text_frame.text) == normal(heading.get_text()), where
            text = slide_text(slide)
            statements = [own_text(item) for item in section.select(".slide-body .intro, .slide-body li, .statement, "
                                                                     ".quote, .slide-body .text p, .callout p")]
            assert not in_order([statement for statement in statements if statement], text), where
            notes = section.select_one("aside.notes p")
            if notes is not None:
                assert normal(slide.notes_slide.notes_text_frame.text) == normal(notes.get_text()), where
            else:
                assert not slide.has_notes_slide, where
            tables = [shape.table for shape in slide.shapes if shape.has_table]
            html_tables = section.select("table")
            assert len(tables) == len(html_tables), where
            for table, html_table in zip(tables, html_tables, strict=True):
                assert table.first_row, where  # the header row, marked as PowerPoint marks it
                assert [normal(cell.text) for cell in table.rows[0].cells] == \
                       [normal(cell.get_text()) for cell in html_table.select("thead th")], where
                assert len(table.rows) == len(html_table.select("tr")), where
            pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
            figures = section.select("figure img")
            assert [picture._element.find(".//{*}cNvPr").get("descr") for picture in pictures] == \
                   [image["alt"] for image in figures], where
            numbers = [shape for shape in slide.shapes if shape.is_placeholder
                       and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
            assert len(numbers) == 1 and numbers[0].text_frame.text == str(number), where
        properties = deck.core_properties
        assert properties.language == page.html["lang"] and properties.title == normal(page.title.get_text())


def test_statements_are_bulleted_paragraphs_of_the_body_placeholder_and_poles_two_placeholders(site: Path) -> None:
    deck = Presentation(str(site / "social-prescribing" / "gp" / "slides.pptx"))
    key_messages = deck.slides[1]
    bodies = [shape for shape in key_messages.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    assert len(bodies) == 1 and len(bodies[0].text_frame.paragraphs) >= 3  # one paragraph a statement
    assert not [shape for shape in key_messages.shapes if not shape.is_placeholder]  # no text boxes or pictures
    contrast = next(slide for slide in deck.slides if "Relational" in slide_text(slide))
    poles = [shape for shape in contrast.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    assert len(poles) == 2 and "Relational" in poles[0].text_frame.text and "Transactional" in poles[1].text_frame.text
    assert contrast.slide_layout.name == "Two Content" and key_messages.slide_layout.name == "Title and Content"
    # A call-out is a box of its own, shaded, below the statements it goes with.
    deck = Presentation(str(site / "virtual-wards-frailty" / "gp" / "slides.pptx"))
    boxes = [(slide, shape) for slide in deck.slides for shape in slide.shapes
             if not shape.is_placeholder and shape.has_text_frame
             and shape.text_frame.text.startswith("Illustrative figures")]
    assert boxes and all(shape.fill.type == MSO_FILL.SOLID for _, shape in boxes)
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9, as the HTML deck


def test_citations_on_slides_jump_to_the_references_slide(site: Path) -> None:
    deck = Presentation(str(site / "social-prescribing" / "gp" / "slides.pptx"))
    references = next(index for index, slide in enumerate(deck.slides) if "References" in
                      slide.shapes.title.text_frame.text)
    jumps = []
    for slide in deck.slides:
        for click in slide._element.iter("{*}hlinkClick"):
            if click.get("action") == "ppaction://hlinksldjump":
                jumps.append(slide.part.related_part(click.get("{*}id") or click.attrib[
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"]))
    assert jumps and all(part is deck.slides[references].part for part in jumps)


def test_each_brief_has_the_html_briefs_headings_lists_tables_figures_and_language(site: Path) -> None:
    styles = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
    for folder in editions(site):
        page = html(folder / "brief.html")
        document = Document(str(folder / "brief.docx"))
        paragraphs = [(paragraph.style.name, normal(paragraph.text)) for paragraph in document.paragraphs]
        # A contrast's pole labels head the columns of a table of their own (tests/test_word.py), not sections.
        for notes in page.select(".endnotes"):  # the screen's: Word sets each note at its page's foot (test_footnotes)
            notes.decompose()
        headings = [(styles[heading.name], normal(heading.get_text()))
                    for heading in page.select("header h1, main h1, main h2, main h3, main h4")
                    if "pole-label" not in heading.get("class", [])]
        assert [entry for entry in paragraphs if entry[0] in styles.values()] == headings, folder
        items = [own_text(item) for item in page.select("main li") if not item.find_parent(class_="pole")
                 and not item.find_parent(class_="reference-list")]
        listed = [text for style, text in paragraphs if style.startswith("List")]
        assert listed == items, folder
        # Reference entries are in the Bibliography style, in order, a numbered one after its number and a tab.
        entries = [own_text(item) for item in page.select("main .reference-list li")]
        cited = [re.sub(r"^\d+\. ", "", text) for style, text in paragraphs if style == "Bibliography"]
        assert cited == entries, folder
        tables = page.select("main table")
        poles = [[normal(label.get_text()) for label in contrast.select(".pole-label")]
                 for contrast in page.select("main .contrast")]
        data_tables = [table for table in document.tables if [normal(cell.text) for cell in table.rows[0].cells]
                       not in poles]
        assert len(document.tables) == len(tables) + len(poles), folder
        for table, html_table in zip(data_tables, tables, strict=True):
            assert table.rows[0]._tr.find("{*}trPr/{*}tblHeader") is not None  # repeats on each page
            assert [normal(cell.text) for cell in table.rows[0].cells] == \
                   [normal(cell.get_text()) for cell in html_table.select("thead th")]
        pictures = list(document.element.body.iter("{*}docPr"))
        # Pictures and native charts, each described as the page describes it.
        assert [picture.get("descr") for picture in pictures] == [
            image["alt"] if image.name == "img" else image.find("desc").get_text()
            for image in page.select("img, figure.chart svg")]
        for picture in pictures:
            assert picture.get("descr") or picture.find(f".//{DECORATIVE}") is not None
        language = document.styles.element.find(".//{*}rPrDefault/{*}rPr/{*}lang")
        assert language.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == page.html["lang"]
        assert document.core_properties.language == page.html["lang"]
        assert document.core_properties.title == normal(page.title.get_text())
        assert not docx_failures((folder / "brief.docx").read_bytes())


def test_word_lists_number_from_one_in_each_list_and_citations_link_to_the_reference_list(site: Path) -> None:
    document = Document(str(site / "virtual-wards-frailty" / "gp" / "brief.docx"))
    numbered = [paragraph for paragraph in document.paragraphs if paragraph.style.name == "List Number"]
    starts = {paragraph._p.pPr.numPr.numId.val for paragraph in numbered}
    assert len(starts) >= 2  # key messages, implications: each its own numbering (references: tests/test_word.py)
    numbering = document.part.numbering_part.element
    for number_id in starts:
        override = numbering.num_having_numId(number_id).find(".//{*}startOverride")
        assert override is not None
    body = document.element.body
    bookmarks = {mark.get(W + "name") for mark in body.iter(W + "bookmarkStart")}
    anchors = [link.get(W + "anchor") for link in body.iter(W + "hyperlink") if link.get(W + "anchor")]
    assert set(anchors) <= bookmarks
    # Every link within the page is one within the document: citations, cross-references to statements and
    # sections, terms (none is left as plain text for want of a bookmark); a note's call is Word's own footnote.
    page = html(site / "virtual-wards-frailty" / "gp" / "brief.html")
    calls = page.select("main a.note-ref")
    assert len(anchors) == len(page.select("main a[href^='#']:not(.note-back, .note-ref), header a[href^='#']"))
    assert len(list(body.iter(W + "footnoteReference"))) == len(calls) > 0


def test_per_audience_text_differs_between_editions(tmp_path: Path) -> None:
    """The commissioners' and link workers' Word briefs say what the HTML says to each, and not the other's."""
    result = run_cli("build", EXAMPLE, "-a", "commissioner", "-a", "link_worker", "-o", "brief", "-f", "html",
                     "-f", "docx", "--out", tmp_path)
    assert result.code == 0, result.stderr
    texts = {}
    for audience in ("commissioner", "link_worker"):
        folder = tmp_path / "social-prescribing" / audience
        texts[audience] = normal(" ".join(p.text for p in Document(str(folder / "brief.docx")).paragraphs))
        heading = html(folder / "brief.html").select_one("section.for-you h2")
        assert normal(heading.get_text()) in texts[audience]
    assert texts["commissioner"] != texts["link_worker"]
    assert "What this means for commissioners" not in texts["link_worker"]


def test_libreoffice_shows_every_slides_words_inside_their_boxes_at_the_size_written_and_briefs_on_a4(
        site: Path, tmp_path: Path) -> None:
    """Every deck (both examples, the figure fixture, the dense generated briefings) as PowerPoint shows it until
    a box is edited: LibreOffice, its shrinking switched off, draws each slide's words where the slide's boxes
    are, and the same words; three Word briefs on A4 with their page numbers."""
    decks = [folder / "slides.pptx" for folder in editions(site)]
    copies = []
    for path in decks:  # LibreOffice names each PDF after its file: make the names unique
        copy = tmp_path / f"{path.parent.parent.name}-{path.name}"
        copy.write_bytes(libreoffice.without_autofit(path.read_bytes()))
        copies.append(copy)
    for folder in editions(site)[:3]:
        copies.append(tmp_path / f"{folder.parent.name}-brief.docx")
        shutil.copy(folder / "brief.docx", copies[-1])
    pdfs = libreoffice.convert(copies, tmp_path / "pdf", tmp_path / "profile")
    for copy, pdf_path, source in zip(copies, pdfs, [*decks, *([None] * 3)], strict=True):
        pdf = PdfReader(pdf_path)
        if source is not None:
            deck = Presentation(str(copy))
            assert len(pdf.pages) == len(deck.slides), copy
            # As full as the PDF deck: no slides of a run that would have fitted on one, few nearly empty.
            filled = slide_fill.deck_fill(pdf_path, source.with_suffix(".html"))
            assert slide_fill.could_share(filled) == [], copy
            if source.parent.parent.name != "figure":  # its sections are a few words each
                assert len(slide_fill.sparse(filled)) <= 1, (copy, slide_fill.sparse(filled))
            assert libreoffice.words_outside(copy, pdf_path) == {}, copy
            for number, (slide, words) in enumerate(zip(deck.slides, libreoffice.page_words(pdf_path),
                                                        strict=True), start=1):
                shown = " ".join(word.text for word in words)
                written = _words(f"{slide.shapes.title.text_frame.text} {slide_text(slide)}")
                # A word missing from the page's words was broken over lines (at a soft hyphen, or an over-long
                # word at the box's edge): it is in the page's text run together.
                together = "".join(_words_in_order(shown))
                assert {word for word in written - _words(shown) if word not in together} == set(), (copy, number)
        else:  # on A4, its page numbers fields computed: "Page 1 of N" … "Page N of N"
            box = pdf.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == (595, 842), copy
            for number, page in enumerate(pdf.pages, start=1):
                assert f"Page {number} of {len(pdf.pages)}" in (page.extract_text() or ""), copy
            first = normal(pdf.pages[0].extract_text() or "")
            assert normal(Document(str(copy)).paragraphs[0].text).split()[0] in first, copy


def _words(text: str) -> set[str]:
    return set(_words_in_order(text))


def _words_in_order(text: str) -> list[str]:
    """The words of `text` (letters and digits), soft hyphens dropped."""
    return re.findall(r"\w+", text.replace("\u00ad", "").lower())


def test_zip_entries_have_fixed_times(site: Path) -> None:
    """What could differ between two builds of the same input: test_incremental builds a deck and a brief of
    each format in two folders on two days and finds the same bytes."""
    for name in ("slides.pptx", "brief.docx"):
        with zipfile.ZipFile(site / "social-prescribing" / "gp" / name) as package:
            assert {entry.date_time for entry in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        properties = (Presentation if name.endswith("pptx") else Document)(str(site / "social-prescribing" / "gp" /
                                                                                name)).core_properties
        assert properties.created.year == properties.modified.year == 2000


def test_checks_find_what_keeps_an_office_file_from_being_accessible(site: Path, tmp_path: Path) -> None:
    deck = Presentation(str(site / "figure" / "gp" / "slides.pptx"))
    slides = list(deck.slides)
    slides[1].shapes.title.text_frame.text = slides[2].shapes.title.text_frame.text
    slides[3].shapes.title.text_frame.text = ""
    picture = next(shape for slide in slides for shape in slide.shapes
                   if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    picture._element.find(".//{*}cNvPr").set("descr", "")
    table_slide = slides[4]
    box = table_slide.shapes.add_textbox(0, 0, 100, 100)  # drawn at the top left, read last
    box.text_frame.text = "Late"
    body = next(shape for shape in slides[1].placeholders if shape.placeholder_format.idx == 1)
    body.text_frame.text = "An edit that makes the text far longer than its box holds. " * 30
    deck.core_properties.language = ""
    doctored = io.BytesIO()
    deck.save(doctored)
    failures = [str(failure) for failure in pptx_failures(doctored.getvalue())]
    # Each names its slide, by number and title; the first of two slides titled alike is not the repeat.
    assert "slide 3 ('Findings'): [BG411] repeats the title of slide 2: each slide's title must be unique" in failures
    assert "slide 4: [BG411] no title" in failures
    assert f"slide 3 ('Findings'): [BG408] picture {picture.name!r} has no alt text and is not marked decorative" \
        in failures
    late = [failure for failure in failures if "reading order must follow the slide's layout" in failure]
    assert late and all(failure.startswith(f"slide 5 ('What this means for general practice'): [BG414] {box.name!r} "
                                           "is read after ") for failure in late)
    assert "the whole file: [BG402] no language in the document properties" in failures
    assert any(re.fullmatch(rf"slide 2 \('Findings'\): \[BG413\] the text of {body.name!r} runs \d+ pt past the "
                            r"foot of its box at the size written \(PowerPoint shrinks text only once it is edited\)",
                            failure)
               for failure in failures), failures
    out = tmp_path / "out"
    (out / "x").mkdir(parents=True)
    (out / "x" / "slides.pptx").write_bytes(doctored.getvalue())
    (out / "x" / "brief.docx").write_bytes(b"PK\x03\x04 cut short")
    checked = run_cli("check", out)
    assert checked.code == 1 and "Traceback" not in checked.stderr
    assert "     - slides.pptx: slide 4: [BG411] no title\n" in checked.stdout
    assert "     - brief.docx: the whole file: [BG401] not a readable Word file (BadZipFile" in checked.stdout


def test_word_checks_place_each_failure_in_the_section_it_comes_under(site: Path) -> None:
    """Word sets the pages when it shows the file: the heading a failure comes under is where to look."""
    document = Document(str(site / "figure" / "gp" / "brief.docx"))
    next(document.element.body.iter("{*}docPr")).set("descr", "")
    next(paragraph for paragraph in document.paragraphs if paragraph.text == "Balance").style = "Heading 3"
    document.add_table(rows=1, cols=1)  # at the end, without a header row (table 1 is Balance's contrast)
    doctored = io.BytesIO()
    document.save(doctored)
    assert [str(failure) for failure in docx_failures(doctored.getvalue())] == [
        "section 'Findings': [BG408] picture 1 has no alt text and is not marked decorative",
        "section 'References': [BG412] table 2 has no header row (repeated on each page)",
        "section 'Balance': [BG407] heading level 4 follows level 2: a level is skipped"]


def test_strict_build_fails_on_what_the_checks_find(tmp_path: Path) -> None:
    """Two sections titled alike give two slides titled alike, numbered so that each is unique; a slide title
    the author repeats by hand is what the check finds, and --strict fails on it."""
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["sections"] = [{"id": "a", "title": "Findings", "items": ["One"]},
                        {"id": "b", "title": "Findings", "items": ["Two"]},
                        {"id": "c", "title": "Findings (continued, 2 of 2)", "items": ["Three"]}]
    (tmp_path / "repeat.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("build", tmp_path / "repeat.yaml", "-a", "gp", "-f", "pptx", "--strict", "--out", tmp_path / "out")
    assert result.code == 1 and "title of slide" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "repeat").exists()


def test_a_briefing_names_its_formats_and_an_unknown_one_is_an_error(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["formats"] = ["html", "docx"]
    (tmp_path / "asks.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("build", tmp_path / "asks.yaml", "-a", "gp", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    made = sorted(path.name for path in (tmp_path / "out" / "asks" / "gp").iterdir())
    assert made == ["brief.docx", "brief.html", "slides.html"]
    data["formats"] = ["html", "ppt"]
    (tmp_path / "asks.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("build", tmp_path / "asks.yaml", "--out", tmp_path / "bad")
    assert result.code == 1
    assert re.search(r"asks\.yaml:\d+:\d+: formats\[1\]: \[BG003\] unknown format 'ppt' \(known: html, pdf, pptx, "
                     r"docx\)", result.stderr), result.stderr
    assert not (tmp_path / "bad").exists()


OUR_LAYOUTS = {"Title Slide": "Cover", "Title and Content": "Words", "Two Content": "Side by side",
               "Title Only": "Heading only"}


def documented_brand() -> dict[str, object]:
    """The brand file docs/office.md gives as its example."""
    text = (ROOT / "docs" / "office.md").read_text(encoding="utf-8")
    brand: dict[str, object] = yaml.safe_load(next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.S)
                                                   if "pptx_template" in block))
    return brand


def organisation_folder(folder: Path, layouts: dict[str, str] | None = None) -> Path:
    """The figure fixture beside the brand of docs/office.md (or its `layouts` replaced), whose templates are an
    organisation's own: a deck whose layouts have names of its own and which holds a sample slide, and a Word
    document with a header and sample text."""
    shutil.copytree(FIXTURES / "assets", folder / "assets")
    shutil.copy(FIXTURES / "figure.yaml", folder / "figure.yaml")
    deck = Presentation()
    for layout in deck.slide_layouts:
        layout.name = OUR_LAYOUTS.get(layout.name, layout.name)
    sample = deck.slides.add_slide(deck.slide_layouts[0])
    sample.shapes.title.text_frame.text = "Sample slide: delete me"
    deck.save(str(folder / "ours.pptx"))
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Our organisation"
    document.add_paragraph("Sample text: delete me")
    document.save(str(folder / "ours.docx"))
    brand = documented_brand()
    if layouts is not None:
        brand["defaults"]["briefgen"]["office"]["layouts"] = layouts  # type: ignore[index]
    (folder / "_brand.yml").write_text(yaml.safe_dump(brand), encoding="utf-8")
    return folder / "figure.yaml"


def test_an_organisations_templates_give_the_layouts_styles_and_header_and_keep_no_sample(tmp_path: Path) -> None:
    source = organisation_folder(tmp_path)
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    folder = tmp_path / "out" / "figure" / "gp"
    deck = Presentation(str(folder / "slides.pptx"))
    assert len(deck.slides) == len(html(folder / "slides.html").select("section.slide"))
    used = [slide.slide_layout.name for slide in deck.slides]
    assert set(used) <= set(OUR_LAYOUTS.values()) and {"Cover", "Words", "Side by side"} <= set(used)
    assert all("Sample slide" not in slide_text(slide) + slide.shapes.title.text_frame.text for slide in deck.slides)
    with zipfile.ZipFile(folder / "slides.pptx") as package:  # the sample slide's part is not kept either
        assert len([name for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]) == \
               len(deck.slides)
    document = Document(str(folder / "brief.docx"))
    assert document.sections[0].header.paragraphs[0].text == "Our organisation"
    # Its page set-up is its own (python-docx's Letter, no page numbers); the references get the Bibliography
    # style it lacks.
    ours = Document(str(tmp_path / "ours.docx")).sections[0]
    assert (document.sections[0].page_width, document.sections[0].left_margin) == (ours.page_width, ours.left_margin)
    assert not list(document.sections[0].footer._element.iter(W + "fldSimple"))
    assert any(paragraph.style.name == "Bibliography" for paragraph in document.paragraphs)
    assert "Sample text" not in " ".join(paragraph.text for paragraph in document.paragraphs)
    assert document.paragraphs[0].style.name in ("Title", "Normal")
    # The templates are inputs of what they style: a change to one renders again, none renders nothing.
    again = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert again.code == 0 and "nothing to render" in again.stdout, again.stdout
    template = Presentation(str(tmp_path / "ours.pptx"))
    template.slides[0].shapes.title.text_frame.text = "Another sample"
    template.save(str(tmp_path / "ours.pptx"))
    edited = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert edited.code == 0 and "rendered 1 document," in edited.stdout, edited.stdout
    assert "[1/1] figure/gp/slides" in edited.stderr  # the deck, in PowerPoint only (its bytes are the same)


def test_a_template_without_a_layout_is_an_error_naming_it(tmp_path: Path) -> None:
    source = organisation_folder(tmp_path, {"table": "Chart and table"})
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 1
    assert re.search(r"_brand\.yml:\d+:\d+: defaults\.briefgen\.office\.layouts\.table: \[BG020\] ours\.pptx has no "
                     r"slide layout named 'Chart and table' \(for table slides\); its layouts are 'Cover', 'Words'",
                     result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_template_that_is_not_a_presentation_or_leads_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    source = organisation_folder(tmp_path / "brand")
    (tmp_path / "brand" / "ours.pptx").write_text("not a zip", encoding="utf-8")
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 1 and "Traceback" not in result.stderr
    assert "defaults.briefgen.office.pptx_template: [BG008] ours.pptx does not open as a PowerPoint presentation" in \
           result.stderr, result.stderr
    # 210 MB of nothing, a few hundred kB packed.
    with zipfile.ZipFile(tmp_path / "brand" / "ours.pptx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb, \
            bomb.open("ppt/slides/slide1.xml", "w") as entry:
        for _ in range(210):
            entry.write(bytes(1_000_000))
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 1 and "ours.pptx unpacks to 210 MB, over the 200 MB a template may hold" in result.stderr
    (tmp_path / "brand" / "ours.pptx").unlink()
    (tmp_path / "elsewhere.docx").write_bytes((tmp_path / "brand" / "ours.docx").read_bytes())
    (tmp_path / "brand" / "ours.pptx").symlink_to(tmp_path / "elsewhere.docx")
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 1 and "'ours.pptx' leads outside the brand file's folder; refused" in result.stderr
    brand = (tmp_path / "brand" / "_brand.yml").read_text(encoding="utf-8")
    (tmp_path / "brand" / "_brand.yml").write_text(brand.replace("ours.pptx", "ours.pptm"), encoding="utf-8")
    result = run_cli("build", source, "-a", "gp", *OFFICE, "--out", tmp_path / "out")
    assert result.code == 1 and "template 'ours.pptm' is not a PowerPoint presentation (.pptx)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_brands_logo_and_theme_are_on_the_built_in_templates_title_slide(tmp_path: Path) -> None:
    bold_brand(tmp_path / "bold")
    shutil.copy(EXAMPLE, tmp_path / "bold" / "example.yaml")
    result = run_cli("build", tmp_path / "bold" / "example.yaml", "-a", "gp", "-o", "slides", "-f", "pptx",
                     "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    deck = Presentation(str(tmp_path / "out" / "social-prescribing" / "gp" / "slides.pptx"))
    brand = yaml.safe_load((FIXTURES / "brands" / "bold" / "_brand.yml").read_text(encoding="utf-8"))
    first = next(iter(deck.slides[0].shapes))
    assert first.shape_type == MSO_SHAPE_TYPE.PICTURE  # read first: it is shown above the title
    assert first._element.find(".//{*}cNvPr").get("descr") == brand["logo"]["images"]["mark-white"]["alt"]
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    ink = brand["color"]["palette"]["plum"].removeprefix("#").upper()
    assert f'<a:dk1><a:srgbClr val="{ink}"/></a:dk1>' in theme and "Brand Serif" in theme


def test_a_call_out_beside_a_figure_goes_below_it(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "assets", tmp_path / "assets")
    data = yaml.safe_load((FIXTURES / "figure.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["callouts"] = [{"tone": "caveat", "text": "A caveat that goes with the figure. " * 4}]
    (tmp_path / "figure.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("build", tmp_path / "figure.yaml", "-a", "gp", "-o", "slides", "-f", "pptx",
                     "--out", tmp_path / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    deck = Presentation(str(tmp_path / "out" / "figure" / "gp" / "slides.pptx"))
    slide = next(slide for slide in deck.slides if slide.slide_layout.name == "Two Content"
                 and any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes))
    picture = next(shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    callout = next(shape for shape in slide.shapes if shape.has_text_frame and "caveat" in shape.text_frame.text)
    text = next(shape for shape in slide.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT)
    assert picture.top + picture.height <= callout.top and text.top + text.height <= callout.top


HTML_DECK_PT = {"title-slide": 62 * 0.75, "title": 46 * 0.75, "text": 40 * 0.75}
"""The largest text of the HTML deck (css/slides.css), in points at 0.75 pt a pixel: the title slide's title,
other titles, and the rest (a statement)."""


def test_no_text_on_a_slide_is_larger_than_the_html_decks_and_the_master_styles_it(site: Path) -> None:
    """At the size each run is shown (its own, or its level's through the layout and master), read back."""
    for folder in editions(site):
        deck = Presentation(str(folder / "slides.pptx"))
        for number, slide in enumerate(deck.slides, start=1):
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                kind = "text" if shape != slide.shapes.title else "title-slide" if number == 1 else "title"
                for paragraph in shape.text_frame.paragraphs:
                    inherited = level_style(shape, paragraph.level).size
                    for run in paragraph.runs:
                        size = run.font.size.pt if run.font.size is not None else inherited
                        assert size <= HTML_DECK_PT[kind] + 0.05, (folder, number, shape.name, run.text, size)
        # Titles bold in the heading colour, and the slide number legible on the page, by the master's styles.
        master = deck.slide_master._element
        title = master.find(".//{*}titleStyle/{*}lvl1pPr/{*}defRPr")
        assert title.get("b") == "1" and title.get("sz") == "3450"
        number_colour = next(shape for shape in deck.slide_master.placeholders
                             if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)._element.find(
            ".//{*}lstStyle/{*}lvl1pPr/{*}defRPr/{*}solidFill/{*}srgbClr").get("val")
        theme = deck.slide_master.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
        light = re.search(r'<a:lt1><a:srgbClr val="([0-9A-F]{6})"', theme)
        assert light and colour.contrast(f"#{number_colour}", f"#{light.group(1)}") >= 4.5


def test_a_slide_titles_position_is_held_together_in_powerpoint_as_on_the_page(site: Path) -> None:
    """"(continued, 2 of 3)" keeps the page's no-break spaces, so that PowerPoint breaks a long title before it."""
    positions = [shape.text_frame.text for folder in editions(site)
                 for slide in Presentation(str(folder / "slides.pptx")).slides
                 if (shape := slide.shapes.title) is not None and re.search(r"of\s\d+\)$", shape.text_frame.text)]
    assert positions
    assert all(re.search(r"\((?:continued,\xa0)?\d+\xa0of\xa0\d+\)$", title) for title in positions), positions[:3]
