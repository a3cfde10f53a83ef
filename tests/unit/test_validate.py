"""Validation messages: each problem at its field's line and column, worded for the author."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.errors import ContentError, Problem

HEAD = "title: T\nauthors: [{name: A}]\nkey_messages: [K]\nsections:\n"


def problems(tmp_path: Path, sections: str) -> list[Problem]:
    path = tmp_path / "case.yaml"
    path.write_text(HEAD + sections)
    with pytest.raises(ContentError) as caught:
        validate(load(path))
    return caught.value.problems


def shown(problem: Problem) -> str:
    """The first line of the problem as shown, without the file name."""
    assert problem.location is not None
    return problem.show().splitlines()[0].removeprefix(f"{problem.location.file}:")


@pytest.mark.parametrize(("sections", "expected"), [
    ("  - {id: a, title: A, kind: chart, items: [x]}\n",
     "5:23: sections[0].kind: [BG003] unknown section kind 'chart' (known: 'findings', 'impact', 'implications', "
     "'tensions', 'text')"),
    ("  - {id: a, title: A, items: [x], body: Text}\n",
     "5:35: sections[0].body: [BG002] a section of kind 'findings' takes no 'body' (sections of kind 'text' do)"),
    ("  - {id: a, title: A, kind: impact, items: [x], contrast: {}}\n",
     "5:49: sections[0].contrast: [BG002] a section of kind 'impact' takes no 'contrast' (sections of kind 'tensions' "
     "do)"),
    ("  - {id: a, title: A, kind: tensions}\n", "5:5: sections[0].contrast: [BG003] required field is missing"),
    ("  - {id: a, title: A, kind: text}\n", "5:5: sections[0].body: [BG003] required field is missing"),
    ("  - {id: a, title: A}\n", "5:5: sections[0].items: [BG003] required field is missing"),
    ("  - {id: a, title: A, items: []}\n", "5:23: sections[0].items: [BG003] must not be empty"),
    ("  - id: a\n    title: A\n    itmes: [x]\n", "7:5: sections[0].itmes: [BG002] unknown key 'itmes'; did you mean "
                                                  "'items'?"),
    ("  - id: a\n    title: A\n    kind: text\n    boddy: x\n",
     "8:5: sections[0].boddy: [BG002] unknown key 'boddy'; did you mean 'body'?"),
    ("  - just text\n", "5:5: sections[0]: [BG003] must be a mapping (key: value lines)"),
])
def test_section_problems_name_the_field_and_say_what_the_kind_takes(tmp_path: Path, sections: str,
                                                                      expected: str) -> None:
    found = problems(tmp_path, sections)
    assert [shown(problem) for problem in found] == [expected]


def test_every_problem_is_reported_with_its_source_line_and_a_caret(tmp_path: Path) -> None:
    found = problems(tmp_path, "  - id: a\n    title: A\n    items: [x]\n    audiences: [gpp]\n")
    [problem] = found
    assert problem.show().splitlines() == [
        f"{tmp_path / 'case.yaml'}:8:17: sections[0].audiences[0]: [BG013] unknown audience 'gpp'; did you mean 'gp'?",
        "        audiences: [gpp]",
        "                    ^"]


def test_problems_round_trip_through_the_manifest_record(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "  - {id: a, title: A, kind: text}\n")
    assert Problem.from_record(problem.as_record()) == problem


def test_an_unknown_key_of_a_reference_is_matched_against_every_name_a_reference_takes(tmp_path: Path) -> None:
    found = problems(tmp_path, "  - {id: a, title: A, items: [x]}\nreferences:\n"
                               "  - {id: r1, authors: [Gibson K], year: 2021, title: T, journl: J}\n")
    assert [shown(problem) for problem in found] == [
        "7:57: references[0].journl: [BG002] unknown key 'journl'; did you mean 'journal'?"]


def test_a_statement_refers_to_at_most_ten_others(tmp_path: Path) -> None:
    targets = "".join(f"      - {{id: t{n}, text: x}}\n" for n in range(11))
    found = problems(tmp_path, f"  - id: a\n    title: A\n    items:\n      - text: x\n        see: "
                               f"[{', '.join(f't{n}' for n in range(11))}]\n{targets}")
    assert [shown(problem) for problem in found] == [
        "9:9: sections[0].items[0].see: [BG003] refers to 11 statements, sections, tables or figures, over the limit "
        "of 10: refer to the few a reader needs, or to the section that holds the others"]


def test_the_statement_cap_holds_for_the_text_its_links_make(tmp_path: Path) -> None:
    # Each link is titled by its target: four titles of 989 characters, with the statement's own text, run past
    # the 4,000 characters a statement may hold; so would the labels of the editions a link names.
    title = "word " * 198
    targets = "".join(f"      - {{id: t{n}, title: '{title}', text: x}}\n" for n in range(4))
    found = problems(tmp_path, f"  - id: a\n    title: A\n    items:\n      - text: {'y' * 60}\n"
                               f"        see: [t0, t1, t2, t3]\n{targets}")
    assert [shown(problem) for problem in found] == [
        "9:9: sections[0].items[0].see: [BG011] with the titles of the statements and sections it refers to, this "
        "statement is 4,102 characters, over the limit of 4,000: refer to fewer, or give them shorter titles "
        "(`title:`)"]
    label = "Readers " * 500
    limited = (f"audiences:\n  ours: {{label: '{label.strip()}'}}\nsections:\n  - id: a\n    title: A\n    items:\n"
               "      - {text: x, see: [b]}\n  - {id: b, title: B, audiences: [ours], items: [x]}\n")
    path = tmp_path / "labels.yaml"
    path.write_text(HEAD.removesuffix("sections:\n") + limited)
    with pytest.raises(ContentError) as caught:
        validate(load(path))
    assert [problem.message.split(":")[0] for problem in caught.value.problems] == [
        "with the titles of the statements and sections it refers to, this statement is 4,033 characters, over the "
        "limit of 4,000"]


FIGURED = """\
  - id: a
    title: A
    items:
      - text: x
        see: [tbl-a, fig-b, fig-c]
        figures:
          - {id: fig-a, src: nowhere.png, caption: No alt}
          - {id: tbl-a, src: nowhere.png, alt: Twice}
        table: {id: tbl-a, caption: C, header: [H], rows: [[v]]}
