"""Richer statements, tables, call-outs, cross-references and citations: what validation refuses (each at its
file:line:col) and what each audience reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.errors import ContentError, Problem, Severity
from briefgen.views.tailor import tailor
from briefgen.views.variant import variants_of

HEAD = """title: T
authors: [{name: A}]
key_messages: [K]
references:
  - {id: wilding-2024, authors: [Wilding C], year: 2024, title: W, journal: J}
further_reading:
  - {id: husk-2020, authors: [Husk K], year: 2020, title: H, journal: J}
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(HEAD + body)
    return path


def errors(tmp_path: Path, body: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        validate(load(write(tmp_path, body)))
    return [shown(problem) for problem in caught.value.problems]


def shown(problem: Problem) -> str:
    assert problem.location is not None
    return problem.show().splitlines()[0].removeprefix(f"{problem.location.file}:")


def test_every_mistake_is_reported_at_once_at_its_line_and_column(tmp_path: Path) -> None:
    found = errors(tmp_path, """sections:
  - id: s
    title: S
    items:
      - text: "Rests on [@wilding-2024] and [@wildng-2024, p. 3]."
        see: [s2]
      - text: Limited.
        audiences: [gp]
        add: {commissioner: More.}
        slide: {text: Short., for: {link_worker: Shorter.}}
      - text: "Cites further reading [@husk-2020]."
    table:
      caption: C
      header: [A, B]
      rows:
        - [x, "1"]
        - [y]
""")
    assert found == [
        "12:46: sections[0].items[0].text: [BG004] cites unknown work 'wildng-2024'; did you mean 'wilding-2024'?",
        "13:15: sections[0].items[0].see[0]: [BG005] no section, statement, table or figure has the id 's2'; did you "
        "mean 's'?",
        "16:15: sections[0].items[1].add.commissioner: [BG013] 'add' for 'commissioner', but the item is limited to "
        "['gp']",
        "17:37: sections[0].items[1].slide.for.link_worker: [BG013] 'slide' for 'link_worker', but the item is limited "
        "to ['gp']",
        "24:11: sections[0].table.rows[1]: [BG006] row has 1 of the header's 2 columns; give every row 2 cells",
    ]


def test_a_malformed_citation_is_named(tmp_path: Path) -> None:
    found = errors(tmp_path, """sections:
  - {id: s, title: S, items: ["See [@wilding-2024 p3; smith]."]}
""")
    assert found == ["9:36: sections[0].items[0]: [BG004] '[@wilding-2024 p3; smith]' is not a citation: write [@id], "
                     "[@id, p. 12] or [@id; @other-id], with the `id` of a reference"]


def test_warnings_uncited_reference_and_base_text_never_shown(tmp_path: Path) -> None:
    validated = validate(load(write(tmp_path, """sections:
  - id: s
    title: S
    audiences: [gp, commissioner]
    items:
      - text: Never read by anyone.
        for: {gp: For GPs., commissioner: For commissioners.}
""")))
    assert [(shown(problem), problem.severity) for problem in validated.warnings] == [
        ("5:5: references[0]: [BG101] 'wilding-2024' is not cited anywhere: cite it where it is used "
         "([@wilding-2024]), or move it to `further_reading`", Severity.WARNING),
        ("13:9: sections[0].items[0].text: [BG102] reworded (`for`) for every audience that reads this, so this "
         "text is never shown: make it the text most of them read, and reword it for the others", Severity.WARNING),
    ]


def test_required_citations(tmp_path: Path) -> None:
    found = errors(tmp_path, """require_citations: true
sections:
  - id: s
    title: S
    items:
      - "Cited [@wilding-2024]."
      - text: Cited by its list.
        cite: [wilding-2024]
      - text: "Cited [@wilding-2024]."
        for: {gp: Not for GPs.}
  - id: t
    title: T
    require_citations: false
    items: [Not required here.]
""")
    assert found == ["16:9: sections[0].items[2]: [BG021] this finding cites no work (`require_citations` is on): add "
                     "[@id] to its text and every rewording, or a `cite:` list"]


def tailored(tmp_path: Path, body: str, audience: str):  # type: ignore[no-untyped-def]
    validated = validate(load(write(tmp_path, body)))
    variant = next(variant for variant in variants_of(validated.briefing) if variant.name == audience)
    return tailor(validated.briefing, validated.library, "case", variant)


BODY = """sections:
  - id: s
    title: Findings
    items:
      - id: b1
        title: Provision has not followed need
        text: "Base [@wilding-2024]."
        add: {commissioner: Funding follows.}
        slide: {text: Short., for: {gp: Short for GPs.}}
        cite: [wilding-2024]
        points:
          - One.
          - {text: Two., audiences: [gp]}
        see: [lw-only, s]
      - text: Row table.
        table:
          caption: Odds
          header: [Outcome, OR]
          rows:
            - [Loneliness, "0.81"]
            - {cells: [Wellbeing, "1.20"], audiences: [gp]}
    callouts:
      - {tone: caveat, text: Small sample., audiences: [commissioner]}
  - id: lw
    title: For link workers
    audiences: [link_worker]
    items:
      - {id: lw-only, title: Intensive support, text: Only link workers read this.}
"""


def test_what_a_commissioner_reads(tmp_path: Path) -> None:
    brief = tailored(tmp_path, BODY, "commissioner")
    first, second = brief.sections[0].items
    assert first.text == "Base [@wilding-2024]. Funding follows."
    assert first.on_slides == "Short [@wilding-2024]."
    assert [point.text for point in first.points] == ["One."]
    link_worker_only, own_section = first.see
    assert (link_worker_only.title, link_worker_only.elsewhere) == ("Intensive support", ("Link workers",))
    assert (own_section.target, own_section.title, own_section.elsewhere) == ("s", "Findings", ())
    assert second.table is not None
    assert second.table.rows == (("Loneliness", "0.81"),)
    assert second.table.align == ("left", "right")
    assert [callout.text for callout in brief.sections[0].callouts] == ["Small sample."]


def test_what_a_gp_reads(tmp_path: Path) -> None:
    brief = tailored(tmp_path, BODY, "gp")
    first, second = brief.sections[0].items
    assert first.text == "Base [@wilding-2024]."
    assert first.on_slides == "Short for GPs [@wilding-2024]."
    assert [point.text for point in first.points] == ["One.", "Two."]
    assert second.table is not None and len(second.table.rows) == 2
    assert brief.sections[0].callouts == ()
