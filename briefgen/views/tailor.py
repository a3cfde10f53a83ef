"""A validated Briefing and one variant → what that variant's readers see: what is limited to others is
dropped, rewordings are applied. Sections keep their kind, so templates and the deck planner dispatch on it."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.model import (
    Author,
    Briefing,
    DeckOptions,
    Figure,
    Item,
    Pole,
    SectionBase,
    SlideOptions,
    TensionsSection,
    TextSection,
)
from briefgen.content.references import Reference
from briefgen.errors import FieldPath
from briefgen.views.variant import Audience, Variant


@dataclass(frozen=True)
class Statement:
    """A statement as one variant reads it (inline Markdown), and where it is written, for messages about it."""

    text: str
    source: FieldPath


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
    figure: Figure | None
    slides: SlideOptions
    only: str | None
    """`brief` or `slides` when the section is shown in that document alone."""
    annex: bool
    source: FieldPath
    """Where the section is written, for messages about it."""


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
    title: str
    subtitle: str | None
    date: str | None
    language: str
    organisation: str | None
    authors: tuple[Author, ...]
    contact: str | None
    summary: str | None
    actions: tuple[Statement, ...]
    key_messages: tuple[Statement, ...]
    sections: tuple[TailoredSection, ...]
    references: tuple[Reference, ...]
    further_reading: tuple[Reference, ...]
    deck: DeckOptions
    max_pages: int
    """The brief's page budget, its annex not counted."""

    @property
    def audience(self) -> Audience:
        return self.variant.audience

    @property
    def brief_sections(self) -> tuple[TailoredSection, ...]:
        """The sections of the brief's body, in order."""
        return tuple(section for section in self.sections if section.only != "slides" and not section.annex)

    @property
    def annex(self) -> tuple[TailoredSection, ...]:
        """The sections the brief prints after its references, outside its page budget."""
        return tuple(section for section in self.sections if section.only != "slides" and section.annex)


def tailor(briefing: Briefing, slug: str, variant: Variant) -> TailoredBriefing:
    key = variant.audience.key
    return TailoredBriefing(
        slug=slug,
        variant=variant,
        title=briefing.title,
        subtitle=briefing.subtitle,
        date=briefing.date,
        language=briefing.language,
        organisation=briefing.organisation,
        authors=tuple(briefing.authors),
        contact=briefing.contact,
        summary=_text(briefing.summary, key),
        actions=_statements(variant.audience.actions, key, ("audiences", key, "actions")),
        key_messages=_statements(briefing.key_messages, key, ("key_messages",)),
        sections=tuple(_section(section, ("sections", index), key)
                       for index, section in enumerate(briefing.sections) if _visible(section.audiences, key)),
        references=tuple(briefing.references),
        further_reading=tuple(briefing.further_reading),
        deck=briefing.deck,
        max_pages=variant.audience.max_pages or briefing.max_pages,
    )


def _visible(limited_to: list[str] | None, audience: str) -> bool:
    return limited_to is None or audience in limited_to


def _text(item: Item | None, audience: str) -> str | None:
    if item is None or not _visible(item.audiences, audience):
        return None
    return item.reworded.get(audience, item.text)


def _statements(items: tuple[Item, ...] | list[Item], audience: str, path: FieldPath) -> tuple[Statement, ...]:
    """The items `audience` reads, each with its path below `path`."""
    return tuple(Statement(text, (*path, index)) for index, item in enumerate(items)
                 if (text := _text(item, audience)) is not None)


def _pole(pole: Pole, audience: str, path: FieldPath) -> TailoredPole:
    return TailoredPole(pole.label, pole.caption, _statements(pole.items, audience, (*path, "items")))


def _section(section: SectionBase, source: FieldPath, audience: str) -> TailoredSection:
    common = TailoredSection(id=section.id, kind=section.kind, title=section.title,
                             intro=_text(section.intro, audience),
                             items=_statements(section.items, audience, (*source, "items")),
                             figure=section.figure, slides=section.slides, only=section.only,
                             annex=section.annex, source=source)
    if isinstance(section, TensionsSection):
        contrast = (_pole(section.contrast.left, audience, (*source, "contrast", "left")),
                    _pole(section.contrast.right, audience, (*source, "contrast", "right")))
        return TailoredTensions(**vars(common), contrast=contrast)
    if isinstance(section, TextSection):
        return TailoredText(**vars(common), body=section.body)
    return common
