"""Benchmark briefgen against plain WeasyPrint on the same HTML: cold, no-op and one-line-edit builds, and
the cost of each format per document.

Run from the repository root with `make bench` (or `.venv/bin/python bench/benchmark.py`). Every figure is
wall time of the real command line, in one run, so the ratios compare like with like on this machine.
Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "social-prescribing.yaml"

# Renders each HTML page to PDF exactly as briefgen does (PDF/UA-1), with no briefgen code involved.
PLAIN_WEASYPRINT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from weasyprint import HTML
    templates = sys.argv[1]
    for page in sys.argv[2:]:
        HTML(filename=page, base_url=templates + "/").write_pdf(Path(page).with_suffix(".plain.pdf"),
                                                                 pdf_variant="pdf/ua-1")
""")

# Lays each slide deck out twice in one process and times the second, warm layout, per slide.
WARM_DECK_LAYOUT = textwrap.dedent("""
    import sys, time
    from weasyprint import HTML
    templates, slides, seconds = sys.argv[1], 0, 0.0
    for page in sys.argv[2:]:
        HTML(filename=page, base_url=templates + "/").render()
        started = time.perf_counter()
        document = HTML(filename=page, base_url=templates + "/").render()
        seconds += time.perf_counter() - started
        slides += len(document.pages)
    print(f"{seconds / slides * 1000:.1f}")
""")


# Renders each document of every audience of one briefing once, then times each format's renderer on that same
# draft (median of 5): a PDF with its page layout (a fresh one each time), a PowerPoint deck, a Word brief.
FORMAT_COST = textwrap.dedent("""
    import statistics, sys, time
    from dataclasses import replace
    from pathlib import Path
    from briefgen.content.sources import load_sources
    from briefgen.render.compose import DeckFit, compose
    from briefgen.render.html import HtmlRenderer
    from briefgen.render.registry import DOCUMENTS, FORMATS
    from briefgen.views.tailor import tailor
    from briefgen.views.variant import variants_of
    source = load_sources((Path(sys.argv[1]),))[0]
    renderer = HtmlRenderer(Path(sys.argv[2]))
    times = {}
    for variant in variants_of(source.briefing):
        brief = tailor(source.briefing, source.library, source.slug, variant)
        for kind in DOCUMENTS:
            draft = compose(kind, kind.name, brief, source.document, source.images, source.brand, renderer,
                            False, DeckFit(True, "", {}))
            for fmt in FORMATS:
                if fmt.name != "html" and kind.name in fmt.documents:
                    runs = []
                    for _ in range(5):
                        fresh = replace(draft, laid_out=None, problems=[])
                        started = time.perf_counter()
                        fmt.render(fresh)
                        runs.append(time.perf_counter() - started)
                    times.setdefault((kind.name, fmt.name), []).append(statistics.median(runs))
    for (kind, fmt), medians in times.items():
        print(kind, fmt, f"{statistics.mean(medians) * 1000:.0f}")
""")


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mib: float
    stdout: str


