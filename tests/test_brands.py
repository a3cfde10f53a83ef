"""Built outputs in a brand, read back: the shipped example in the NHS preset and in a test brand of strong,
unusual colours, a logo and a font from a file. The PDFs embed the brand's fonts and pass `briefgen check`;
Chromium computes the brand's colours and fonts, shows the logo with its alt text, and axe finds nothing; a
change to the brand alone rebuilds that briefing's outputs and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pytest
from docx import Document
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE

from briefgen.content import fonts
from tests.conftest import ROOT, bold_brand, run_cli
from tests.test_browser import axe_reports
from tests.test_incremental import wrote

EXAMPLE = ROOT / "content" / "social-prescribing.yaml"
AUDIENCES = ("-a", "gp", "-a", "commissioner")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMESPACES = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def branded_projects(root: Path) -> Path:
    """Two folders: the example beside the bold test brand (its font copied in), and the example naming the NHS
    preset."""
    bold = bold_brand(root / "bold")
    example = EXAMPLE.read_text()
    (bold / "bold-example.yaml").write_text(example.replace("slug: social-prescribing", "slug: bold-example"))
    nhs = root / "nhs"
    nhs.mkdir()
    (nhs / "nhs-example.yaml").write_text("brand: nhs\n" + example.replace("slug: social-prescribing",
                                                                           "slug: nhs-example"))
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = branded_projects(tmp_path_factory.mktemp("brands"))
    out = root / "output"
    result = run_cli("build", root / "bold", root / "nhs", *AUDIENCES, "--out", out)
    assert result.code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("warning")] == [], result.stderr
    # Where Arial is not installed, a note at the briefing's `brand:` (not in briefgen's preset file).
    assert [line for line in result.stderr.splitlines() if line.startswith("info")] in (
        [], [f"info: {root / 'nhs' / 'nhs-example.yaml'}:1:1: brand: [BG104] preset 'nhs': font 'Arial' is not "
             "installed: the PDFs are set in 'Liberation Sans', drawn to its widths; the HTML, Word and PowerPoint "
             "files name 'Arial', for readers who have it"]), result.stderr
    return out


def embedded_fonts(pdf: Path) -> set[str]:
    """The base names of the fonts a PDF embeds, without their subset tags (ABCDEF+)."""
    names = set()
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.resources.get("/Font", {}).values():
                descendants = font.get("/DescendantFonts", [font])
                for described in descendants:
                    if "/FontDescriptor" in described and any(key in described.FontDescriptor for key in
                                                              ("/FontFile", "/FontFile2", "/FontFile3")):
                        names.add(str(described.BaseFont).lstrip("/").split("+", 1)[-1])
    return names


def test_pdfs_embed_the_brands_fonts(site: Path) -> None:
    for document in ("brief", "slides"):
        bold = embedded_fonts(site / "bold-example" / "gp" / f"{document}.pdf")
        assert {"Brand-Serif", "Brand-Sans"} <= {name.split("-Bold")[0].split("-Italic")[0] for name in bold}, bold
        nhs = embedded_fonts(site / "nhs-example" / "gp" / f"{document}.pdf")
        arial = "Arial" if fonts.installed("Arial") else "Liberation-Sans"  # itself, or its metric twin
        assert all(name.startswith((arial, "DejaVu")) for name in nhs), nhs
        assert any(name.startswith(arial) for name in nhs), nhs


def test_an_nhs_briefing_names_arial_in_every_file_a_reader_opens_and_passes_strict(tmp_path: Path) -> None:
    """Arial is the NHS's font: the HTML asks for it first, Word's styles and PowerPoint's theme name it, and a
    machine without it (its metric twin sets the PDFs) still builds with --strict."""
    root = branded_projects(tmp_path)
    result = run_cli("build", root / "nhs", "-a", "gp", "-f", "html", "-f", "pptx", "-f", "docx", "--strict",
                     "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    edition = tmp_path / "out" / "nhs-example" / "gp"
    assert '--font-base: "Arial", ' in (edition / "brief.html").read_text()
    styles = Document(str(edition / "brief.docx")).styles
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        family = styles[name].element.rPr.find(f"{W}rFonts")
        assert (family.get(f"{W}ascii"), family.get(f"{W}hAnsi")) == ("Arial", "Arial"), name
    theme = etree.fromstring(Presentation(str(edition / "slides.pptx")).slide_master.part.part_related_by(
        RELATIONSHIP_TYPE.THEME).blob)
    assert [latin.get("typeface") for latin in theme.iterfind(".//a:fontScheme/*/a:latin", NAMESPACES)] == \
        ["Arial", "Arial"]


def test_every_pdf_passes_the_checks(site: Path) -> None:
    result = run_cli("check", site)
    assert result.code == 0, result.stdout + result.stderr


def test_logo_with_its_alt_text_on_the_first_page_the_title_slide_and_the_index(site: Path) -> None:
    brief = (site / "bold-example" / "gp" / "brief.html").read_text()
    assert '<img class="logo" src="data:image/svg+xml;base64,' in brief and 'alt="Bold Institute"' in brief
    slides = (site / "bold-example" / "gp" / "slides.html").read_text()
    title_slide = slides[slides.index('id="slide-1"'):slides.index('id="slide-2"')]
    assert 'alt="Bold Institute"' in title_slide
    assert (site / "index.html").read_text().count('alt="Bold Institute"') == 1
    assert "<img" not in (site / "nhs-example" / "gp" / "brief.html").read_text().split("</header>")[0]


@pytest.fixture(scope="module")
def browser_reports(site: Path) -> dict[str, dict[str, Any]]:
    return axe_reports(site)


def test_no_axe_violations_in_any_brand(browser_reports: dict[str, dict[str, Any]]) -> None:
    assert {name: report["violations"] for name, report in browser_reports.items() if report["violations"]} == {}


def test_chromium_computes_the_brands_colours_and_fonts(browser_reports: dict[str, dict[str, Any]]) -> None:
    for document in ("brief", "slides"):
        bold = browser_reports[f"bold-example/commissioner/{document}.html"]["styles"]
        assert bold["color"] == "rgb(43, 10, 61)"  # plum ink
        assert bold["accent"] == "#b3003c"  # crimson primary
        assert bold["fontFamily"].startswith('"Brand Sans"') and bold["headingFont"].startswith('"Brand Serif"')
        assert bold["logo"] == {"alt": "Bold Institute", "loaded": True}
        assert browser_reports[f"bold-example/gp/{document}.html"]["styles"]["accent"] == "#005f73"  # its own
        nhs = browser_reports[f"nhs-example/gp/{document}.html"]["styles"]
        assert nhs["accent"] == "#005eb8" and nhs["heading"] == "rgb(0, 48, 135)"  # NHS Blue, NHS Dark Blue
        assert nhs["logo"] is None and nhs["fontFamily"].split(",")[0].strip('"') == "Arial"
    brief = browser_reports["bold-example/commissioner/brief.html"]["styles"]
    assert brief["background"] == "rgb(255, 251, 234)" and brief["heading"] == "rgb(10, 92, 54)"


def test_a_brand_change_rebuilds_its_briefing_and_nothing_else(tmp_path: Path) -> None:
    root = branded_projects(tmp_path)
    out = tmp_path / "output"
    args = ("build", root / "bold", root / "nhs", "-a", "gp", "-f", "html", "--out", out)
    assert run_cli(*args).code == 0
    assert wrote(run_cli(*args).stdout, out) == set()
    brand = root / "bold" / "_brand.yml"
    brand.write_text(brand.read_text().replace('crimson: "#b3003c"', 'crimson: "#9e0035"'))
    assert wrote(run_cli(*args).stdout, out) == {"bold-example/gp/brief.html", "bold-example/gp/slides.html",
                                                  "index.html"}
    # The title slide shows the logo's variant for dark backgrounds: the deck is rendered again, the same.
    (root / "bold" / "logo.svg").write_text((root / "bold" / "logo.svg").read_text().replace("#0a5c36", "#005f73"))
    assert wrote(run_cli(*args).stdout, out) == {"bold-example/gp/brief.html", "index.html"}
