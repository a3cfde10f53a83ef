"""Office files as their users see them: converted to PDF by LibreOffice, a deck with its automatic shrinking
switched off first (PowerPoint shows text at the size written until someone edits the box), then each PDF
page's words, with where pdftotext finds them, set beside the boxes the slide's shapes draw."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from pptx import Presentation
from pptx.util import Emu

_AUTOFIT = re.compile(rb"<a:(?:normAutofit|spAutoFit)(?:\s[^>]*)?/>")
TOLERANCE_PT = 3.0
"""How far past its box a word may reach and still count as inside: a glyph's overhang, rounding."""


def without_autofit(pptx: bytes) -> bytes:
    """The deck with every text box's automatic fitting removed: LibreOffice then sets text at the size written,
    as PowerPoint does until the text is edited (python-pptx #1021)."""
    written = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as source, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if re.fullmatch(r"ppt/(slides|slideLayouts|slideMasters)/[^/]+\.xml", entry.filename):
                data = _AUTOFIT.sub(b"", data)
            target.writestr(entry, data)
    return written.getvalue()


def convert(files: list[Path], folder: Path, profile: Path) -> list[Path]:
    """Each file converted to PDF in `folder` by LibreOffice (one process for all), in a profile of its own."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by scripts/install-system-deps.sh"
    # In a session of its own, so that a timeout ends LibreOffice's whole process group, not only its launcher.
    process = subprocess.Popen([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, errors = process.communicate(timeout=240)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, errors
    return [folder / f"{file.stem}.pdf" for file in files]


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


def page_words(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes, in points from the page's top left (poppler's pdftotext)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8")).iter("page")
    return [[Word(word.text_content(), *(float(word.get(side)) for side in ("xmin", "ymin", "xmax", "ymax")))
             for word in page.iter("word")] for page in pages]


def text_boxes(slide: object) -> list[tuple[float, float, float, float]]:
    """Left, top, right and bottom (points) of each shape on `slide` that holds text (or a table, or a chart,
    whose labels LibreOffice draws inside its frame)."""
    boxes = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if (shape.has_text_frame and shape.text_frame.text.strip()) or shape.has_table or shape.has_chart:
            left, top = Emu(shape.left).pt, Emu(shape.top).pt
            height = Emu(shape.height).pt
            if shape.has_table:  # a table's rows grow to their text: the rows' heights as written
                height = sum(Emu(row.height).pt for row in shape.table.rows)
            boxes.append((left, top, left + Emu(shape.width).pt, top + height))
    return boxes


def words_outside(pptx: Path, pdf: Path) -> dict[int, list[str]]:
    """Slide number → the words LibreOffice drew outside every text box of that slide."""
    deck = Presentation(str(pptx))
    outside: dict[int, list[str]] = {}
    for number, (slide, words) in enumerate(zip(deck.slides, page_words(pdf), strict=True), start=1):
        boxes = text_boxes(slide)
        stray = [word.text for word in words if not any(
            word.left >= left - TOLERANCE_PT and word.right <= right + TOLERANCE_PT
            and word.top >= top - TOLERANCE_PT and word.bottom <= bottom + TOLERANCE_PT
            for left, top, right, bottom in boxes)]
        if stray:
            outside[number] = stray
    return outside
