"""A validated briefing → its audiences: the built-in ones refined by the file, then the file's own, each with
every default filled in. The audience is the first axis editions vary along (views/axes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.model import BUILTIN_AUDIENCES, Briefing, Item

PROFESSIONAL_READING_AGE = 21
"""The reading age a professional audience's text is written for, unless it says otherwise: a graduate's."""


@dataclass(frozen=True)
class Audience:
    """An audience with every default filled in."""

    key: str
    label: str
    heading: str
    framing: str | None
    actions: tuple[Item, ...]
    max_pages: int | None
    """Its own page budget for the brief, if it has one."""
    max_slides: int | None
    """Its own slide budget for the deck, if it has one."""
    reading_age: int
    """The reading age its text is written for (`briefgen lint`)."""
    jargon: tuple[str, ...] = ()
    """Words these readers are not to be given (`briefgen lint`)."""


def audiences_of(briefing: Briefing) -> list[Audience]:
    """The built-in audiences refined by the file (but those it leaves out), then the file's own, in that order."""
    audiences = []
    for key in briefing.audience_keys():
        builtin = BUILTIN_AUDIENCES.get(key)
        spec = briefing.audiences.get(key)
        label = briefing.audience_label(key)
        heading = (spec and spec.heading) or (builtin and builtin.heading) or f"What this means for {label.lower()}"
        audiences.append(Audience(key, label, heading, spec.framing if spec else None,
                                  tuple(spec.actions) if spec else (), spec.max_pages if spec else None,
                                  spec.max_slides if spec else None,
                                  (spec and spec.reading_age) or PROFESSIONAL_READING_AGE,
                                  tuple(spec.jargon) if spec else ()))
    return audiences