def run(command: list[str | Path], sample_memory: bool = False, cwd: Path = ROOT) -> Measured:
    """Run `command` in its own process group; wall time and, if asked, the peak total RSS of the group
    (workers too). Sampling /proc costs CPU, so it is off for the short runs."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    peak = [0]
    sampler = threading.Thread(target=_sample_rss, args=(process, peak), daemon=True)
    if sample_memory:
        sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if sample_memory:
        sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({process.returncode}):\n{stderr}")
    return Measured(seconds, peak[0] / 1024, stdout)


def _sample_rss(process: subprocess.Popen[str], peak: list[int]) -> None:
    while process.poll() is None:
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == process.pid:  # process group: the build and every process it started
                    status = (stat.parent / "status").read_text()
                    total += int(status.split("VmRSS:")[1].split()[0])
            except (OSError, IndexError, ValueError):
                continue
        peak[0] = max(peak[0], total)
        time.sleep(0.05)


def briefgen(content: Path, out: Path, templates: Path, *options: str, sample_memory: bool = False) -> Measured:
    return run([sys.executable, "-m", "briefgen", "build", content, "--out", out, "--templates", templates,
                *options], sample_memory)


def large_briefing(sections: int = 50, items: int = 300, references: int = 20) -> str:
    """A generated briefing: `sections` sections sharing `items` items, some limited or reworded per audience."""
    per_section = items // sections
    lines = ["title: A large generated briefing", "subtitle: Benchmark input", "date: '2026-01-15'",
             "authors:", "  - {name: A Researcher, affiliation: Example University, email: a@example.ac.uk}",
             "key_messages:"]
    lines += [f"  - \"Key message {n}: services that listen are used more, and sooner.\"" for n in range(1, 6)]
    lines.append("sections:")
    for s in range(1, sections + 1):
        kind = ("findings", "impact", "implications")[s % 3]
        lines += [f"  - id: s{s}", f"    kind: {kind}", f"    title: Section {s} on referral and support",
                  "    items:"]
        for i in range(1, per_section + 1):
            text = (f"Finding {s}.{i}: link workers who had time to build trust saw people return, and "
                    f"*practices* that knew them referred earlier.")
            if i % 3 == 0:
                lines += [f"      - text: \"{text}\"", "        audiences: [commissioner, gp]"]
            elif i % 3 == 1:
                lines += [f"      - text: \"{text}\"", "        for:", f"          gp: \"For GPs: {text}\""]
            else:
                lines.append(f"      - \"{text}\"")
    lines.append("references:")
    for r in range(1, references + 1):
        lines.append(f"  - {{id: r{r}, authors: [Author A, Author B], year: 2020, title: Study {r} of social "
                     f"prescribing, journal: Journal of Examples, volume: '{r}', pages: '1-10', "
                     f"doi: 10.1000/example.{r}}}")
    return "\n".join(lines) + "\n"


def items_briefing(items: int, per_section: int = 500) -> str:
    """A briefing of `items` statements of varied length, in sections of `per_section` (the most a list holds)."""
    lines = ["title: Scaling", "authors: [{name: A Researcher}]", "key_messages: [One]", "sections:"]
    for start in range(0, items, per_section):
        lines += [f"  - id: s{start}", f"    title: Findings from {start + 1}", "    items:"]
        lines += [f"      - \"Finding {n}: link workers who had time to build trust saw people return"
                  f"{', and practices that knew them referred earlier' * (n % 3)}.\""
                  for n in range(start, min(start + per_section, items))]
    return "\n".join(lines) + "\n"


def bench_scaling(workspace: Path, sizes: tuple[int, ...] = (100, 500, 2_000)) -> list[tuple[str, str, str]]:
    """One audience's slide deck HTML, cold, serially (the fit loop lays the deck out until every slide fits),
    for briefings of `sizes` statements: the time per statement, and the largest's against the smallest's."""
    rows, per_item = [], []
    for size in sizes:
        folder = workspace / f"scaling-{size}"
        content = folder / "content" / f"items-{size}.yaml"
        content.parent.mkdir(parents=True)
        content.write_text(items_briefing(size))
        measured = briefgen(content, folder / "out", ROOT / "templates", "-a", "gp", "-o", "slides", "-f", "html",
                            "--jobs", "1")
        per_item.append(measured.seconds / size)
        rows.append((f"{size:,} statements: one deck's HTML, cold", f"{measured.seconds:.2f} s",
                     f"{per_item[-1] * 1000:.1f} ms a statement"))
    rows.append((f"time a statement, {sizes[-1]:,} against {sizes[0]:,}", "—",
                 _ratio(per_item[-1], per_item[0], 2)))
    return rows


def bench_formats(content: Path, templates: Path) -> list[tuple[str, str, str]]:
    """Each format's cost per document, beside the PDF's of the same document."""
    measured = run([sys.executable, "-c", FORMAT_COST, content, templates]).stdout.split("\n")
    cost = {(kind, fmt): float(ms) for kind, fmt, ms in (line.split() for line in measured if line)}
    return [(f"{kind}: {fmt} from its draft, per document (its PDF, layout included: {cost[(kind, 'pdf')]:.0f} ms)",
             f"{ms:.0f} ms", f"{ms / cost[(kind, 'pdf')]:.2f}x the PDF's") for (kind, fmt), ms in cost.items()
            if fmt != "pdf"]


def edit_one_line(content: Path, round_: int) -> None:
    """Reword the first key message, which every audience reads in its brief and its deck."""
    lines = content.read_text().splitlines(keepends=True)
    start = lines.index("key_messages:\n")
    index = next(i for i in range(start + 1, len(lines))
                 if lines[i].strip().startswith(('- "', "text: ")) and not lines[i].rstrip().endswith((">-", "|")))
    line = lines[index].rstrip("\n")
    edited = f"{line[:-1]} (edit {round_})\"" if line.endswith('"') else f"{line} (edit {round_})"
    lines[index] = edited + "\n"
    content.write_text("".join(lines))


def bench(name: str, source_text: str, workspace: Path, jobs: int, repeat: int) -> list[tuple[str, str, str]]:
    folder = workspace / name
    templates = folder / "templates"
    shutil.copytree(ROOT / "templates", templates)
    content = folder / "content" / f"{name}.yaml"
    content.parent.mkdir(parents=True)
    content.write_text(source_text)
    rows = []

    serial = briefgen(content, folder / "serial", templates, "--jobs", "1", sample_memory=True)
    pages = sorted(str(p) for p in (folder / "serial").rglob("*.html") if p.name != "index.html")
    plain = run([sys.executable, "-c", PLAIN_WEASYPRINT, templates, *pages], sample_memory=True)
    parallel = briefgen(content, folder / "out", templates, "--jobs", str(jobs), sample_memory=True)
    decks = [page for page in pages if page.endswith("slides.html")]
    per_slide = run([sys.executable, "-c", WARM_DECK_LAYOUT, templates, *decks]).stdout.strip()
    rows.append(("plain WeasyPrint, same HTML → PDF (baseline)", f"{plain.seconds:.2f} s", _ratio(1, 1)))
    rows.append(("a deck's warm layout, per slide (WeasyPrint on the final deck HTML)", f"{per_slide} ms", "—"))
    rows.append(("cold build, `--jobs 1`", f"{serial.seconds:.2f} s", _ratio(serial.seconds, plain.seconds, 2)))
    rows.append((f"cold build, `--jobs {jobs}`", f"{parallel.seconds:.2f} s",
                 _ratio(parallel.seconds, plain.seconds, 2)))

    noop = [briefgen(content, folder / "out", templates) for _ in range(repeat)]
    assert all("nothing to render" in m.stdout for m in noop), noop[-1].stdout
    rows.append(("no-op rebuild", _median(noop), _ratio(_seconds(noop), plain.seconds, 3)))

    brief_html, deck_html, everything = [], [], []
    for round_ in range(repeat):
        edit_one_line(content, 2 * round_)
        brief_html.append(briefgen(content, folder / "out", templates, "-f", "html", "-o", "brief"))
        deck_html.append(briefgen(content, folder / "out", templates, "-f", "html", "-o", "slides", "-a", "gp"))
        edit_one_line(content, 2 * round_ + 1)
        everything.append(briefgen(content, folder / "out", templates))
    rows.append(("one-line edit → every audience's brief HTML", _median(brief_html),
                 _ratio(_seconds(brief_html), plain.seconds, 3)))
    rows.append(("one-line edit → one audience's slide deck HTML", _median(deck_html),
                 _ratio(_seconds(deck_html), plain.seconds, 2)))
    rows.append(("one-line edit → everything (HTML and PDF)", _median(everything),
                 _ratio(_seconds(everything), plain.seconds, 2)))
    rows.extend(bench_serve(content, folder / "served", templates, repeat, plain.seconds))
    rows.extend(bench_formats(content, templates))
    rows.append(("peak memory, cold `--jobs 1` / plain WeasyPrint", f"{serial.peak_mib:.0f} MiB",
                 _ratio(serial.peak_mib, plain.peak_mib, 2)))
    rows.append((f"peak memory, cold `--jobs {jobs}` (all processes)", f"{parallel.peak_mib:.0f} MiB",
                 _ratio(parallel.peak_mib, plain.peak_mib, 2)))
    return rows


def bench_serve(content: Path, out: Path, templates: Path, repeat: int, baseline: float) -> list[tuple[str, str, str]]:
    """`briefgen serve`: from saving a one-line edit to the new text in the files it serves."""
    process = subprocess.Popen([sys.executable, "-m", "briefgen", "serve", content, "--out", out, "--templates",
                                templates, "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        assert process.stdout is not None
        while not process.stdout.readline().startswith("serving "):  # the first build is done
            pass
        brief, deck = next(out.glob("*/gp/brief.html")), next(out.glob("*/gp/slides.html"))
        to_brief, to_deck = [], []
        for round_ in range(repeat):
            marker = f"(served edit {round_})"
            text = content.read_text()
            started = time.perf_counter()
            saved = content.with_suffix(".saving")
            saved.write_text(text.replace(" (edit", f" {marker} (edit", 1))
            saved.replace(content)  # at once, as editors save
            to_brief.append(_first_holding(brief, marker) - started)
            to_deck.append(_first_holding(deck, marker) - started)
            for _stage in ("HTML", "checked decks and PDFs"):  # one line each: wait until serve is idle
                process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=60)
    brief_seconds, deck_seconds = statistics.median(to_brief), statistics.median(to_deck)
    return [("`briefgen serve`: edit saved → every brief's HTML rewritten", f"{brief_seconds:.2f} s",
             _ratio(brief_seconds, baseline, 3)),
            ("`briefgen serve`: edit saved → one deck's HTML rewritten", f"{deck_seconds:.2f} s",
             _ratio(deck_seconds, baseline, 2))]


def _first_holding(path: Path, text: str, seconds: float = 300) -> float:
    """The time `path` first holds `text`, polled every 10 ms."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if text in path.read_text():
            return time.perf_counter()
        time.sleep(0.01)
    sys.exit(f"benchmark: still waiting after {seconds:.0f} s")


