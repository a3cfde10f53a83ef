"""Two versions of a briefing → each changed item once, with the readers it changed for: every variant of each
version tailored, and the changes of each reader's editions gathered by item."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.content import revisions as git_revisions
from briefgen.content.sources import Source, load_sources
from briefgen.errors import ContentError, Problem, UsageError
from briefgen.views.changes import Change, changes
from briefgen.views.matching import Segment, in_context
from briefgen.views.tailored import tailored
from briefgen.views.tailored_briefing import TailoredBriefing
from briefgen.views.variant import variants_of


@dataclass(frozen=True)
class Reading:
    """How an item changed for some readers: those who see the same change."""

    status: str
    lines: tuple[tuple[Segment, ...], ...]
    audiences: tuple[str, ...]
    """The names of the variants (`gp`; `QHM/gp` with editions) whose readers see this change."""


@dataclass(frozen=True)
class ChangedItem:
    item: str
    readings: tuple[Reading, ...]
    """One for each way it changed: a statement reworded for one audience can change differently for it."""

    def status_for(self, audience: str) -> str | None:
        """`added`, `removed` or `changed` for this audience's readers; None if it did not change for them."""
        return next((reading.status for reading in self.readings if audience in reading.audiences), None)


@dataclass(frozen=True)
class Comparison:
    audiences: tuple[tuple[str, str], ...]
    """(name, label) of every variant of either version, in the new version's order."""
    items: tuple[ChangedItem, ...]


def every_variant(source: Source) -> dict[str, TailoredBriefing]:
    """Each variant's tailored briefing, by the variant's name."""
    return {variant.name: tailored(source, variant) for variant in variants_of(source.briefing, source.editions)}


def compare(old: Source | None, new: Source | None) -> Comparison:
    """What changed from `old` to `new` (None: the briefing did not exist), for whom."""
    before = every_variant(old) if old else {}
    after = every_variant(new) if new else {}
    names = [*after, *(name for name in before if name not in after)]
    labels = {name: briefing.variant.label for name, briefing in {**before, **after}.items()}
    by_item: dict[str, dict[tuple[str, tuple[tuple[Segment, ...], ...]], list[str]]] = {}
    for name in names:
        for change in changes(before.get(name), after.get(name)):
            by_item.setdefault(change.item, {}).setdefault(_how(change), []).append(name)
    items = tuple(ChangedItem(item, tuple(Reading(status, lines, tuple(audiences))
                                          for (status, lines), audiences in readings.items()))
                  for item, readings in by_item.items())
    return Comparison(tuple((name, labels[name]) for name in names), items)


def _how(change: Change) -> tuple[str, tuple[tuple[Segment, ...], ...]]:
    """How `change` reads, its long unchanged runs cut: readers whose wordings differ only away from the change
    see the same change, and are named together."""
    return change.status, tuple(map(in_context, change.lines))


def versions_compared(paths: Sequence[Path], revisions: str | None, content: Path
                      ) -> tuple[str, list[tuple[str, Comparison]]]:
    """What `briefgen diff` compares, titled: two content files, or `paths` (default: the `content` folder) at
    the revisions `A..B` of the git repository that holds them."""
    if revisions is None:
        if len(paths) != 2:
            raise UsageError("diff takes two content files, OLD NEW, or --rev A..B [CONTENT...]")
        title = f"{paths[0]} → {paths[1]}"
        return title, compared({title: paths[0]}, {title: paths[1]})
    old, new = git_revisions.revision_range(revisions)
    with tempfile.TemporaryDirectory(prefix="briefgen-diff-") as scratch:
        exports = {Path(scratch) / "old": old, Path(scratch) / "new": new}
        before, after = (git_revisions.exported(list(paths) or [content], revision, into)
                         for into, revision in exports.items())
        try:
            return f"{old}..{new}", compared({str(name): path for name, path in before.items()},
                                             {str(name): path for name, path in after.items()})
        except ContentError as exc:
            raise git_revisions.as_written(exc, exports) from None


def compared(old: dict[str, Path], new: dict[str, Path]) -> list[tuple[str, Comparison]]:
    """Content files before and after, by a name that pairs them (their path in the repository) → each pair's
    comparison, by that name; the content errors of both sides reported together."""
    problems: list[Problem] = []
    sides = []
    for files in (old, new):
        try:
            sides.append({name: source for name, source in zip(files, load_sources(list(files.values())),
                                                               strict=True)})
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    before, after = sides
    return [(name, compare(before.get(name), after.get(name))) for name in [*new, *(n for n in old if n not in new)]]
