"""Peak memory of a cold build as the number of documents grows: a generated briefing with more and more audiences
of its own, its briefs built as HTML (10 to 480 documents, rendered in the build's process) and as PDF (6 and 24,
in two worker processes).

Each build runs in a fresh process that reports its own peak resident memory (`ru_maxrss`): what a build holds
while it renders. The peak of the whole process group, workers included, is sampled as `benchmark.py` does.
Run from the repository root with `.venv/bin/python bench/memory.py`; `--root` measures another checkout of
briefgen (say, an older commit) with this same script. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmark import ROOT, large_briefing
from measure import run

# The command line as `python -m briefgen` runs it, then this process's peak RSS (KiB) on a last line of its own.
MEASURED_BUILD = """
import resource, runpy, sys
sys.argv[0] = "briefgen"
try:
    runpy.run_module("briefgen", run_name="__main__")
finally:
    print("\\nmaxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

RUNS = (("html", 10), ("html", 40), ("html", 160), ("html", 480), ("pdf", 6), ("pdf", 24))
"""Each run: the format, and how many briefs (the three built-in audiences and the rest the briefing's own)."""


def briefing(documents: int) -> str:
    """The benchmark's large briefing (50 sections, 300 items) read by `documents` audiences."""
    own = documents - 3
    lines = ["audiences:", *(line for n in range(1, own + 1) for line in (f"  reader_{n}:", f"    label: Reader {n}"))]
    return large_briefing() + "\n".join(lines) + "\n"


def measure(root: Path, workspace: Path, fmt: str, documents: int) -> tuple[float, float, float]:
    """Seconds, the build process's peak RSS and the process group's (MiB) for one cold build."""
    content = workspace / f"{fmt}-{documents}.yaml"
    content.write_text(briefing(documents))
    out = workspace / f"out-{fmt}-{documents}"
    measured = run([sys.executable, "-c", MEASURED_BUILD, "build", content, "--out", out, "--templates",
                    root / "templates", "-f", fmt, "-o", "brief", "--jobs", "2"], sample_memory=True, cwd=root)
    built = int(measured.stdout.rsplit("maxrss", 1)[1]) / 1024
    return measured.seconds, built, measured.peak_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the briefgen checkout to measure")
    arguments = parser.parse_args()
    print("| documents | format | time | build process peak RSS | all processes peak RSS |")
    print("| ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as workspace:
        for fmt, documents in RUNS:
            seconds, built, everything = measure(arguments.root.resolve(), Path(workspace), fmt, documents)
            print(f"| {documents} | {fmt.upper()} | {seconds:.1f} s | {built:.0f} MiB | {everything:.0f} MiB |",
                  flush=True)


if __name__ == "__main__":
    main()
