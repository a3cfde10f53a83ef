"""The schema of what a section shows beside its statements: a figure, and boxed call-outs."""

from __future__ import annotations

from typing import Literal

from briefgen.content.fields import AudienceName, Id, StrictModel, Text


class Figure(StrictModel):
    """An image shown with a statement (after its text) or a section (after its statements), numbered "Figure 1",
    "Figure 2"… in the order the brief shows them to each audience."""

    id: Id | None = None
    """Optional stable id, unique in the file: what `see:` names to refer to it ("See Figure 2")."""
    src: Text
    """The image file (PNG, JPEG or SVG), relative to the content file's folder and inside it,
    e.g. `assets/referral-pathway.png`."""
    alt: Text | None = None
    """What the image shows, for readers who cannot see it; required unless `decorative: true`."""
    decorative: bool = False
    """Set to true when the image adds nothing a reader would miss; it is then hidden from screen readers."""
    caption: Text | None = None
    """A caption printed under the image after its number, "Figure 2. …" (inline Markdown)."""
    source: Text | None = None
    """Where the image comes from, printed under its caption: text, usually a citation `[@id]`."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see it (default: all that see what it is shown with)."""


class Callout(StrictModel):
    """A boxed note in a section: a caveat about the evidence, a note, or a key fact."""

    tone: Literal["note", "caveat", "key_fact"] = "note"
    """How it is headed and coloured: `note`, `caveat` or `key_fact`."""
    title: Text | None = None
    """Its heading (default: "Note", "Caveat" or "Key fact")."""
    text: Text
    """Markdown paragraphs and lists."""
    slide: Text | None = None
    """Shorter text for the slides, in place of `text` (the brief keeps it)."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see it (default: all)."""
