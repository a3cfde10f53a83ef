"""Every form of Pandoc's citation syntax, built by the command line in both styles: each in-text citation word for
word and linked to its entry, numbered in order of first appearance (in the sentence too), and none left raw in
the PDF, PowerPoint or Word files; an @ that is text (an email address, code, a link, `\\@`) shown as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import FIXTURES, run_cli

SOURCE = FIXTURES / "citation_forms.yaml"
RAW = re.compile(r"@(?:gibson-2021|husk-2020|wilding-2024)")
"""A citation of the fixture's works printed as written."""
AT_AS_TEXT = ('Write to a.b@nhs.net; <code>@nobody</code> in code, <a href="https://example.org/@nobody" '
              'rel="noopener noreferrer">a link</a> and @nobody are text.')

AUTHOR_DATE = [
    'Gibson and Pollard (<a href="#ref-gibson-2021">2021</a>) found it.',
    'Husk <i>et al.</i> (<a href="#ref-husk-2020">2020, p. 33</a>) agreed.',
    'Wilding (<a href="#ref-wilding-2024">2024</a>) disagreed.',
    'It varies (see <a href="#ref-wilding-2024">Wilding, 2024, p. 3</a>; also <a href="#ref-gibson-2021">Gibson and '
    'Pollard, 2021</a>).',
    'Read widely (<a href="#ref-husk-2020">Husk <i>et al.</i>, 2020, pp. 33\u201335</a> and <i>passim</i>).',
    'By chapter (<a href="#ref-husk-2020">Husk <i>et al.</i>, 2020, ch. 1</a>).',
    'Together (<a href="#ref-gibson-2021">Gibson and Pollard, 2021</a>; <a href="#ref-wilding-2024">Wilding, '
    '2024</a>).',
    'As Wilding (<a href="#ref-wilding-2024">2024</a>) said (<a href="#ref-gibson-2021">Gibson and Pollard, '
    '2021</a>).',
]

NUMBERED = [
    'Gibson and Pollard [<a href="#ref-gibson-2021" title="Gibson &amp; Pollard 2021">3</a>] found it.',
    'Husk et al. [<a href="#ref-husk-2020" title="Husk et al. 2020">2</a>] agreed.',
    'Wilding [<a href="#ref-wilding-2024" title="Wilding 2024">1</a>] disagreed.',
    'It varies [see <a href="#ref-wilding-2024" title="Wilding 2024">1</a>, also <a href="#ref-gibson-2021" '
    'title="Gibson &amp; Pollard 2021">3</a>].',
    'Read widely [<a href="#ref-husk-2020" title="Husk et al. 2020">2</a> and <i>passim</i>].',
    'By chapter [<a href="#ref-husk-2020" title="Husk et al. 2020">2</a>].',
    'Together [<a href="#ref-wilding-2024" title="Wilding 2024">1</a>,<a href="#ref-gibson-2021" '
    'title="Gibson &amp; Pollard 2021">3</a>].',
    'As Wilding [<a href="#ref-wilding-2024" title="Wilding 2024">1</a>] said [<a href="#ref-gibson-2021" '
    'title="Gibson &amp; Pollard 2021">3</a>].',
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture in author-date style, and a copy of it in numbered style, built once in every format."""
    folder = tmp_path_factory.mktemp("forms")
    numbered = folder / "numbered.yaml"
    numbered.write_text("citation_style: numbered\n" + SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", SOURCE, numbered, "-a", "gp", "-f", "html", "-f", "pdf", "-f", "pptx", "-f", "docx",
                     "--out", folder / "out")
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return folder / "out"


def brief(built: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((built / slug / "gp" / "brief.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(("slug", "items", "framing", "heading", "listed"), [
    ("citation_forms", AUTHOR_DATE, 'For GPs, after Husk <i>et al.</i> (<a href="#ref-husk-2020">2020</a>).',
     'Citation forms (see <a href="#ref-wilding-2024">Wilding, 2024</a>)',
     ["gibson-2021", "husk-2020", "wilding-2024"]),
    # Numbered as first cited: the title, then the framing's author in the sentence, then the findings.
    ("numbered", NUMBERED, 'For GPs, after Husk et al. [<a href="#ref-husk-2020" title="Husk et al. 2020">2</a>].',
     'Citation forms [see <a href="#ref-wilding-2024" title="Wilding 2024">1</a>]',
     ["wilding-2024", "husk-2020", "gibson-2021"]),
])
def test_every_form_reads_as_the_style_has_it_and_links_to_its_entry(
        built: Path, slug: str, items: list[str], framing: str, heading: str, listed: list[str]) -> None:
    html = brief(built, slug)
    assert [item.decode_contents() for item in html.select("#forms li")] == items
    assert html.select_one("#forms p").decode_contents() == AT_AS_TEXT
    assert html.select_one("p.framing").decode_contents() == framing
    assert html.h1.decode_contents() == heading
    assert [entry["id"].removeprefix("ref-") for entry in html.select("[id^=ref-]")] == listed
    assert html.title.get_text() == "Citation forms \u2014 briefing for GPs and primary care teams"


@pytest.mark.parametrize("slug", ["citation_forms", "numbered"])
def test_no_citation_is_left_raw_in_pdf_powerpoint_or_word(built: Path, slug: str) -> None:
    folder = built / slug / "gp"
    pdfs = [PdfReader(folder / f"{document}.pdf") for document in ("brief", "slides")]
    deck = Presentation(str(folder / "slides.pptx"))
    word = Document(str(folder / "brief.docx"))
    texts = {
        "pdf": " ".join(page.extract_text() or "" for reader in pdfs for page in reader.pages),
        "pptx": " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                         if shape.has_text_frame),
        "docx": " ".join(paragraph.text for paragraph in word.paragraphs),
    }
    for kind, text in texts.items():
        assert "Wilding" in text and "disagreed" in text, kind
        assert not RAW.search(text), (kind, RAW.findall(text))
    # The title's citation is left out of every file's title.
    titles = [reader.metadata.title for reader in pdfs] + [deck.core_properties.title, word.core_properties.title]
    assert all(title and title.startswith("Citation forms \u2014 ") for title in titles), titles
