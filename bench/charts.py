"""Benchmark charts: a briefing in editions whose tables are drawn as charts, built in each format, against the
same briefing with its tables left undrawn (the baseline, 1.00 times, in the same run), so the figures say what
charts cost: the SVG drawing in HTML, its layout in PDF, the native chart (and its workbook) in PowerPoint and
Word.

The briefing is the test fixture of eight localities (tests/fixtures/charts), each edition's numbers read
from a CSV file, with as many more charted tables as `--charts` asks (each a bar chart of six localities'
figures). Run from the repository root (`.venv/bin/python bench/charts.py`); prints a Markdown table for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from measure import ROOT, Measured, median_seconds, ratio, run, table

FIXTURE = ROOT / "tests" / "fixtures" / "charts"
FORMATS = ("html", "pdf", "pptx", "docx")


def briefing(charts: int, drawn: bool) -> dict[str, Any]:
    """The fixture's briefing with `charts` more sections, each a table of figures, drawn as charts or not."""
    data: dict[str, Any] = yaml.safe_load((FIXTURE / "chart-editions.yaml").read_text(encoding="utf-8"))
    for number in range(charts):
        data["sections"].append({
            "id": f"more-{number}", "title": f"More figures, part {number + 1}",
            "items": [f"Figures of part {number + 1} for {{place.name}} and its neighbours."],
            "table": {"caption": f"Referrals per 1,000 people, part {number + 1}", "header": ["Area", "Rate"],
                      "rows": [[f"Area {area}", f"{(number * 7 + area * 13) % 50 + 5}.{area}"] for area in range(6)],
                      "chart": {"x": "Area", "y": "Rate", "unit": "Referrals per 1,000"}}})
    if not drawn:
        for section in data["sections"]:
            section.get("table", {}).pop("chart", None)
    return data


def build(folder: Path, data: dict[str, Any], output: str) -> Measured:
    content = folder / "content"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURE, content)
    source = content / "chart-editions.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return run([sys.executable, "-m", "briefgen", "build", source, "--out", folder / "out", "-a", "commissioner",
                "-f", output, "--jobs", "2"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", type=int, default=4, help="charted tables beside the fixture's one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build (the median is shown)")
    arguments = parser.parse_args()
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for output in FORMATS:
            times = {drawn: [build(folder / "run", briefing(arguments.charts, drawn), output)
                             for _ in range(arguments.repeat)] for drawn in (False, True)}
            plain, drawn = (median_seconds(times[key]) for key in (False, True))
            rows.append((output, f"{plain:.2f} s", f"{drawn:.2f} s", ratio(drawn, plain)))
    table(f"Charts: 8 editions, {arguments.charts + 1} charted tables each, one audience (brief and slides)",
          ("format", "tables only (baseline)", "tables drawn as charts", "ratio"), rows)


if __name__ == "__main__":
    main()
