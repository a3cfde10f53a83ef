"""How problems are shown: location, field, message, and an excerpt of the source line that cannot steer the
terminal."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Location, Problem, Severity, format_path, printable, shown


def test_a_long_source_line_is_shown_as_an_excerpt_with_the_caret_on_the_column() -> None:
    line = "x" * 500 + "HERE" + "y" * 500
    problem = Problem("too long", Location(Path("a.yaml"), 3, 501, ("title",)), source_line=line)
    first, excerpt, caret = problem.show().splitlines()
    assert first == "a.yaml:3:501: title: too long"
    assert len(excerpt) <= 4 + 102 and excerpt.strip().startswith("…") and excerpt.endswith("…")
    assert excerpt[caret.index("^"):].startswith("HERE")


def test_control_bidi_and_invisible_characters_are_shown_escaped() -> None:
    assert printable("a\x1b[2Jb\u202ec\u200bd\u200de") == "a\\x1b[2Jb\\u202ec\\u200bd\u200de"  # joiners stay
    assert format_path(("audiences", "x\x07", "label")) == "audiences.x\\x07.label"
    problem = Problem("odd", Location(Path("a.yaml"), 1, 1), Severity.WARNING, source_line="title: \u202eevil")
    assert "\u202e" not in shown(problem) and shown(problem).startswith("warning: a.yaml:1:1: odd")
