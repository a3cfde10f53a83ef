"""The third shipped example (social prescribing beside each local authority's population), as the documented CI
build makes it: an edition per row of its CSV file for every audience, each brief showing its own row's figures,
and the index grouping them by local authority under a title that quotes none.

What each edition should show is read from the CSV file, so the tests hold whatever rows the authors change.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import AUDIENCES, LOCALITIES, LOCALITIES_EXAMPLE, LOCALITIES_SLUG, SHIPPED_EDITIONS

SLUG = LOCALITIES_SLUG
ROWS = {row["code"]: row for row in csv.DictReader(
    LOCALITIES_EXAMPLE.with_suffix(".csv").read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def output(documented_build: Path) -> Path:
    return documented_build / "output"


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_table_holds_the_localities_the_tests_name() -> None:
    assert tuple(ROWS) == LOCALITIES
    assert all(row["population"].isdigit() for row in ROWS.values())


def test_every_row_is_built_for_every_audience(output: Path) -> None:
    built = sorted(path.relative_to(output / SLUG).as_posix() for path in (output / SLUG).rglob("*.*"))
    assert built == sorted(f"{edition}/{document}.{suffix}" for edition in SHIPPED_EDITIONS[SLUG]
                           for document in ("brief", "slides") for suffix in ("html", "pdf"))


@pytest.mark.parametrize("code", LOCALITIES)
def test_each_brief_shows_its_own_figures(output: Path, code: str) -> None:
    row, population = ROWS[code], f"{int(ROWS[code]['population']):,d}"
    others = [f"{int(other['population']):,d}" for key, other in ROWS.items() if key != code]
    for audience in AUDIENCES:
        page = parse(output / SLUG / code / audience / "brief.html")
        assert page.h1 is not None and page.h1.get_text(strip=True) == f"Social prescribing in {row['name']}"
        cells = [[cell.get_text(strip=True) for cell in tr.select("th, td")] for tr in page.select("tbody tr")]
        assert [row["name"], population] in cells
        text = page.find("main").get_text()  # type: ignore[union-attr]
        assert "{" not in text and not any(figure in text for figure in others), (code, audience)


def test_a_pdf_brief_carries_its_figure_and_a_rewording_for_its_edition(output: Path) -> None:
    birmingham = " ".join("".join(page.extract_text() for page in PdfReader(
        output / SLUG / "E08000025" / "commissioner" / "brief.pdf").pages).split())
    assert "Birmingham, with 1,144,919 usual residents at the 2021 Census, is the most populous" in birmingham
    leeds = parse(output / SLUG / "E08000035" / "gp" / "brief.html").get_text()
    assert "Leeds had 811,953 usual residents at the 2021 Census" in " ".join(leeds.split())
    assert "most populous" not in leeds


def test_the_index_lists_each_locality_with_its_audiences(output: Path) -> None:
    index = parse(output / "index.html")
    section = index.find("section", attrs={"aria-labelledby": SLUG})
    assert section is not None and section.h2 is not None
    assert section.h2.get_text(strip=True) == "Social prescribing in each local authority"
    editions = section.select(f"#{SLUG}-editions > .edition")
    assert [edition.h3.get_text() for edition in editions if edition.h3] == [row["name"] for row in ROWS.values()]
    for edition, code in zip(editions, ROWS, strict=True):
        assert {str(link["href"]).rsplit("/", 1)[0] for link in edition.select("a")} == {
            f"{SLUG}/{code}/{audience}" for audience in AUDIENCES}
    assert "{" not in section.get_text()
