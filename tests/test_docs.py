"""The example in the content format reference is a valid briefing, so the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, run_cli


def test_content_format_example_validates_and_builds(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    source = tmp_path / "housing-advice.yaml"
    source.write_text(example.group(1), encoding="utf-8")
    result = run_cli("validate", source)
    assert result.code == 0, result.stderr
    assert "(housing-advice, 4 audiences)" in result.stdout
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "housing_officer", "-f", "html", "--out", out)
    assert result.code == 0, result.stderr
    brief = (out / "housing-advice" / "housing_officer" / "brief.html").read_text(encoding="utf-8")
    assert "Hold a weekly drop-in at the nearest surgery." in brief
    assert "How the evaluation was done" in brief
    slides = (out / "housing-advice" / "housing_officer" / "slides.html").read_text(encoding="utf-8")
    assert "How the evaluation was done" not in slides
