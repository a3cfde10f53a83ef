"""The page's HTML as the Office formats read it: runs as a browser would show them, lists with their depth and
numbers, tables, pictures, and what is page furniture; and what the Office writers do with what they refuse."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from briefgen.content.brand import load_brand, preset
from briefgen.errors import RenderError, Severity
from briefgen.render.draft import Draft
from briefgen.render.office.blocks import LINE_BREAK, Paragraph, Picture, Run, Table
from briefgen.render.office.docx import docx_bytes
from briefgen.render.office.pptx import pptx_bytes
from briefgen.render.office.reading import parse, read, runs_of


def body(html: str) -> list[object]:
    return list(read(parse(f"<html><body>{html}</body></html>").find("body")))


def test_runs_collapse_whitespace_and_keep_bold_italic_links_and_breaks() -> None:
    element = parse("<p>  A <strong>bold\n   claim</strong> (<a href='#ref-x'>Gibson, <i>et al.</i> 2021</a>)"
                    "<br>next line  </p>").find(".//p")
    assert runs_of(element) == (
        Run("A "), Run("bold claim", bold=True), Run(" ("), Run("Gibson, ", link="#ref-x"),
        Run("et al.", italic=True, link="#ref-x"), Run(" 2021", link="#ref-x"), Run(")" + LINE_BREAK + "next line"))


def test_whitespace_between_elements_is_a_space_not_a_line_break() -> None:
    element = parse("<p><span>A Person</span>\n<span>B Person</span></p>").find(".//p")
    assert "".join(run.text for run in runs_of(element)) == "A Person B Person"


def test_lists_give_depth_order_numbers_and_a_list_each() -> None:
    blocks = body("<ol><li id='k1'>One<ul><li>point</li></ul></li><li>Two</li></ol>"
                  "<ol class='reference-list'><li value='4'>Four</li><li>Five</li></ol>")
    items = [(block.text, block.level, block.ordered, block.number, block.list_id, block.anchors)
             for block in blocks if isinstance(block, Paragraph)]
    assert items == [("One", 0, True, 1, 1, ("k1",)), ("point", 1, False, None, 2, ()), ("Two", 0, True, 2, 1, ()),
                     ("Four", 0, True, 4, 3, ()), ("Five", 0, True, 5, 3, ())]


def test_page_furniture_is_left_out_and_a_sections_id_anchors_its_first_paragraph() -> None:
    blocks = body("<a class='skip-link' href='#main'>Skip</a><section id='findings'><h2 id='findings-title'>Findings"
                  "</h2><p>Text</p><span aria-hidden='true'>⇄</span></section><footer class='slide-footer'>3 / 9"
                  "</footer>")
    assert [(block.text, block.role, block.anchors) for block in blocks if isinstance(block, Paragraph)] == [
        ("Findings", "heading", ("findings", "findings-title")), ("Text", "body", ())]


def test_boxes_mark_their_paragraphs_with_their_tone() -> None:
    blocks = body("<div class='callout tone-caveat' role='note'><p class='callout-title'>Caveat</p><p>Small n."
                  "</p></div>")
    assert [(block.role, block.box, block.tone) for block in blocks if isinstance(block, Paragraph)] == [
        ("box-title", "callout", "caveat"), ("body", "callout", "caveat")]


def test_a_table_has_its_caption_header_rows_row_headers_alignment_and_source() -> None:
    [table] = body("<div class='table'><table><caption>Beds</caption><thead><tr><th>Area</th>"
                   "<th class='align-right'>Beds</th></tr></thead><tbody><tr><th scope='row'>North</th>"
                   "<td class='align-right'>12</td></tr></tbody></table><p class='table-source'>Source: NHS</p></div>")
    assert isinstance(table, Table)
    assert table.header_rows == 1 and "".join(run.text for run in table.caption) == "Beds"
    assert [[(cell.text, cell.header, cell.align) for cell in row] for row in table.rows] == [
        [("Area", True, "left"), ("Beds", True, "right")], [("North", True, "left"), ("12", False, "right")]]
    assert "".join(run.text for run in table.source) == "Source: NHS"


def test_an_svg_figure_is_drawn_as_a_png_with_its_alt_text_and_caption() -> None:
    svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20'/></svg>"
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    [picture] = body(f"<figure><img src='{uri}' alt='A bar'><figcaption>The <em>bar</em></figcaption></figure>")
    assert isinstance(picture, Picture)
    assert picture.png_or_jpeg.startswith(b"\x89PNG") and picture.width == 2 * picture.height
    assert picture.alt == "A bar" and picture.caption == (Run("The "), Run("bar", italic=True))


def test_the_items_of_a_row_the_page_sets_apart_are_joined_by_a_middle_dot() -> None:
    apart = parse("<p class='eyebrow'><span>Durham University</span>\n<span>Briefing for GPs</span></p>").find(".//p")
    assert "".join(run.text for run in runs_of(apart)) == "Durham University · Briefing for GPs"
    written = parse("<p class='eyebrow'>Durham University · For GPs</p>").find(".//p")
    assert "".join(run.text for run in runs_of(written)) == "Durham University · For GPs"


def test_what_the_office_libraries_refuse_is_an_error_naming_the_output() -> None:
    """Validation keeps such text out; should anything reach a library that refuses it, the build names the
    output rather than ending in a traceback."""
    brand = load_brand(preset("default"))[0]
    page = ("<html lang='en-GB'><head><title>T</title></head><body><main><section class='slide layout-bullets'>"
            "<div class='slide-body'><h2>Not \uffff text</h2></div></section></main></body></html>")
    for render, suffix in ((pptx_bytes, "pptx"), (docx_bytes, "docx")):
        with pytest.raises(RenderError, match=rf"^b/slides\.{suffix}: could not be written \(ValueError"):
            render(Draft("b/slides", page, Path("templates"), brand))


def test_properties_longer_than_office_allows_are_cut_with_a_note() -> None:
    """Office holds 255 characters a property: a long title, twelve authors or a long audience label in the
    description are cut with an ellipsis, and a note names the output; the page shows them whole."""
    brand = load_brand(preset("default"))[0]
    title, authors = "A title " * 40, "".join(f"<meta name='author' content='Author number {n} of a dozen'>"
                                                for n in range(12))
    page = (f"<html lang='en-GB'><head><title>{title}</title>{authors}<meta name='description' content='"
            f"{'Brief for a label ' * 15}'></head><body><header class='masthead'><h1>{title}</h1></header><main>"
            "<section class='slide layout-bullets'><div class='slide-body'><h2>S</h2></div></section></main></body>"
            "</html>")
    for render, open_file, suffix in ((pptx_bytes, Presentation, "pptx"), (docx_bytes, Document, "docx")):
        draft = Draft("b/brief", page, Path("templates"), brand)
        properties = open_file(io.BytesIO(render(draft))).core_properties
        assert [len(properties.title), len(properties.author), len(properties.subject)] == [255] * 3
        assert properties.title == title[:254] + "\u2026" and properties.language == "en-GB"
        notes = [problem for problem in draft.problems if problem.severity is Severity.INFO]
        assert [(note.output, note.message.split(" property")[0]) for note in notes] == [
            (f"b/brief.{suffix}", f"the document's {name}") for name in ("title", "author", "subject")]


def test_the_annex_starts_a_new_page() -> None:
    blocks = body("<section id='annex' class='annex'><h2>Annex</h2><p>Text</p></section>")
    assert [(block.text, block.new_page) for block in blocks if isinstance(block, Paragraph)] == [
        ("Annex", True), ("Text", False)]


def test_a_line_break_stays_between_its_lines_in_word_and_powerpoint() -> None:
    brand = load_brand(preset("default"))[0]
    page = ("<html lang='en-GB'><head><title>T</title></head><body><header class='masthead'><h1>T</h1></header>"
            "<main><p>first line<br>second line</p><section class='slide layout-bullets'><div class='slide-body'>"
            "<h2>S</h2><p>one<br>two</p></div></section></main></body></html>")
    docx = docx_bytes(Draft("b/brief", page, Path("templates"), brand))
    paragraph = next(p for p in Document(io.BytesIO(docx)).paragraphs if "first" in p.text)
    assert paragraph.text == "first line\nsecond line"  # python-docx reads a <w:br/> as a newline
    pptx = pptx_bytes(Draft("b/slides", page, Path("templates"), brand))
    slide = Presentation(io.BytesIO(pptx)).slides[0]
    assert any(shape.has_text_frame and shape.text_frame.text == "one\vtwo" for shape in slide.shapes)