def _ratio(value: float, baseline: float, digits: int = 2) -> str:
    return f"{value / baseline:.{digits}f}\N{MULTIPLICATION SIGN}"


def _seconds(runs: list[Measured]) -> float:
    return statistics.median(m.seconds for m in runs)


def _median(runs: list[Measured]) -> str:
    return f"{_seconds(runs):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel build")
    parser.add_argument("--repeat", type=int, default=3, help="runs per no-op and edit figure (median)")
    parser.add_argument("--only", choices=("example", "large", "scaling"), help="run one part only")
    arguments = parser.parse_args()
    inputs = {"example": EXAMPLE.read_text(), "large": large_briefing()}
    print(f"briefgen benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{time.strftime('%Y-%m-%d')}\n")
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as workspace:
        for name, text in inputs.items():
            if arguments.only and name != arguments.only:
                continue
            rows = bench(name, text, Path(workspace), arguments.jobs, arguments.repeat)
            print(f"### {name}\n\n| measure | time | ratio to plain WeasyPrint |\n| --- | ---: | ---: |")
            for row in rows:
                print("| " + " | ".join(row) + " |")
            print(flush=True)
        if not arguments.only or arguments.only == "scaling":
            print("### scaling\n\n| measure | time | per statement |\n| --- | ---: | ---: |")
            for row in bench_scaling(Path(workspace)):
                print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
