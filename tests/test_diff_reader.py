"""`briefgen diff` reports everything a reader sees: the masthead, summary and framing, a statement's slide wording
and cross-references, call-outs, the glossary, abbreviations and works cited, each with the audiences who see the
change, in text and in HTML."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from briefgen.views.axes import mid_sentence
from tests.conftest import run_cli
from tests.test_diff import edited, entry, git

BRIEFING = """\
title:
  text: Virtual wards for frailty
  for: {gp: Virtual wards and your practice}
subtitle: What the evidence says
version: "2"
figures_as_at: 2024-12
review_date: 2026-02
authors:
  - name: Dr A Researcher
contact:
  text: Dr A Researcher
  for: {gp: The primary care lead}
summary: Virtual wards can substitute for some hospital admissions of older people living with frailty.
audiences:
  commissioner:
    framing: What to commission, and what to ask of providers.
key_messages:
  - id: km-outcomes
    text: Outcomes at home were similar to those in hospital for the people trials enrolled.
    slide: Outcomes similar to hospital.
    see: [evidence]
  - id: km-cost
    text: Costs depend on substitution rather than on occupancy alone.
    see: [costs]
sections:
  - id: evidence
    title: The evidence
    items:
      - text: Trials enrolled few people over ninety.
    callouts:
      - tone: caveat
        text: The trials were small and mostly outside England.
      - text: Referral routes differ between practices across the county [@wilding-2024].
        audiences: [gp]
  - id: costs
    title: Costs
    items:
      - text: Staffing is most of the cost.
  - id: balance
    kind: tensions
    title: Where the balance lies
    contrast:
      left:
        label: Step-up
        items:
          - text: Admissions avoided.
      right:
        label: Step-down
        items:
          - text: Earlier discharge.
glossary:
  virtual ward: Acute care at home, instead of a hospital bed.
abbreviations:
  ICB: integrated care board
references:
  - {id: wilding-2024, authors: [Wilding J], year: 2024, title: Hospital at home in the county, journal: BMJ}
"""

EDITS = {
    "for: {gp: Virtual wards and your practice}": "for: {gp: Virtual wards and your patients}",
    'version: "2"': 'version: "3"',
    "review_date: 2026-02\n": "",
    "for: {gp: The primary care lead}": "for: {gp: The practice liaison lead}",
    "substitute for some hospital": "substitute for a few hospital",
    "framing: What to commission,": "framing: What to commission first,",
    "slide: Outcomes similar to hospital.": "slide: Outcomes as good as hospital.",
    "see: [evidence]": "see: [evidence, costs]",
    "mostly outside England": "all outside England",
    "        audiences: [gp]\n": ("        audiences: [gp]\n      - tone: key_fact\n"
                                 "        text: One in ten admissions could be at home.\n"
                                 "        audiences: [commissioner, gp]\n"),
    "    title: Costs\n": "    title: Costs\n    audiences: [commissioner]\n",
    "label: Step-down": "label: Early discharge",
    "instead of a hospital bed": "in place of a hospital bed",
    "  ICB: integrated care board\n": "  ICB: integrated care board\n  CGA: comprehensive geriatric assessment\n",
    "year: 2024, title: Hospital at home in the county": "year: 2025, title: Hospital at home in the county",
}
EVERYONE = ("commissioner", "gp", "link_worker")
LABELS = {"commissioner": "Commissioners", "gp": "GPs and primary care teams", "link_worker": "Link workers"}
"""How the HTML report names each audience: as the briefs name their readers."""


def versions(folder: Path) -> tuple[Path, Path]:
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(BRIEFING, encoding="utf-8")
    new.write_text(edited(BRIEFING, EDITS), encoding="utf-8")
    return old, new


def matrix(page: BeautifulSoup) -> dict[str, list[str]]:
    """The coverage matrix: each item's row, a cell per audience."""
    table = page.find("table")
    assert isinstance(table, Tag) and table.thead is not None and table.tbody is not None
    assert [th.get_text() for th in table.thead.find_all("th")] == ["Item", *map(LABELS.get, EVERYONE)]
    return {row.th.get_text(): [td.get_text() for td in row.find_all("td")] for row in table.tbody.find_all("tr")}


def readings(page: BeautifulSoup, item: str) -> list[tuple[str, list[str], list[Tag]]]:
    """Under the heading of `item`: each reading's status, the audiences it names (by their keys) and its lines."""
    heading = page.find("h4", string=item)
    assert isinstance(heading, Tag), item
    found = []
    for sibling in heading.find_next_siblings(["p", "ul", "h4"]):
        if sibling.name == "h4":
            break
        if sibling.name == "p":
            status, _, audiences = sibling.get_text().partition(" for ")
            keys = {mid_sentence(label): key for key, label in LABELS.items()} | {"every audience": "every audience"}
            found.append((status, [keys[audience] for audience in audiences.split(", ")], []))
        else:
            found[-1][2].extend(sibling.find_all("li"))
    return found


def marks(line: Tag) -> tuple[list[str], list[str]]:
    """The words a line marks removed and added."""
    return [tag.get_text() for tag in line.find_all("del")], [tag.get_text() for tag in line.find_all("ins")]


