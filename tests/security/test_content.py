"""Hostile content through the real CLI: exit 1 naming file:line and field, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import MAX_FIELD_CHARS, MAX_LIST_ITEMS
from tests.conftest import FIXTURES, run_cli, uncoded

MINIMAL = (FIXTURES / "minimal.yaml").read_text()

CASES: dict[str, tuple[bytes, str]] = {
    "bad UTF-8": (b"title: ok\nsubtitle: caf\xe9\n", "case.yaml:2:14: not valid UTF-8"),
    "control character in the file": (b"title: a\x7fb\n", "case.yaml:1:9: character U+007F is not allowed"),
    "escaped control character": (b'title: "\\x1b[31mred"\n', "case.yaml:1:8: title: text contains the control"),
    "duplicate key": (b"title: A\ntitle: B\n",
                      "case.yaml:2:1: title: duplicate key 'title' (first written on line 1)"),
    "alias bomb": (b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "case.yaml:1:4: a: YAML anchors"),
    "tab indentation": (b"title: A\nauthors:\n\t- name: B\n", "indent with spaces"),
    "python tag": (b"title: !!python/object/apply:os.system [id]\n", "case.yaml:1:8: title: YAML tags"),
    "long field": (f"title: {'x' * (MAX_FIELD_CHARS + 1)}\n".encode(), "case.yaml:1:8: title: text is"),
    "long statement": (MINIMAL.replace("items: [a, b]", f"items: [{'word ' * 3999}end, b]").encode(),
                       "minimal.yaml:17:13: sections[0].items[0]: a statement is 19,998 characters, over "
                       "the limit of 4,000"),
    "long paragraph of a body": (MINIMAL.replace("items: [a, b]", f"kind: text\n    body: \"{'word ' * 801}\"")
                                 .encode(), "minimal.yaml:18:5: sections[0].body: a paragraph is 4,004 characters"),
    "long word": (MINIMAL.replace("items: [a, b]", f"items: ['See *{'x' * 121}*', b]").encode(),
                  f"minimal.yaml:17:13: sections[0].items[0]: the word '{'x' * 40}'… is 121 characters "
                  "without a space, over the limit of 120"),
    "long word in a table cell": (MINIMAL.replace("items: [a, b]", "items: [a, b]\n    table: {caption: C, header: "
                                                  f"[a, b], rows: [[x, y], [z, '{'x' * 121}']]}}").encode(),
                                  "minimal.yaml:18:56: sections[0].table.rows[1].cells[1]: the word "),
    "long list": (("key_messages:\n" + "  - x\n" * (MAX_LIST_ITEMS + 1)).encode(),
                  "case.yaml:2:3: key_messages: list has"),
    "deep YAML": (b"title: " + b"[" * 40 + b"]" * 40 + b"\n", "title" + "[0]" * 11 + ": nesting deeper than"),
    "deep Markdown": (MINIMAL.replace("items: [a, b]", "items: ['" + "- " * 1500 + "x']").encode(),
                      "minimal.yaml:17:13: sections[0].items[0]: Markdown nests"),
    "deep inline Markdown": (MINIMAL.replace("items: [a, b]", "items: ['" + "**a *" * 30 + "x" + "* a**" * 30 + "']")
                             .encode(),
                             "sections[0].items[0]: Markdown nests"),
    "bad slug": (MINIMAL.replace("subtitle:", "slug: ../../etc\nsubtitle:").encode(),
                 "slug: '../../etc' is not a valid slug"),
    "long slug": (MINIMAL.replace("subtitle:", f"slug: {'a' * 300}\nsubtitle:").encode(),
                  "minimal.yaml:2:1: slug: is too long: at most 64 characters"),
    "bidi override": ("title: evil\u202eexe.txt\n".encode(), "case.yaml:1:8: title: text contains a bidirectional "
                                                          "control, U+202E, which makes it show other than it reads"),
    "escaped bidi isolate": (b'title: "a\\u2067b"\n', "case.yaml:1:8: title: text contains a bidirectional control"),
    "zero-width space": ('title: "a\u200bb"\n'.encode(), "case.yaml:1:8: title: text contains an invisible character"),
    "long key": (MINIMAL.replace("  gp:\n", f"  {'g' * 300}:\n").encode(),
                 "minimal.yaml:6:3: audiences: key 'gggg"),
    "escape in a key": (b'audiences:\n  "a\\x1b[2Jb": {label: X}\n', "case.yaml:2:3: audiences: key 'a\\x1b[2Jb' is "
                                                                       "not a usable key"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_content_is_an_error(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    path = tmp_path / ("minimal.yaml" if expected.startswith("minimal") or "Markdown" in case or "slug" in case
                       else "case.yaml")
    path.write_bytes(text)
    out = tmp_path / "out"
    result = run_cli("build", path, "--out", out, timeout=60)
    assert result.code == 1, result.stderr
    assert expected in uncoded(result.stderr)
    assert "Traceback" not in result.stderr and not out.exists()


def test_scalars_arrive_as_written(tmp_path: Path) -> None:
    text = MINIMAL.replace('title: "Minimal *briefing*"', "title: NO\ndate: 2024-01-05").replace(
        'volume: "280"', "volume: 1.10")
    (tmp_path / "minimal.yaml").write_text(text)
    result = run_cli("build", tmp_path / "minimal.yaml", "-a", "gp", "-f", "html", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    html = (tmp_path / "out" / "minimal" / "gp" / "brief.html").read_text()
    assert "<h1>NO</h1>" in html and '<time datetime="2024-01-05">5 January 2024</time>' in html and ", 1.10, " in html


def test_file_name_that_is_no_slug_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "Bad Name.yaml").write_text(MINIMAL)
    result = run_cli("build", tmp_path / "Bad Name.yaml", "--out", tmp_path / "out")
    assert result.code == 1 and "Bad Name.yaml:1:1: file name 'Bad Name' is not a usable" in uncoded(result.stderr)
    assert not (tmp_path / "out").exists()


def test_content_symlink_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(MINIMAL)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = run_cli("build", tmp_path / "content", "--out", tmp_path / "out")
    assert result.code == 1 and "linked.yaml:1:1: is a link to a file outside its folder" in uncoded(result.stderr)
    assert not (tmp_path / "out").exists()


def test_what_a_reader_sees_counts_towards_the_word_limit_and_cjk_text_needs_no_spaces(tmp_path: Path) -> None:
    # A link's address is not a word of the text; Chinese and Japanese are written without spaces, up to the
    # statement limit. (Both once took minutes to lay out; the time limit stops a build that would again.)
    link = f"'[the report](https://example.org/{'a' * 300}), {'x' * 120}'"
    cjk = "社会处方连接工作者" * 333
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.replace("items: [a, b]", f"items: [{link}, {cjk}]"))
    result = run_cli("build", path, "-a", "gp", "-f", "html", "-o", "slides", "--time-limit", "60",
                     "--out", tmp_path / "out", timeout=120)
    assert result.code == 0 and "error" not in result.stderr, result.stderr
    assert cjk in (tmp_path / "out" / "minimal" / "gp" / "slides.html").read_text()
