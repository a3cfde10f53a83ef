"""A validated Briefing and one variant → what that variant's readers see: what is limited to others is
dropped, rewordings are applied. Sections keep their kind, so templates and the deck planner dispatch on it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from briefgen.content.citations import appended
from briefgen.content.deck_model import DeckOptions
from briefgen.content.figure_model import Figure
from briefgen.content.library import Library, Work
from briefgen.content.model import (
    Author,
    Briefing,
    Item,
    Point,
    Pole,
    SectionBase,
    SlideOptions,
    TensionsSection,
    TextSection,
    Wording,
)
from briefgen.content.numbers import aligns_as_number
from briefgen.content.table_model import Table
from briefgen.content.targets import Target, targets
from briefgen.errors import FieldPath
from briefgen.views.audience import Audience, audiences_of
from briefgen.views.chart import Chart
from briefgen.views.charting import chart_of
from briefgen.views.totals import total_row
from briefgen.views.variant import Variant


@dataclass(frozen=True)
class CrossReference:
    """A `see:` link: its target, titled, and whether a reader of this edition can follow it."""

    target: str
    """The id of the statement, section, table or figure it points at (its anchor in the brief)."""
    title: str
    """The target's title (inline Markdown): a table's or figure's caption, said where its number cannot be."""
    elsewhere: tuple[str, ...] = ()
    """When this edition's readers cannot read the target: the labels of the audiences who can."""
    only: str | None = None
    """`brief` or `slides` when the target is shown in that document alone."""
    kind: str = "statement"
    """`statement`, `section`, `table` or `figure`: a link to a table or figure says its number
    (`TailoredBriefing.label_of`)."""


@dataclass(frozen=True)
class TailoredTable:
    id: str | None
    """The id `see:` names it by, its anchor."""
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    """Each column's alignment: left, right or center."""
    row_headers: bool
    source_note: str | None
    """Where the figures come from (inline Markdown, usually a citation)."""
    source: FieldPath
    """Where the table is written, for messages about it."""
    chart: Chart | None = None
    """The chart of these rows, if the table has one."""
    total: tuple[str, ...] | None = None
    """Its total row, as this reader's rows add up (`views.totals`), if it has one."""


@dataclass(frozen=True)
class TailoredFigure:
    """A figure one variant's readers see: its image, and its text as they read it (inline Markdown)."""

    id: str | None
    """The id `see:` names it by, its anchor."""
    src: str
    alt: str | None
    decorative: bool
    caption: str | None
    source_note: str | None
    """Where the image comes from (inline Markdown, usually a citation)."""
    source: FieldPath
    """Where the figure is written, for messages about it."""


@dataclass(frozen=True)
class Statement:
    """A statement as one variant reads it (inline Markdown), and where it is written, for messages about it."""

    text: str
    source: FieldPath
    id: str | None = None
    title: str | None = None
    slide_text: str | None = None
    """Shorter text for slides, if the author wrote one."""
    points: tuple[Statement, ...] = ()
    see: tuple[CrossReference, ...] = ()
    table: TailoredTable | None = None
    figures: tuple[TailoredFigure, ...] = ()
    detail_in_notes: bool = False
    """On slides its title and points stand for it, its text in the speaker notes (`deck.detail: notes`)."""

    @property
    def on_slides(self) -> str:
        return "" if self.detail_in_notes else self.slide_text or self.text


@dataclass(frozen=True)
class TailoredCallout:
    tone: str
    title: str | None
    text: str
    """Markdown paragraphs and lists."""
    source: FieldPath
    slide_text: str | None = None
    """Shorter text for slides, if the author wrote one."""

    @property
    def on_slides(self) -> str:
        return self.slide_text or self.text


@dataclass(frozen=True)
class TailoredPole:
    label: str
    caption: str | None
    items: tuple[Statement, ...]


