"""What one variant's readers get of a briefing: the TailoredBriefing `views.tailor` makes, its sections of each
kind, statements, tables, figures and call-outs, each with where it is written; and its tables and figures
numbered as that audience reads them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from briefgen.content.deck_model import DeckOptions
from briefgen.content.library import Work
from briefgen.content.model import Author, SlideOptions
from briefgen.errors import FieldPath
from briefgen.views.audience import Audience
from briefgen.views.chart import Chart
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
