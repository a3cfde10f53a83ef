"""PDFs read back for PDF/UA-1 structure: tags, language, title, headings, figures, artifacts; `briefgen check`."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import page as page_validation
import pikepdf
import pytest

from briefgen.check import Report, check_outputs
from briefgen.render.pdf_tags import structure_elements
from tests.conftest import FIXTURES, run_cli


def test_every_output_passes_the_checks(built_site: Path) -> None:
    reports = check_outputs(built_site)
    assert {path.suffix for path in (report.path for report in reports)} == {".pdf", ".html", ".pptx", ".docx"}
    assert len([r for r in reports if r.path.suffix == ".pdf"]) >= 6
    assert {str(report.path): report.messages() for report in reports if report.failures} == {}


def test_figure_alt_text_reaches_the_pdf(built_site: Path) -> None:
    with pikepdf.open(built_site / "figure" / "gp" / "brief.pdf") as pdf:
        alts = [str(obj.Alt) for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.Figure]
        assert alts == ["Referral pathway: a GP practice refers to a link worker, who connects people to "
                        "community groups."]
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.open_metadata()["pdfuaid:part"] == "1"


def test_running_heads_and_page_numbers_are_artifacts(built_site: Path) -> None:
    with pikepdf.open(built_site / "figure" / "gp" / "brief.pdf") as pdf:
        page = pdf.pages[0]
        inside_artifact, tagged_text = [], []
        stack: list[str] = []
        for instruction in pikepdf.parse_content_stream(page, "BDC BMC EMC Tj TJ"):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                stack.append(str(instruction.operands[0]))
            elif operator == "EMC":
                stack.pop()
            else:
                (inside_artifact if "/Artifact" in stack else tagged_text).append(instruction)
        assert inside_artifact, "the page number should be drawn as an artifact"
        assert tagged_text


def test_decorative_figure_becomes_an_artifact(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    shutil.copy(FIXTURES / "assets" / "pathway.svg", tmp_path / "assets")
    source = tmp_path / "decorative.yaml"
    source.write_text(re.sub(r"      alt: .*\n", "      decorative: true\n", (FIXTURES / "figure.yaml").read_text()))
    result = run_cli("build", source, "-a", "gp", "-f", "pdf", "--out", tmp_path / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    assert check_outputs(tmp_path / "out" / "decorative") == [
        Report(tmp_path / "out" / "decorative" / "gp" / name, ()) for name in ("brief.pdf", "slides.pdf")]
    with pikepdf.open(tmp_path / "out" / "decorative" / "gp" / "brief.pdf") as pdf:
        assert not [obj for obj in pdf.objects
                    if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.Figure]


def test_check_command_reports_per_file_and_fails(built_site: Path, tmp_path: Path) -> None:
    ok = run_cli("check", built_site)
    assert ok.code == 0, ok.stdout + ok.stderr
    assert f"ok   {built_site / 'figure' / 'gp' / 'brief.pdf'}" in ok.stdout
    broken = tmp_path / "out"
    shutil.copytree(built_site / "figure" / "gp", broken)
    with pikepdf.open(broken / "brief.pdf", allow_overwriting_input=True) as pdf:
        del pdf.Root.Lang
        del pdf.Root.ViewerPreferences
        pdf.save(broken / "brief.pdf")
    failed = run_cli("check", broken)
    assert failed.code == 1
    assert f"FAIL {broken / 'brief.pdf'}\n     - brief.pdf: the whole file: [BG402] no document language (/Lang)\n" \
           "     - brief.pdf: the whole file: [BG403] viewers are not told to show the title " \
           "(/ViewerPreferences /DisplayDocTitle true)\n" in failed.stdout
    assert f"ok   {broken / 'slides.pdf'}" in failed.stdout
    assert "1 output(s) failed the accessibility checks" in failed.stderr


@pytest.mark.parametrize("html", ['<html><head></head><body><img src="x.png"><h2>x</h2><img>'
                                  '<svg role="img"><title> </title><rect/></svg><svg aria-label="Named"></svg>'
                                  '<svg role="img"><title>Named</title></svg><svg aria-hidden="true"></svg>'
                                  '</body></html>'])
def test_html_basics_are_checked(tmp_path: Path, html: str) -> None:
    (tmp_path / "page.html").write_text(html)
    [report] = check_outputs(tmp_path)
    assert report.messages() == ["page.html: the whole file: [BG402] no language on <html lang>",
                                 "page.html: the whole file: [BG403] no <title>",
                                 "page.html: the whole file: [BG410] 0 <main> landmarks; there must be exactly one",
                                 "page.html: before the first heading: [BG408] 1 image(s) without an alt attribute",
                                 "page.html: section 'x': [BG408] 1 image(s) without an alt attribute",
                                 "page.html: section 'x': [BG408] 1 drawing(s) (inline SVG) without a title or "
                                 "aria-label, and not hidden",
                                 "page.html: section 'x': [BG407] heading h2 follows the start: a level is skipped"]


def test_each_failure_names_its_file_and_the_slide_page_or_section_it_is_on(built_site: Path, tmp_path: Path) -> None:
    """Outputs broken by hand: a slide's title two levels down and figures without alt text, in each format."""
    out = tmp_path / "out"
    shutil.copytree(built_site / "figure" / "gp", out)
    for name in ("brief.html", "slides.html"):
        page = (out / name).read_text(encoding="utf-8")
        page = re.sub(r'(<img [^>]*?) alt="Referral pathway[^"]*"', r"\1", page)
        page = page.replace('<h2 id="slide-3-title">Findings</h2>', '<h4 id="slide-3-title">Findings</h4>')
        (out / name).write_text(page, encoding="utf-8")
    with pikepdf.open(out / "slides.pdf", allow_overwriting_input=True) as pdf:
        titles = [element for element in structure_elements(pdf) if element.S == pikepdf.Name.H2]
        titles[1].S = pikepdf.Name.H4  # slide 3's, after "Key messages"
        pdf.save(out / "slides.pdf")
    with pikepdf.open(out / "brief.pdf", allow_overwriting_input=True) as pdf:
        figure = next(element for element in structure_elements(pdf) if str(element.S) == "/Figure")
        del figure.Alt
        on = next(number for number, page in enumerate(pdf.pages, start=1) if page.obj.objgen == figure.Pg.objgen)
        pdf.save(out / "brief.pdf")
    result = run_cli("check", out)
    assert result.code == 1
    failures = [line.removeprefix("     - ") for line in result.stdout.splitlines() if line.startswith("     - ")]
    assert failures == [
        "brief.html: section 'Findings': [BG408] 1 image(s) without an alt attribute",
        f"brief.pdf: page {on}: [BG408] figure 1 has no alternative text (/Alt)",
        f"brief.pdf: page {on}: [BG405] PDF/UA-1 PDFUA1-FIGURE-ALTERNATIVE-TEXT-001: a Figure structure element has "
        "neither a non-empty /Alt nor an /ActualText string",
        "slides.html: slide 3 ('Findings'): [BG408] 1 image(s) without an alt attribute",
        "slides.html: slide 3 ('Findings'): [BG407] heading h4 follows h2: a level is skipped",
        "slides.pdf: page 3: [BG407] heading H4 follows H2: a level is skipped",
        "slides.pdf: page 3: [BG405] PDF/UA-1 PDFUA1-HEADING-NESTING-001: heading level H4 skips an intervening "
        "heading level",
    ]


