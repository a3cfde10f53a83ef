"""Editions from a table: one edition of a briefing per CSV row, each for every audience, its text filled in
from its row as text (never markup); every mistake in the table or in a quote of it reported at its file, line
and column; a build that selects editions, and an edit of one row that renders that row's edition alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.content.edition_data import EditionTable
from briefgen.content.loader import load
from briefgen.content.richtext import plain
from briefgen.content.validate import validate
from briefgen.errors import ContentError
from briefgen.views.editions import for_every_edition
from briefgen.views.tailor import tailor
from briefgen.views.variant import adapted, variants_of
from tests.conftest import ROOT, run_cli

BRIEFING = """\
title: "Social prescribing in {icb.name}"
editions:
  icb:
    from: icbs.csv
    key: code
    label: name
    title: Integrated care board
    format: {population: ",d", share: ".1%"}
authors: [{name: A}]
key_messages:
  - "{icb.name} serves {icb.population} people; {icb.share} are referred."
  - text: Funding is flat.
    for: {icb=QOP: "Funding in {icb.name} rose.", gp: Practices see flat funding.}
sections:
  - id: s
    title: Figures
    items: [a]
    table:
      caption: "{icb.name} against England"
      header: [Measure, Here, England]
      rows: [[People, "{icb.population}", "56,490,000"]]
audiences:
  gp: {framing: "For practices in {icb.name}.", actions: ["Ask {icb.name} for link workers."]}
