"""Accessibility rules at validate time: alt text on figures, meaningful link text, headings from structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.errors import ContentError
from tests.conftest import FIXTURES

MINIMAL = (FIXTURES / "minimal.yaml").read_text()


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "case.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        validate(load(path))
    return [problem.show().splitlines()[0] for problem in caught.value.problems]


def with_figure(figure: str) -> str:
    return MINIMAL.replace("    items: [a, b]\n", "    items: [a, b]\n    figure:\n" + figure)


def test_figure_with_alt_text_is_valid() -> None:
    validate(load(FIXTURES / "figure.yaml"))


def test_vague_and_bare_links_are_errors_with_line() -> None:
    with pytest.raises(ContentError) as caught:
        validate(load(FIXTURES / "bad" / "vague_links.yaml"))
    shown = [problem.show() for problem in caught.value.problems]
    assert any("vague_links.yaml:4:5: key_messages[0]: [BG009] link text 'click here' does not say" in s for s in shown)
    assert any("vague_links.yaml:5:5: key_messages[1]: [BG009] link text 'https://example.org/report' is a bare address"
               in s for s in shown)
    assert any("vague_links.yaml:6:5: key_messages[2]: [BG009] link <https://example.org/report> shows a bare address"
               in s for s in shown)
    assert any("vague_links.yaml:11:5: sections[0].body: [BG010] images in text" in s for s in shown)
    assert any("vague_links.yaml:11:5: sections[0].body: [BG010] Markdown headings (#) are not allowed" in s
               for s in shown)


@pytest.mark.parametrize("text", ["here", "Read more", "**Click here**", "link", ""])
def test_link_text_must_say_where_it_goes(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, MINIMAL.replace("  - One\n", f'  - "See [{text}](https://example.org)"\n'))
    assert len(found) == 1 and "key_messages[0]: [BG009] link text" in found[0]


def test_email_address_is_fine_as_mailto_link_text(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(MINIMAL + "contact: '[a@b.ac.uk](mailto:a@b.ac.uk)'\n")
    validate(load(path))


def test_decorative_figure_needs_no_alt_but_must_not_have_one(tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes((FIXTURES / "bad" / "pathway.png").read_bytes())
    path = tmp_path / "ok.yaml"
    path.write_text(with_figure("      src: p.png\n      decorative: true\n"))
    validate(load(path))
    found = problems(tmp_path, with_figure("      src: p.png\n      decorative: true\n      alt: A chart\n"))
    assert len(found) == 1
    assert found[0].endswith("case.yaml:20:7: sections[0].figure.decorative: [BG014] a decorative figure is hidden "
                             "from screen readers, so its alt text would never be read; drop one of them")


@pytest.mark.parametrize(("src", "message"), [
    ("missing.png", "no such image file"),
    ("../outside.png", "must be a relative path inside the content file's folder"),
    ("/etc/passwd.png", "must be a relative path"),
    ("https://example.org/a.png", "must be a relative path"),
    ("notes.txt", "is not a PNG, JPEG or SVG image"),
    ("link.png", "leads outside the content file's folder"),
])
def test_figure_source_must_be_an_image_inside_the_content_folder(tmp_path: Path, src: str, message: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    (content / "notes.txt").write_text("x")
    (content / "link.png").symlink_to(tmp_path / "outside.png")
    path = content / "case.yaml"
    path.write_text(with_figure(f"      src: {src!r}\n      alt: A chart\n"))
    with pytest.raises(ContentError) as caught:
        validate(load(path))
    [problem] = caught.value.problems
    assert problem.location is not None and problem.location.field == ("sections", 0, "figure", "src")
    assert message in problem.message


@pytest.mark.parametrize("text", ['"Four elements:\\n\\n- one\\n- two"', "'- a list item'", "'> a quote'",
                                  '"Para one.\\n\\nPara two."', "'1. Numbered'"])
def test_blocks_of_markdown_are_refused_where_a_field_is_one_paragraph(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, MINIMAL.replace("items: [a, b]", f"items: [{text}, b]"))
    assert len(found) == 1 and found[0].endswith(
        "sections[0].items[0]: [BG010] this field is one paragraph of inline Markdown: for a sub-list, give the "
        "statement `points:`; paragraphs, lists and quotes belong in a text section's `body` or a call-out's `text`")


def test_blocks_of_markdown_are_allowed_in_bodies_and_call_outs(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(MINIMAL.replace("    items: [a, b]", "    items: [a, b]\n    callouts:\n"
                                    "      - {tone: caveat, text: \"Two points:\\n\\n- one\\n- two\"}"))
    validate(load(path))