def test_check_of_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path)
    assert result.code == 2 and "run `briefgen build` first" in result.stderr


def test_list_items_holding_paragraphs_are_tagged_as_pdf_ua_requires(tmp_path: Path) -> None:
    """A loose list (its items paragraphs) in a text section: WeasyPrint tags each paragraph as a child of its
    list item; the tagging pass moves it into the item's body, so the independent validator finds nothing."""
    source = tmp_path / "nested.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text().replace(
        "    items: [a, b]", '    kind: text\n    body: "Four elements:\\n\\n- one\\n\\n- two\\n  - two and a half"'))
    out = tmp_path / "out"
    assert run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--out", out).code == 0
    report = page_validation.validate_pdf(out / "nested" / "gp" / "brief.pdf",
                                          profile=page_validation.ValidationProfile.PDF_UA_1)
    assert list(report.failures) == []


def test_check_agrees_with_the_independent_pdf_ua_validator(tmp_path: Path) -> None:
    """A list item given a paragraph beside its body: `page` fails it, so `briefgen check` does too (the
    structure checks of its own do not look at list items)."""
    out = tmp_path / "out"
    assert run_cli("build", FIXTURES / "minimal.yaml", "-a", "gp", "-o", "brief", "-f", "pdf", "--out", out).code == 0
    pdf_path = out / "minimal" / "gp" / "brief.pdf"
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        item = next(element for element in structure_elements(pdf) if element.S == pikepdf.Name.LI)
        stray = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.P, P=item, K=pikepdf.Array()))
        item.K = pikepdf.Array([*(item.K if isinstance(item.K, pikepdf.Array) else [item.K]), stray])
        pdf.save(pdf_path)
    result = run_cli("check", out)
    assert result.code == 1
    assert ("brief.pdf: page 1: [BG405] PDF/UA-1 PDFUA1-LI-KIDS-001: an LI structure element contains a child "
            "other than Lbl or LBody") in result.stdout


def test_check_names_whatever_is_at_an_outputs_name_and_never_blocks(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder, a FIFO, a link (even one to a real page), an unreadable file and bytes of another kind: a
    failure line each, in a second, never a traceback."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.pdf").mkdir()
    os.mkfifo(out / "slides.html")
    (tmp_path / "page.html").write_text("<html lang='en'><title>T</title></html>")
    (out / "linked.html").symlink_to(tmp_path / "page.html")
    (out / "loop.docx").symlink_to(out / "loop.docx")
    (out / "binary.html").write_bytes(b"\xff\xfe<html>")
    (out / "locked.pptx").write_bytes(b"PK")
    real_open = os.open

    def unreadable(path: str | Path, flags: int, *args: int) -> int:
        if Path(path).name == "locked.pptx":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", unreadable)
    result = run_cli("check", out, timeout=30)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("     - ")] == [
        "     - binary.html: the whole file: [BG401] not UTF-8 text (byte 0): not a page briefgen wrote",
        "     - brief.pdf: the whole file: [BG401] cannot be checked: it is a folder, not a file briefgen wrote",
        "     - linked.html: the whole file: [BG401] cannot be checked: it is a link, not a file briefgen wrote",
        "     - locked.pptx: the whole file: [BG401] cannot be checked: it cannot be read (its permissions?), not a "
        "file briefgen wrote",
        "     - loop.docx: the whole file: [BG401] cannot be checked: it is a link, not a file briefgen wrote",
        "     - slides.html: the whole file: [BG401] cannot be checked: it is a FIFO, not a file briefgen wrote"]