def test_every_change_a_reader_sees_is_named_with_its_readers(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    run = run_cli("diff", old, new, "--html", tmp_path / "changes.html")
    assert run.code == 0, run.stderr

    assert entry(run.stdout, "changed title") == ["  changed title  — for gp",
                                                  "Virtual wards and your [-practice-] {+patients+}"]
    assert entry(run.stdout, "changed version")[1:] == ["[-2-] {+3+}"]
    assert entry(run.stdout, "removed review date") == ["  removed review date  — for every audience", "2026-02"]
    assert entry(run.stdout, "changed contact") == ["  changed contact  — for gp",
                                                    "The [-primary care-] {+practice liaison+} lead"]
    assert entry(run.stdout, "changed summary")[1] == ("Virtual wards can substitute for [-some-] {+a few+} hospital "
                                                       "admissions of older people living with frailty.")
    assert entry(run.stdout, "changed framing") == ["  changed framing  — for commissioner",
                                                    "What to [-commission,-] {+commission first,+} and what to ask "
                                                    "of providers."]
    outcomes = entry(run.stdout, "changed statement km-outcomes")
    assert outcomes == ["  changed statement km-outcomes  — for commissioner",
                        "slide: Outcomes [-similar to-] {+as good as+} hospital.", "refers to costs (added)"]
    # The costs section is the commissioners' now: others are told where the statement's link leads.
    cost = entry(run.stdout, "changed statement km-cost")
    assert cost == ["  changed statement km-cost  — for gp, link_worker",
                    "refers to costs, now in the edition for commissioners"]
    assert entry(run.stdout, "changed glossary term virtual ward") == [
        "  changed glossary term virtual ward  — for every audience",
        "Acute care at home, [-instead-] {+in place+} of a hospital bed."]
    # A work changed for the readers whose reference list holds it: only GPs' text cites it.
    assert entry(run.stdout, "changed reference wilding-2024") == [
        "  changed reference wilding-2024  — for gp",
        "J Wilding · [-2024-] {+2025+} · Hospital at home in the county · BMJ"]
    assert entry(run.stdout, "added abbreviation CGA") == [
        "  added abbreviation CGA  — for every audience", "comprehensive geriatric assessment"]
    assert entry(run.stdout, "changed call-out 1 of section evidence")[1] == (
        "text: The trials were small and [-mostly-] {+all+} outside England.")
    assert entry(run.stdout, "changed section balance (right)") == [
        "  changed section balance (right)  — for every audience", "title: [-Step-down-] {+Early discharge+}"]
    assert entry(run.stdout, "added call-out 3 of section evidence") == [
        "  added call-out 3 of section evidence  — for commissioner, gp", "One in ten admissions could be at home."]

    page = BeautifulSoup((tmp_path / "changes.html").read_text(encoding="utf-8"), "html.parser")
    cells = matrix(page)
    assert cells["title"] == ["—", "changed", "—"] and cells["contact"] == ["—", "changed", "—"]
    assert cells["framing"] == ["changed", "—", "—"]
    assert cells["version"] == cells["summary"] == cells["statement km-outcomes"] == ["changed"] * 3
    assert cells["review date"] == ["removed"] * 3
    assert cells["call-out 1 of section evidence"] == ["changed"] * 3
    assert cells["call-out 3 of section evidence"] == ["added", "added", "—"]
    assert cells["statement km-cost"] == ["—", "changed", "changed"]

    [(status, audiences, lines)] = readings(page, "title")
    assert (status, audiences, marks(lines[0])) == ("changed", ["gp"], (["practice"], ["patients"]))
    # The costs section is the commissioners' now: others read the new link as leading to their edition.
    [here, elsewhere] = readings(page, "statement km-outcomes")
    assert (here[:2], elsewhere[:2]) == (("changed", ["commissioner"]), ("changed", ["gp", "link_worker"]))
    assert marks(here[2][0]) == marks(elsewhere[2][0]) == (["similar to"], ["as good as"])
    assert [line.get_text(" ", strip=True) for line in here[2][1:]] == ["refers to costs (added)"]
    assert [line.get_text(" ", strip=True) for line in elsewhere[2][1:]] == [
        "refers to costs (added), in the edition for commissioners"]
    [(status, audiences, lines)] = readings(page, "call-out 3 of section evidence")
    assert (status, audiences) == ("added", ["commissioner", "gp"])


def test_an_unchanged_briefing_reports_no_change(tmp_path: Path) -> None:
    old, _ = versions(tmp_path)
    copy = tmp_path / "copy.yaml"
    copy.write_text(BRIEFING, encoding="utf-8")
    run = run_cli("diff", old, copy, "--html", tmp_path / "changes.html")
    assert (run.code, run.stdout.splitlines()[0]) == (0, f"{old} → {copy}: no change for any audience")
    page = BeautifulSoup((tmp_path / "changes.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("table") is None and page.find("h4") is None
    assert "No change for any audience." in page.get_text()


def test_an_error_at_a_revision_names_the_file_at_that_revision(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    briefing = content / "wards.yaml"
    briefing.write_text(BRIEFING.replace("    see: [costs]\n", "    see: [costs]\n    txet: x\n"), encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "with a mistake")
    briefing.write_text(BRIEFING, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "put right")

    run = run_cli("diff", "--rev", "HEAD~1..HEAD", content)
    line = BRIEFING.splitlines().index("    see: [costs]") + 2
    assert run.code == 1
    assert f"content/wards.yaml@HEAD~1:{line}:5: key_messages[1].txet: [BG002] unknown key 'txet'" in run.stderr
    assert "briefgen-diff-" not in run.stderr
