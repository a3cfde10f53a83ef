"""Bad content: exit 1, every message names file, line, column and field, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

BAD = FIXTURES / "bad"

CASES = {
    "syntax.yaml": "syntax.yaml:3:1: [BG001] YAML syntax error: found unexpected end of stream while scanning a "
                   "quoted scalar that starts at line 1, column 8",
    "unknown_key.yaml": "unknown_key.yaml:8:5: sections[0].itmes: [BG002] unknown key 'itmes'; did you mean 'items'?",
    "wrong_type.yaml": "wrong_type.yaml:12:5: references[0].year: [BG003] must be a whole number",
    "unknown_audience.yaml": "unknown_audience.yaml:6:17: key_messages[0].audiences[0]: [BG013] unknown audience "
                             "'gps'; did you mean 'gp'?",
    "duplicate_id.yaml": "duplicate_id.yaml:9:5: sections[1].id: [BG012] duplicate id 's' (first used on line 6)",
    "empty_title.yaml": "empty_title.yaml:1:1: title: [BG003] must not be empty",
    "figure_no_alt.yaml": "figure_no_alt.yaml:8:5: sections[0].figure.alt: [BG014] a figure needs alt text",
}


@pytest.mark.parametrize(("name", "expected"), CASES.items())
@pytest.mark.parametrize("command", ["build", "validate"])
def test_bad_content_is_reported_and_nothing_written(tmp_path: Path, name: str, expected: str,
                                                     command: str) -> None:
    out = tmp_path / "output"
    args = ("build", BAD / name, "--out", out) if command == "build" else ("validate", BAD / name)
    result = run_cli(*args)
    assert result.code == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_every_error_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_cli("build", BAD / "unknown_key.yaml", BAD / "wrong_type.yaml", FIXTURES / "minimal.yaml",
                     "--out", out)
    assert result.code == 1
    assert "unknown_key.yaml:8:5" in result.stderr and "wrong_type.yaml:12:5" in result.stderr
    assert "2 errors in content; nothing was written." in result.stderr
    assert not out.exists(), "a good file must not be built while another is bad"


def test_error_shows_the_source_line(tmp_path: Path) -> None:
    result = run_cli("validate", BAD / "unknown_key.yaml")
    assert "    itmes: [x]\n        ^" in result.stderr


def test_colliding_slugs_are_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text()
    (tmp_path / "a.yaml").write_text("slug: same\n" + text)
    (tmp_path / "b.yaml").write_text("slug: same\n" + text)
    result = run_cli("build", tmp_path, "--out", tmp_path / "out")
    assert result.code == 1
    assert "b.yaml:1:1: slug: [BG012] builds into output/same/, as" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unusable_file_name_needs_a_slug(tmp_path: Path) -> None:
    source = tmp_path / "My Brief.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text())
    result = run_cli("validate", source)
    assert result.code == 1 and "add a `slug:`" in result.stderr


@pytest.mark.parametrize("args", [
    ("build", "--format", "odt"),
    ("build", "--audience", "minister"),
    ("build", "no-such-file.yaml"),
    ("frobnicate",),
])
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, "--out", tmp_path / "out") if args[0] == "build" else run_cli(*args)
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
