"""A tailored briefing → a sequence of slides (spread over continuation slides that fit by `spreading`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from briefgen.content.richtext import escaped
from briefgen.content.terms import used_terms
from briefgen.errors import FieldPath
from briefgen.views.chart import Chart
from briefgen.views.tailored_briefing import (
    Statement,
    TailoredBriefing,
    TailoredCallout,
    TailoredFigure,
    TailoredPole,
    TailoredSection,
    TailoredTable,
    TailoredTensions,
    TailoredText,
)

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
    """title, bullets, contrast, statement, quote, text, table, chart, figure or references."""
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
    figure: TailoredFigure | None = None
    """A section's first figure, on its first slide only; or the figure a `figure` slide shows."""
    chart: Chart | None = None
    """A table's chart, on a slide of its own in place of the table (the brief has both)."""
    reference_groups: tuple[ReferenceGroup, ...] = ()
    notes: str | None = None
    per_slide: int | None = None
    """The most statements a slide of its section may hold: its `slides.per_slide`, or 1 for a statement layout."""
    continued: bool = False
    shrink: int = 0
    """Steps its text is set smaller (0 to MAX_SHRINK), when spreading could not make it fit."""
    title_shrink: int = 0
    """Steps its title is set smaller: the most of any slide that shares its title (see `numbered`), so that a
    section's slides show their title at one size."""
    clipped: bool = False
    """Too long even at the smallest step: cut at the slide's edge, and marked so in the HTML deck."""
    position: tuple[int, int] | None = None
    """(k, n) when n slides share its title (a section's continuations, its table): shown after the title so
    that each slide's title is unique, as screen readers and PowerPoint's outline need (see `numbered`)."""

    @property
    def speaker_notes(self) -> tuple[str, ...]:
        """Its notes as paragraphs: the section's, then the text of each statement its title stands for."""
        texts = [f"**{item.title}{'' if item.title[-1] in '.?!:' else '.'}** {item.text}"
                 for item in self.items if item.detail_in_notes and item.title]
        return (*([self.notes] if self.notes else []), *texts)

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
    """The deck: title, key messages, one slide (or more) per section, actions, the glossary's terms it uses,
    then the works the deck cites (`references`, as the renderer formatted and ordered them) and
    `further_reading`. A table, and a statement's figure, has a slide of its own after the slides of the
    statements it belongs to."""
    slides = [Slide("title", brief.title, (), notes=brief.deck.notes)]
    in_notes = brief.deck.detail == "notes"
    if brief.deck.key_messages and brief.key_messages:
        slides.append(Slide("bullets", "Key messages", ("key_messages",),
                            items=_detailed(brief.key_messages, in_notes)))
        slides.extend(_shown_slides("Key messages", brief.key_messages))
    for section in brief.sections:
        if section.slides.include and section.only != "brief":
            slides.extend(_section_slides(section, in_notes))
    if brief.deck.actions and brief.actions:
        slides.append(Slide("bullets", brief.audience.heading, ("audiences", brief.audience.key, "actions"),
                            intro=brief.audience.framing, items=_detailed(brief.actions, in_notes)))
        slides.extend(_shown_slides(brief.audience.heading, brief.actions))
    if brief.deck.glossary:
        slides.extend(_glossary_slides(brief.glossary, slides))
    groups = tuple(ReferenceGroup(heading, source, tuple(works)) for heading, source, works in
                   (("References", "references", references),
                    ("Further reading", "further_reading", further_reading)) if works)
    if groups:
        slides.append(Slide("references", "References", ("references",), reference_groups=groups))
    return slides


def _glossary_slides(glossary: Sequence[tuple[str, str]], slides: Sequence[Slide]) -> list[Slide]:
    """A slide of the glossary's terms the slides use, each with what it means, set as the references are (a
    deck has no page to link a term to, and its back matter is not counted against its budget)."""
    definitions = dict(glossary)
    used = used_terms((text for slide in slides for text in _shown_texts(slide)), list(definitions))
    if not used:
        return []
    return [Slide("references", "Glossary", ("glossary",),
                  paragraphs=tuple(f"**{term}**: {definitions[term]}" for term in used))]