@dataclass(frozen=True)
class TailoredSection:
    """A section as one variant reads it; `kind` says which of the classes below it is."""

    id: str
    kind: str
    title: str
    intro: str | None
    items: tuple[Statement, ...]
    table: TailoredTable | None
    callouts: tuple[TailoredCallout, ...]
    figures: tuple[TailoredFigure, ...]
    slides: SlideOptions
    only: str | None
    """`brief` or `slides` when the section is shown in that document alone."""
    annex: bool
    source: FieldPath
    """Where the section is written, for messages about it."""
    slide_text: str | None
    """What its slides show in place of a text section's body or another's introduction (`slides.text`)."""


@dataclass(frozen=True)
class TailoredTensions(TailoredSection):
    contrast: tuple[TailoredPole, TailoredPole]


@dataclass(frozen=True)
class TailoredText(TailoredSection):
    body: str


@dataclass(frozen=True)
class TailoredBriefing:
    """What one variant's readers read: text fields are still inline Markdown, rendered by the templates."""

    slug: str
    variant: Variant
    audience: Audience
    """Its readers as the adapted briefing declares them: their framing and actions an edition's, quotes filled in."""
    title: str
    subtitle: str | None
    date: str | None
    version: str | None
    figures_as_at: str | None
    review_date: str | None
    date_format: str
    language: str
    organisation: str | None
    authors: tuple[Author, ...]
    contact: str | None
    summary: str | None
    actions: tuple[Statement, ...]
    key_messages: tuple[Statement, ...]
    sections: tuple[TailoredSection, ...]
    references: tuple[Work, ...]
    """The works text may cite (CSL-JSON): a document's reference list holds those it cites."""
    further_reading: tuple[Work, ...]
    citation_style: str
    abbreviations: tuple[tuple[str, str], ...]
    """(abbreviation, what it stands for), longest first so that "ICB" never matches inside "ICBs'"."""
    glossary: tuple[tuple[str, str], ...]
    """(term, what it means), as the briefing lists them."""
    deck: DeckOptions
    max_pages: int
    """The brief's page budget, its annex not counted."""
    budget_references: bool
    """Whether its reference lists count against `max_pages`."""
    max_slides: int
    """The deck's slide budget, its title and back matter (glossary, references) not counted."""

    @property
    def brief_sections(self) -> tuple[TailoredSection, ...]:
        """The sections of the brief's body, in order."""
        return tuple(section for section in self.sections if section.only != "slides" and not section.annex)

    @property
    def annex(self) -> tuple[TailoredSection, ...]:
        """The sections the brief prints after its references, outside its page budget."""
        return tuple(section for section in self.sections if section.only != "slides" and section.annex)

    @property
    def charts(self) -> dict[str, Chart]:
        """Every chart its readers see, by its anchor."""
        tables = [table for table, _ in self._shown()]
        return {table.chart.id: table.chart for table in tables if table is not None and table.chart is not None}

    @property
    def figures(self) -> list[TailoredFigure]:
        """Every figure its readers see, in the brief's order."""
        return [figure for _, figures in self._shown() for figure in figures]

    def label(self, shown: TailoredTable | TailoredFigure) -> str | None:
        """How a table or figure its readers see is numbered: "Table 2", "Figure 1" (a decorative figure is not)."""
        return self._labels.get(shown.source)

    def label_of(self, target: str) -> str | None:
        """The label of the table or figure whose id is `target`, if its readers see it."""
        return self._labels.get(self._sources_by_id.get(target, ()))

    @cached_property
    def _labels(self) -> dict[FieldPath, str]:
        """Each table and figure its readers see, by where it is written, numbered in the brief's order: a
        section only in the slides after the rest, so that the brief counts 1, 2, 3… and the deck keeps its
        numbers."""
        tables = [table for table, _ in self._shown() if table is not None]
        figures = [figure for figure in self.figures if not figure.decorative]
        return {**{table.source: f"Table {number}" for number, table in enumerate(tables, start=1)},
                **{figure.source: f"Figure {number}" for number, figure in enumerate(figures, start=1)}}

    @cached_property
    def _sources_by_id(self) -> dict[str, FieldPath]:
        return {shown.id: shown.source for table, figures in self._shown() for shown in (table, *figures)
                if shown is not None and shown.id is not None}

    def _shown(self) -> Iterator[tuple[TailoredTable | None, tuple[TailoredFigure, ...]]]:
        """The table and figures of each statement and section, in the brief's order (see `_labels`)."""
        for statement in (*self.key_messages, *self.actions):
            yield statement.table, statement.figures
        in_slides_only = tuple(section for section in self.sections if section.only == "slides")
        for section in (*self.brief_sections, *self.annex, *in_slides_only):
            for statement in section.items:
                yield statement.table, statement.figures
            yield section.table, section.figures


