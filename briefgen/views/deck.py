"""A tailored briefing → a sequence of slides; and a slide whose content overflows → continuation slides."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from briefgen.content.figure_model import Figure
from briefgen.content.richtext import escaped
from briefgen.errors import FieldPath
from briefgen.views.chart import Chart
from briefgen.views.tailor import (
    Statement,
    TailoredBriefing,
    TailoredCallout,
    TailoredPole,
    TailoredSection,
    TailoredTable,
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
CHART_CATEGORIES_PER_SLIDE, CHART_BARS_PER_SLIDE = 6, 12
"""Categories (bars or dots) a chart's slide names, and bars it draws: more overflow chart_svg's SLIDE frame."""


@dataclass(frozen=True)
class ListedWork:
    """A work on the references slide: its id, and its entry as the renderer formatted it (HTML)."""

    id: str
    entry: str
    number: int | None = None
    """Its number, when the style cites works by number."""


@dataclass(frozen=True)
class ReferenceGroup:
    heading: str
    source: str
    """The list it comes from: `references` or `further_reading`."""
    references: tuple[ListedWork, ...]


@dataclass(frozen=True)
class Slide:
    """One slide; text fields are inline Markdown, rendered by the template."""

    layout: str
    """title, bullets, contrast, statement, quote, text, table, chart or references."""
    title: str
    source: FieldPath
    """Where the slide's content is written, for overflow warnings."""
    intro: str | None = None
    items: tuple[Statement, ...] = ()
    poles: tuple[TailoredPole, TailoredPole] | None = None
    paragraphs: tuple[str, ...] = ()
    """A text section's body, as Markdown blocks (paragraphs, lists): spreading splits between them."""
    callouts: tuple[TailoredCallout, ...] = ()
    """Boxed notes, after the items."""
    table: TailoredTable | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    """The rows of `table` this slide shows: spreading splits a table between rows."""
    figure: Figure | None = None
    """Shown on the first slide of a section only."""
    chart: Chart | None = None
    """A table's chart, on a slide of its own in place of the table (the brief has both)."""
    reference_groups: tuple[ReferenceGroup, ...] = ()
    notes: str | None = None
    continued: bool = False
    shrink: int = 0
    """Steps its text is set smaller (0 to MAX_SHRINK), when spreading could not make it fit."""
    clipped: bool = False
    """Too long even at the smallest step: cut at the slide's edge, and marked so in the HTML deck."""
    position: tuple[int, int] | None = None
    """(k, n) when n slides share its title (a section's continuations, its table): shown after the title so
    that each slide's title is unique, as screen readers and PowerPoint's outline need (see `numbered`)."""

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
        parts.extend((f"callout-{index}", callout.source, True)
                     for index, callout in enumerate(self.callouts, start=1))
        if self.table is not None:
            parts.extend((f"table-row-{index}", self.table.source, True) for index in range(1, len(self.rows) + 1))
        parts.extend((f"ref-{ref.id}", (group.source,), True)
                     for group in self.reference_groups for ref in group.references)
        return parts


def plan(brief: TailoredBriefing, references: Sequence[ListedWork] = (), further_reading: Sequence[ListedWork] = ()
         ) -> list[Slide]:
    """The deck: title, key messages, one slide (or more) per section, actions, then the works the deck
    cites (`references`, as the renderer formatted and ordered them) and `further_reading`. A table has a
    slide of its own after the slides of the statements it belongs to."""
    slides = [Slide("title", brief.title, (), notes=brief.deck.notes)]
    if brief.deck.key_messages and brief.key_messages:
        slides.append(Slide("bullets", "Key messages", ("key_messages",), items=brief.key_messages))
        slides.extend(_table_slides("Key messages", brief.key_messages, None))
    for section in brief.sections:
        if section.slides.include and section.only != "brief":
            slides.extend(_section_slides(section))
    if brief.deck.actions and brief.actions:
        slides.append(Slide("bullets", brief.audience.heading, ("audiences", brief.audience.key, "actions"),
                            intro=brief.audience.framing, items=brief.actions))
        slides.extend(_table_slides(brief.audience.heading, brief.actions, None))
    groups = tuple(ReferenceGroup(heading, source, tuple(works)) for heading, source, works in
                   (("References", "references", references),
                    ("Further reading", "further_reading", further_reading)) if works)
    if groups:
        slides.append(Slide("references", "References", ("references",), reference_groups=groups))
    return slides


