"""Citations, reference lists and the new content checks end to end: the CLI building briefs and decks in both
citation styles, read back as parsed HTML, and every mistake reported at once with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, run_cli

EVIDENCE = FIXTURES / "evidence"


def test_every_mistake_is_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", EVIDENCE / "mistakes.yaml", "--out", out)
    assert result.code == 1
    errors = [line.removeprefix("error: ").replace(str(EVIDENCE) + "/", "")
              for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "broken.bib:6:1: [BG018] this entry does not parse: Unexpectedly reached end of file.",
        "mistakes.yaml:4:39: key_messages[0]: [BG004] cites unknown work 'nobody-2020'; did you mean 'odd-2020'?",
        "mistakes.yaml:12:15: sections[0].items[0].add.commissioner: [BG013] 'add' for 'commissioner', but the item is "
        "limited to ['gp']",
        "mistakes.yaml:13:37: sections[0].items[0].slide.for.link_worker: [BG013] 'slide' for 'link_worker', but the "
        "item is limited to ['gp']",
        "mistakes.yaml:14:15: sections[0].items[0].see[0]: [BG005] no section, statement, table or figure has the id "
        "'f9' (give the statement, section, table or figure that id)",
        "mistakes.yaml:20:11: sections[0].table.rows[1]: [BG006] row has 1 of the header's 2 columns; give every row "
        "2 cells",
        "mistakes.yaml:22:20: references[0].type: [BG003] must be 'article', 'report', 'webpage', 'preprint', 'book', "
        "'chapter', 'podcast', 'video', 'dataset', 'legislation', 'guidance' or "
        "'press-release'",
    ]
    assert "7 errors in content; nothing was written." in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


# What each statement of tests/fixtures/evidence/cited.yaml reads, in the brief and on the slides, per style;
# the last one is in a section shown in the brief only.
STATEMENTS = {
    "author-date": ["Support was valued (Wilding, 2024).",
                    "Several studies agree (Husk and Blockley, 2020, p. 312; Wilding, 2024).",
                    "Link workers valued autonomy (Husk and Blockley, 2020).",
                    "We followed a realist review (NHS England, 2020, ch. 2)."],
    "numbered": ["Support was valued [1].", "Several studies agree [1,2].", "Link workers valued autonomy [2].",
                 "We followed a realist review [3]."],
}
# The works each document lists, in order: the deck leaves out the work only the brief cites.
WORKS = {
    "author-date": {"brief": ["husk-2020", "tierney-2020", "wilding-2024"], "slides": ["husk-2020", "wilding-2024"]},
    "numbered": {"brief": ["wilding-2024", "husk-2020", "tierney-2020"], "slides": ["wilding-2024", "husk-2020"]},
}


@pytest.mark.parametrize("style", sorted(STATEMENTS))
def test_citations_in_brief_and_slides_link_to_the_works_each_lists(tmp_path: Path, style: str) -> None:
    source = tmp_path / "cited.yaml"
    source.write_text((EVIDENCE / "cited.yaml").read_text().replace(
        "title: Citing works\n", f"title: Citing works\ncitation_style: {style}\n"))
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "gp", "-f", "html", "--out", out)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    for document, shown in (("brief", STATEMENTS[style]), ("slides", STATEMENTS[style][:3])):
        page = BeautifulSoup((out / "cited" / "gp" / f"{document}.html").read_text(), "html.parser")
        statements = page.select(".key-messages li, ul.points li, .items li, .body p")
        assert [" ".join(statement.get_text().split()) for statement in statements] == shown
        listed = [item["id"].removeprefix("ref-") for item in page.select(".reference-list li")]
        assert listed == WORKS[style][document]
        links = [link["href"] for statement in statements for link in statement.select("a")]
        assert links and all(page.select_one(href) is not None for href in links)  # each names an entry there
        if style == "numbered":  # entry n is work n, in the brief's list and on the slides
            numbers = [item.get("value") for item in page.select(".reference-list li")]
            assert page.select_one("ol.reference-list") is not None
            assert numbers == ([None] * 3 if document == "brief" else ["1", "2"])
