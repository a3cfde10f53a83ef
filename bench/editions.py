"""Benchmark a briefing in many editions: briefgen's build of every edition against plain WeasyPrint on the
same HTML pages (a process per document, and all in one process), then a no-op rebuild and an edit of one
edition's row.

The briefing is the shipped example with a table of editions: a generated CSV of localities, as many as
`--editions` (42 by default, like England's integrated care boards), invented but realistic in names and
figures. Each edition is built for the example's 3 audiences, brief and slide deck, HTML and PDF: 6 documents
an edition. Run from the repository root with `make bench` (or `.venv/bin/python bench/editions.py`); prints a
Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from measure import EXAMPLE, PLAIN_WEASYPRINT, ROOT, briefgen, median_seconds, plain_weasyprint, ratio, run, table

TABLE = "localities.csv"
COLUMNS = ("code", "name", "population", "link_workers", "referrals", "rate")
DOCUMENTS_PER_EDITION = 3 * 2  # the example's 3 audiences, each a brief and a deck (in HTML and PDF)

# Quotes of the table in the parts of the example every document shows: its title, a key message, and a
# first section with a table of the locality's figures.
TITLE = ('title: "The ethnographic studies: conclusions"\n',
         'title: "Social prescribing in {area.name}: the ethnographic studies"\n')
KEY_MESSAGE = ("key_messages:\n", 'key_messages:\n  - "{area.name}: {area.referrals} referrals to its '
               '{area.link_workers} link workers in a year, {area.rate} for every 1,000 people."\n')
SECTION = ("sections:\n", """\
sections:
  - id: local-figures
    title: "Social prescribing in {area.name}"
    items:
      - "{area.name} serves {area.population} people."
    table:
      caption: "{area.name} against England, 2025/26"
      header: [Measure, "{area.name}", England]
      rows:
        - [Population, "{area.population}", "57,100,000"]
        - [Link workers, "{area.link_workers}", "3,600"]
        - [Referrals in the year, "{area.referrals}", "1,310,000"]
        - ["Referrals per 1,000 people", "{area.rate}", "22.9"]

""")
EDITIONS = f"""
editions:
  area:
    from: {TABLE}
    key: code
    label: name
    title: Integrated care board
    format: {{population: ",d", link_workers: ",d", referrals: ",d", rate: ".1f"}}
"""

PLACE_STARTS = ("Ash", "Brad", "Carl", "Dun", "Elm", "Fern", "Glen", "Hart", "Ivel", "Kirk", "Lang", "Mill",
                "Nor", "Oak", "Pen", "Red", "Stan", "Thorn", "Wen", "Yarn", "Bramp", "Cole", "Hather", "Wolver")
PLACE_ENDS = ("ford", "ley", "ham", "ton", "bury", "dale", "field", "wick", "mouth", "by", "stead", "caster")


def localities(count: int, seed: int = 42) -> list[dict[str, str]]:
    """`count` invented integrated care boards: unique names of two places, figures of a plausible size."""
    chance = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        first, second = (chance.choice(PLACE_STARTS) + chance.choice(PLACE_ENDS) for _ in range(2))
        if first != second:
            names.add(f"NHS {first} and {second} Integrated Care Board")
    rows = []
    for index, name in enumerate(sorted(names)):
        population = chance.randrange(500, 3_200) * 1_000
        referrals = round(population * chance.uniform(0.012, 0.035))
        rows.append({"code": f"Q{chr(65 + index // 26)}{chr(65 + index % 26)}", "name": name,
                     "population": str(population), "link_workers": str(population // chance.randrange(12_000, 20_000)),
                     "referrals": str(referrals), "rate": f"{referrals / population * 1_000:.2f}"})
    return rows


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def edition_briefing(folder: Path, editions: int) -> Path:
    """The example with a table of `editions` localities, written in `folder`; the content file's path."""
    text = EXAMPLE.read_text()
    for old, new in (TITLE, KEY_MESSAGE, SECTION):
        assert text.count(old) == 1, f"the example no longer holds {old!r} once"
        text = text.replace(old, new)
    folder.mkdir(parents=True)
    write_table(folder / TABLE, localities(editions))
    content = folder / EXAMPLE.name
    content.write_text(text + EDITIONS)
    return content


