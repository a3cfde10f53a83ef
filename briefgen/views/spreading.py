"""Slides whose content overflows → the same content spread over continuation slides that fit, or set a step
smaller when that keeps it on fewer slides; and the spreading an earlier build found, to reach it at once."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TypeVar

from briefgen.views.deck import ListedWork, ReferenceGroup, Slide
from briefgen.views.tailor import Statement, TailoredCallout

T = TypeVar("T")


def spread_overflowing(slides: list[Slide], room: Mapping[int, float]) -> list[Slide] | None:
    """Spread each run (a slide and its continuations) holding an overflowing slide over as many slides as
    its paragraphs, items and references need, judged by `room`: overflowing slide index → how much text
    (in `weight`s) its body has room for, as measured in a layout (0 if unknown; if no slide of the run
    knows, one entry a slide). Each slide of the run gets an even share of the text, so long and short
    statements are not one a slide, and the run takes the fewest slides on which no share is over the
    least room measured: spread so, a run fits at the next layout unless `weight` misjudged its entries. A
    contrast, once spread, has its slide to itself. Returns None when no overflowing slide can be spread
    any further: each holds one entry, or a contrast alone.
    """
    result: list[Slide] = []
    spread_any = False
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        entries = _movable(run)
        # Only a slide holding more than one entry, or a contrast and an entry, gains from spreading: one entry
        # too long alone is set smaller.
        rooms = [room[index] for index in indices if index in room and _divisible(slides[index])]
        measured = [size for size in rooms if size > 0]  # a slide whose first entry alone is too long says none
        most = _most_slides(run)
        if rooms and most > len(run):
            total = sum(map(weight, entries))
            needed = math.ceil(total / min(measured)) if measured else len(entries)
            result.extend(_spread_within(run, min(max(needed, len(run) + 1), most), most, min(measured, default=0)))
            spread_any = True
        else:
            result.extend(run)
    return result if spread_any else None


def _spread_within(run: list[Slide], parts: int, most: int, room: float) -> list[Slide]:
    """The run spread over `parts` slides or, if a slide would then hold more than `room` (in `weight`s:
    one entry alone may), over the fewest more (up to `most`, `_most_slides`) on which none does. An even
    share of the text can still be over `room` when entries are long, as a share ends at an entry's edge:
    finding the slide count here, without a layout, is what keeps the fit loop from laying the deck out once
    for each slide added."""
    while True:
        spread = _spread(run, parts)
        if parts >= most or room <= 0 or all(len(entries) <= 1 or sum(map(weight, entries)) <= room
                                             for entries in map(movable, spread)):
            return spread
        parts += 1


def _most_slides(run: list[Slide]) -> int:
    """How many slides a run's content can be spread over: one an entry, and one for its contrast."""
    return len(_movable(run)) + (run[0].poles is not None)


def _divisible(slide: Slide) -> bool:
    """Whether spreading can make the slide hold less: it holds two entries or more, or a contrast and one."""
    return len(movable(slide)) > (0 if slide.poles is not None else 1)


def spread_as_before(slides: list[Slide], known: Mapping[str, int], context: str) -> list[Slide]:
    """Spread each run whose content needed more slides in an earlier build (see `run_sizes`) over that many
    at once. Spreading depends only on a run's content and its number of slides, so the deck is the one
    the overflow checks would reach, with fewer layouts on the way."""
    result: list[Slide] = []
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        parts = min(known.get(_fingerprint(run, context), len(run)), _most_slides(run))  # a manifest is input
        result.extend(_spread(run, parts) if parts > len(run) else run)
    return result


def run_sizes(slides: list[Slide], context: str) -> dict[str, int]:
    """How many slides each run of continuation slides takes, by a fingerprint of its content and `context`
    (whatever else decides the layout: templates, options, audience)."""
    runs = [[slides[index] for index in indices] for indices in _runs(slides)]
    return {_fingerprint(run, context): len(run) for run in runs if len(run) > 1}


def _fingerprint(run: list[Slide], context: str) -> str:
    """The run's content however it is spread: its first slide holding every item and reference."""
    whole = replace(run[0], items=tuple(item for slide in run for item in slide.items),
                    paragraphs=tuple(block for slide in run for block in slide.paragraphs),
                    callouts=tuple(callout for slide in run for callout in slide.callouts),
                    rows=tuple(row for slide in run for row in slide.rows),
                    reference_groups=_regroup(_references(run)))
    return hashlib.sha256(f"{context}\0{whole!r}".encode()).hexdigest()


def _runs(slides: list[Slide]) -> list[list[int]]:
    """Indices of slides grouped into runs: a slide and the continuations that follow it."""
    runs: list[list[int]] = []
    for index, slide in enumerate(slides):
        if slide.continued and runs and slides[runs[-1][0]].source == slide.source:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


