"""A tailored briefing → a sequence of slides; and a slide whose content overflows → continuation slides."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from briefgen.content.model import Figure
from briefgen.content.references import Reference
from briefgen.errors import FieldPath
from briefgen.views.tailor import (
    Statement,
    TailoredBriefing,
    TailoredPole,
    TailoredSection,
    TailoredTensions,
    TailoredText,
)

T = TypeVar("T")

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"^(?=[-*+][ \t])|(?<=\n)(?=[-*+][ \t])")
"""Where a bulleted list's items start: at the start of a line (not indented, so nested lists stay)."""
_LAYOUT_OF_KIND = {"tensions": "contrast", "text": "text"}
"""A section's slide layout when its `slides.layout` does not say; `bullets` for the other kinds."""


MAX_SHRINK = 2
"""Steps a slide's text may be set smaller (templates/css/slides.css: never below 24 px, 18 pt)."""


@dataclass(frozen=True)
class ReferenceGroup:
    heading: str
    source: str
    """The list it comes from: `references` or `further_reading`."""
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Slide:
    """One slide; text fields are inline Markdown, rendered by the template."""

    layout: str
    """title, bullets, contrast, statement, quote, text or references."""
    title: str
    source: FieldPath
    """Where the slide's content is written, for overflow warnings."""
    intro: str | None = None
    items: tuple[Statement, ...] = ()
    poles: tuple[TailoredPole, TailoredPole] | None = None
    paragraphs: tuple[str, ...] = ()
    """A text section's body, as Markdown blocks (paragraphs, lists): spreading splits between them."""
    figure: Figure | None = None
    """Shown on the first slide of a section only."""
    reference_groups: tuple[ReferenceGroup, ...] = ()
    notes: str | None = None
    continued: bool = False
    shrink: int = 0
    """Steps its text is set smaller (0 to MAX_SHRINK), when spreading could not make it fit."""
    clipped: bool = False
    """Too long even at the smallest step: cut at the slide's edge, and marked so in the HTML deck."""

    def parts(self) -> list[tuple[str, FieldPath, bool]]:
        """What the slide shows that a reader could find too long, in reading order: (the id suffix its
        element carries in the deck, where it is written, whether spreading can move it to another slide)."""
        parts: list[tuple[str, FieldPath, bool]] = [("title", (*self.source, "title"), False)]
        if self.intro:
            parts.append(("intro", (*self.source, "intro"), False))
        parts.extend((f"paragraph-{index}", (*self.source, "body"), True)
                     for index in range(1, len(self.paragraphs) + 1))
        for number, pole in enumerate(self.poles or (), start=1):
            parts.extend((f"pole-{number}-item-{index}", item.source, False)
                         for index, item in enumerate(pole.items, start=1))
        parts.extend((f"item-{index}", item.source, True) for index, item in enumerate(self.items, start=1))
        parts.extend((f"ref-{ref.id}", (group.source,), True)
                     for group in self.reference_groups for ref in group.references)
        return parts


def plan(brief: TailoredBriefing) -> list[Slide]:
    """The deck: title, key messages, one slide (or more) per section, actions, references."""
    slides = [Slide("title", brief.title, (), notes=brief.deck.notes)]
    if brief.deck.key_messages and brief.key_messages:
        slides.append(Slide("bullets", "Key messages", ("key_messages",), items=brief.key_messages))
    for section in brief.sections:
        if section.slides.include and section.only != "brief":
            slides.extend(_section_slides(section))
    if brief.deck.actions and brief.actions:
        slides.append(Slide("bullets", brief.audience.heading, ("audiences", brief.variant.name, "actions"),
                            intro=brief.audience.framing, items=brief.actions))
    groups = tuple(ReferenceGroup(heading, source, refs) for heading, source, refs in
                   (("References", "references", brief.references),
                    ("Further reading", "further_reading", brief.further_reading)) if refs)
    if groups:
        slides.append(Slide("references", "References", ("references",), reference_groups=groups))
    return slides


def _section_slides(section: TailoredSection) -> list[Slide]:
    options = section.slides
    layout = options.layout or _LAYOUT_OF_KIND.get(section.kind, "bullets")
    base = Slide(layout, options.title or section.title, section.source, intro=section.intro,
                 poles=section.contrast if isinstance(section, TailoredTensions) else None,
                 paragraphs=_blocks(section.body) if isinstance(section, TailoredText) else (),
                 figure=section.figure, notes=options.notes)
    per_slide = 1 if layout == "statement" else options.per_slide
    if not per_slide or len(section.items) <= per_slide:
        return [replace(base, items=section.items)]
    chunks = [section.items[i:i + per_slide] for i in range(0, len(section.items), per_slide)]
    return [replace(base, items=chunk, intro=base.intro if n == 0 else None,
                    figure=base.figure if n == 0 else None, continued=n > 0)
            for n, chunk in enumerate(chunks)]


