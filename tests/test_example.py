"""The shipped example, built once: every audience's brief and deck read back from the PDFs.

Expectations are derived from the YAML itself (what is limited to or reworded for whom), so the
tests hold whatever tailoring the authors write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.content.loader import load
from briefgen.content.model import Briefing, Item
from briefgen.content.richtext import plain
from briefgen.content.validate import iter_items, validate
from briefgen.errors import FieldPath
from tests.conftest import AUDIENCES, EXAMPLE, run_cli

SEED_HEADINGS = ["Valued social prescribing", "Balance within the intervention", "Impact on health inequalities",
                 "Implications", "References", "Further reading"]


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def pdf_text(path: Path) -> str:
    return normalise(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return validate(load(EXAMPLE)).briefing


def audience_text(path: FieldPath, item: Item, audience: str) -> str | None:
    """What `audience` reads of the item at `path`, or None; an audience's own actions are for it alone."""
    if item.audiences is not None and audience not in item.audiences:
        return None
    if path[0] == "audiences" and path[1] != audience:
        return None
    return normalise(plain(item.reworded.get(audience, item.text)))


def test_every_output_is_written(example_output: Path) -> None:
    built = sorted(p.relative_to(example_output).as_posix() for p in example_output.rglob("*") if p.is_file())
    documents = [f"social-prescribing/{audience}/{doc}.{ext}" for audience in AUDIENCES
                 for doc in ("brief", "slides") for ext in ("html", "pdf")]
    expected = [".briefgen-manifest.json", "index.html", *documents]
    assert built == sorted(expected)


@pytest.mark.parametrize("document", ["brief", "slides"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_reads_its_own_text_and_no_one_elses(example_output: Path, briefing: Briefing,
                                                          audience: str, document: str) -> None:
    text = pdf_text(example_output / "social-prescribing" / audience / f"{document}.pdf")
    checked_own = checked_other = 0
    for path, item in iter_items(briefing):
        if document == "slides" and path[0] == "summary":
            continue  # the summary is a brief's lead paragraph, not a slide
        own = audience_text(path, item, audience)
        if own is not None:
            assert own in text, f"{path} missing for {audience}"
            checked_own += 1
        others = {audience_text(path, item, other) for other in AUDIENCES if other != audience} - {own, None}
        for other_text in others:
            assert other_text not in text, f"{path} tailored for another audience leaks into {audience}"
            checked_other += 1
    assert checked_own > 10 and checked_other > 0


@pytest.mark.parametrize("audience", AUDIENCES)
def test_seed_headings_and_all_references(example_output: Path, briefing: Briefing, audience: str) -> None:
    for document in ("brief", "slides"):
        text = pdf_text(example_output / "social-prescribing" / audience / f"{document}.pdf")
        for heading in SEED_HEADINGS:
            assert heading in text
        references = [*briefing.references, *briefing.further_reading]
        assert len(references) == 6
        for ref in references:
            family = str(ref.authors[0]).rsplit(" ", 1)[0]  # "Gibson K": Harvard prints "Gibson, K."
            assert f"{family}," in text and f"({ref.year})" in text
            assert normalise(plain(ref.title))[:60] in text
    assert "https://doi.org/10.3399/BJGPO.2021.0017" in text.replace(" ", "")  # it may wrap on a slide


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_metadata(example_output: Path, briefing: Briefing, audience: str) -> None:
    for document, kind in (("brief", "Policy briefing"), ("slides", "Slides")):
        reader = PdfReader(example_output / "social-prescribing" / audience / f"{document}.pdf")
        meta = reader.metadata
        assert meta is not None and meta.title is not None and meta.title.startswith(plain(briefing.title.text))
        assert meta.author == ", ".join(author.name for author in briefing.authors)
        assert meta.subject is not None and meta.subject.startswith(f"{kind} for ")
        label = {"commissioner": "commissioners", "gp": "gps", "link_worker": "link workers"}[audience]
        assert label in meta.subject.lower()
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_brief_is_two_to_four_a4_pages(example_output: Path) -> None:
    for audience in AUDIENCES:
        reader = PdfReader(example_output / "social-prescribing" / audience / "brief.pdf")
        assert 2 <= len(reader.pages) <= 4
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_slides_follow_the_seed_deck_in_order(example_output: Path, briefing: Briefing) -> None:
    for audience in AUDIENCES:
        reader = PdfReader(example_output / "social-prescribing" / audience / "slides.pdf")
        box = reader.pages[0].mediabox
        assert float(box.width) / float(box.height) == pytest.approx(16 / 9)
        pages = [normalise(page.extract_text() or "") for page in reader.pages]
        first = pages[0]
        assert plain(briefing.title.text) in first and "Prof Tessa Pollard" in first
        assert "t.m.pollard@durham.ac.uk" in first and "Durham University" in first
        positions = [next(n for n, page in enumerate(pages) if heading in page) for heading in SEED_HEADINGS]
        assert positions == sorted(positions), f"slides out of order for {audience}: {positions}"
        assert all(f"{n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_an_edited_finding_reaches_brief_and_slides(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    assert source.count("greatly valued support") == 1
    edited = tmp_path / "social-prescribing.yaml"
    edited.write_text(source.replace("greatly valued support", "deeply appreciated support"), encoding="utf-8")
    out = tmp_path / "output"
    result = run_cli("build", edited, "--format", "pdf", "--out", out)
    assert result.code == 0, result.stderr
    for audience in AUDIENCES:
        for document in ("brief", "slides"):
            text = pdf_text(out / "social-prescribing" / audience / f"{document}.pdf")
            assert "deeply appreciated support" in text and "greatly valued support" not in text
