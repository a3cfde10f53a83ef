"""The options of a slide deck as a whole, as a briefing's `deck:` gives them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.content.fields import StrictModel, Text


class DeckOptions(StrictModel):
    """Slides the deck adds around the sections."""

    key_messages: bool = True
    """A "Key messages" slide after the title slide."""
    actions: bool = True
    """A "What this means for you" slide per audience, before the references."""
    notes: Text | None = None
    """Speaker notes for the title slide."""
    references: Literal["cited", "full", "none"] = "cited"
    """The deck's references slides: `cited`, the works the deck cites in a short form (author, year, short
    title) that fits one line each; `full`, their entries as the brief prints them, then further reading; or
    `none`. The brief always has the full lists."""
    detail: Literal["full", "notes"] = "full"
    """`notes`: a statement with a title shows its title and points on the slide, its text in the speaker notes
    (unless it has `slide` text of its own)."""
    glossary: bool = True
    """A "Glossary" slide before the references: the glossary's terms the slides use, with what each means."""
    max_slides: int = Field(default=15, ge=1, le=200)
    """The deck's slide budget: content slides besides the title and back matter (15 suits a 20-minute slot);
    over it is a warning naming the longest sections."""
