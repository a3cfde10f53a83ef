"""Two versions of a run of things (statements, call-outs, a table's rows) → each thing paired with itself before
and after; two texts → their words kept, removed and added. What `views.changes` compares with."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TypeVar

Segment = tuple[str, str]
"""(`=`, `-` or `+`, words): words kept, removed or added."""

SIMILAR = 0.5
"""How alike (difflib's ratio) two things without an id must read to count as one thing edited."""

T = TypeVar("T")


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """`old` → `new` word by word (whitespace between words is not compared), runs of like segments merged."""
    before, after = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("=", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(after[j1:j2])))
    return tuple(segments)


CONTEXT_WORDS = 8
"""Words of unchanged text kept either side of a change: enough to find it, not the whole paragraph again."""


def in_context(line: tuple[Segment, ...], words: int = CONTEXT_WORDS) -> tuple[Segment, ...]:
    """`line` with each long run of unchanged words cut to the `words` nearest a change, an ellipsis for the
    rest; a line with no change (a thing added or removed whole) as it is."""
    if all(kind == "=" for kind, _ in line) or all(kind != "=" for kind, _ in line):
        return line
    cut: list[Segment] = []
    for index, (kind, text) in enumerate(line):
        kept = text.split()
        if kind != "=" or len(kept) <= 2 * words:
            cut.append((kind, text))
        elif index == 0:
            cut.append((kind, " ".join(["…", *kept[-words:]])))
        elif index == len(line) - 1:
            cut.append((kind, " ".join([*kept[:words], "…"])))
        else:
            cut.append((kind, " ".join([*kept[:words], "…", *kept[-words:]])))
    return tuple(cut)


def similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def no_id(_: object) -> None:
    return None


def matched(old: Sequence[T], new: Sequence[T], text: Callable[[T], str], ident: Callable[[T], str | None] = no_id,
            old_by_id: Mapping[str, T] | None = None, new_ids: Collection[str] | None = None
            ) -> list[tuple[T | None, T | None]]:
    """Pairs of one thing before and after (None where it was added or removed), in the new order, then the
    removed: by `ident` where they have one, else each old thing without an id with the new one whose `text`
    reads most alike, if alike enough. `old_by_id` and `new_ids` are the whole versions' (a statement keeps its
    id when it moves to another section); by default, those of `old` and `new`."""
    if old_by_id is None:
        old_by_id = {key: thing for thing in old if (key := ident(thing))}
    if new_ids is None:
        new_ids = {key for thing in new if (key := ident(thing))}
    pairs = {index: old_by_id[key] for index, thing in enumerate(new) if (key := ident(thing)) and key in old_by_id}
    # The most alike pairs first (then the nearest), so that an inserted thing does not take its neighbour's.
    candidates = sorted(((similarity(text(before), text(after)), -abs(position - index), position, index)
                         for position, before in enumerate(old) if not ident(before)
                         for index, after in enumerate(new) if not ident(after)), reverse=True)
    taken: set[int] = set()
    for ratio, _, position, index in candidates:
        if ratio >= SIMILAR and position not in taken and index not in pairs:
            pairs[index] = old[position]
            taken.add(position)
    kept = {id(thing) for thing in pairs.values()}
    return [*((pairs.get(index), thing) for index, thing in enumerate(new)),
            *((thing, None) for thing in old
              if id(thing) not in kept and not ((key := ident(thing)) and key in new_ids))]


Row = tuple[str, ...]


def matched_rows(old: Sequence[Row], new: Sequence[Row]) -> list[tuple[Row | None, Row | None]]:
    """Rows paired by their first cell (a row's label), else by position among those left."""
    firsts = {row[0] for row in new if row}
    by_first = {row[0]: row for row in old if row and row[0] in firsts}
    loose = [row for row in old if not row or row[0] not in by_first]
    pairs: list[tuple[Row | None, Row | None]] = []
    for row in new:
        if row and row[0] in by_first:
            pairs.append((by_first.pop(row[0]), row))
        else:
            pairs.append((loose.pop(0) if loose else None, row))
    return [*pairs, *((row, None) for row in loose)]
