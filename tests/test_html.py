"""HTML outputs parsed back: standalone, semantic, tailored, linked from the index."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.render.csp import source_hash
from tests.conftest import AUDIENCES, FIXTURES, run_cli


@pytest.fixture(scope="module")
def html_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "output"
    result = run_cli("build", FIXTURES / "minimal.yaml", "--format", "html", "--out", out)
    assert result.code == 0, result.stderr
    return out


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("document", ["brief", "slides"])
def test_pages_are_standalone_and_semantic(html_output: Path, audience: str, document: str) -> None:
    soup = parse(html_output / "minimal" / audience / f"{document}.html")
    assert soup.html is not None and soup.html["lang"] == "en-GB"
    assert soup.find("meta", charset="utf-8")
    assert soup.title is not None and soup.title.string and "Minimal briefing" in soup.title.string
    assert soup.find("main", id="main") is not None
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    # Works offline: no external stylesheets, scripts, images or fonts.
    assert not soup.find_all("link", rel="stylesheet")
    assert not soup.find_all(src=True)
    headings = [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4"])]
    assert headings[0] == 1 or document == "slides"
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(headings))


def test_brief_is_tailored(html_output: Path) -> None:
    gp = parse(html_output / "minimal" / "gp" / "brief.html").get_text(" ")
    commissioner = parse(html_output / "minimal" / "commissioner" / "brief.html").get_text(" ")
    assert "Only commissioners" in commissioner and "Only commissioners" not in gp
    assert "For GPs only." in gp and "For GPs only." not in commissioner
    assert "What this means for general practice" in gp
    assert "Briefing for GPs and primary care teams".lower() in gp.lower()


def test_reference_has_clickable_doi(html_output: Path) -> None:
    soup = parse(html_output / "minimal" / "gp" / "brief.html")
    link = soup.select_one("#ref-r1 a")
    assert link is not None and link["href"] == "https://doi.org/10.1016/j.socscimed.2021.114037"
    assert " ".join(soup.select_one("#ref-r1").get_text().split()).startswith(
        "Gibson, K. and Pollard, T.M. (2021) \u2018Title\u2019, SSM, 280, p. 114037.")
    citation = soup.select_one("#s1 .intro a")
    assert citation is not None and citation["href"] == "#ref-r1" and citation.get_text() == "Gibson and Pollard, 2021"


def test_slides_have_viewer_and_one_slide_per_section(html_output: Path) -> None:
    soup = parse(html_output / "minimal" / "gp" / "slides.html")
    slides = soup.select("section.slide")
    assert [slide["id"] for slide in slides] == [f"slide-{n}" for n in range(1, len(slides) + 1)]
    assert [slide.select_one("h1, h2").get_text(" ", strip=True) for slide in slides] == [
        "Minimal briefing", "Key messages", "Findings", "Balance", "What this means for general practice",
        "References"]
    assert len(soup.find_all("script")) == 1
    assert soup.select_one(".deck-controls .counter")["aria-live"] == "polite"


def test_index_links_every_output(html_output: Path) -> None:
    soup = parse(html_output / "index.html")
    links = {a["href"] for a in soup.select("main a")}
    expected = {f"minimal/{audience}/{doc}.html" for audience in AUDIENCES for doc in ("brief", "slides")}
    assert links == expected
    assert all((html_output / link).is_file() for link in links)


@pytest.mark.parametrize("document", ["brief", "slides"])
def test_figure_is_embedded_with_alt_text_and_caption(built_site: Path, document: str) -> None:
    soup = parse(built_site / "figure" / "gp" / f"{document}.html")
    [figure] = soup.find_all("figure")
    image = figure.find("img")
    assert image["src"].startswith("data:image/svg+xml;base64,")
    assert image["alt"].startswith("Referral pathway: a GP practice refers to a link worker")
    assert figure.figcaption.get_text() == "Figure 1. The referral pathway, from the 2021 study."


def test_every_page_carries_a_policy_allowing_only_its_own_inline_code(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 6
    for path in pages:
        page = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
        assert len(policies) == 1, path
        policy = policies[0]
        assert policy.startswith("default-src 'none'; img-src data:;") and "unsafe" not in policy, path
        inline = [*re.findall(r"<style(?: [^>]*)?>(.*?)</style>", page, re.DOTALL),
                  *re.findall(r"<script>(.*?)</script>", page, re.DOTALL)]
        assert sorted(re.findall(r"'sha256-[^']+'", policy)) == sorted(map(source_hash, inline)), path
