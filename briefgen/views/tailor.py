"""A validated Briefing and one variant → what that variant's readers see (views/tailored_briefing.py): what is
limited to others is dropped, rewordings are applied. Sections keep their kind, so templates and the deck
planner dispatch on it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.content.citations import appended
from briefgen.content.figure_model import Figure
from briefgen.content.library import Library
from briefgen.content.model import (
    Briefing,
    Item,
    Point,
    Pole,
    SectionBase,
    TensionsSection,
    TextSection,
    Wording,
)
from briefgen.content.numbers import aligns_as_number
from briefgen.content.table_model import Table
from briefgen.content.targets import Target, targets
from briefgen.errors import FieldPath
from briefgen.views.audience import audiences_of
from briefgen.views.charting import chart_of
from briefgen.views.tailored_briefing import (
    CrossReference,
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
from briefgen.views.totals import total_row
from briefgen.views.variant import Variant


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