Movable = str | Statement | TailoredCallout | tuple[str, ...] | tuple["ReferenceGroup", ListedWork]
"""What spreading moves between slides: a paragraph, a statement, a call-out, a table row, a reference with
its group."""


def movable(slide: Slide) -> list[Movable]:
    """The slide's paragraphs, statements, call-outs, table rows and references, in order: what spreading
    moves (in the order of `Slide.parts`)."""
    return _movable([slide])


def _movable(run: list[Slide]) -> list[Movable]:
    """The run's paragraphs, statements, call-outs, table rows and references, in order."""
    return [*(block for slide in run for block in slide.paragraphs), *(item for slide in run for item in slide.items),
            *(callout for slide in run for callout in slide.callouts), *(row for slide in run for row in slide.rows),
            *_references(run)]


def weight(entry: Movable) -> int:
    """About how much room an entry takes: its characters (a statement's cross-references' titles too), and a
    line's worth for its own spacing."""
    if isinstance(entry, Statement):
        see = sum(len(ref.title) + len(", ".join(ref.elsewhere)) + len("“”; ") for ref in entry.see)
        return (len(entry.on_slides) + len(entry.title or "") + see
                + sum(len(point.text) + _LINE for point in entry.points) + _LINE)
    if isinstance(entry, str):
        return len(entry) + _LINE
    if isinstance(entry, TailoredCallout):
        return len(entry.text) + 2 * _LINE
    if isinstance(entry[-1], ListedWork):
        return len(_TAG.sub("", entry[-1].entry)) + _LINE
    return max(len(" ".join(entry)), _LINE)  # a table row: one line at least


_LINE = 40
"""Characters a line's spacing is worth, between entries."""
_TAG = re.compile(r"<[^>]*>")


def _even_chunks(entries: list[T], parts: int, weight: Callable[[T], int]) -> list[list[T]]:
    """`entries` in order, in `parts` chunks of about the same weight (none empty)."""
    total = sum(map(weight, entries))
    chunks: list[list[T]] = [[]]
    done = 0
    for index, entry in enumerate(entries):
        left = len(entries) - index  # entries not yet placed, this one included
        open_chunks = parts - len(chunks)  # chunks still to start after the current one
        # Start the next chunk when this entry lies more past the current chunk's share than within it, or
        # when each chunk still to come needs an entry.
        share_end = total * len(chunks) / parts
        if chunks[-1] and open_chunks and (done + weight(entry) / 2 > share_end or left <= open_chunks):
            chunks.append([])
        chunks[-1].append(entry)
        done += weight(entry)
    return chunks


def _spread(run: list[Slide], parts: int) -> list[Slide]:
    first = run[0]
    if first.reference_groups:
        return [replace(first, reference_groups=_regroup(chunk), continued=n > 0, notes=first.notes if n == 0 else None)
                for n, chunk in enumerate(_even_chunks(_references(run), parts, weight))]
    if first.table is not None:  # a table's slides repeat its header and caption
        rows = [row for slide in run for row in slide.rows]
        return [replace(first, rows=tuple(chunk), continued=n > 0)
                for n, chunk in enumerate(_even_chunks(rows, parts, weight))]
    # Paragraphs, statements and call-outs; a contrast keeps its slide to itself.
    alone = [replace(first, paragraphs=(), items=(), callouts=())] if first.poles is not None else []
    continuation = replace(first, intro=None, poles=None, figure=None, continued=True, notes=None)
    chunks = _even_chunks(_movable(run), parts - len(alone), weight)
    return [*alone, *(replace(first if n == 0 and not alone else continuation,
                              paragraphs=tuple(entry for entry in chunk if isinstance(entry, str)),
                              items=tuple(entry for entry in chunk if isinstance(entry, Statement)),
                              callouts=tuple(entry for entry in chunk if isinstance(entry, TailoredCallout)))
                      for n, chunk in enumerate(chunks))]


def _references(run: list[Slide]) -> list[tuple[ReferenceGroup, ListedWork]]:
    """Every reference on the run's slides, with its group."""
    return [(group, ref) for slide in run for group in slide.reference_groups for ref in group.references]


def _regroup(entries: list[tuple[ReferenceGroup, ListedWork]]) -> tuple[ReferenceGroup, ...]:
    groups: list[ReferenceGroup] = []
    for group, ref in entries:
        if groups and groups[-1].heading == group.heading:
            groups[-1] = replace(groups[-1], references=(*groups[-1].references, ref))
        else:
            groups.append(replace(group, references=(ref,)))
    return tuple(groups)
