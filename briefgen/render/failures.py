"""What an output check finds → a Failure of one of the output rules (briefgen.rules, BG4xx), placed where a
reader can go and look: a slide, a page, the section under a heading, or the whole file. Also the one rule of
heading order, which every format's check applies.

`briefgen check` names the file before each one; a build gives what the Office checks find as warnings about
the file it wrote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from briefgen.errors import Problem, Severity, quoted
from briefgen.rules import HEADING_ORDER, Rule

WHOLE_FILE = "the whole file"
"""The place of a failure no one part of the file has: a missing language, title or structure tree."""


@dataclass(frozen=True)
class Failure:
    """One thing an output check found wrong, by which rule, and where in the file it is."""

    rule: Rule
    place: str
    """`slide 4 ('Findings')`, `page 2`, `section 'Findings'` or WHOLE_FILE: made by the functions below."""
    message: str

    def __str__(self) -> str:
        return f"{self.place}: [{self.rule.code}] {self.message}"

    def warning(self, output: str) -> Problem:
        """What a build reports of it in the file `output` it wrote: a warning, as the file is written all the
        same (`--strict` fails on it, as `briefgen check` does)."""
        return replace(self.rule.found(f"{self.place}: {self.message}", output=output), severity=Severity.WARNING)


def on_slide(number: int, title: str = "") -> str:
    """Slide `number` (from 1), with its title when it has one: the number is how a presenter finds it, the
    title how a reader of the message knows it."""
    return f"slide {number} ({_one_line(title)})" if title.strip() else f"slide {number}"


def on_page(number: int) -> str:
    """Page `number` (from 1), as a PDF viewer numbers it."""
    return f"page {number}"


def in_section(heading: str | None) -> str:
    """The part of a document without slides or pages (an HTML brief, a Word file) that `heading` heads, the
    nearest heading at or before the failure; None before the first one."""
    return f"section {_one_line(heading)}" if heading is not None else "before the first heading"


def _one_line(title: str) -> str:
    """A title quoted on one line, as a message quotes a value: a heading's line breaks are its layout's."""
    return quoted(" ".join(title.split()))


def skipped_levels(headings: Iterable[tuple[int, str]], tag: str) -> Iterator[Failure]:
    """A failure for each heading, given as (level, place) in reading order, more than one level below the
    one before it. `tag` is how the format writes a level: "H" in a PDF (H3), "h" in HTML, "level " in Word."""
    previous = 0
    for level, place in headings:
        if level > previous + 1:
            after = f"{tag}{previous}" if previous else "the start"
            yield Failure(HEADING_ORDER, place, f"heading {tag}{level} follows {after}: a level is skipped")
        previous = level
