"""The loader keeps what the author wrote, with positions, and refuses what YAML does behind one's back."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import MAX_DEPTH, MAX_FIELD_CHARS, MAX_LIST_ITEMS, load
from briefgen.errors import ContentError, format_path
from briefgen.rules import INVALID_VALUE


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "case.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(path)
    return [problem.show() for problem in caught.value.problems]


def test_scalars_arrive_as_written(tmp_path: Path) -> None:
    document = load(write(tmp_path, "a: NO\nb: 1.10\nc: 2024-01-05\nd: ~\ne: 0x1F\n"))
    assert document.data == {"a": "NO", "b": "1.10", "c": "2024-01-05", "d": "~", "e": "0x1F"}


def test_positions_of_keys_and_list_items(tmp_path: Path) -> None:
    document = load(write(tmp_path, "title: T\nsections:\n  - id: one\n    items:\n      - x\n"))
    assert document.positions[("title",)] == (1, 1)
    assert document.positions[("sections", 0)] == (3, 5)
    assert document.positions[("sections", 0, "items", 0)] == (5, 9)


def test_missing_field_is_located_at_its_parent(tmp_path: Path) -> None:
    document = load(write(tmp_path, "sections:\n  - id: one\n"))
    problem = document.problem(("sections", 0, "title"), "required", rule=INVALID_VALUE)
    assert problem.location is not None
    assert (problem.location.line, problem.location.field) == (2, ("sections", 0, "title"))


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, "title: A\nsubtitle: B\ntitle: C\n"))
    assert "case.yaml:3:1: title: [BG001] duplicate key 'title' (first written on line 1)" in message


@pytest.mark.parametrize("text", ["a: &x hello\nb: *x\n", "a: &x [1]\n"])
def test_anchors_and_aliases_are_refused(tmp_path: Path, text: str) -> None:
    [message] = problems(write(tmp_path, text))
    assert "are not allowed" in message and "case.yaml:1:4" in message


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    [message] = problems(write(tmp_path, bomb))
    assert "anchors" in message


def test_tags_are_refused(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, "a: !!python/object:os.system echo\n"))
    assert "tags" in message and "case.yaml:1:4: a:" in message


def test_tab_indentation_gets_a_hint(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, "a:\n\tb: c\n"))
    assert "case.yaml:2:" in message and "indent with spaces" in message


def test_bad_utf8_is_located(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, b"title: ok\nsubtitle: caf\xe9\n"))
    assert "case.yaml:2:14" in message and "UTF-8" in message


def test_empty_file(tmp_path: Path) -> None:
    assert "file is empty" in problems(write(tmp_path, "# nothing\n"))[0]


def test_caps_name_the_field(tmp_path: Path) -> None:
    long_text = "x" * (MAX_FIELD_CHARS + 1)
    items = "\n".join("  - i" for _ in range(MAX_LIST_ITEMS + 1))
    found = problems(write(tmp_path, f"title: {long_text}\nitems:\n{items}\n"))
    assert any(": title: [BG011] text is" in message for message in found)
    assert any(": items: [BG011] list has" in message for message in found)


def test_depth_is_capped(tmp_path: Path) -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n"
    assert "nesting deeper" in problems(write(tmp_path, deep))[0]


def test_format_path() -> None:
    assert format_path(("sections", 2, "items", 0, "text")) == "sections[2].items[0].text"


def test_escaped_surrogate_pairs_are_the_character_they_stand_for(tmp_path: Path) -> None:
    """JSON (which is YAML) writes an emoji as two escapes: they are the emoji. A lone surrogate is refused."""
    document = load(write(tmp_path, 'a: "Emoji \\ud83d\\ude00 and \\u00e9"\n'))
    assert document.data == {"a": "Emoji \U0001F600 and \u00e9"}
    assert problems(write(tmp_path, 'a: "pair \\ud83d\\ude00, lone \\ud800"\n')) == [
        f"{tmp_path / 'case.yaml'}:1:4: a: [BG007] text contains the control character U+D800; remove it\n"
        '    a: "pair \\ud83d\\ude00, lone \\ud800"\n       ^']
