"""Layouts that hold for any briefing: built from 6 generated, dense briefings, and the shipped examples and the
figure fixture as the shared site builds them,
every deck has one PDF page per slide, each carrying its slide's title, with no text below the 18 pt floor;
every brief flows, filling each page but the last (the page before an annex, at least a third); an over-budget
brief and a statement too long for any slide are warnings naming what to change."""

from __future__ import annotations

import re
from pathlib import Path

import page as page_validation
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.briefings import generated
from tests.conftest import FIXTURES, SITE_CONTENT, run_cli
from tests.slide_fill import POSITION, could_share, deck_fill, sparse

SEEDS = range(6)
FLOOR_PT = 18.0
"""The smallest slide text (templates/css/slides.css): 24 px on a 1280 px slide, printed 960 pt wide."""
SLIDE_BODY_PX, CHART_MAX_PX = 1104, 420
"""The width of a slide's body and the height its chart may take (templates/css/slides.css), in CSS px."""
BOTTOM_MARGIN_PT = 22 / 25.4 * 72
LINE_PT = 14.0
"""About a line of the brief's body text."""
"""The brief's bottom page margin (templates/css/brief.css), where the page number sits."""


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated briefings, some sections of some in the annex, each built for GPs, as HTML and PDF."""
    content = tmp_path_factory.mktemp("generated")
    for seed in SEEDS:
        (content / f"generated-{seed}.yaml").write_text(yaml.safe_dump(generated(seed, annex=True), sort_keys=False))
    out = content / "out"
    result = run_cli("build", content, "-a", "gp", "-f", "html", "-f", "pdf", "--out", out)
    assert result.code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def laid_out(generated_site: Path, built_site: Path) -> list[Path]:
    """The GPs' editions of the generated briefings, the shipped examples and the figure fixture (the shared
    site already builds the last three: they are not rendered again here)."""
    return [generated_site, built_site]


def decks(sites: list[Path]) -> list[Path]:
    found = sorted(pdf for site in sites for pdf in site.glob("*/gp/slides.pdf"))
    assert len(found) == len(SEEDS) + len(SITE_CONTENT) + 1  # and the figure fixture
    return found


def text_runs(page: object) -> list[tuple[float, float, str]]:
    """(font size in pt, baseline height from the page's bottom in pt, text) of each piece of text shown."""
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((size * tm[0] * cm[0], tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


def normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_every_deck_has_one_page_per_slide_titled_and_above_the_floor(laid_out: list[Path]) -> None:
    for pdf in decks(laid_out):
        html = BeautifulSoup(pdf.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
        slides = html.select("section.slide")
        pages = PdfReader(pdf).pages
        assert len(pages) == len(slides), pdf
        # The works a deck cites, a line each: on two slides at most, however dense the briefing.
        assert len([slide for slide in html.select("section.layout-references") if slide.select(".reference-list")]
                   ) <= 2, pdf
        for number, (slide, page) in enumerate(zip(slides, pages, strict=True), start=1):
            heading = slide.find(["h1", "h2"])
            assert heading is not None
            title = normal(heading.get_text(" "))
            runs = text_runs(page)
            shown = normal(" ".join(text for _, _, text in runs))
            # Very long titles wrap (and may break inside a word): their first words carry the slide.
            assert normal(POSITION.sub("", title))[:40].rsplit(" ", 1)[0] in shown, (pdf, number)
            if (position := POSITION.search(title)) is not None:  # "(continued, 2 of 3)" is never broken
                lines = [normal(line) for line in page.extract_text().splitlines()]
                assert any(position.group().strip() in line for line in lines), (pdf, number, position.group())
            # A chart's text is drawn in its SVG's units, a scaling pypdf does not report: it is held to the floor
            # by its font size at the scale the slide's CSS shows the drawing at (its body's width, or 420 px high).
            drawn = {normal(text.get_text()) for text in slide.select("figure.chart svg text")}
            for svg in slide.select("figure.chart svg"):
                _, _, width, height = map(float, svg["viewbox"].split())
                scale = min(SLIDE_BODY_PX / width, CHART_MAX_PX / height)
                sizes = {float(text["font-size"]) * scale * 0.75 for text in svg.select("text")}
                assert min(sizes) >= FLOOR_PT - 0.01, (pdf, number, sorted(sizes)[:3])
            small = [(round(size, 1), text) for size, _, text in runs
                     if size < FLOOR_PT - 0.01 and normal(text) not in drawn]
            assert small == [], (pdf, number, small[:3])


def test_no_deck_leaves_slides_nearly_empty_that_its_content_could_fill(laid_out: list[Path]) -> None:
    """No deck has two slides of one run that would have fitted on one, and no shipped or generated deck, however
    dense, has more than one slide filled less than 40% (the title and slides of one statement aside; the
    figure fixture's sections are a few words each). (Every audience's deck where the shared site has it: the
    first example's.)"""
    for pdf in sorted(pdf for site in laid_out for pdf in site.glob("*/*/slides.pdf")):
        deck = deck_fill(pdf, pdf.with_suffix(".html"))
        assert could_share(deck) == [], pdf
        if pdf.parts[-3] != "figure":
            assert len(sparse(deck)) <= 1, (pdf, sparse(deck))


def charts_too_tall(html: Path, next_page: object, room: float) -> bool:
    """Whether `next_page` of a brief opens with a chart taller than `room` pt: its caption the page's first text,
    the chart measured from that caption's line to its drawing's lowest text, a line's height added."""
    top_margin = float(next_page.mediabox.height) - BOTTOM_MARGIN_PT  # type: ignore[attr-defined]
    runs = [(y, normal(text)) for _, y, text in text_runs(next_page) if BOTTOM_MARGIN_PT < y < top_margin]
    if not runs:
        return False
    first = max(runs)[0]
    opening = " ".join(text for y, text in runs if y == first)
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for figure in page.select("figure.chart"):
        caption = figure.find("figcaption")
        if caption is not None and normal(caption.get_text(" ")).startswith(opening):
            drawn = {normal(text.get_text()) for text in figure.select("svg text")}
            bottom = min(y for y, text in runs if text in drawn)
            return first - bottom + LINE_PT > room
    return False


def opens_with(page: object, text: str) -> bool:
    """Whether the first line of a brief's page below its running head is `text`."""
    top_margin = float(page.mediabox.height) - BOTTOM_MARGIN_PT  # type: ignore[attr-defined]
    runs = [(y, normal(line)) for _, y, line in text_runs(page) if BOTTOM_MARGIN_PT < y < top_margin]
    return bool(runs) and max(runs)[1] == text


def test_every_brief_fills_each_page_but_the_last(laid_out: list[Path]) -> None:
    """Each page but the last is 70% full; the page before an annex that starts a page of its own, 35% (its
    references set denser, or the annex run on after them, when it would be less: render/page_fill.py)."""
    checked, before_annex = 0, 0
    for pdf in sorted(pdf for site in laid_out for pdf in site.glob("*/gp/brief.pdf")):
        pages = PdfReader(pdf).pages
        height = float(pages[0].mediabox.height)
        for number, page in enumerate(pages[:-1], start=1):
            lowest = min(y for _, y, _ in text_runs(page) if y > BOTTOM_MARGIN_PT)
            if opens_with(pages[number], "Annex"):
                assert lowest < 0.65 * height, f"{pdf} page {number} (annex next): ends {1 - lowest / height:.0%}"
                before_annex += 1
            elif lowest > 0.3 * height:  # a chart (kept whole) that the room left could not hold may end a page early
                too_tall = charts_too_tall(pdf.with_suffix(".html"), pages[number], lowest - BOTTOM_MARGIN_PT)
                assert too_tall, f"{pdf} page {number}: body text ends {1 - lowest / height:.0%} down"
            checked += 1
    assert checked > len(SEEDS)  # most generated briefs take several pages
    assert before_annex >= 1  # and some have an annex on a page of its own


def test_a_contrast_continued_on_the_next_page_repeats_its_poles_labels_there(laid_out: list[Path]) -> None:
    """Each page with a pole's factors (known by their first words) shows that pole's label too."""
    continued = 0
    for pdf in sorted(pdf for site in laid_out for pdf in site.glob("*/gp/brief.pdf")):
        texts = [normal(page.extract_text()) for page in PdfReader(pdf).pages]
        page = BeautifulSoup(pdf.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
        for contrast in page.select("main .contrast"):
            spread: set[int] = set()
            for pole in contrast.select(".pole"):
                label = normal(pole.select_one(".pole-label").get_text())  # type: ignore[union-attr]
                for factor in pole.select("li"):
                    opening = " ".join(normal(factor.get_text()).split()[:3])
                    shown = {number for number, text in enumerate(texts) if opening in text}
                    assert all(label in texts[number] for number in shown), (pdf, label, opening, shown)
                    spread |= shown
            continued += len(spread) > 1
    assert continued  # a generated briefing's contrast runs on to the next page


def test_overflow_and_budget_warnings_name_what_to_change(generated_site: Path) -> None:
    """The generated briefings are dense: some briefs are over budget, and their warnings say so usefully."""
    manifest = (generated_site / ".briefgen-manifest.json").read_text()
    assert "over its budget of 4; the longest sections are" in manifest


def test_an_over_budget_brief_warns_and_is_an_error_under_strict(tmp_path: Path) -> None:
    source = tmp_path / "long.yaml"
    data = generated(7)
    data["max_pages"] = 1
    source.write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--out", out)
    assert result.code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    pages = len(PdfReader(out / "long" / "gp" / "brief.pdf").pages)
    assert re.search(rf"long\.yaml:\d+:\d+: max_pages: \[BG301\] the brief for gp takes {pages} pages, over its "
                     r"budget of 1; "
                     r"the longest sections are '.+' \(\d\.\d pages\)", warning), warning
    assert "move it to the annex (`annex: true`)" in warning
    strict = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--strict", "--out", tmp_path / "s")
    assert strict.code == 1 and "nothing was written" in strict.stderr
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("aside", ["ignore", "comment"])
def test_a_page_budget_weighed_and_set_aside_by_its_code_is_not_a_warning(tmp_path: Path, aside: str) -> None:
    """For the whole briefing (`lint: {ignore: [BG301]}`) or beside the budget (`# briefgen: ignore BG301`)."""
    source = tmp_path / "long.yaml"
    data = generated(7)
    data["max_pages"] = 1
    if aside == "ignore":
        data["lint"] = {"ignore": ["BG301"]}
    text = yaml.safe_dump(data, sort_keys=False)
    source.write_text(text if aside == "ignore" else text.replace("max_pages: 1", "max_pages: 1  # briefgen: ignore "
                                                                                  "BG301 (the committee reads it all)"))
    result = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--strict", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert "BG301" not in result.stderr and "warning:" not in result.stderr


def test_a_briefing_may_keep_its_reference_lists_out_of_its_page_budget(tmp_path: Path) -> None:
    """`budget_references: false` counts the pages up to the one the references start on, that one included."""
    source = tmp_path / "long.yaml"
    data = generated(6)  # its reference list starts on page 2 of 3
    data.update(max_pages=1, budget_references=False)
    source.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--out", tmp_path / "out")
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    pages = [normal(page.extract_text()) for page in PdfReader(tmp_path / "out" / "long" / "gp" / "brief.pdf").pages]
    starts = next(number for number, text in enumerate(pages, start=1) if "References" in text)
    assert starts < len(pages)  # the list runs on: counting it would take more
    assert f"the brief for gp takes {starts} pages, over its budget of 1" in warning
    data["max_pages"] = starts
    source.write_text(yaml.safe_dump(data, sort_keys=False))
    within = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "pdf", "--strict", "--out", tmp_path / "in")
    assert within.code == 0, within.stderr


def test_a_deck_over_its_slide_budget_warns_naming_its_longest_sections_and_is_an_error_under_strict(
        tmp_path: Path) -> None:
    """The audience's own budget, then the briefing's: each counts the slides besides the title and references,
    after spreading (the HTML deck's), and names the sections that take the most."""
    source = tmp_path / "long.yaml"
    data = generated(7)
    data["audiences"] = {"gp": {"max_slides": 3}}
    data["deck"] = {"max_slides": 200}
    source.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run_cli("build", source, "-a", "gp", "-a", "commissioner", "-o", "slides", "-f", "html",
                     "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:") and "max_slides" in line]
    page = BeautifulSoup((tmp_path / "out" / "long" / "gp" / "slides.html").read_text(encoding="utf-8"),
                         "html.parser")
    counted = [slide for slide in page.select("section.slide")
               if not {"layout-title", "layout-references"} & set(slide["class"])]
    assert re.search(rf"long\.yaml:\d+:\d+: audiences\.gp\.max_slides: \[BG302\] the deck for gp has "
                     rf"{len(counted)} slides "
                     r"besides its title and back matter, over its budget of 3; the longest sections are "
                     r"'.+' \(\d+ slides\)", warning), warning
    assert "shorter `slide` text" in warning and "`slides: {include: false}`" in warning
    strict = run_cli("build", source, "-a", "gp", "-o", "slides", "-f", "html", "--strict", "--out", tmp_path / "s")
    assert strict.code == 1 and "nothing was written" in strict.stderr


def test_the_annex_is_printed_after_the_references_and_not_counted(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text()
    extra = ("  - id: method\n    kind: text\n    title: How the study was done\n    annex: true\n    body: |\n"
             + "".join(f"      Paragraph {n} of the method, long enough to fill some of a page. " * 6 + "\n\n"
                       for n in range(12))
             + "  - id: deck-only\n    title: Shown on slides\n    only: slides\n    items: [Only on a slide]\n"
             + "  - id: brief-only\n    title: Shown in the brief\n    only: brief\n    items: [Only in the brief]\n")
    source = tmp_path / "annexed.yaml"
    source.write_text(text.replace("references:", extra + "references:") + "max_pages: 1\n")
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "gp", "--out", out)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr  # the annex is outside the budget
    pages = [normal(page.extract_text() or "") for page in PdfReader(out / "annexed" / "gp" / "brief.pdf").pages]
    assert len(pages) >= 3 and "Annex" in pages[1] and "Paragraph 0 of the method" in pages[1]
    assert "References" in pages[0] and "Only in the brief" in pages[0] and "Only on a slide" not in " ".join(pages)
    slides = " ".join(normal(page.extract_text() or "") for page in
                      PdfReader(out / "annexed" / "gp" / "slides.pdf").pages)
    assert "Only on a slide" in slides and "Only in the brief" not in slides


def test_a_statement_too_long_for_any_slide_is_cut_at_the_edge_and_named(tmp_path: Path) -> None:
    words = " ".join(["evidence"] * 440)  # under the 4,000-character cap, over any slide
    source = tmp_path / "long-statement.yaml"
    source.write_text((FIXTURES / "minimal.yaml").read_text().replace("items: [a, b]", f"items: [a, '{words}']"))
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "gp", "-o", "slides", "--out", out)
    assert result.code == 0, result.stderr
    assert "long-statement.yaml:17:15: sections[0].items[1]: slide 4 ('Findings (continued)')" not in result.stderr
    assert re.search(r"long-statement\.yaml:17:\d+: sections\[0\]\.items\[1\]: \[BG303\] slide \d+ "
                     r"\('Findings'\) for gp "
                     r"does not fit even when spread", result.stderr), result.stderr
    html = (out / "long-statement" / "gp" / "slides.html").read_text()
    assert len(PdfReader(out / "long-statement" / "gp" / "slides.pdf").pages) == html.count('class="slide ')


def test_every_generated_pdf_passes_the_independent_pdf_ua_validator(laid_out: list[Path]) -> None:
    pdfs = sorted(pdf for site in laid_out for pdf in site.glob("*/gp/*.pdf"))
    assert len(pdfs) == 2 * len(decks(laid_out))
    failing = {}
    for pdf in pdfs:
        report = page_validation.validate_pdf(pdf, profile=page_validation.ValidationProfile.PDF_UA_1)
        if not report.is_compliant:
            failing[pdf.as_posix()] = sorted({f.rule_id for f in report.failures})
    assert failing == {}