"""


def test_a_statements_figures_need_alt_text_and_a_file_and_their_ids_are_checked(tmp_path: Path) -> None:
    """Every figure is checked where it is written, a statement's too; a table's or figure's id is unique, and
    `see:` may name one, an unknown id an error at its place with the nearest id."""
    found = [shown(problem) for problem in problems(tmp_path, FIGURED)]
    assert [line for line in found if ".src: [BG008] 'nowhere.png': no such image file" not in line] == [
        "9:22: sections[0].items[0].see[1]: [BG005] no section, statement, table or figure has the id 'fig-b'; did you "
        "mean 'fig-a'?",
        "9:29: sections[0].items[0].see[2]: [BG005] no section, statement, table or figure has the id 'fig-c'; did you "
        "mean 'fig-a'?",
        "11:13: sections[0].items[0].figures[0].alt: [BG014] a figure needs alt text saying what the image shows (or "
        "`decorative: true` if it adds nothing a reader would miss)",
        "12:14: sections[0].items[0].figures[1].id: [BG012] duplicate id 'tbl-a' (first used on line 13)",
    ]
    assert [line.split(":")[2] for line in found if "no such image file" in line] == [
        " sections[0].items[0].figures[0].src", " sections[0].items[0].figures[1].src"]


def test_figures_where_no_document_shows_them_are_errors(tmp_path: Path) -> None:
    figure = "{src: nowhere.png, decorative: true}"
    found = [shown(problem) for problem in problems(tmp_path, f"""\
  - id: a
    title: A
    kind: tensions
    intro: {{text: i, figures: [{figure}]}}
    contrast:
      left: {{label: L, items: [{{text: f, figures: [{figure}]}}]}}
      right: {{label: R}}
""")]
    assert [line for line in found if "shows no figures" in line] == [
        f"{place}: [BG014] an introduction, a summary or a pole's factor shows no figures: give the figure to the "
        "section (`figures:`) or to one of its statements"
        for place in ("8:32: sections[0].intro.figures[0]", "10:52: sections[0].contrast.left.items[0].figures[0]")]
