"""Abbreviations spelt out where the spelt-out form reads right: not inside a compound or brackets, in the
possessive, with "a" or "an" to match, and not again where the author has spelt one out."""
# ruff: noqa: RUF001  (the text as printed has typographic quotes and dashes)

from __future__ import annotations

import pytest

from briefgen.content import richtext
from briefgen.render.abbreviations import Abbreviations
from briefgen.render.articles import indefinite_article

MEANINGS = {"ICB": "integrated care board", "NHS": "National Health Service",
            "NIHR": "National Institute for Health and Care Research", "SCIE": "Social Care Institute for Excellence",
            "CCA": "Company Chemists' Association", "FTE": "Full-time equivalent", "MP": "Member of Parliament"}


def marked(abbreviation: str) -> str:
    return f'<abbr title="{MEANINGS[abbreviation]}">{abbreviation}</abbr>'.replace("'", "&#x27;")


def rendered(*texts: str) -> list[str]:
    """Each of `texts`, rendered as one document's inline Markdown in order."""
    abbreviations = Abbreviations(list(MEANINGS.items()))
    return [str(abbreviations.marked(richtext.inline(text))) for text in texts]


def test_a_use_joined_to_a_word_is_marked_and_the_next_standalone_use_is_spelt_out() -> None:
    assert rendered("An NIHR-funded study and health/NIHR work.", "The NIHR said so.") == [
        f"An {marked('NIHR')}-funded study and health/{marked('NIHR')} work.",
        f"The National Institute for Health and Care Research ({marked('NIHR')}) said so."]
    assert rendered("The NHS–council deal and the NHS—not councils—pay.") == [
        f"The {marked('NHS')}–council deal and the National Health Service ({marked('NHS')})—not councils—pay."]


def test_a_or_an_before_a_spelt_out_use_agrees_with_its_meaning() -> None:
    assert rendered("An NHS trust.") == [f"A National Health Service ({marked('NHS')}) trust."]
    assert rendered("an ICB") == [f"an integrated care board ({marked('ICB')})"]
    assert rendered("a ICB") == [f"an integrated care board ({marked('ICB')})"]
    assert rendered("Ask an MP.") == [f"Ask a Member of Parliament ({marked('MP')})."]
    assert rendered("an *NHS* trust") == [f"a <em>National Health Service ({marked('NHS')})</em> trust"]
    assert rendered("Plan a NHS-led service.") == [f"Plan a {marked('NHS')}-led service."]  # as written


@pytest.mark.parametrize(("word", "article"), [
    ("integrated", "an"), ("hour", "an"), ("honest", "an"), ("university", "a"), ("unmet", "an"),
    ("user", "a"), ("one-off", "a"), ("onerous", "an"), ("European", "a"), ("NHS", "an"), ("MP", "an"),
    ("GP", "a"), ("X-ray", "an"), ("Member", "a"), ("8-week", "an"), ("11-point", "an"), ("110", "a"),
    ("NICE", "a"), ("SCIE", "a"), ("UNICEF", "a"), ("NATO", "a"), ("AIDS", "an"), ("Ofsted", "an"),
    ("NIHR", "an"), ("NHSE", "an"), ("RCGP", "an"), ("HEE", "an"), ("FOI", "an"), ("NHS-led", "an")])
def test_the_article_follows_the_sound_a_word_starts_with(word: str, article: str) -> None:
    assert indefinite_article(word) == article


def test_a_possessive_is_spelt_out_in_the_possessive() -> None:
    assert rendered("Read SCIE's summary.") == [
        f"Read Social Care Institute for Excellence’s ({marked('SCIE')}’s) summary."]
    assert rendered("ICBs' budgets") == [f"Integrated care boards’ ({marked('ICB')}s’) budgets"]
    assert rendered("The term 'ICBs' is used.") == [
        f"The term ‘integrated care boards ({marked('ICB')}s)’ is used."]  # a closing quote, not a possessive


def test_the_authors_own_expansion_is_recognised_whatever_its_quotes_dashes_spaces_and_case() -> None:
    assert rendered("The Company Chemists’ Association (CCA) said.", "The CCA.") == [
        f"The Company Chemists’ Association ({marked('CCA')}) said.", f"The {marked('CCA')}."]
    assert rendered("The full\u2011time\u00a0Equivalent (FTE).") == [
        f"The full\u2011time&nbsp;Equivalent ({marked('FTE')})."]


def test_a_use_within_brackets_is_marked_and_the_next_use_outside_them_is_spelt_out() -> None:
    assert rendered("1,449 (1,265 FTE) staff; each FTE costs more.") == [
        f"1,449 (1,265 {marked('FTE')}) staff; each full-time equivalent ({marked('FTE')}) costs more."]


def test_every_use_is_listed_though_some_are_never_spelt_out() -> None:
    abbreviations = Abbreviations(list(MEANINGS.items()))
    abbreviations.marked(richtext.inline("An NIHR-funded study (by the MP) for ICBs."))
    assert list(abbreviations.used) == ["NIHR", "MP", "ICB"]