def _shown_texts(slide: Slide) -> Iterator[str]:
    """The text a slide shows, as written (inline Markdown)."""
    yield slide.title
    yield from ([slide.intro] if slide.intro else [])
    yield from slide.paragraphs
    for item in (*slide.items, *(factor for pole in slide.poles or () for factor in pole.items)):
        yield item.on_slides
        yield from (point.text for point in item.points)
    yield from (callout.on_slides for callout in slide.callouts)
    yield from (cell for row in slide.rows for cell in row)


def _detailed(items: Sequence[Statement], in_notes: bool) -> tuple[Statement, ...]:
    """The statements as the slides show them: with `deck.detail: notes`, those with a title and no slide text of
    their own stand on the slide by their title and points, their text in the speaker notes."""
    return tuple(replace(item, detail_in_notes=True) if in_notes and item.title and not item.slide_text else item
                 for item in items)


def _section_slides(section: TailoredSection, in_notes: bool) -> list[Slide]:
    options = section.slides
    items = _detailed(section.items, in_notes)
    layout = options.layout or _LAYOUT_OF_KIND.get(section.kind, "bullets")
    title = options.title or section.title
    own = section.slide_text  # `slides.text`: in place of a text section's body, or of another's introduction
    intro = section.intro if isinstance(section, TailoredText) else own or section.intro
    paragraphs = _blocks(own or section.body) if isinstance(section, TailoredText) else ()
    base = Slide(layout, title, section.source, intro=intro,
                 poles=section.contrast if isinstance(section, TailoredTensions) else None, paragraphs=paragraphs,
                 figure=section.figures[0] if section.figures else None, notes=options.notes)
    if not (items or intro or paragraphs or base.poles or base.figure or section.callouts or section.table):
        return []  # everything in it is for other audiences: no slide of a title alone
    per_slide = 1 if layout == "statement" else options.per_slide
    base = replace(base, per_slide=per_slide)
    if not per_slide or len(items) <= per_slide:
        slides = [replace(base, items=items)]
    else:
        chunks = [items[i:i + per_slide] for i in range(0, len(items), per_slide)]
        slides = [replace(base, items=chunk, intro=base.intro if n == 0 else None,
                          figure=base.figure if n == 0 else None, continued=n > 0)
                  for n, chunk in enumerate(chunks)]
    slides[-1] = replace(slides[-1], callouts=section.callouts)
    return [*slides, *_shown_slides(title, section.items, section.table, section.figures[1:])]


def _shown_slides(title: str, statements: Sequence[Statement], table: TailoredTable | None = None,
                  figures: Sequence[TailoredFigure] = ()) -> list[Slide]:
    """A slide for the table and for each figure of each of `statements`, then for `table` and `figures` (a
    section's own): a table's chart, titled by its caption, with the chart's description in the speaker notes,
    if it has one."""
    shown = [*((statement.table, statement.figures) for statement in statements), (table, tuple(figures))]
    return [slide for table, figures in shown for slide in (
        *([] if table is None else _chart_slides(table, table.chart) if table.chart is not None else
          [Slide("table", title, table.source, table=table, rows=table.rows)]),
        *(Slide("figure", title, figure.source, figure=figure) for figure in figures))]


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
    """The slides with their `position` among the slides that share their title, and that title's size."""
    counts = Counter(slide.title for slide in slides)
    steps: dict[str, int] = {}
    for slide in slides:
        steps[slide.title] = max(steps.get(slide.title, 0), slide.shrink)
    seen: Counter[str] = Counter()
    numbered = []
    for slide in slides:
        seen[slide.title] += 1
        shared = counts[slide.title] > 1
        numbered.append(replace(slide, position=(seen[slide.title], counts[slide.title]) if shared else None,
                                title_shrink=steps[slide.title]))
    return numbered


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
