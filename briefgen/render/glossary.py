"""A brief's rendered text → the same text with the first use of each glossary term linked to its entry in the
glossary the brief ends with, and which terms it used, in order, for that list. A use is found as content.terms
finds one, but never inside a link or an abbreviation, which already lead somewhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from markupsafe import Markup

from briefgen.content.terms import term_pattern

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_OPENS = re.compile(r"^<(a|abbr|code)\b", re.IGNORECASE)
_CLOSES = re.compile(r"^</(a|abbr|code)>", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def anchor_of(term: str, taken: set[str]) -> str:
    """The id of a term's entry: `term-` and its words ("term-link-worker"), numbered if another has it."""
    base = "term-" + (_NOT_A_WORD.sub("-", term.lower()).strip("-") or "entry")
    anchor, number = base, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


class Glossary:
    """The glossary of one document, and which of its terms the document has used so far."""

    def __init__(self, terms: Sequence[tuple[str, str]]) -> None:
        """`terms`: (term, definition) pairs."""
        taken: set[str] = set()
        self.definitions = dict(terms)
        self.anchors = {term: anchor_of(term, taken) for term, _ in terms}
        self._pattern = term_pattern([html.escape(term, quote=False) for term in self.definitions])
        self._by_folded = {html.escape(term, quote=False).casefold(): term for term in self.definitions}
        self.used: list[str] = []
        """The terms used so far in this pass, in order of first use."""

    def start_pass(self) -> None:
        self.used = []

    def linked(self, rendered: Markup, link: bool = True) -> Markup:
        """`rendered` with each term used for the first time in this pass linked to its entry (if `link`: a
        heading's use is not linked, nor counted as the first)."""
        if self._pattern is None or not link:
            return rendered
        pieces, inside = [], 0
        for piece in _TAG_OR_TEXT.split(str(rendered)):
            if piece.startswith("<"):
                inside += bool(_OPENS.match(piece)) - bool(_CLOSES.match(piece))
                pieces.append(piece)
            else:
                pieces.append(piece if inside else self._pattern.sub(self._first_use, piece))
        return Markup("".join(pieces))

    def _first_use(self, match: re.Match[str]) -> str:
        term = self._by_folded[match[1].casefold()]
        if term in self.used:
            return match[0]
        self.used.append(term)
        return f'<a class="term" href="#{self.anchors[term]}">{match[0]}</a>'