def edit_row(path: Path, index: int) -> None:
    """One more referral in row `index` of the table: a figure that edition's every document shows."""
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    rows[index]["referrals"] = str(int(rows[index]["referrals"]) + 1)
    write_table(path, rows)


def bench(workspace: Path, editions: int, jobs: int, repeat: int) -> list[tuple[str, ...]]:
    """The briefing in `editions` editions, built cold with `jobs` workers, against plain WeasyPrint rendering the
    pages that build wrote (serially, as a loop of one command per locality does); then a no-op rebuild and an
    edit of one row, each `repeat` times (the median). Each figure's rows: documents a minute, and its time
    against each of the two plain WeasyPrint runs."""
    content = edition_briefing(workspace / "content", editions)
    templates, out = ROOT / "templates", workspace / "out"
    documents = editions * DOCUMENTS_PER_EDITION

    # First, so that the only process this benchmark has waited for is the build's own: RUSAGE_CHILDREN's peak is
    # the parent's, which plans every edition (its workers are the forkserver's children, never waited for here).
    cold = briefgen(content, out, templates, "-f", "html", "-f", "pdf", "--jobs", str(jobs), sample_memory=True)
    parent_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert f"rendered {documents} documents" in cold.stdout, cold.stdout

    pages = sorted(str(page) for page in out.rglob("*.html") if page.name != "index.html")
    assert len(pages) == documents, len(pages)
    one_process = plain_weasyprint(templates, pages)
    started = time.perf_counter()
    for page in pages:
        run([sys.executable, "-c", PLAIN_WEASYPRINT, templates, page])
    per_process = time.perf_counter() - started

    noop = [briefgen(content, out, templates, "-f", "html", "-f", "pdf") for _ in range(repeat)]
    assert all("nothing to render" in m.stdout for m in noop), noop[-1].stdout
    edited = []
    for round_ in range(repeat):
        edit_row(content.parent / TABLE, round_ * editions // repeat)
        edited.append(briefgen(content, out, templates, "-f", "html", "-f", "pdf", "--jobs", str(jobs)))
        assert f"rendered {DOCUMENTS_PER_EDITION} documents" in edited[-1].stdout, edited[-1].stdout

    def row(measure: str, seconds: float, rendered: int) -> tuple[str, ...]:
        return (measure, f"{seconds:.2f} s", f"{rendered / seconds * 60:.1f}" if rendered else "—",
                ratio(seconds, one_process.seconds, 3), ratio(seconds, per_process, 3))

    return [row(f"plain WeasyPrint, same HTML → PDF, a process per document ({documents})", per_process, documents),
            row(f"plain WeasyPrint, same HTML → PDF, all {documents} in one process", one_process.seconds, documents),
            row(f"briefgen build, cold, `--jobs {jobs}`: {documents} documents, HTML and PDF", cold.seconds,
                documents),
            row("no-op rebuild", median_seconds(noop), 0),
            row(f"one row edited → its edition's {DOCUMENTS_PER_EDITION} documents", median_seconds(edited),
                DOCUMENTS_PER_EDITION),
            (f"peak memory, cold `--jobs {jobs}`: all processes / the build's parent process",
             f"{cold.peak_mib:.0f} MiB / {parent_mib:.0f} MiB", "—", "—", "—")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=42, help="localities in the table (rows of the CSV)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for briefgen's builds")
    parser.add_argument("--repeat", type=int, default=3, help="runs per no-op and edit figure (median)")
    arguments = parser.parse_args()
    if not 1 <= arguments.editions <= 26 * 26:  # each key is Q and two letters, as NHS codes are
        parser.error("--editions takes 1 to 676")
    # The machine is shared: its load, before and after, says how far to trust the figures.
    print(f"briefgen editions benchmark: {arguments.editions} editions, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"load average {os.getloadavg()[1]:.1f}\n")
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-editions-") as workspace:
        table(f"{arguments.editions} editions", ("measure", "time", "documents a minute",
                                                  "ratio to WeasyPrint in one process",
                                                  "ratio to WeasyPrint a process per document"),
              bench(Path(workspace), arguments.editions, arguments.jobs, arguments.repeat))
    print(f"load average over the last 5 minutes at the end: {os.getloadavg()[1]:.1f}")


if __name__ == "__main__":
    main()
