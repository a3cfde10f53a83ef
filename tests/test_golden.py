"""The example's HTML, byte for byte, against the recorded pages in tests/golden/: any change to what a
reader gets shows up as a diff to review. After an intended change, `BRIEFGEN_UPDATE_GOLDEN=1 make test`
records the new pages."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests.conftest import AUDIENCES, ROOT

GOLDEN = ROOT / "tests" / "golden"
PAGES = ["index.html", *(f"social-prescribing/{audience}/{document}.html" for audience in AUDIENCES
                         for document in ("brief", "slides"))]


@pytest.mark.parametrize("name", PAGES)
def test_example_html_is_as_recorded(example_output: Path, name: str) -> None:
    built = (example_output / name).read_text(encoding="utf-8")
    recorded = GOLDEN / name
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN"):
        recorded.parent.mkdir(parents=True, exist_ok=True)
        recorded.write_text(built, encoding="utf-8")
    expected = recorded.read_text(encoding="utf-8")
    diff = "".join(list(difflib.unified_diff(expected.splitlines(keepends=True), built.splitlines(keepends=True),
                                             f"tests/golden/{name}", "built"))[:40])
    assert built == expected, f"the built page differs from the recorded one; if intended, record it again:\n{diff}"
