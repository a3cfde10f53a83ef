"""A citation of a work no reference has, in any field that holds text: `validate` and `build` both exit 1 with
`file:line:col: field.path: message`, the source line and a caret under the citation, never a traceback, and
write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import FieldPath, format_path
from tests.conftest import FIXTURES, Run, run_cli
from tests.text_fields import UNKNOWN, one_of_each, planted

COMMANDS = ["validate", "build"]


def run(command: str, source: Path, out: Path) -> Run:
    return run_cli("build", source, "--out", out) if command == "build" else run_cli("validate", source)


KINDS = one_of_each()
"""Each field of the schema that holds text or a cite key, at the first place the fixture writes it."""


@pytest.mark.parametrize("path", KINDS.values(), ids=[f"{model}.{key}" for model, key in KINDS])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_citation_in_any_text_field_is_shown_at_that_field(tmp_path: Path, command: str,
                                                                 path: FieldPath) -> None:
    source, line, column = planted(tmp_path, path)
    result = run(command, source, tmp_path / "output")
    assert result.code == 1
    assert "Traceback" not in result.stderr
    shown = result.stderr.splitlines()
    message = f"error: {source}:{line}:{column}: {format_path(path)}: [BG004] {UNKNOWN}"
    assert message in shown, result.stderr
    written = source.read_text(encoding="utf-8").splitlines()[line - 1]
    assert shown[shown.index(message) + 1:][:2] == [f"    {written}", f"    {' ' * (column - 1)}^"]
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(("written", "wrong", "expected"), [
    # The mistake that once passed `validate` and ended `build` in a KeyError traceback.
    ("framing: For GPs only.", 'framing: "For GPs only [@r2]."',
     ["{source}:7:29: audiences.gp.framing: [BG004] cites unknown work 'r2' (no work has that id in `references`)",
      '        framing: "For GPs only [@r2]."', "                                ^"]),
    # `@key` cites as `[@key]` does, so a key no reference has is an error at its `@`, which may have been meant
    # as text (a handle): the message says how to write that.
    ('intro: "What the study found [@r1]."', 'intro: "Mail a.b@nhs.net: as @r2 [p. 4] found [@r1]."',
     ["{source}:16:34: sections[0].intro: [BG004] cites unknown work 'r2' (no work has that id in `references`); to "
      "write an @ that cites nothing, write \\@", '        intro: "Mail a.b@nhs.net: as @r2 [p. 4] found [@r1]."',
      "                                     ^"]),
], ids=["framing", "in the sentence"])
@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_work_is_shown_where_it_is_cited(tmp_path: Path, command: str, written: str, wrong: str,
                                                    expected: list[str]) -> None:
    source = tmp_path / "briefing.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text().replace(written, wrong))
    result = run(command, source, tmp_path / "output")
    assert result.code == 1
    assert result.stderr.splitlines() == [f"error: {expected[0].format(source=source)}", *expected[1:],
                                          "1 error in content; nothing was written."]
    assert not (tmp_path / "output").exists()
