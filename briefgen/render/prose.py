"""The text of one document → HTML: Markdown made safe (content.richtext), each citation formatted in the
briefing's style and linked to its entry, each abbreviation marked and spelt out once (render.abbreviations), each
glossary term linked to its entry at its first use in a brief (render.glossary).

A document's text is rendered twice: a first pass registers its citations in reading order (numbers and the
reference list follow it), the second renders them. Abbreviations count their first use afresh in every pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from markupsafe import Markup

from briefgen.content import citations, richtext
from briefgen.content.footnotes import footnotes, replaced
from briefgen.render.abbreviations import Abbreviations
from briefgen.render.citations import Citer
from briefgen.render.footnotes import Footnotes
from briefgen.render.glossary import Glossary

_TOKEN = re.compile("\x04(?P<citation>\\d+)\x05|\x06(?P<note>\\d+)\x07")
"""Stands in for a citation, or a footnote, while the text around it is rendered: control characters, which
content never holds."""


class Prose:
    """Renders the text of one document of one briefing."""

    def __init__(self, citer: Citer | None, abbreviations: Sequence[tuple[str, str]],
                 glossary: Sequence[tuple[str, str]] = (), on_slides: bool = False) -> None:
        self.citer = citer
        self.abbreviations = Abbreviations(abbreviations)
        self.glossary = Glossary(glossary)
        self.footnotes = Footnotes(on_slides)
        self._registered: set[tuple[citations.Cite, ...]] = set()
        self.settled = citer is None
        """Whether every citation is registered, so that each renders as it will stay."""

    def settle(self) -> None:
        self.settled = True

    def start_pass(self) -> None:
        self.abbreviations.start_pass()
        self.glossary.start_pass()
        self.footnotes.start_pass()

    def inline(self, text: str) -> Markup:
        return self._rendered(text, richtext.inline)

    def block(self, text: str) -> Markup:
        return self._rendered(text, richtext.block)

    def heading(self, text: str) -> Markup:
        """A heading's text (or a glossary's definition): abbreviations are marked, but a heading is not where
        they are spelt out, nor where a term is linked."""
        return self._rendered(text, richtext.inline, in_text=False)

    def _rendered(self, text: str, render: Callable[[str], Markup], in_text: bool = True) -> Markup:
        """`text` as HTML: each citation and each footnote stands in as a token while the Markdown is rendered,
        abbreviations are expanded and terms linked (a citation's names are not the author's text); then each
        footnote is rendered so and called, then each citation formatted (a note may cite)."""
        found = list(citations.clusters(text))
        marked, end = [], 0
        for number, cluster in enumerate(found):
            marked.extend([text[end:cluster.start], f"\x04{number}\x05"])
            end = cluster.end
        marked.append(text[end:])
        notes = list(footnotes("".join(marked)))

        def filled(token: re.Match[str]) -> str:  # in reading order, so that citations are numbered in it
            if token["citation"] is not None:
                return self._citation(found[int(token["citation"])].cites)
            note = self._marked(notes[int(token["note"])].text, richtext.inline, in_text)
            return self.footnotes.called(Markup(_TOKEN.sub(filled, str(note))))

        rendered = self._marked(replaced("".join(marked), notes, lambda index: f"\x06{index}\x07"), render, in_text)
        return Markup(_TOKEN.sub(filled, str(rendered))) if found or notes else rendered

    def _marked(self, text: str, render: Callable[[str], Markup], in_text: bool) -> Markup:
        """`text` rendered, its abbreviations marked and its terms linked."""
        return self.glossary.linked(self.abbreviations.marked(render(text), in_text), in_text)

    def _citation(self, cites: tuple[citations.Cite, ...]) -> str:
        if self.citer is None:  # a page of no one briefing (the index) shows titles without their citations
            return ""
        if not self.settled:
            if cites not in self._registered:
                self._registered.add(cites)
                self.citer.register(cites)
            return ""
        return str(self.citer.render(cites))


_CURRENT: ContextVar[Prose | None] = ContextVar("prose", default=None)
_PLAIN = Prose(None, ())
"""For pages of no one briefing (the index): no citations, no abbreviations."""


@contextmanager
def rendering(prose: Prose) -> Iterator[None]:
    """Make `prose` the one the template filters use while a document is rendered."""
    prose.start_pass()
    token = _CURRENT.set(prose)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Prose:
    return _CURRENT.get() or _PLAIN
