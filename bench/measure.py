"""Timing the real command line: a command's wall time and its process group's peak memory, and the baseline
both benchmarks compare with (plain WeasyPrint on the HTML pages briefgen wrote).

Shared by bench/benchmark.py and bench/editions.py, which run as scripts from this folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
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


def plain_weasyprint(templates: Path, pages: list[str], sample_memory: bool = False) -> Measured:
    """The baseline: every page rendered to PDF in one process."""
    return run([sys.executable, "-c", PLAIN_WEASYPRINT, templates, *pages], sample_memory)


def ratio(value: float, baseline: float, digits: int = 2) -> str:
    return f"{value / baseline:.{digits}f}\N{MULTIPLICATION SIGN}"


def median_seconds(runs: list[Measured]) -> float:
    """The median wall time of `runs`."""
    return statistics.median(m.seconds for m in runs)


def median(runs: list[Measured]) -> str:
    return f"{median_seconds(runs):.2f} s"


def table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Print `rows` as a Markdown table under a heading, the first column left-aligned, the rest right."""
    print(f"### {title}\n\n| {' | '.join(header)} |\n| --- |{' ---: |' * (len(header) - 1)}")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(flush=True)
