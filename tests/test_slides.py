"""Slide decks: overflow is spread over continuation slides or warned about, and --strict makes it fatal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pptx import Presentation
from pypdf import PdfReader

from briefgen.render import draft
from briefgen.render.pdf import LaidOut
from tests.conftest import FIXTURES, ROOT, run_cli


def pdf_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_long_section_is_spread_evenly_over_continuation_slides(tmp_path: Path) -> None:
    result = run_cli("build", FIXTURES / "long_section.yaml", "-a", "gp", "-o", "slides", "--out", tmp_path)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    pages = pdf_pages(tmp_path / "long_section" / "gp" / "slides.pdf")
    findings = [page for page in pages if "Finding number" in page]
    assert len(findings) == 3
    # Each title is unique: the slides sharing one are numbered.
    assert "Findings (1 of 3)" in findings[0] and "continued" not in findings[0]
    assert all(f"Findings (continued, {n} of 3)" in page for n, page in enumerate(findings[1:], start=2))
    counts = [page.count("Finding number") for page in findings]
    assert sum(counts) == 14 and max(counts) - min(counts) <= 1
    text = " ".join(findings)
    assert all(f"Finding number {n} " in text for n in range(1, 15)), "no item may be lost or clipped"
    assert all(f"Minimal briefing {n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_unsplittable_overflow_is_cut_at_the_edge_and_a_warning_names_the_statement(tmp_path: Path) -> None:
    result = run_cli("build", FIXTURES / "overfull_contrast.yaml", "-a", "gp", "-o", "slides", "--out", tmp_path)
    assert result.code == 0
    assert ("warning: " + str(FIXTURES / "overfull_contrast.yaml") + ":30:13: sections[1].contrast.right.items[4]: "
            "[BG303] slide 4 ('Balance') for gp does not fit even when spread over continuation slides and set at its "
            "smallest size") in result.stderr
    deck = tmp_path / "overfull_contrast" / "gp" / "slides"
    slides = deck.with_suffix(".html").read_text().count('aria-roledescription="slide"')
    pages = pdf_pages(deck.with_suffix(".pdf"))
    assert len(pages) == slides == 6  # one page per slide: the long slide is cut at its edge, not spilled
    assert "Pressure 1" in pages[3] and "Pressure 6" not in " ".join(pages)
    assert 'class="slide layout-contrast fit-2 title-fit-2 clipped"' in deck.with_suffix(".html").read_text()


def test_strict_makes_overflow_fatal_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", FIXTURES / "overfull_contrast.yaml", "-a", "gp", "-o", "slides", "--strict",
                     "--out", out)
    assert result.code == 1
    assert "overfull_contrast.yaml:30:13" in result.stderr and "with --strict; nothing was written" in result.stderr
    assert not out.exists()


def test_speaker_notes_only_in_pdf_when_asked_and_never_out_of_the_heading_order(tmp_path: Path) -> None:
    """The notes of the title slide (`deck: notes:`) and of a section's: headed one level below their slide's
    title, so the deck passes `briefgen check` with the notes printed or not."""
    source = tmp_path / "notes.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text().replace(
        "    items: [a, b]", "    items: [a, b]\n    slides:\n      notes: Pause here and ask the room.")
        + "deck:\n  notes: Welcome the room.\n")
    plain, noted = tmp_path / "plain", tmp_path / "noted"
    assert run_cli("build", source, "-a", "gp", "-o", "slides", "--out", plain).code == 0
    assert run_cli("build", source, "-a", "gp", "-o", "slides", "--speaker-notes", "--out", noted).code == 0
    assert "Pause here" not in " ".join(pdf_pages(plain / "notes" / "gp" / "slides.pdf"))
    printed = pdf_pages(noted / "notes" / "gp" / "slides.pdf")
    assert "SPEAKER NOTES Welcome the room." in printed[1] and "Pause here" in " ".join(printed)
    html = (plain / "notes" / "gp" / "slides.html").read_text()
    assert "Pause here and ask the room." in html
    assert re.findall(r"<(h[1-3])[ >]", html) == ["h1", "h2", "h2", "h2", "h3", "h2", "h3", "h3", "h2", "h2"]
    for out in (plain, noted):
        result = run_cli("check", out)
        assert result.code == 0, result.stdout


def test_a_document_past_its_time_limit_fails_the_build_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", ROOT / "content" / "social-prescribing.yaml", "-a", "gp", "-o", "slides",
                     "--time-limit", "0.01", "--out", out)
    assert result.code == 1 and "Traceback" not in result.stderr, result.stderr
    assert ("error: social-prescribing/gp/slides: took more than 0.01 s of CPU time to render, the limit; the likely "
            "cause is") in result.stderr
    assert not out.exists()


def test_a_section_of_500_statements_is_fitted_in_at_most_three_layouts_of_the_deck(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each layout of the deck costs as much as its slides: spreading one slide more per layout made a deck of
    # 100 slides cost 6 layouts, growing with the section. Speed itself is measured in bench/benchmark.py.
    lines = ["title: Long", "authors: [{name: A}]", "key_messages: [One]", "deck: {max_slides: 200}", "sections:",
             "  - {id: s, title: Findings, items: ["]
    lines += [f"      'Finding {n}: link workers who had time to build trust saw people return{more * (n % 4)}.',"
              for n in range(500) for more in [", and came back"]]
    source = tmp_path / "long.yaml"
    source.write_text("\n".join(lines) + "\n    ]}\n")
    layouts: list[int] = []
    lay_out = draft.lay_out

    def counted(html: str, name: str, templates_dir: Path) -> LaidOut:
        laid_out = lay_out(html, name, templates_dir)
        layouts.append(laid_out.page_count)
        return laid_out

    monkeypatch.setattr(draft, "lay_out", counted)
    result = run_cli("build", source, "-a", "gp", "-f", "html", "-o", "slides", "--out", tmp_path / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    assert len(layouts) <= 3, layouts
    deck = (tmp_path / "out" / "long" / "gp" / "slides.html").read_text()
    assert all(f"Finding {n}: " in deck for n in range(500))


@pytest.mark.parametrize(("mode", "expected"), [
    ("cited", ["Gibson and Pollard (2021) Title"]),
    ("full", None), ("none", [])])
def test_the_deck_lists_its_references_as_asked(tmp_path: Path, mode: str, expected: list[str] | None) -> None:
    """`cited` (the default): each work the deck cites on one line; `full`: its entry as the brief prints it;
    `none`: no references slide. The brief keeps the full entry whatever the deck does."""
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + f"deck: {{references: {mode}}}\n"
    (tmp_path / "minimal.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", tmp_path / "minimal.yaml", "-a", "gp", "-f", "html", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    pages = {name: BeautifulSoup((tmp_path / "out" / "minimal" / "gp" / f"{name}.html").read_text(encoding="utf-8"),
                                 "html.parser") for name in ("brief", "slides")}
    listed = [" ".join(item.get_text().split()) for item in pages["slides"].select("section.layout-references li")]
    [full] = [" ".join(item.get_text().split()) for item in pages["brief"].select(".reference-list li")]
    assert listed == (expected if expected is not None else [full])
    assert "SSM, 280, p. 114037" in full


def test_with_detail_in_notes_the_slides_show_titles_and_points_and_the_notes_the_text(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text())
    data["deck"] = {"detail": "notes"}
    data["key_messages"] = [{"title": "Caseloads grew", "text": "Caseloads rose by a third in two years.",
                             "points": ["Most in cities", "Fewest in towns"]}]
    (tmp_path / "detail.yaml").write_text(yaml.safe_dump(data))
    result = run_cli("build", tmp_path / "detail.yaml", "-a", "gp", "-o", "slides", "-f", "html", "-f", "pptx",
                     "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    deck = tmp_path / "out" / "detail" / "gp" / "slides"
    page = BeautifulSoup(deck.with_suffix(".html").read_text(), "html.parser")
    slide = next(slide for slide in page.select("section.slide:not(.layout-title)") if "Key messages" in slide.h2.text)
    shown = " ".join(slide.select_one(".slide-body").get_text(" ").split())
    assert "Caseloads grew." in shown and "Most in cities" in shown and "rose by a third" not in shown
    notes = " ".join(slide.select_one("aside.notes").get_text(" ").split())
    assert "Caseloads grew. Caseloads rose by a third in two years." in notes
    pptx = next(s for s in Presentation(str(deck.with_suffix(".pptx"))).slides
                if s.shapes.title is not None and "Key messages" in s.shapes.title.text_frame.text)
    assert "rose by a third" not in " ".join(shape.text_frame.text for shape in pptx.shapes if shape.has_text_frame)
    assert "Caseloads rose by a third in two years." in pptx.notes_slide.notes_text_frame.text
