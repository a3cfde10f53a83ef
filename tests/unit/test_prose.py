"""A document's text rendered: abbreviations spelt out once, in the case the sentence needs, never inside a
citation or a heading; citations registered in a first pass, then formatted and linked."""

from __future__ import annotations

from briefgen.render.citations import Citer
from briefgen.render.prose import Prose

ABBREVIATIONS = [("ICB", "integrated care board"), ("NHS", "National Health Service"),
                 ("ARRS", "Additional Roles Reimbursement Scheme")]


def rendered(*texts: str) -> list[str]:
    prose = Prose(None, ABBREVIATIONS)
    prose.start_pass()
    return [str(prose.inline(text)) for text in texts]


def test_the_first_use_is_spelt_out_in_the_case_the_sentence_needs() -> None:
    first, later = rendered("ICBs fund it; the ICB decides.", "Each ICB.")
    assert first == ('Integrated care boards (<abbr title="integrated care board">ICB</abbr>s) fund it; the '
                     '<abbr title="integrated care board">ICB</abbr> decides.')
    assert later == 'Each <abbr title="integrated care board">ICB</abbr>.'
    assert rendered("Paid by the ARRS.")[0].startswith("Paid by the Additional Roles Reimbursement Scheme (")


def test_an_authors_own_expansion_code_and_headings_are_left_as_written() -> None:
    prose = Prose(None, ABBREVIATIONS)
    prose.start_pass()
    assert str(prose.heading("ICB plans")) == '<abbr title="integrated care board">ICB</abbr> plans'
    assert str(prose.inline("Integrated care boards (ICBs) and `ICB`.")) == (
        'Integrated care boards (<abbr title="integrated care board">ICB</abbr>s) and <code>ICB</code>.')
    assert list(prose.abbreviations.used) == ["ICB"]
    prose.start_pass()  # each pass (and each document) counts first uses afresh
    assert prose.abbreviations.used == {}


def test_a_citation_is_formatted_after_the_text_and_its_names_are_not_expanded() -> None:
    work = {"id": "nhse", "type": "report", "title": "Plan", "author": [{"literal": "NHS England"}],
            "issued": {"date-parts": [[2020]]}}
    prose = Prose(Citer([work], "author-date", "en-GB"), ABBREVIATIONS)
    prose.start_pass()
    assert str(prose.inline("The NHS plan [@nhse, p. 4].")).endswith("plan .")  # registering: nothing shown yet
    prose.settle()
    prose.start_pass()
    assert str(prose.inline("The NHS plan [@nhse, p. 4].")) == (
        'The National Health Service (<abbr title="National Health Service">NHS</abbr>) plan '
        '(<a href="#ref-nhse">NHS England, 2020, p. 4</a>).')
