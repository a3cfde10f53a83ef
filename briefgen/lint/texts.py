"""A validated briefing → the text each audience reads, as its brief and deck tailor it, with where each text is
written: prose, and the titles, slide wordings, captions and alt text that stand for it. As a reader hears it:
no Markdown, citations or footnotes."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.content.citations import removed
from briefgen.content.footnotes import footnotes, replaced
from briefgen.content.richtext import plain
from briefgen.content.sources import Source
from briefgen.errors import FieldPath
from briefgen.views.audience import Audience
from briefgen.views.tailored import tailored
from briefgen.views.tailored_briefing import (
    TailoredBriefing,
    TailoredFigure,
    TailoredTable,
    TailoredTensions,
    TailoredText,
)
from briefgen.views.variant import variants_of


def texts_read(source: Source) -> Iterator[tuple[Audience, FieldPath, str]]:
    """Each audience's texts (of its first edition: editions differ only in their data), with where each is
    written."""
    seen: set[str] = set()
    for variant in variants_of(source.briefing, source.editions):
        if variant.audience.key not in seen:
            seen.add(variant.audience.key)
            brief = tailored(source, variant)
            yield from ((brief.audience, path, _heard(text)) for path, text in _texts(brief))


def _texts(brief: TailoredBriefing) -> Iterator[tuple[FieldPath, str]]:
    yield ("title",), brief.title
    if brief.subtitle:
        yield ("subtitle",), brief.subtitle
    if brief.summary:
        yield ("summary",), brief.summary
    if brief.audience.framing:
        yield ("audiences", brief.audience.key, "framing"), brief.audience.framing
    statements = [*brief.key_messages, *brief.actions]
    for section in brief.sections:
        yield from _optional(section.source, title=section.title, intro=section.intro)
        if section.slide_text:
            yield (*section.source, "slides", "text"), section.slide_text
        if isinstance(section, TailoredText):
            yield (*section.source, "body"), section.body
        poles = section.contrast if isinstance(section, TailoredTensions) else ()
        statements += [*section.items, *(item for pole in poles for item in pole.items)]
        for callout in section.callouts:
            yield callout.source, callout.text
            yield from _optional(callout.source, title=callout.title, slide=callout.slide_text)
        yield from _shown(section.table, section.figures)
    for statement in statements:
        for point in (statement, *statement.points):
            yield point.source, point.text
            yield from _optional(point.source, title=point.title, slide=point.slide_text)
        yield from _shown(statement.table, statement.figures)


def _optional(source: FieldPath, **texts: str | None) -> Iterator[tuple[FieldPath, str]]:
    """The fields of `texts` written, by name, where `source` is written."""
    yield from (((*source, field), text) for field, text in texts.items() if text)


def _shown(table: TailoredTable | None, figures: tuple[TailoredFigure, ...]) -> Iterator[tuple[FieldPath, str]]:
    """The words of a table and figures that are the author's own: a caption, alt text (cells are data)."""
    if table is not None:
        yield (*table.source, "caption"), table.caption
    for figure in figures:
        yield from _optional(figure.source, alt=figure.alt, caption=figure.caption)


def _heard(text: str) -> str:
    """`text` as a reader hears it: no Markdown, citations or footnotes (judged where they are written)."""
    return plain(removed(replaced(text, list(footnotes(text)), lambda _: "")))
