"""Every HTML output in headless Chromium: zero axe-core WCAG 2.2 A/AA violations (on every slide), slide decks
operable by keyboard with a live counter, no horizontal scrolling at 200% zoom (400% for pages), no motion when
reduced.

Needs Node, `npm ci` (axe-core, playwright-core) and Chromium (scripts/install-system-deps.sh); `make test`
installs them. A missing piece fails the test rather than skipping it, so CI cannot pass without a browser.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LOCALITIES, LOCALITIES_SLUG, ROOT, chromium, node, run_cli
from tests.test_diff import versions

SCRIPT = ROOT / "tests" / "browser" / "axe.mjs"


def axe_reports(site: Path, more: Mapping[str, Path] | None = None) -> dict[str, dict[str, Any]]:
    """What axe-core (and the script's own probes) found on each HTML page under `site`, by its path there, and
    on the `more` pages, by the names given them."""
    assert (ROOT / "node_modules" / "axe-core").is_dir(), "run `npm ci` (or `make test`) to install axe-core"
    pages = {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*.html"))} | dict(more or {})
    names = {str(path.resolve()): name for name, path in pages.items()}
    completed = subprocess.run([node(), str(SCRIPT), *names], cwd=ROOT, capture_output=True,
                               text=True, timeout=300, check=False, env={**os.environ, "CHROMIUM": chromium()})
    assert completed.returncode == 0, completed.stderr
    return {names[report["file"]]: report for report in json.loads(completed.stdout)}


@pytest.fixture(scope="module")
def browser_reports(built_site: Path, documented_build: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The site's pages, and of the localities example (built with content/ as a whole) its index and one
    edition's brief: its decks, and its other editions, are the site's pages with other text; and `briefgen
    diff`'s report of the second example and an edit of it."""
    output = documented_build / "output"
    folder = tmp_path_factory.mktemp("diff")
    assert run_cli("diff", *versions(folder), "--html", folder / "changes.html").code == 0
    return axe_reports(built_site, {"documented/index.html": output / "index.html",
                                    "documented/brief.html": output / LOCALITIES_SLUG / LOCALITIES[0] / "commissioner" /
                                    "brief.html", "changes.html": folder / "changes.html"})


def _readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        where = f"slide {violation['slide']}: " if "slide" in violation else ""
        lines.append(f"{where}{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node['summary']}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def test_every_page_is_checked(browser_reports: dict[str, dict[str, Any]]) -> None:
    names = set(browser_reports)
    assert "index.html" in names
    assert {"figure/gp/brief.html", "figure/gp/slides.html"} <= names
    assert {"documented/index.html", "documented/brief.html", "changes.html"} <= names
    assert all(report["slides"] >= 5 for name, report in browser_reports.items() if name.endswith("slides.html"))


def test_no_axe_violations(browser_reports: dict[str, dict[str, Any]]) -> None:
    failures = {name: _readable(report["violations"]) for name, report in browser_reports.items()
                if report["violations"]}
    assert not failures, "\n\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_slides_work_by_keyboard_with_a_live_counter(browser_reports: dict[str, dict[str, Any]]) -> None:
    for name, report in browser_reports.items():
        if not name.endswith("slides.html"):
            continue
        last = report["slides"]
        expected = [("ArrowRight", 2), ("End", last), ("ArrowLeft", last - 1), ("Home", 1)]
        shown = [(step["key"], step["ids"], step["counter"]) for step in report["keyboard"]]
        assert shown == [(key, [f"slide-{n}"], f"Slide {n} of {last}") for key, n in expected], name
        assert report["liveRegion"] == {"live": "polite", "atomic": "true"}, name
        assert report["notesKeys"] == {"afterS": False, "afterAltN": True, "afterSecondAltN": False}, name


def test_first_tab_reaches_a_visible_skip_link(browser_reports: dict[str, dict[str, Any]]) -> None:
    for name, report in browser_reports.items():
        if "firstFocus" in report:
            focus = report["firstFocus"]
            assert focus["className"] == "skip-link" and focus["top"] >= 0 and focus["outline"] != "none", name


def test_no_horizontal_scrolling_at_200_percent_zoom(browser_reports: dict[str, dict[str, Any]]) -> None:
    for name, report in browser_reports.items():
        zoom = report["zoom200"]
        assert zoom["scrollWidth"] <= zoom["clientWidth"], f"{name} scrolls sideways at 200% zoom: {zoom}"
        if name.endswith("slides.html"):  # the whole slide and the controls fit the window
            assert zoom["scrollHeight"] <= zoom["clientHeight"], f"{name} scrolls at 200% zoom: {zoom}"
        else:  # pages reflow down to 320 CSS px (WCAG 1.4.10); slides, as presentations, are exempt
            narrow = report["zoom400"]
            assert narrow["scrollWidth"] <= narrow["clientWidth"], f"{name} scrolls sideways at 400%: {narrow}"


def test_reduced_motion_is_honoured(browser_reports: dict[str, dict[str, Any]]) -> None:
    moving = {name: report["moving"] for name, report in browser_reports.items() if report["moving"]}
    assert not moving, f"elements still animate with prefers-reduced-motion: reduce: {moving}"


def test_typing_in_the_find_box_narrows_the_editions_and_says_how_many(
        browser_reports: dict[str, dict[str, Any]]) -> None:
    find = browser_reports["documented/index.html"]["find"]
    assert find["reachedByTab"] and find["visible"], find  # the second Tab, after the skip link
    assert find["typed"] == {"text": "man", "shown": ["Manchester"], "status": "1 of 3 editions"}, find
    cleared = find["cleared"]
    assert (cleared["text"], len(cleared["shown"]), cleared["status"]) == ("", 3, "3 of 3 editions"), find
    assert all("find" not in report for name, report in browser_reports.items() if name != "documented/index.html")
