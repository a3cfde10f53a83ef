"""Tailor a validated Briefing to one audience: drop what is limited to others, apply rewordings."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.loader import FieldPath
from briefgen.model import (
    BUILTIN_AUDIENCES,
    Author,
    Briefing,
    DeckOptions,
    Figure,
    Item,
    Pole,
    Reference,
    Section,
    SlideOptions,
)


@dataclass(frozen=True)
class Audience:
    """An audience with every default filled in."""

    key: str
    label: str
    heading: str
    framing: str | None
    actions: tuple[Item, ...]


@dataclass(frozen=True)
class TailoredPole:
    label: str
    caption: str | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class TailoredSection:
    id: str
    kind: str
    title: str
    intro: str | None
    items: tuple[str, ...]
    contrast: tuple[TailoredPole, TailoredPole] | None
    body: str | None
    figure: Figure | None
    slides: SlideOptions
    source: FieldPath
    """Where the section is written, for messages about it."""


@dataclass(frozen=True)
class TailoredBriefing:
    """What one audience reads: text fields are still inline Markdown, rendered by the templates."""

    slug: str
    audience: Audience
    title: str
    subtitle: str | None
    date: str | None
    language: str
    organisation: str | None
    authors: tuple[Author, ...]
    contact: str | None
    summary: str | None
    actions: tuple[str, ...]
    key_messages: tuple[str, ...]
    sections: tuple[TailoredSection, ...]
    references: tuple[Reference, ...]
    further_reading: tuple[Reference, ...]
    deck: DeckOptions


def audiences_of(briefing: Briefing) -> dict[str, Audience]:
    """The built-in audiences refined by the file, then the file's own, in that order."""
    result: dict[str, Audience] = {}
    for key in [*BUILTIN_AUDIENCES, *(k for k in briefing.audiences if k not in BUILTIN_AUDIENCES)]:
        builtin = BUILTIN_AUDIENCES.get(key)
        spec = briefing.audiences.get(key)
        label = (spec and spec.label) or (builtin and builtin.label) or key
        heading = (spec and spec.heading) or (builtin and builtin.heading) or f"What this means for {label.lower()}"
        result[key] = Audience(key, label, heading, spec.framing if spec else None,
                               tuple(spec.actions) if spec else ())
    return result


def tailor(briefing: Briefing, slug: str, audience: Audience) -> TailoredBriefing:
    key = audience.key
    return TailoredBriefing(
        slug=slug,
        audience=audience,
        title=briefing.title,
        subtitle=briefing.subtitle,
        date=briefing.date,
        language=briefing.language,
        organisation=briefing.organisation,
        authors=tuple(briefing.authors),
        contact=briefing.contact,
        summary=_text(briefing.summary, key),
        actions=_texts(audience.actions, key),
        key_messages=_texts(briefing.key_messages, key),
        sections=tuple(_section(section, ("sections", index), key)
                       for index, section in enumerate(briefing.sections) if _visible(section.audiences, key)),
        references=tuple(briefing.references),
        further_reading=tuple(briefing.further_reading),
        deck=briefing.deck,
    )


def _visible(limited_to: list[str] | None, audience: str) -> bool:
    return limited_to is None or audience in limited_to


def _text(item: Item | None, audience: str) -> str | None:
    if item is None or not _visible(item.audiences, audience):
        return None
    return item.reworded.get(audience, item.text)


def _texts(items: tuple[Item, ...] | list[Item], audience: str) -> tuple[str, ...]:
    return tuple(text for item in items if (text := _text(item, audience)) is not None)


def _pole(pole: Pole, audience: str) -> TailoredPole:
    return TailoredPole(pole.label, pole.caption, _texts(pole.items, audience))


def _section(section: Section, source: FieldPath, audience: str) -> TailoredSection:
    contrast = section.contrast
    return TailoredSection(
        id=section.id,
        kind=section.kind,
        title=section.title,
        intro=_text(section.intro, audience),
        items=_texts(section.items, audience),
        contrast=(_pole(contrast.left, audience), _pole(contrast.right, audience)) if contrast else None,
        body=section.body,
        figure=section.figure,
        slides=section.slides,
        source=source,
    )
