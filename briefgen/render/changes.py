"""A Comparison → the report an author reads in a terminal: each changed item once, the readers it changed for,
and its words removed as `[-old-]` and added as `{+new+}` (git's word diff)."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.views.comparison import Comparison
from briefgen.views.matching import Segment

_MARKS = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}


def marked(segments: tuple[Segment, ...]) -> str:
    return " ".join(_MARKS[kind].format(words) for kind, words in segments)


def text_report(title: str, comparison: Comparison) -> Iterator[str]:
    """Lines: a heading for `title`, then per changed item its status, who sees it, and its lines indented."""
    labels = dict(comparison.audiences)
    if not comparison.items:
        yield f"{title}: no change for any audience"
        return
    yield f"{title}: {len(comparison.items)} changed item{'s' if len(comparison.items) != 1 else ''}"
    for item in comparison.items:
        for reading in item.readings:
            everyone = len(reading.audiences) == len(labels)
            readers = "every audience" if everyone else ", ".join(reading.audiences)
            yield f"  {reading.status} {item.item}  — for {readers}"
            for line in reading.lines:
                yield f"      {marked(line)}"
