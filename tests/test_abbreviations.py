"""A briefing's abbreviations as an author writes them, built to HTML, Word and PowerPoint: each file prints them
spelt out where that reads right, the Office files read back as a reader opens them."""
# ruff: noqa: RUF001  (the text as printed has typographic quotes)

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from docx import Document
from pptx import Presentation

from tests.conftest import FIXTURES, run_cli

PRINTED = [
    "An NIHR-funded study of a National Health Service (NHS) trust.",
    "Social Care Institute for Excellence’s (SCIE’s) summary agrees with the National Institute for Health and Care "
    "Research (NIHR).",
    "The Company Chemists’ Association (CCA) counted 1,449 pharmacists (1,265 FTE); the CCA says each full-time "
    "equivalent (FTE) serves 3,000 people.",
]
"""Each document's text as printed (every document spells out afresh: the brief, the deck)."""


def spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_each_format_prints_abbreviations_spelt_out_where_they_read_right(tmp_path: Path) -> None:
    result = run_cli("build", FIXTURES / "abbreviations.yaml", "-a", "gp", "-f", "html", "-f", "docx", "-f", "pptx",
                     "--out", tmp_path)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    folder = tmp_path / "abbreviations" / "gp"
    brief = BeautifulSoup((folder / "brief.html").read_text(encoding="utf-8"), "html.parser")
    main = spaced(brief.main.get_text() if brief.main else "")
    word = spaced(" ".join(paragraph.text for paragraph in Document(str(folder / "brief.docx")).paragraphs))
    slides = spaced(" ".join(shape.text_frame.text for slide in Presentation(str(folder / "slides.pptx")).slides
                             for shape in slide.shapes if shape.has_text_frame))
    for text in (main, word, slides):
        for printed in PRINTED:
            assert printed in text
    assert {abbr["title"] for abbr in brief.find_all("abbr") if abbr.text == "NIHR"} == {
        "National Institute for Health and Care Research"}
