"""Statements matched across two versions, and their words compared (views/matching.py, views/changes.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from briefgen.content.sources import load_sources
from briefgen.render.changes import marked
from briefgen.views.changes import changes
from briefgen.views.comparison import compared, every_variant
from briefgen.views.matching import in_context, matched, matched_rows, word_diff
from briefgen.views.tailored_briefing import Statement
from tests.conftest import FIXTURES, SECOND_EXAMPLE


def statement(text: str, id: str | None = None, place: int = 0) -> Statement:
    return Statement(text, ("key_messages", place), id)


def statements(old: list[Statement], new: list[Statement]) -> list[tuple[Statement | None, Statement | None]]:
    return matched(old, new, lambda each: each.text, lambda each: each.id)


def test_a_word_diff_marks_removed_and_added_words_as_git_does() -> None:
    segments = word_diff("Wards reduce admissions in winter", "Wards may reduce admissions")
    assert marked(segments) == "Wards {+may+} reduce admissions [-in winter-]"
    assert marked(word_diff("a b c", "a x c")) == "a [-b-] {+x+} c"


def test_a_change_is_shown_in_the_words_around_it_not_its_whole_paragraph() -> None:
    before = " ".join(f"w{n}" for n in range(30))
    after = before.replace("w15", "w15 new")
    assert marked(in_context(word_diff(before, after), words=3)) == "… w13 w14 w15 {+new+} w16 w17 w18 …"
    assert marked(in_context(word_diff("a b c", "a x c"), words=3)) == "a [-b-] {+x+} c"  # short: whole
    assert in_context((("+", before),)) == (("+", before),)  # added whole: all of it


def test_readers_whose_wordings_differ_away_from_a_change_see_one_change(tmp_path: Path) -> None:
    ending = " ".join(["And then the text goes on."] * 4)
    versions = []
    for word in ("older", "frail older"):
        data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
        data["summary"] = {"text": f"Wards help {word} people. {ending}",
                           "for": {"gp": f"Wards help {word} people. {ending} More for GPs."}}
        versions.append(tmp_path / f"{len(versions)}.yaml")
        versions[-1].write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    [(_, comparison)] = compared({"a": versions[0]}, {"a": versions[1]})
    [item] = comparison.items
    [reading] = item.readings  # one change, read by all: the GPs' own ending is away from it
    assert reading.audiences == ("commissioner", "gp", "link_worker")
    assert marked(reading.lines[0]) == "Wards help {+frail+} older people. And then the text goes on. …"


def test_whitespace_alone_is_no_change() -> None:
    assert word_diff("one  two\nthree", "one two three") == (("=", "one two three"),)


def test_statements_with_an_id_match_by_id_wherever_they_moved() -> None:
    old = [statement("First", "a"), statement("Second", "b")]
    new = [statement("Second, reworded entirely", "b"), statement("Third", "c")]
    pairs = [(before and before.id, after and after.id) for before, after in statements(old, new)]
    assert pairs == [("b", "b"), (None, "c"), ("a", None)]


def test_statements_without_an_id_match_the_most_alike() -> None:
    old = [statement("Occupancy measures activity not benefit"), statement("Staff are the ward's capacity")]
    new = [statement("A new point about referral from general practice"),
           statement("Staff are the whole ward's capacity"), statement("Occupancy measures activity, not benefit")]
    pairs = [(before and before.text, after.text if after else None) for before, after in statements(old, new)]
    assert pairs == [(None, new[0].text), (old[1].text, new[1].text), (old[0].text, new[2].text)]


def test_a_statement_too_unlike_any_other_is_removed_not_changed() -> None:
    pairs = statements([statement("Something else entirely here")], [statement("A completely different sentence")])
    assert [(before is None, after is None) for before, after in pairs] == [(True, False), (False, True)]


def test_rows_match_by_their_label_then_by_position() -> None:
    old = [("Mortality", "same"), ("Satisfaction", "higher"), ("Cost", "n/a")]
    new = [("Satisfaction", "much higher"), ("Mortality", "same"), ("Visits", "2")]
    assert matched_rows(old, new) == [(old[1], new[0]), (old[0], new[1]), (old[2], new[2])]
    assert matched_rows(old[:1], []) == [(old[0], None)]


def test_a_statement_without_an_id_is_named_by_its_place_as_written() -> None:
    briefing = every_variant(load_sources([SECOND_EXAMPLE])[0])["gp"]
    section = briefing.sections[1]
    old = replace(section, items=(statement("Trials found similar outcomes"), statement("Cost is uncertain", place=1)))
    new = replace(section, items=(statement("Trials found broadly similar outcomes"),))
    found = changes(replace(briefing, sections=(old,)), replace(briefing, sections=(new,)))
    assert [(change.item, change.status) for change in found] == [
        (f"statement 1 of section {section.id}", "changed"), (f"statement 2 of section {section.id}", "removed")]
    assert marked(found[0].lines[0]) == "text: Trials found {+broadly+} similar outcomes"


def test_a_statement_moved_to_another_section_keeps_its_id() -> None:
    briefing = every_variant(load_sources([SECOND_EXAMPLE])[0])["gp"]
    first, second = briefing.sections[1], briefing.sections[2]
    moving = statement("Moved, and reworded", "moving")
    old = (replace(first, items=(statement("Moved and reworded", "moving"),)), replace(second, items=()))
    new = (replace(first, items=()), replace(second, items=(moving,)))
    found = changes(replace(briefing, sections=old), replace(briefing, sections=new))
    assert [(change.item, change.status) for change in found] == [("statement moving", "changed")]
