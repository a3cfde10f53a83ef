"""A cited work (CSL-JSON) → the short form a slide lists it by: its first author, its year and its short title, on
one line a presenter can show (the brief keeps the full entry, which a slide would give three or four lines)."""

from __future__ import annotations

from markupsafe import Markup

from briefgen.content.library import Work
from briefgen.content.richtext import typographic

MAX_TITLE_CHARS = 60
"""A short title's length at most: with an author and a year, one line of a slide's 24 px text."""


def short_entry(work: Work) -> Markup:
    """"Wilding et al. (2024) *Social prescribing in England*": the first author's family name (both of two, "et
    al." after more; the editor, or the publisher, when there is none), the year ("n.d." without one) and the
    title's short form (CSL's `title-short`, else the title cut at a word, with an ellipsis); with curly
    apostrophes, as the text and the brief's full entry have them."""
    names = [name.get("family") or name.get("literal") or "" for name in work.get("author") or work.get("editor") or []]
    names = [typographic(name) for name in names if name]
    who = (names[0] if len(names) == 1 else f"{names[0]} and {names[1]}" if len(names) == 2
           else f"{names[0]} et al." if names else typographic(str(work.get("publisher") or "")))
    issued = (work.get("issued") or {}).get("date-parts") or [[]]
    year = str(issued[0][0]) if issued and issued[0] else "n.d."
    title = _shortened(typographic(str(work.get("title-short") or work.get("title") or "")))
    if not who:
        return Markup("<cite>{}</cite> ({})").format(title, year)
    return Markup("{} ({}) <cite>{}</cite>").format(who, year, title)


def _shortened(title: str) -> str:
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:.-\u2013\u2014")
    return f"{cut}\u2026"
