"""Benchmark `briefgen lint` on the second example against `briefgen validate` of the same file (the baseline,
1.00 times, in the same run): the command's time over what loading and validating it costs anyway. Then, in
one process, loading the spelling dictionary and the checks alone, warm.

Run from the repository root (`.venv/bin/python bench/lint.py`); prints Markdown tables for docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from measure import ROOT, median_seconds, ratio, run, table

SECOND_EXAMPLE = ROOT / "content" / "virtual-wards-frailty.yaml"

# Loads the briefing, then times loading the en_GB dictionary (once per process) and lint's checks, warm (median
# of 5).
WARM_CHECKS = textwrap.dedent("""
    import statistics, sys, time
    from pathlib import Path
    from briefgen.content.sources import load_sources
    from briefgen.lint import lint
    from briefgen.lint.spelling import Speller
    [source] = load_sources([Path(sys.argv[1])])
    started = time.perf_counter()
    Speller([])
    loading = (time.perf_counter() - started) * 1000
    runs = []
    for _ in range(6):
        started = time.perf_counter()
        lint(source)
        runs.append(time.perf_counter() - started)
    print(f"{loading:.0f} {statistics.median(runs[1:]) * 1000:.0f}")
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (the median is shown)")
    arguments = parser.parse_args()
    command = [sys.executable, "-m", "briefgen"]
    validate = median_seconds([run([*command, "validate", SECOND_EXAMPLE]) for _ in range(arguments.repeat)])
    linted = median_seconds([run([*command, "lint", SECOND_EXAMPLE]) for _ in range(arguments.repeat)])
    table(f"`briefgen lint {SECOND_EXAMPLE.relative_to(ROOT)}`, median of {arguments.repeat}",
          ("command", "time", "ratio"),
          [("`briefgen validate` (baseline)", f"{validate:.2f} s", ratio(validate, validate)),
           ("`briefgen lint`", f"{linted:.2f} s", ratio(linted, validate))])
    loading, checks = run([sys.executable, "-c", WARM_CHECKS, SECOND_EXAMPLE]).stdout.split()
    table("In one process", ("step", "time"),
          [("loading the en_GB dictionary (once per process)", f"{loading} ms"),
           ("every rule on every audience's text, warm, median of 5", f"{checks} ms")])


if __name__ == "__main__":
    main()
