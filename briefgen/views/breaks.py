"""Where to break a run of entries (statements, paragraphs, rows, references) over slides: the fewest slides on
which none holds more than the room measured (an entry too long alone has one to itself), the breaks chosen so
that no slide is left nearly empty where other breaks avoid it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate, pairwise


def breaks(weights: Sequence[float], first: float, room: float, at_least: int, clings: Sequence[bool]) -> list[int]:
    """How many entries each slide takes, in order: at least `at_least` slides (as many as there are entries at
    most), and more if fewer cannot hold `weights` in `first` (the first slide's room, below its introduction)
    and `room` (each continuation's) each (no room: one entry a slide). Of the ways to break over that many,
    the one with the least sum of each slide's squared room left: so a long entry stands alone while the short
    ones around it share the other slides, where even shares of the total would leave a short one alone. An
    entry that `clings` (a call-out, which qualifies what precedes it) starts a slide only if it cannot be
    helped: such a slide counts as empty. (Splitting the slides that filling each in turn makes keeps each
    within its room, so that many slides always have a way to break.)"""
    count = len(weights)
    if room <= 0 or first <= 0:
        return [1] * count
    parts = min(max(_fewest(weights, first, room), at_least), count)
    prefix = [0.0, *accumulate(weights)]
    cost = [[math.inf] * (count + 1) for _ in range(parts + 1)]
    start = [[0] * (count + 1) for _ in range(parts + 1)]
    cost[0][0] = 0.0
    for slide in range(1, parts + 1):
        here = first if slide == 1 else room
        for end in range(slide, count - parts + slide + 1):
            for begin in range(end - 1, slide - 2, -1):
                size = prefix[end] - prefix[begin]
                if size > here and begin < end - 1:  # over the room: only an entry alone may be
                    break
                held = 0.0 if clings[begin] and begin > 0 else min(size, here)
                if (total := cost[slide - 1][begin] + (here - held) ** 2) < cost[slide][end]:
                    cost[slide][end], start[slide][end] = total, begin
    ends = [count]
    for slide in range(parts, 0, -1):
        ends.append(start[slide][ends[-1]])
    ends.reverse()
    return [end - begin for begin, end in pairwise(ends)]


def _fewest(weights: Sequence[float], first: float, room: float) -> int:
    """The fewest slides that hold `weights` in order with none over its room (but an entry alone): filling each
    slide before starting the next needs no more."""
    slides, held, here = 1, 0.0, first
    for weight in weights:
        if held and held + weight > here:
            slides, held, here = slides + 1, 0.0, room
        held += weight
    return slides