def _section_slides(section: TailoredSection) -> list[Slide]:
    options = section.slides
    layout = options.layout or _LAYOUT_OF_KIND.get(section.kind, "bullets")
    title = options.title or section.title
    own = section.slide_text  # `slides.text`: in place of a text section's body, or of another's introduction
    intro = section.intro if isinstance(section, TailoredText) else own or section.intro
    paragraphs = _blocks(own or section.body) if isinstance(section, TailoredText) else ()
    base = Slide(layout, title, section.source, intro=intro,
                 poles=section.contrast if isinstance(section, TailoredTensions) else None, paragraphs=paragraphs,
                 figure=section.figure, notes=options.notes)
    per_slide = 1 if layout == "statement" else options.per_slide
    if not per_slide or len(section.items) <= per_slide:
        slides = [replace(base, items=section.items)]
    else:
        chunks = [section.items[i:i + per_slide] for i in range(0, len(section.items), per_slide)]
        slides = [replace(base, items=chunk, intro=base.intro if n == 0 else None,
                          figure=base.figure if n == 0 else None, continued=n > 0)
                  for n, chunk in enumerate(chunks)]
    slides[-1] = replace(slides[-1], callouts=section.callouts)
    return [*slides, *_table_slides(title, section.items, section.table)]


def _table_slides(title: str, statements: Sequence[Statement], table: TailoredTable | None) -> list[Slide]:
    """A slide for each table of `statements`, then one for `table` (a section's own): its chart, titled by its
    caption, with the chart's description in the speaker notes, if it has one."""
    tables = [*(statement.table for statement in statements if statement.table is not None),
              *([table] if table is not None else [])]
    return [slide for table in tables for slide in (
        _chart_slides(table, table.chart) if table.chart is not None else
        [Slide("table", title, table.source, table=table, rows=table.rows)])]


def _chart_slides(table: TailoredTable, chart: Chart) -> list[Slide]:
    """A chart's slides, each titled by the table's caption, its description in the speaker notes: one, or for
    bars and dots of more categories than a slide can name at its text's size, as many as share them evenly."""
    per_slide = max(1, min(CHART_CATEGORIES_PER_SLIDE, CHART_BARS_PER_SLIDE // chart.bars))
    parts = chart.split(1 if chart.kind == "line" else math.ceil(len(chart.categories) / per_slide))
    return [Slide("chart", table.caption, table.source, chart=part, notes=escaped(chart.alt), continued=n > 0)
            for n, part in enumerate(parts)]


def charts(slides: Sequence[Slide]) -> dict[str, Chart]:
    """The deck's charts (a long one's parts, each of its slide) by their anchors."""
    return {slide.chart.id: slide.chart for slide in slides if slide.chart is not None}


def numbered(slides: list[Slide]) -> list[Slide]:
    """The slides with their `position` among the slides that share their title."""
    counts = Counter(slide.title for slide in slides)
    seen: Counter[str] = Counter()
    numbered = []
    for slide in slides:
        seen[slide.title] += 1
        shared = counts[slide.title] > 1
        numbered.append(replace(slide, position=(seen[slide.title], counts[slide.title]) if shared else None))
    return numbered


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


def _blocks(markdown: str) -> tuple[str, ...]:
    """Markdown split into what a slide may break between: each paragraph, and each item of a bulleted
    list. (A numbered list stays whole: split, each part would be numbered from 1 again.) A paragraph that
    ends with a colon stays with the first item of the list it introduces."""
    blocks = (block.strip() for block in _BLANK_LINE.split(markdown) if block.strip())
    parts = [part.strip() for block in blocks
             for part in (_BULLET.split(block) if _BULLET.match(block) else [block]) if part.strip()]
    glued: list[str] = []
    for part in parts:
        if glued and glued[-1].endswith(":") and _BULLET.match(part):
            glued[-1] = f"{glued[-1]}\n\n{part}"
        else:
            glued.append(part)
    return tuple(glued)


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
