"""Footnotes as each reader gets them: at the foot of their page in the PDF (numbered afresh on each page, and
passing PDF/UA-1) and in Word (Word's own footnotes, numbered afresh on each page as the PDF numbers them), as
a list of notes reached from linked calls on screen, and in a slide's speaker notes, numbered as the slide's
calls, in PowerPoint."""

from __future__ import annotations

from pathlib import Path

import page as page_validation
import pytest
import yaml
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from pptx import Presentation
from pypdf import PdfReader

from briefgen.content.footnotes import Footnote, FootnoteSyntaxError, footnotes
from briefgen.render.office.blocks import Run
from briefgen.render.office.word_notes import WordNotes
from tests import libreoffice
from tests.conftest import FIXTURES, run_cli
from tests.test_office import html, normal


def test_a_note_may_hold_brackets_of_its_own_and_an_escaped_one_is_text() -> None:
    text = r"Rose^[As counted [@r1], in [brackets].] and fell\^[not a note]^[Two.]."
    assert [(note.text, text[note.start:note.end]) for note in footnotes(text)] == [
        ("As counted [@r1], in [brackets].", "^[As counted [@r1], in [brackets].]"), ("Two.", "^[Two.]")]
    assert list(footnotes("No notes [@r1].")) == []
    with pytest.raises(FootnoteSyntaxError) as raised:
        list(footnotes("Open^[never [closed]."))
    assert raised.value.start == 4
    assert Footnote("x", 0, 4) == next(footnotes("^[x]"))


@pytest.fixture
def gp(authoring_build: Path) -> Path:
    """The GPs' edition of the briefing whose section "Referrals and waits" has the notes."""
    return authoring_build / "gp"


def test_on_screen_each_call_links_to_its_note_in_the_list_the_brief_ends_with(gp: Path) -> None:
    page = html(gp / "brief.html")
    calls = page.select("main a.note-ref")
    assert [(normal(call.get_text()), call["href"], call["aria-label"]) for call in calls] == [
        (str(n), f"#note-{n}", f"Note {n}") for n in range(1, 5)]
    notes = page.select("section.endnotes li")
    assert [note["id"] for note in notes] == [f"note-{n}" for n in range(1, 5)]
    assert normal(notes[0].get_text()) == "Counted by practice, not by person (Gibson and Pollard, 2021). ↩"
    assert notes[0].select_one("a[href='#ref-r1']") is not None  # a note's citation is linked to its work
    assert normal(notes[3].get_text()) == "Includes one hub. ↩"  # a table cell's note
    assert notes[3].select_one("a.note-back")["href"] == "#note-ref-4"


def test_the_pdf_sets_each_note_at_the_foot_of_its_page_numbered_afresh_and_passes_pdf_ua(gp: Path) -> None:
    pages = [normal(page.extract_text()) for page in PdfReader(gp / "brief.pdf").pages]
    first = next(number for number, text in enumerate(pages) if "1. Counted by practice" in text)
    assert "2. Median weeks." in pages[first]
    later = next(number for number, text in enumerate(pages) if "To March 2024." in text)
    assert later > first and "1. To March 2024." in pages[later]  # numbered afresh on its page
    assert not any("Notes" in text.split() and "↩" in text for text in pages)  # the screen's list is not printed
    report = page_validation.validate_pdf(gp / "brief.pdf", profile=page_validation.ValidationProfile.PDF_UA_1)
    assert list(report.failures) == []


def test_word_sets_each_note_at_the_foot_of_its_page_numbered_afresh_as_the_pdf_does(gp: Path,
                                                                                     tmp_path: Path) -> None:
    document = Document(str(gp / "brief.docx"))
    body = document.element.body
    assert [int(call.get(qn("w:id"))) for call in body.iter(qn("w:footnoteReference"))] == [1, 2, 3, 4]
    texts = [normal(paragraph.text) for paragraph in document.paragraphs]
    assert "Notes" not in texts and not any("Counted by practice" in text for text in texts)  # no list at the end
    footnotes = etree.fromstring(document.part.part_related_by(RT.FOOTNOTES).blob)  # python-docx reads no notes
    notes = {int(note.get(qn("w:id"))): normal("".join(text.text for text in note.iter(qn("w:t"))))
             for note in footnotes.iter(qn("w:footnote"))}
    assert notes == {-1: "", 0: "", 1: "Counted by practice, not by person (Gibson and Pollard, 2021).",
                     2: "Median weeks.", 3: "To March 2024.", 4: "Includes one hub."}  # after the two separators
    bookmarks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    [citation] = footnotes.iter(qn("w:hyperlink"))
    assert citation.get(qn("w:anchor")) in bookmarks  # a note's citation is linked to its work
    assert body.find(f".//{qn('w:footnotePr')}/{qn('w:numRestart')}").get(qn("w:val")) == "eachPage"

    [pdf] = libreoffice.convert([gp / "brief.docx"], tmp_path / "pdf", tmp_path / "profile")  # as Word shows it
    pages = [normal(page.extract_text()) for page in PdfReader(pdf).pages]
    first = next(number for number, text in enumerate(pages) if "Referrals rose" in text)
    assert "1 Counted by practice" in pages[first] and "2 Median weeks." in pages[first]
    later = next(number for number, text in enumerate(pages) if "To March 2024." in text)
    assert later > first and "1 To March 2024." in pages[later] and "Later, stays shortened" in pages[later]


def test_a_template_s_own_footnote_numbering_is_set_to_each_page_not_doubled() -> None:
    document = Document()
    properties = document.sections[0]._sectPr
    own = OxmlElement("w:footnotePr")
    own.append(OxmlElement("w:numRestart", {qn("w:val"): "continuous"}))
    properties.insert(0, own)
    WordNotes(document).call(document.add_paragraph("Text"), (Run("A note."),), lambda paragraph, runs: None)
    assert [(child.tag, child.get(qn("w:val"))) for child in properties.find(qn("w:footnotePr"))] == [
        (qn("w:numRestart"), "eachPage")]


def test_a_slide_numbers_its_calls_afresh_and_gives_their_notes_in_its_speaker_notes(gp: Path) -> None:
    deck = Presentation(str(gp / "slides.pptx"))
    with_notes = []
    for slide in deck.slides:
        calls = [run.text for shape in slide.shapes if shape.has_text_frame
                 for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
                 if run._r.get_or_add_rPr().get("baseline") == "30000"]
        if calls:
            with_notes.append((calls, normal(slide.notes_slide.notes_text_frame.text)))
    assert with_notes[0] == (["1", "2"], "1 Counted by practice, not by person (Gibson and Pollard, 2021). "
                                         "2 Median weeks.")
    assert all(calls[0] == "1" for calls, _ in with_notes)
    assert any("1 To March 2024." in notes for _, notes in with_notes[1:])


def test_a_note_left_open_is_an_error_at_its_line(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["items"] = ["Rose^[as counted."]
    source = tmp_path / "open.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_cli("validate", source)
    assert result.code == 1
    assert "sections[0].items[0]: [BG010] a footnote `^[…]` is not closed" in result.stderr
