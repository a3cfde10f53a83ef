"""A work of further reading that the text cites too is listed once: among the references, numbered where the
style numbers, and no longer under further reading."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, run_cli
from tests.test_office import html, normal


@pytest.mark.parametrize("style", ["author-date", "numbered"])
def test_a_cited_work_of_further_reading_is_listed_once_among_the_references(tmp_path: Path, style: str) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["citation_style"] = style
    data["further_reading"] = [
        {"id": "husk-2020", "authors": ["Husk K"], "year": 2020, "title": "Recommended and cited", "journal": "J"},
        {"id": "moffatt-2017", "authors": ["Moffatt S"], "year": 2017, "title": "Only recommended", "journal": "J"}]
    data["sections"][0]["items"] = ["a [@husk-2020]", "b"]
    source = tmp_path / "briefing.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_cli("build", source, "-a", "gp", "-f", "html", "--strict", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    page = html(tmp_path / "out" / "briefing" / "gp" / "brief.html")
    references = [item["id"] for item in page.select("section[aria-labelledby=references] .reference-list li")]
    further = [item["id"] for item in page.select("section[aria-labelledby=further-reading] .reference-list li")]
    assert sorted(references) == ["ref-husk-2020", "ref-r1"]
    assert further == ["ref-moffatt-2017"]
    cited = page.select_one("a[href='#ref-husk-2020']")
    assert cited is not None
    assert normal(cited.get_text()) == ("2" if style == "numbered" else "Husk, 2020")
