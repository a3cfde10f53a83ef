"""British English spelling (BG205), and headings written as sentences (BG206), offline by Hunspell's en_GB
dictionary: each misspelt word of what each
audience reads, titles, slide wordings, call-outs and captions among it, found at file:line:col with a suggestion;
`-ize` spellings pointed to `-ise`; names the briefing vouches for (`lint.words`, its abbreviations, glossary
and editions) accepted; set aside by code like every rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import briefgen.lint.spelling as spelling
from briefgen.content.sources import load_sources
from briefgen.lint import lint
from briefgen.lint.headings import sentence_case
from briefgen.lint.spelling import Speller, SpellingUnavailable
from tests.conftest import FIXTURES, run_cli

PASSAGE = ("Link workers\u2019 co-production with GPs and ICBs is set out at https://example.org/teh-report and by "
           "email to team@example.org; the 3rd-sector organisations\u2019 wellbeing offer, non-clinical and "
           "person-centred, was evaluated in 2023.")
"""Well spelt, with what a checker must pass over: possessives, abbreviations and their plurals, addresses,
ordinals, hyphenated compounds, and a health word the dictionary lacks."""


def test_well_spelt_british_text_passes_and_each_misspelling_is_found_once_with_advice() -> None:
    assert list(Speller([]).misspelt(PASSAGE)) == []
    found = {misspelling.word: misspelling.advice for misspelling in Speller([]).misspelt(
        "Teams recieve referrals; the organization is analyzing them. Teams recieve them wekly, non-clinicl.")}
    assert found == {"recieve": "is not in the British English dictionary: did you mean 'receive'?",
                     "organization": "is spelt with -ize: GOV.UK and NHS style write 'organisation'",
                     "analyzing": "is not in the British English dictionary: did you mean 'analysing'?",
                     "wekly": "is not in the British English dictionary: did you mean 'weekly'?",
                     "non-clinicl": "is not in the British English dictionary: did you mean 'non-clinical'?"}
    # to prise and to seise are other words than to prize and to seize
    assert list(Speller([]).misspelt("The prize was seized; color.")) == [
        spelling.Misspelling("color", "is not in the British English dictionary: did you mean 'colour'?")]
    assert list(Speller(["Wyebridge", "Thornmoor PCN"]).misspelt("Wyebridge and Thornmoor teams.")) == []


def _briefing(folder: Path, **changes: object) -> Path:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    section = data["sections"][0]
    section["title"] = "What the evalution found"
    section["items"] = [{"text": "Link workers in Wyebridge recieve referrals from practices.",
                         "slide": "Referrals arrive wekly"}, "Teams work in Thornmoor."]
    section["callouts"] = [{"title": "Organization", "text": "A well spelt call-out."}]
    data.update(changes)
    source = folder / "spelling.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    return source


def _misspelt(stderr: str) -> dict[str, tuple[int, str]]:
    """Each word BG205 finds: the line and field it names."""
    return {match["word"]: (int(match["line"]), match["field"]) for match in re.finditer(
        r"^warning: \S+:(?P<line>\d+):\d+: (?P<field>\S+): \[BG205\] '(?P<word>[^']+)' is ", stderr, re.MULTILINE)}


def _line_of(source: Path, text: str) -> int:
    return next(number for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
                if text in line)


def test_each_misspelling_is_reported_where_it_is_written_with_its_code(tmp_path: Path) -> None:
    source = _briefing(tmp_path)
    result = run_cli("lint", source)
    assert result.code == 0, result.stderr
    assert f"warning: {source}:" in result.stderr
    assert _misspelt(result.stderr) == {
        "evalution": (_line_of(source, "evalution"), "sections[0].title"),
        "recieve": (_line_of(source, "recieve"), "sections[0].items[0]"),
        "wekly": (_line_of(source, "wekly"), "sections[0].items[0].slide"),
        "Organization": (_line_of(source, "Organization"), "sections[0].callouts[0].title"),
        "Wyebridge": (_line_of(source, "Wyebridge"), "sections[0].items[0]"),
        "Thornmoor": (_line_of(source, "Thornmoor"), "sections[0].items[1]"),
    }, result.stderr
    assert "'recieve' is not in the British English dictionary: did you mean 'receive'?" in result.stderr
    assert "'Organization' is spelt with -ize: GOV.UK and NHS style write 'Organisation'" in result.stderr
    assert run_cli("lint", "--strict", source).code == 1


def test_a_misspelling_is_placed_at_the_word_not_inside_a_longer_one(tmp_path: Path) -> None:
    source = _briefing(tmp_path, lint={"words": ["Wyebridge", "Thornmoor"]})
    text = source.read_text(encoding="utf-8").replace("Teams work in Thornmoor.", "The other teams said ther was time.")
    source.write_text(text, encoding="utf-8")
    line = _line_of(source, "said ther")
    column = source.read_text(encoding="utf-8").splitlines()[line - 1].index(" ther ") + 2
    assert f"{source}:{line}:{column}: sections[0].items[1]: [BG205] 'ther'" in run_cli("lint", source).stderr


def test_the_briefing_s_own_words_pass_and_the_rule_is_set_aside_by_code(tmp_path: Path) -> None:
    own = _briefing(tmp_path, lint={"words": ["Wyebridge"]}, glossary={"Thornmoor model": "A way of working."})
    assert set(_misspelt(run_cli("lint", own).stderr)) == {"evalution", "recieve", "wekly", "Organization"}
    ignored = _briefing(tmp_path, lint={"ignore": ["BG205"]})
    assert "[BG205]" not in run_cli("lint", "--strict", ignored).stderr


@pytest.mark.parametrize(("heading", "sentence"), [
    ("Virtual Wards for Older People", "Virtual wards for older people"),
    ("The Ethnographic Studies: Conclusions", "The ethnographic studies: Conclusions"),  # a clause's first kept
    ("Back to the Same Home", "Back to the same home"),
    ("Virtual wards for older people", None),
    ("What the Health and Care Act changes", None),  # a name's capitals are not Title Case
    ("Living Well in England", None),  # one word alone says little
    ("NHS England and ICB Priorities", None),
])
def test_a_heading_in_title_case_is_given_as_a_sentence(heading: str, sentence: str | None) -> None:
    assert sentence_case(heading, Speller([]).in_lower_case) == sentence


def test_a_title_case_heading_is_a_finding_at_its_field(tmp_path: Path) -> None:
    source = _briefing(tmp_path, lint={"words": ["Wyebridge", "Thornmoor"]})
    source.write_text(source.read_text(encoding="utf-8").replace("What the evalution found",
                                                                 "What the Evaluation Found in Wyebridge"))
    result = run_cli("lint", source)
    line = _line_of(source, "Evaluation Found")
    assert re.search(rf"^warning: \S+:{line}:\d+: sections\[0\]\.title: \[BG206\] 'What the Evaluation Found in "
                     r"Wyebridge' is in Title Case: GOV\.UK and NHS style write headings as sentences, 'What the "
                     r"evaluation found in Wyebridge'$", result.stderr, re.MULTILINE), result.stderr
    assert result.stderr.count("[BG206]") == 1  # the call-out's one-word title is no heading in Title Case


def test_a_word_list_beside_the_briefing_vouches_for_its_words_and_is_read_as_an_input(tmp_path: Path) -> None:
    (tmp_path / "words.txt").write_text("# names our briefings share\nWyebridge\nThornmoor  # a county\n",
                                        encoding="utf-8")
    source = _briefing(tmp_path, lint={"word_list": "words.txt"})
    assert set(_misspelt(run_cli("lint", source).stderr)) == {"evalution", "recieve", "wekly", "Organization"}
    [loaded] = load_sources([source])
    assert (tmp_path / "words.txt").resolve() in {path.resolve() for path in loaded.inputs}  # a change rebuilds


@pytest.mark.parametrize(("name", "message"), [
    ("missing.txt", "'missing.txt': no such word list file in"),
    ("../words.txt", "'../words.txt' must be a relative path inside the content file's folder"),
    ("words.csv", "'words.csv' is not the name of a text file (.txt)"),
    ("latin1.txt", "'latin1.txt' is not UTF-8 text; save it as UTF-8"),
])
def test_a_word_list_that_cannot_be_read_is_an_error_at_its_field(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    source = _briefing(tmp_path, lint={"word_list": name})
    result = run_cli("lint", source)
    line = _line_of(source, "word_list:")
    found = rf"^error: \S+:{line}:\d+: lint\.word_list: \[BG00[38]\] {re.escape(message)}"
    assert result.code == 1 and re.search(found, result.stderr, re.MULTILINE), result.stderr


def test_without_a_dictionary_lint_says_spelling_went_unchecked(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise SpellingUnavailable("no en_GB dictionary")

    monkeypatch.setattr(spelling, "_tools", missing)
    [source] = load_sources([_briefing(tmp_path)])
    [finding] = [problem for problem in lint(source) if problem.code == "BG205"]
    assert "spelling was not checked: no en_GB dictionary; `make system-deps` installs" in finding.message
