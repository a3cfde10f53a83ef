"""A validated briefing → its variants: what each edition is tailored for (today its audience), defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.model import BUILTIN_AUDIENCES, Briefing, Item


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


@dataclass(frozen=True)
class Variant:
    """One edition of a briefing, carried from the request to the output path. A second axis (a region, a
    language) is a new field here, and a part of `name` and `folder`."""

    audience: Audience

    @property
    def name(self) -> str:
        """How messages and `--audience` name it: `gp`."""
        return self.audience.key

    @property
    def folder(self) -> str:
        """Its output folder, below the briefing's."""
        return self.audience.key

    @property
    def label(self) -> str:
        """Who it is for, as readers are named: "GPs and primary care teams"."""
        return self.audience.label


def variants_of(briefing: Briefing) -> list[Variant]:
    """The built-in audiences refined by the file, then the file's own, in that order."""
    variants = []
    for key in [*BUILTIN_AUDIENCES, *(k for k in briefing.audiences if k not in BUILTIN_AUDIENCES)]:
        builtin = BUILTIN_AUDIENCES.get(key)
        spec = briefing.audiences.get(key)
        label = briefing.audience_label(key)
        heading = (spec and spec.heading) or (builtin and builtin.heading) or f"What this means for {label.lower()}"
        variants.append(Variant(Audience(key, label, heading, spec.framing if spec else None,
                                         tuple(spec.actions) if spec else (), spec.max_pages if spec else None)))
    return variants
