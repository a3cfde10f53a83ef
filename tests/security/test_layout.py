"""A very long unbroken word, URL or DOI wraps inside the page instead of running off it, in bounded time."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES, run_cli

WORD = "Pneumono" * 15  # 120 characters: the longest word validation allows
URL = "https://example.org/" + "a" * 300
MM = 72 / 25.4


def words(pdf: Path) -> list[tuple[float, float, float, float, float]]:
    """(page width, xMin, yMin, xMax, yMax) of every word, from poppler's pdftotext."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    found, width = [], 0.0
    for line in out.splitlines():
        if page := re.search(r'<page width="([\d.]+)"', line):
            width = float(page[1])
        elif word := re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', line):
            found.append((width, *map(float, word.groups())))
    return found


def test_long_words_stay_inside_the_page(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text()
    text = text.replace('title: "Minimal *briefing*"', f"title: {WORD}")
    text = text.replace("subtitle: A test", f"subtitle: {WORD}\norganisation: {WORD}\ncontact: {URL[:120]}")
    filler = ", ".join(["A statement long enough to fill a good part of a line on the page, and then more."] * 40)
    text = text.replace("items: [a, b]", f"items: [{WORD}, '[{WORD}]({URL})', '`{WORD}`', {filler}]")
    text = text.replace("items: [x, y]", f"items: [{WORD}]").replace("label: Transactional", f"label: {WORD}")
    text = text.replace("doi: 10.1016/j.socscimed.2021.114037", f"doi: 10.1000/{'x' * 300}")
    source = tmp_path / "long.yaml"
    source.write_text(text.replace("name: Prof A", f"name: {WORD}"))
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "gp", "-f", "pdf", "--out", out, timeout=120)
    assert result.code == 0, result.stderr
    # Brief: A4 with 20 mm side margins, the running header (top 22 mm, from page 2) included.
    brief = words(out / "long" / "gp" / "brief.pdf")
    assert any(y0 < 22 * MM for _, _, y0, _, _ in brief), "no running header was checked"
    assert brief and all(x0 >= 20 * MM - 1 and x1 <= width - 20 * MM + 1 for width, x0, _, x1, _ in brief)
    # Slides: 88 CSS px of padding either side, 66 pt.
    slides = words(out / "long" / "gp" / "slides.pdf")
    assert slides and all(x0 >= 66 - 1 and x1 <= width - 66 + 1 for width, x0, _, x1, _ in slides)