def tailor(briefing: Briefing, library: Library, slug: str, variant: Variant) -> TailoredBriefing:
    """The briefing (as the variant's axes adapted it: `views.variant.adapted`) cut and reworded for its audience."""
    # The variant's audience was read from the briefing as written; its framing and actions may quote an edition.
    audiences = {audience.key: audience for audience in audiences_of(briefing)}
    audience = audiences[variant.audience.key]
    tailoring = _Tailoring(audience.key, targets(briefing), {key: value.label for key, value in audiences.items()})
    return TailoredBriefing(
        slug=slug,
        variant=variant,
        audience=audience,
        title=str(tailoring.wording(briefing.title)),
        subtitle=tailoring.wording(briefing.subtitle),
        date=briefing.date, date_format=briefing.date_format, version=briefing.version,
        figures_as_at=briefing.figures_as_at, review_date=briefing.review_date,
        language=briefing.language,
        organisation=briefing.organisation,
        authors=tuple(briefing.authors),
        contact=tailoring.wording(briefing.contact),
        summary=tailoring.text(briefing.summary),
        actions=tailoring.statements(audience.actions, ("audiences", audience.key, "actions")),
        key_messages=tailoring.statements(briefing.key_messages, ("key_messages",)),
        sections=tuple(tailoring.section(section, ("sections", index))
                       for index, section in enumerate(briefing.sections)
                       if tailoring.targets[section.id].visible_to(audience.key)),
        references=library.cited,
        further_reading=library.further_reading,
        citation_style=briefing.citation_style,
        abbreviations=tuple(sorted(briefing.abbreviations.items(), key=lambda entry: -len(entry[0]))),
        glossary=tuple(briefing.glossary.items()),
        deck=briefing.deck,
        max_pages=audience.max_pages or briefing.max_pages, budget_references=briefing.budget_references,
        max_slides=audience.max_slides or briefing.deck.max_slides,
    )