def spread_overflowing(slides: list[Slide], room: Mapping[int, float]) -> list[Slide] | None:
    """Spread each run (a slide and its continuations) holding an overflowing slide over as many slides as
    its paragraphs, items and references need, judged by `room`: overflowing slide index → how much text
    (in `weight`s) its body has room for, as measured in a layout (0 if unknown; if no slide of the run
    knows, one entry a slide). Each slide of the run gets an even share of the text, so long and short
    statements are not one a slide. Returns None when no overflowing slide can be spread any further:
    each holds one entry, or a contrast.
    """
    result: list[Slide] = []
    spread_any = False
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        entries = _movable(run)
        # Only a slide holding more than one entry gains from spreading: one too long alone is set smaller.
        rooms = [room[index] for index in indices if index in room and len(movable(slides[index])) > 1]
        measured = [size for size in rooms if size > 0]  # a slide whose first entry alone is too long says none
        if rooms and len(entries) > len(run):
            total = sum(map(weight, entries))
            needed = math.ceil(total / min(measured)) if measured else len(entries)
            result.extend(_spread(run, min(max(needed, len(run) + 1), len(entries))))
            spread_any = True
        else:
            result.extend(run)
    return result if spread_any else None


def spread_as_before(slides: list[Slide], known: Mapping[str, int], context: str) -> list[Slide]:
    """Spread each run whose content needed more slides in an earlier build (see `run_sizes`) over that many
    at once. Spreading depends only on a run's content and its number of slides, so the deck is the one
    the overflow checks would reach, with fewer layouts on the way."""
    result: list[Slide] = []
    for indices in _runs(slides):
        run = [slides[index] for index in indices]
        parts = min(known.get(_fingerprint(run, context), len(run)), len(_movable(run)))  # a manifest is input
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


def _blocks(markdown: str) -> tuple[str, ...]:
    """Markdown split into what a slide may break between: each paragraph, and each item of a bulleted
    list. (A numbered list stays whole: split, each part would be numbered from 1 again.)"""
    blocks = (block.strip() for block in _BLANK_LINE.split(markdown) if block.strip())
    return tuple(part.strip() for block in blocks
                 for part in (_BULLET.split(block) if _BULLET.match(block) else [block]) if part.strip())


Movable = str | Statement | tuple["ReferenceGroup", Reference]
"""What spreading moves between slides: a paragraph, a statement, a reference with its group."""


def movable(slide: Slide) -> list[Movable]:
    """The slide's paragraphs, statements and references, in order: what spreading moves."""
    return _movable([slide])


def _movable(run: list[Slide]) -> list[Movable]:
    """The run's paragraphs, statements and references, in order."""
    return [*(block for slide in run for block in slide.paragraphs), *(item for slide in run for item in slide.items),
            *_references(run)]


def weight(entry: Movable) -> int:
    """About how much room an entry takes: its characters, and a line's worth for its own spacing."""
    if isinstance(entry, Statement):
        return len(entry.text) + _LINE
    if isinstance(entry, str):
        return len(entry) + _LINE
    _, ref = entry
    return (len(ref.title) + sum(len(str(name)) for name in ref.authors) + len(ref.container or "")
            + len(ref.doi or ref.url or "") + _LINE)


_LINE = 40
"""Characters a line's spacing is worth, between entries."""





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
    chunks = _even_chunks(_movable(run), parts, weight)  # paragraphs and statements: a run has no references
    return [replace(first, paragraphs=tuple(entry for entry in chunk if isinstance(entry, str)),
                    items=tuple(entry for entry in chunk if isinstance(entry, Statement)))
            if n == 0 else
            replace(first, paragraphs=tuple(entry for entry in chunk if isinstance(entry, str)),
                    items=tuple(entry for entry in chunk if isinstance(entry, Statement)), intro=None, poles=None,
                    figure=None, continued=True, notes=None)
            for n, chunk in enumerate(chunks)]


def _references(run: list[Slide]) -> list[tuple[ReferenceGroup, Reference]]:
    """Every reference on the run's slides, with its group."""
    return [(group, ref) for slide in run for group in slide.reference_groups for ref in group.references]


def _regroup(entries: list[tuple[ReferenceGroup, Reference]]) -> tuple[ReferenceGroup, ...]:
    groups: list[ReferenceGroup] = []
    for group, ref in entries:
        if groups and groups[-1].heading == group.heading:
            groups[-1] = replace(groups[-1], references=(*groups[-1].references, ref))
        else:
            groups.append(replace(group, references=(ref,)))
    return tuple(groups)
