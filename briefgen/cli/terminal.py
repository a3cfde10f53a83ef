"""What the command line writes to the terminal: text made safe to show, a build's report, its progress line."""

from __future__ import annotations

from typing import TextIO

import click

from briefgen.errors import printable, shown
from briefgen.pipeline import BuildResult


def shown_safely(text: str) -> str:
    """`text` line by line with control characters escaped: a file name or a value given on the command line
    reaches a message as written, and must not steer the terminal (click removes whole ANSI sequences only
    when the output is no terminal)."""
    return "\n".join(map(printable, text.split("\n")))


def report_build(result: BuildResult) -> None:
    """Warnings to stderr; what was written, and how many documents were current, to stdout."""
    for warning in result.warnings:
        click.echo(shown_safely(shown(warning)), err=True)
    for path in result.written:
        click.echo(shown_safely(f"wrote {path}"))
    rendered = len(result.rendered)
    if rendered:
        click.echo(f"rendered {rendered} document{'s' if rendered != 1 else ''}, "
                   f"{result.current} current")
    else:
        click.echo(f"nothing to render: all {result.current} documents are current")


class ProgressLine:
    """Progress on one rewritten line on a terminal; a plain line per document otherwise (CI logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.rewrite = stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, stem: str) -> None:
        line = f"[{done}/{total}] {stem}"
        self.stream.write(f"\r\x1b[K{line}" if self.rewrite else f"{line}\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.rewrite and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