@dataclass(frozen=True)
class _Tailoring:
    """What one audience reads of each part of a briefing."""

    audience: str
    targets: Mapping[str, Target]
    labels: Mapping[str, str]
    """Every audience's label, by name: to say whose edition holds a cross-reference's target."""

    def sees(self, limited_to: list[str] | None) -> bool:
        return limited_to is None or self.audience in limited_to

    def wording(self, wording: Wording | None) -> str | None:
        return wording.reworded.get(self.audience, wording.text) if wording is not None else None

    def text(self, item: Point | None) -> str | None:
        """The item's text as this audience reads it: reworded, with its additions and citations."""
        if item is None or not self.sees(item.audiences):
            return None
        text = self.wording(item)
        added = item.added.get(self.audience)
        return appended(f"{text} {added}" if added else str(text), item.cite)

    def statements(self, items: Sequence[Item], path: FieldPath) -> tuple[Statement, ...]:
        """The items this audience reads, each with its path below `path`."""
        return tuple(statement for index, item in enumerate(items)
                     if (statement := self.statement(item, (*path, index))) is not None)

    def statement(self, item: Item, path: FieldPath) -> Statement | None:
        text = self.text(item)
        if text is None:
            return None
        slide_text = self.wording(item.slide)
        points = tuple(Statement(point_text, (*path, "points", index)) for index, point in enumerate(item.points)
                       if (point_text := self.text(point)) is not None)
        return Statement(text, path, item.id, item.title, appended(slide_text, item.cite) if slide_text else None,
                         points, tuple(self.cross_reference(target) for target in item.see),
                         self.table(item.table, (*path, "table")),
                         self.figures(_listed(item.figures, (*path, "figures"))))

    def cross_reference(self, target_id: str) -> CrossReference:
        target = self.targets[target_id]
        if target.visible_to(self.audience):
            return CrossReference(target.id, target.title, only=target.only, kind=target.kind)
        readers = [label for name, label in self.labels.items() if target.visible_to(name)]
        return CrossReference(target.id, target.title, elsewhere=tuple(readers), only=target.only, kind=target.kind)

    def figures(self, written: Sequence[tuple[FieldPath, Figure]]) -> tuple[TailoredFigure, ...]:
        """The figures this audience sees of those `written` at these paths."""
        return tuple(TailoredFigure(figure.id, figure.src, figure.alt, figure.decorative, figure.caption,
                                    figure.source, path)
                     for path, figure in written if self.sees(figure.audiences))

    def table(self, table: Table | None, path: FieldPath) -> TailoredTable | None:
        if table is None or not self.sees(table.audiences):
            return None
        rows = tuple(tuple(row.cells) for row in table.rows if self.sees(row.audiences))
        if not rows:  # every row is for other audiences: a header alone says nothing
            return None
        align = tuple(table.align) if table.align else _alignment(rows)
        # A chart stands for its table in the brief: it takes the table's id, the anchor `see:` links to.
        chart = None if table.chart is None else chart_of(table.chart, table.header, rows, table.caption,
                                                          table.id or "chart-" + "-".join(map(str, path[:-1])))
        return TailoredTable(table.id, table.caption, tuple(table.header), rows, align, table.row_headers,
                             table.source, path, chart, total_row(table.total, rows, table.row_headers,
                                                                  len(table.header)))

    def section(self, section: SectionBase, source: FieldPath) -> TailoredSection:
        common = TailoredSection(
            id=section.id, kind=section.kind, title=section.title, intro=self.text(section.intro),
            items=self.statements(section.items, (*source, "items")),
            table=self.table(section.table, (*source, "table")),
            callouts=tuple(TailoredCallout(callout.tone, callout.title, callout.text, (*source, "callouts", index),
                                           callout.slide)
                           for index, callout in enumerate(section.callouts) if self.sees(callout.audiences)),
            figures=self.figures([*([((*source, "figure"), section.figure)] if section.figure else []),
                                  *_listed(section.figures, (*source, "figures"))]),
            slides=section.slides, only=section.only, annex=section.annex, source=source,
            slide_text=self.wording(section.slides.text) if section.slides.text else None)
        if isinstance(section, TensionsSection):
            contrast = (self.pole(section.contrast.left, (*source, "contrast", "left")),
                        self.pole(section.contrast.right, (*source, "contrast", "right")))
            return TailoredTensions(**vars(common), contrast=contrast)
        if isinstance(section, TextSection):
            return TailoredText(**vars(common), body=section.body)
        return common

    def pole(self, pole: Pole, path: FieldPath) -> TailoredPole:
        return TailoredPole(pole.label, pole.caption, self.statements(pole.items, (*path, "items")))


def _listed(figures: Sequence[Figure], path: FieldPath) -> list[tuple[FieldPath, Figure]]:
    return [((*path, index), figure) for index, figure in enumerate(figures)]


def _alignment(rows: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Right for each column whose every cell is a number (so digits line up), left for the rest."""
    columns = zip(*rows, strict=True)
    return tuple("right" if all(aligns_as_number(cell) for cell in column) and any(column) else "left"
                 for column in columns)


