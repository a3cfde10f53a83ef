"""`briefgen diff`: two versions of the frailty example, edited, compared as files and as git revisions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from briefgen.render.html import HtmlRenderer
from briefgen.views.comparison import ChangedItem, Comparison, Reading
from tests.conftest import ROOT, SECOND_EXAMPLE, run_cli

EDITS = {
    # a statement's text changed, and one of its two citations dropped
    "with higher satisfaction [@shepperd-2016; @shepperd-2021].": "with much higher satisfaction [@shepperd-2016].",
    # a statement every audience reads removed, one for GPs alone added
    """  - id: km-substitution
    text: >-
      Whether a virtual ward saves hospital bed days depends on substitution: on admitting people who
      would otherwise be in hospital.
    see: [tariff-risk]
""": """  - id: km-gp-referral
    audiences: [gp]
    text: Refer early; the ward takes step-up admissions from general practice.
""",
    # a table's cell
    "[Living in residential care, May be lower, Lower, Uncertain]":
        "[Living in residential care, May be lower, Lower, Unclear]",
}
EVERYONE = ("commissioner", "gp", "link_worker", "community_nurse")
LABELS = {"commissioner": "Commissioners", "gp": "GPs and primary care teams",
          "link_worker": "Social prescribing link workers",
          "community_nurse": "Community nurses and virtual ward teams"}
"""How the HTML report names each audience: as its readers are named in the briefs."""


def edited(text: str, edits: dict[str, str] = EDITS) -> str:
    """`text` with each of `edits` made, each found in it."""
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    return text


def versions(folder: Path) -> tuple[Path, Path]:
    """The example as shipped and as edited, side by side in `folder` with their reference file."""
    shutil.copy(SECOND_EXAMPLE.with_suffix(".bib"), folder)
    old, new = folder / "old" / SECOND_EXAMPLE.name, folder / "new" / SECOND_EXAMPLE.name
    for path, text in ((old, SECOND_EXAMPLE.read_text(encoding="utf-8")),
                       (new, edited(SECOND_EXAMPLE.read_text(encoding="utf-8")))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        shutil.copy(SECOND_EXAMPLE.with_suffix(".bib"), path.parent)
    return old, new


def entry(output: str, heading: str) -> list[str]:
    """The line starting with `heading` and the lines indented below it."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip().startswith(heading))
    below = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("      "):
            break
        below.append(line.strip())
    return below


def test_diff_names_each_change_and_who_sees_it(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    run = run_cli("diff", old, new, "--html", tmp_path / "changes.html")
    assert run.code == 0, run.stderr
    changed = entry(run.stdout, "changed statement km-evidence")
    assert "every audience" in changed[0]
    assert "with {+much+} higher satisfaction" in changed[1] and "no longer cites shepperd-2021" in changed
    assert "every audience" in entry(run.stdout, "removed statement km-substitution")[0]
    assert entry(run.stdout, "added statement km-gp-referral")[0].endswith("— for gp")
    table = entry(run.stdout, "changed table of statement trials")
    assert table[1] == "row: Living in residential care | May be lower | Lower | [-Uncertain-] {+Unclear+}"

    page = BeautifulSoup((tmp_path / "changes.html").read_text(encoding="utf-8"), "html.parser")
    matrix = page.find("table")
    assert [th.get_text() for th in matrix.thead.find_all("th")] == ["Item", *map(LABELS.get, EVERYONE)]
    cells = {row.th.get_text(): [td.get_text() for td in row.find_all("td")] for row in matrix.tbody.find_all("tr")}
    assert cells == {"statement km-evidence": ["changed"] * 4, "statement km-gp-referral": ["—", "added", "—", "—"],
                     "statement km-substitution": ["removed"] * 4, "table of statement trials": ["changed"] * 4}
    assert page.find("ins", string="much") is not None and page.h1 is not None


def test_the_same_file_twice_is_no_change_and_no_error(tmp_path: Path) -> None:
    old, _ = versions(tmp_path)
    run = run_cli("diff", old, old)
    assert (run.code, run.stdout.strip()) == (0, f"{old} → {old}: no change for any audience")


def test_a_content_error_in_either_file_is_reported_at_its_line(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    new.write_text(new.read_text(encoding="utf-8").replace("  - id: km-model\n", "  - id: km-model\n    txet: x\n"),
                   encoding="utf-8")
    run = run_cli("diff", old, new)
    assert run.code == 1 and f"{new}:" in run.stderr and "txet" in run.stderr


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=x", "-c", "user.email=x@example.org", *args], cwd=repository,
                   check=True, capture_output=True, timeout=30)


def test_diff_between_two_revisions_of_a_repository(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SECOND_EXAMPLE, content)
    shutil.copy(SECOND_EXAMPLE.with_suffix(".bib"), content)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "board version")
    (content / SECOND_EXAMPLE.name).write_text(edited(SECOND_EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "v3")

    run = run_cli("diff", "--rev", "HEAD~1..HEAD", content)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"content/{SECOND_EXAMPLE.name}: 4 changed items")
    assert entry(run.stdout, "added statement km-gp-referral")[0].endswith("— for gp")

    outside = run_cli("diff", "--rev", "HEAD~1..HEAD", content, tmp_path.parent)
    assert outside.code == 2 and "outside the repository" in outside.stderr


def test_the_html_report_escapes_what_the_content_says() -> None:
    hostile = "<script>alert(1)</script>"
    comparison = Comparison((("gp", "GPs <b>"),), (ChangedItem(f"statement {hostile}", (
        Reading("changed", ((("=", "text:"), ("-", hostile), ("+", "safe")),), ("gp",)),)),))
    page = HtmlRenderer(ROOT / "templates").changes(hostile, [(hostile, comparison)])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert BeautifulSoup(page, "html.parser").find("del").get_text() == hostile
