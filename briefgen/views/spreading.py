"""Slides whose content overflows → the same content set a step smaller, when that fits it on its slides, or
spread over continuation slides that fit; continuations gathered back onto the slide before them where they fit
there, as laid out; and how an earlier build fitted each run, to fit it so at once."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TypeVar

from briefgen.views.breaks import breaks
from briefgen.views.deck import MAX_SHRINK, ListedWork, ReferenceGroup, Slide
from briefgen.views.tailored_briefing import Statement, TailoredCallout

T = TypeVar("T")


@dataclass(frozen=True)
class Room:
    """How much text (in `weight`s) a slide's body has room for, as measured in a layout: below its first entry
    (`here`), and on a continuation of it, which has no introduction or contrast above its entries. 0 if
    unknown: its first entry alone is too long."""

    here: float
    continuing: float


def spread_overflowing(slides: list[Slide], room: Mapping[int, Room], typical: float = 0.0) -> list[Slide] | None:
    """Fit each run (a slide and its continuations) holding an overflowing slide, judged by `room`, measured for
    each overflowing slide (where a run's slides measure none, `typical`: what the deck's other slides hold; if
    that is unknown too, one entry a slide). A run whose text fits its slides a step smaller is set a step
    smaller, so that a short list or a few key messages stay whole rather than leave one item on a
    continuation slide. Otherwise it is spread over more slides (`breaks`: the fewest on which no slide holds
    more than the least room measured, none left nearly empty where it can be helped), and so fits at the next
    layout unless `weight` misjudged its entries. A contrast, once spread, has its slide to itself. Returns None
    when no overflowing slide can be set smaller or spread here: each holds one entry, or a contrast alone.
    """
    result: list[Slide] = []
    changed = False
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        # Only a slide holding more than one entry, or a contrast and an entry, gains from spreading: one entry
        # too long alone is set smaller.
        rooms = [room[index] for index in indices if index in room and _divisible(slides[index])]
        entries = _movable(run)
        if not rooms or (len(entries) + (run[0].poles is not None) <= len(run) and not _scales(run)):
            result.extend(run)
            continue
        continuing = min((size.continuing for size in rooms if size.continuing > 0), default=typical)
        first = room[indices[0]].here if indices[0] in room and room[indices[0]].here > 0 else continuing
        capacity = first + continuing * (len(run) - 1)
        if continuing and _scales(run) and sum(map(weight, entries)) <= capacity * STEP_GAIN:
            result.extend(replace(slide, shrink=max(slide.shrink for slide in run) + 1) for slide in run)
        else:
            alone = run[0].poles is not None  # a contrast keeps its slide to itself
            counts = breaks(list(map(weight, entries)), continuing if alone else first, continuing,
                            len(run) + 1 - alone, [isinstance(entry, TailoredCallout) for entry in entries])
            if len(counts) + alone <= len(run):
                result.extend(run)
                continue
            result.extend(_spread(run, [0, *counts] if alone else counts))
        changed = True
    return result if changed else None


GATHER_SHARE = 0.9
"""The share of a slide's room that gathered entries may fill: what the page fills, PowerPoint's boxes (of the
template's sizes, not the page's) must hold too."""


def gather(slides: list[Slide], used: Mapping[int, tuple[float, float]]) -> list[Slide] | None:
    """The slides with each continuation whose entries fit in the room left on the slide before it of its run
    (set at its step or smaller, and within its section's `per_slide`) moved there, judged by `used`: slide
    index → (the height its entries take, the height its body has for them), as laid out. Spreading judges by
    `weight`s, which can misjudge what a slide holds; this undoes what that split too far. None if no slides
    can be gathered."""
    result: list[Slide] = []
    changed = False
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        groups = [[run[0]]]  # the slides each gathered slide is made of
        taken, room = used.get(indices[0], (math.inf, 0.0))
        for index, slide in zip(indices[1:], run[1:], strict=True):
            height, body = used.get(index, (math.inf, 0.0))
            receiver = groups[-1][0]
            held = sum(len(other.items) for other in groups[-1]) + len(slide.items)
            if (movable(receiver) and slide.shrink <= receiver.shrink and taken + height <= room * GATHER_SHARE
                    and held <= (receiver.per_slide or held)):
                groups[-1].append(slide)
                taken += height
            else:
                groups.append([slide])
                taken, room = height, body
        if len(groups) == len(run):
            result.extend(run)
            continue
        counts = [sum(len(movable(slide)) for slide in group) for group in groups]
        result.extend(replace(slide, shrink=group[0].shrink)
                      for slide, group in zip(_spread(run, counts), groups, strict=True))
        changed = True
    return result if changed else None


STEP_GAIN = 1.15
"""About how much more text a slide's body holds a step smaller: its text is 28, 26 then 24 px
(templates/css/slides.css), and room grows as the square of the sizes' ratio (1.16, 1.17), less a margin for
lines that end early."""


def _scales(run: list[Slide]) -> bool:
    """Whether setting the run a step smaller would give its text more room: it is not at the smallest step,
    and it is not a table's rows or a reference list (set at the smallest size at every step)."""
    first = run[0]
    return (max(slide.shrink for slide in run) < MAX_SHRINK and first.table is None
            and not first.reference_groups)


def _divisible(slide: Slide) -> bool:
    """Whether spreading can make the slide hold less: it holds two entries or more, or a contrast and one."""
    return len(movable(slide)) > (0 if slide.poles is not None else 1)


RunFit = tuple[tuple[int, int], ...]
"""How a run of slides was fitted: for each of its slides, how many entries it holds and the step it is set
smaller."""


def spread_as_before(slides: list[Slide], known: Mapping[str, RunFit], context: str) -> list[Slide]:
    """Fit each run as an earlier build fitted it (see `run_fits`): its entries over as many slides, each set at
    its step, at once. Fitting depends only on a run's content, so the deck is the one the overflow checks would
    reach, with fewer layouts on the way."""
    result: list[Slide] = []
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        fit = known.get(_fingerprint(run, context))
        counts = [entries for entries, _ in fit or ()]
        # A manifest is input: its counts must share out this run's entries, a slide empty only for a contrast.
        if (fit is None or sum(counts) != len(_movable(run)) or not all(counts[1:])
                or (counts[0] == 0 and run[0].poles is None)):
            result.extend(run)
            continue
        spread = run if counts == [len(movable(slide)) for slide in run] else _spread(run, counts)
        result.extend(replace(slide, shrink=min(max(step, 0), MAX_SHRINK))
                      for slide, (_, step) in zip(spread, fit, strict=True))
    return result


def run_fits(slides: list[Slide], context: str) -> dict[str, RunFit]:
    """How each run spread over continuation slides or set smaller was fitted, by a fingerprint of its content
    and `context` (whatever else decides the layout: templates, options, audience)."""
    runs = [[slides[index] for index in indices] for indices in _runs(slides)]
    return {_fingerprint(run, context): tuple((len(movable(slide)), slide.shrink) for slide in run)
            for run in runs if len(run) > 1 or run[0].shrink}


def _spread(run: list[Slide], counts: Sequence[int]) -> list[Slide]:
    """The run's entries over as many slides as `counts`, each slide taking its count of them; the first slide
    keeps the run's introduction, contrast, figure and notes (a contrast alone when its count is 0)."""
    first = run[0]
    if first.reference_groups:
        return [replace(first, reference_groups=_regroup(chunk), continued=n > 0, notes=first.notes if n == 0 else None)
                for n, chunk in enumerate(_cut(_references(run), counts))]
    if first.table is not None:  # a table's slides repeat its header and caption
        return [replace(first, rows=tuple(chunk), continued=n > 0)
                for n, chunk in enumerate(_cut([row for slide in run for row in slide.rows], counts))]
    continuation = replace(first, intro=None, poles=None, figure=None, continued=True, notes=None)
    return [replace(first if n == 0 else continuation,
                    paragraphs=tuple(entry for entry in chunk if isinstance(entry, str)),
                    items=tuple(entry for entry in chunk if isinstance(entry, Statement)),
                    callouts=tuple(entry for entry in chunk if isinstance(entry, TailoredCallout)))
            for n, chunk in enumerate(_cut(_movable(run), counts))]


def _cut(entries: list[T], counts: Sequence[int]) -> list[list[T]]:
    """`entries` in order, cut into pieces of `counts` entries each."""
    ends = list(accumulate(counts))
    return [entries[end - count:end] for count, end in zip(counts, ends, strict=True)]


def _fingerprint(run: list[Slide], context: str) -> str:
    """The run's content however it is fitted: its first slide, at full size, holding every item and reference."""
    whole = replace(run[0], items=tuple(item for slide in run for item in slide.items),
                    paragraphs=tuple(block for slide in run for block in slide.paragraphs),
                    callouts=tuple(callout for slide in run for callout in slide.callouts),
                    rows=tuple(row for slide in run for row in slide.rows),
                    reference_groups=_regroup(_references(run)), shrink=0)
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