"""
TABLE = """\
code,name,population,share
QHM,"NHS Cumbria & North East *ICB*",3100000,0.125
QOP,NHS Greater Manchester <b>ICB</b>,2900000,0.25
"""


def written(folder: Path, briefing: str = BRIEFING, table: str | None = TABLE) -> Path:
    """The briefing and its table (None: the table as it is in `folder`) written in `folder`."""
    if table is not None:
        (folder / "icbs.csv").write_text(table, encoding="utf-8")
    path = folder / "sp.yaml"
    path.write_text(briefing, encoding="utf-8")
    return path


def errors(folder: Path, briefing: str = BRIEFING, table: str = TABLE) -> list[str]:
    with pytest.raises(ContentError) as raised:
        validate(load(written(folder, briefing, table)))
    return [f"{problem.location}: {problem.message}".replace(f"{folder}/", "") for problem in raised.value.problems]


def test_each_row_is_an_edition_for_every_audience_outermost(tmp_path: Path) -> None:
    validated = validate(load(written(tmp_path)))
    variants = variants_of(validated.briefing, validated.editions)
    assert [variant.folder for variant in variants] == [
        "QHM/commissioner", "QHM/gp", "QHM/link_worker", "QOP/commissioner", "QOP/gp", "QOP/link_worker"]
    assert variants[4].label == "NHS Greater Manchester <b>ICB</b> · GPs and primary care teams"
    assert variants[4].keys == {"icb": "QOP", "audience": "gp"}
    assert variants[4].chosen({"icb": frozenset({"QOP"})}) and not variants[4].chosen({"icb": frozenset({"QHM"})})
    assert not variants_of(validated.briefing)[0].chosen({"icb": frozenset({"QOP"})})  # no such table: not chosen


def test_an_edition_reads_its_row_as_text_formatted_as_declared(tmp_path: Path) -> None:
    validated = validate(load(written(tmp_path)))
    variants = variants_of(validated.briefing, validated.editions)
    north, manchester_gp = (tailor(adapted(validated.briefing, variant, validated.editions), validated.library,
                                   "sp", variant) for variant in (variants[0], variants[4]))
    assert plain(north.title) == "Social prescribing in NHS Cumbria & North East *ICB*"
    assert plain(north.key_messages[0].text) == "NHS Cumbria & North East *ICB* serves 3,100,000 people; 12.5% are " \
                                                "referred."
    assert plain(manchester_gp.key_messages[0].text) == "NHS Greater Manchester <b>ICB</b> serves 2,900,000 " \
                                                        "people; 25.0% are referred."
    # An edition's rewording takes the place of the text; an audience's still rewords it for its readers.
    assert north.key_messages[1].text == "Funding is flat."
    assert manchester_gp.key_messages[1].text == "Practices see flat funding."
    # What an audience is told to do is the edition's too.
    assert manchester_gp.audience.framing is not None
    assert plain(manchester_gp.audience.framing) == "For practices in NHS Greater Manchester <b>ICB</b>."
    assert [plain(action.text) for action in manchester_gp.actions] == [
        "Ask NHS Greater Manchester <b>ICB</b> for link workers."]
    commissioner = variants[3]
    manchester = tailor(adapted(validated.briefing, commissioner, validated.editions), validated.library, "sp",
                        commissioner)
    assert plain(manchester.key_messages[1].text) == "Funding in NHS Greater Manchester <b>ICB</b> rose."
    table = manchester.sections[0].table
    assert table is not None and [plain(cell) for cell in table.rows[0]] == ["People", "2,900,000", "56,490,000"]


def test_the_index_reads_a_quote_as_every_edition_of_its_table() -> None:
    tables = [EditionTable("icb", "Integrated care board", Path("icbs.csv"), ()),
              EditionTable("region", "NHS region", Path("regions.csv"), ())]
    assert for_every_edition(r"{icb.name} in {region.name}, not \{icb.name}", tables) == \
        r"each integrated care board in each NHS region, not \{icb.name}"


def test_a_briefing_that_quotes_no_edition_is_read_as_it_is(tmp_path: Path) -> None:
    unquoted = BRIEFING.split("authors:")[0].replace("{icb.name}", "the North") + \
        "authors: [{name: A}]\nkey_messages: [K]\nsections: [{id: s, title: S, items: [a]}]\n"
    validated = validate(load(written(tmp_path, unquoted)))
    variant = variants_of(validated.briefing, validated.editions)[0]
    assert adapted(validated.briefing, variant, validated.editions) is validated.briefing


@pytest.mark.parametrize(("table", "expected"), [
    ("", "icbs.csv:1:1: is empty: it needs a header row naming the columns, then a row per edition"),
    ("code,name,population,share\n", "icbs.csv:1:1: has a header row but no rows: add a row per edition"),
    (TABLE + "QHM,Again,1,0.5\n", "icbs.csv:4:1: duplicate key 'QHM' (first on line 2): each edition needs a key "
                                  "of its own"),
    (TABLE + "QRV,North West London,2 million,0.5\n",
     "icbs.csv:4:23: '2 million' is not a number the format ',d' can print (write digits, with a '.' "
     "for decimals)"),
    (TABLE + "Q R,Somewhere,1,0.5\n", "icbs.csv:4:1: 'Q R' is not a usable edition key: letters, digits, '-' and "
                                      "'_' (it names a folder)"),
    (TABLE + "QRV,,1,0.5\n", "icbs.csv:4:5: the label is empty: each edition needs a name readers know it by"),
    (TABLE + "QRV,Somewhere,1\n", "icbs.csv:4:1: has 3 values where the header names 4 columns"),
    ("code,name,name,population,share\n", "icbs.csv:1:11: column 'name' is named twice"),
    ("code,title,population,share\nQHM,X,1,0.5\n", "sp.yaml:6:5: no column 'name' in icbs.csv (its columns: code, "
                                                   "title, population, share)"),
])
def test_a_mistake_in_the_table_is_reported_at_its_row_and_column(tmp_path: Path, table: str, expected: str) -> None:
    assert expected in errors(tmp_path, table=table)


def test_a_table_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "icbs.csv").write_bytes(TABLE.encode() + "QRV,Sé,1,0.5\n".encode("latin-1"))
    with pytest.raises(ContentError) as raised:
        validate(load(written(tmp_path, table=None)))
    assert [f"{problem.location}: {problem.message}" for problem in raised.value.problems] == [
        f"{tmp_path}/icbs.csv:4:1: is not UTF-8 text: save it as CSV UTF-8"]


@pytest.mark.parametrize(("change", "expected"), [
    (("{icb.population} people", "{icb.people} people"),
     "sp.yaml:11:24: {icb.people}: no column 'people' in editions 'icb' (its columns: code, name, population, share)"),
    (("serves", "serves {pcn.name} and"),
     "sp.yaml:11:24: {pcn.name} quotes editions 'pcn', which the briefing does not declare (declared: icb)"),
    (("icb=QOP", "icb=QOX"), "sp.yaml:13:11: no edition 'QOX' in editions 'icb'; did you mean 'QOP'?"),
    (("icb=QOP", "pcn=QOP"), "sp.yaml:13:11: reworded for editions 'pcn', which the briefing does not declare"),
    (('format: {population: ",d"', 'format: {population: "q"'), "sp.yaml:8:14: 'q' is not a number format"),
    (("from: icbs.csv", "from: ../icbs.csv"), "sp.yaml:4:5: '../icbs.csv' must be a relative path inside the "
                                              "content file's folder"),
    (("icb:\n", "audience:\n"), "sp.yaml:3:3: editions.audience: 'audience' is not a valid edition axis name"),
])
def test_a_quote_or_setting_that_does_not_match_the_table_is_reported_where_written(
        tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    found = errors(tmp_path, BRIEFING.replace(*change))
    assert any(expected.split(": ", 1)[0] in error and expected.rsplit(": ", 1)[-1] in error for error in found), found


def test_a_build_makes_the_editions_asked_for_and_an_edit_of_a_row_renders_its_edition_alone(tmp_path: Path) -> None:
    content, out = written(tmp_path), tmp_path / "output"
    result = run_cli("build", content, "--out", out, "-f", "html", "-o", "brief", "-e", "icb=QOP", "-a", "gp")
    assert result.code == 0, result.stderr
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html")) == [
        "index.html", "sp/QOP/gp/brief.html"]
    page = (out / "sp" / "QOP" / "gp" / "brief.html").read_text()
    assert "<title>Social prescribing in NHS Greater Manchester &lt;b&gt;ICB&lt;/b&gt;" in page
    assert re.search(r"<td[^>]*>2,900,000</td>", page)

    assert run_cli("build", content, "--out", out, "-f", "html", "-o", "brief").code == 0
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.h2 is not None and index.h2.get_text(strip=True) == "Social prescribing in each integrated care board"
    editions = index.select(".editions > .edition")
    assert [edition.h3.get_text() for edition in editions if edition.h3] == [
        "NHS Cumbria & North East *ICB*", "NHS Greater Manchester <b>ICB</b>"]  # as written: text, not markup
    for edition, key in zip(editions, ("QHM", "QOP"), strict=True):
        assert [link["href"] for link in edition.select("a")] == [
            f"sp/{key}/{audience}/brief.html" for audience in ("commissioner", "gp", "link_worker")]
    find = index.select_one(".find[hidden] input[type=search]")
    assert find is not None and find["aria-controls"] == "sp-editions"
    label = index.find("label", attrs={"for": find["id"]})
    assert label is not None and label.get_text() == "Find by integrated care board"
    (tmp_path / "icbs.csv").write_text(TABLE.replace("3100000", "3200000"), encoding="utf-8")
    again = run_cli("build", content, "--out", out, "-f", "html", "-o", "brief")
    assert again.code == 0 and "rendered 3 documents, 3 current" in again.stdout
    assert "3,200,000" in (out / "sp" / "QHM" / "link_worker" / "brief.html").read_text()

    assert "sp.yaml: ok (sp, 3 audiences, 2 editions by icb)" in run_cli("validate", content).stdout
    unknown = run_cli("build", content, "--out", out, "-e", "icb=QRV")
    assert (unknown.code, unknown.stderr.strip()) == (2, "error: unknown icb QRV (known: QHM, QOP)")


def test_the_documented_example_builds_an_edition_per_row(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8").split("## Editions", 1)[1]
    example, table = (re.search(rf"```{kind}\n(.*?)```", doc, re.DOTALL) for kind in ("yaml", "csv"))
    assert example is not None and table is not None
    content, out = written(tmp_path, example.group(1), table.group(1)), tmp_path / "output"
    result = run_cli("build", content, "--out", out, "-f", "html", "-o", "brief", "-a", "gp")
    assert result.code == 0, result.stderr
    manchester = (out / "sp" / "QOP" / "gp" / "brief.html").read_text()
    assert "Link worker posts in NHS Greater Manchester ICB are still being filled." in manchester
    assert "NHS Cumbria and North East ICB serves 3,100,000 people." in (out / "sp" / "QHM" / "gp" /
                                                                        "brief.html").read_text()


REFERRALS = """\
icb_code,year,referred,completed
QHM,2023,1200,0.61
QOP,2023,3400,0.5
QHM,2024,1500,0.655
QXX,2024,99,0.1
"""
FROM_FILE = BRIEFING.replace("audiences:\n", '''\
  - id: trend
    title: Referrals
    items: [b]
    table:
      caption: "Referrals in {icb.name}"
      header: [Year, Referred, Completed]
      rows:
        from: referrals.csv
        columns: [year, referred, completed]
        match: {icb: icb_code}
        format: {referred: ",d", completed: ".0%"}
audiences:
''', 1)


def test_a_table_takes_each_editions_rows_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "referrals.csv").write_text(REFERRALS, encoding="utf-8")
    validated = validate(load(written(tmp_path, FROM_FILE)))
    variants = variants_of(validated.briefing, validated.editions)
    tables = [tailor(adapted(validated.briefing, variant, validated.editions), validated.library, "sp",
                     variant).sections[1].table for variant in (variants[0], variants[3])]
    assert [[[plain(cell) for cell in row] for row in table.rows] for table in tables if table] == [
        [["2023", "1,200", "61%"], ["2024", "1,500", "66%"]], [["2023", "3,400", "50%"]]]


@pytest.mark.parametrize(("change", "expected"), [
    (("columns: [year, referred, completed]", "columns: [year, referals, completed]"),
     "sp.yaml:30:25: no column 'referals' in referrals.csv"),
    (("columns: [year, referred, completed]", "columns: [year, referred]"),
     "sp.yaml:30:9: names 2 columns for the header's 3"),
    (("match: {icb: icb_code}", "match: {pcn: icb_code}"), "sp.yaml:31:17: matches editions 'pcn', which the "
                                                           "briefing does not declare"),
    (("from: referrals.csv", "from: referrals.txt"), "sp.yaml:29:9: 'referrals.txt' is not the name of a CSV"),
])
def test_a_table_read_from_a_file_reports_its_mistakes_where_written(tmp_path: Path, change: tuple[str, str],
                                                                     expected: str) -> None:
    (tmp_path / "referrals.csv").write_text(REFERRALS, encoding="utf-8")
    found = errors(tmp_path, FROM_FILE.replace(*change))
    assert any(error.startswith(expected.split(": ", 1)[0]) and expected.split(": ", 1)[1] in error
               for error in found), found


def test_a_number_in_a_tables_file_that_its_format_cannot_print_is_reported_at_its_cell(tmp_path: Path) -> None:
    (tmp_path / "referrals.csv").write_text(REFERRALS.replace("1500", "1.5k"), encoding="utf-8")
    assert errors(tmp_path, FROM_FILE) == ["referrals.csv:4:10: '1.5k' is not a number the format ',d' can print "
                                           "(write digits, with a '.' for decimals)"]


def test_an_edit_of_a_tables_file_renders_the_editions_whose_rows_changed(tmp_path: Path) -> None:
    (tmp_path / "referrals.csv").write_text(REFERRALS, encoding="utf-8")
    content, out = written(tmp_path, FROM_FILE), tmp_path / "output"
    assert run_cli("build", content, "--out", out, "-f", "html", "-o", "brief", "-a", "gp").code == 0
    (tmp_path / "referrals.csv").write_text(REFERRALS.replace("3400", "3500"), encoding="utf-8")
    again = run_cli("build", content, "--out", out, "-f", "html", "-o", "brief", "-a", "gp")
    assert (again.code, again.stdout.splitlines()[-1]) == (0, "rendered 1 document, 1 current")
    assert re.search(r"<td[^>]*>3,500</td>", (out / "sp" / "QOP" / "gp" / "brief.html").read_text())
