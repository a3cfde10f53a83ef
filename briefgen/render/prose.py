"""The text of one document → HTML: Markdown made safe (content.richtext), each citation formatted in the
briefing's style and linked to its entry, each abbreviation expanded at its first use in the document.

A document's text is rendered twice: a first pass registers its citations in reading order (numbers and the
reference list follow it), the second renders them. Abbreviations count their first use afresh in every pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from markupsafe import Markup

from briefgen.content import citations, richtext
from briefgen.render.citations import Citer

_TOKEN = re.compile("\x04(\\d+)\x05")
"""Stands in for a citation while its text is rendered: control characters, which content never holds."""
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_EXPANDED_NEARBY = 80
"""How many characters before "(ICB)" are searched for the author's own expansion of it."""


class Prose:
    """Renders the text of one document of one briefing."""

    def __init__(self, citer: Citer | None, abbreviations: Sequence[tuple[str, str]]) -> None:
        self.citer = citer
        self.abbreviations = dict(abbreviations)
        self._pattern = re.compile(
            "(?<![\\w&])(" + "|".join(re.escape(html.escape(abbreviation)) for abbreviation, _ in abbreviations)
            + ")(s?)(?![\\w&])") if abbreviations else None
        self._registered: set[tuple[citations.Cite, ...]] = set()
        self.settled = citer is None
        """Whether every citation is registered, so that each renders as it will stay."""
        self.used: dict[str, None] = {}
        """The abbreviations used so far in this pass, in order of first use."""

    def settle(self) -> None:
        self.settled = True

    def start_pass(self) -> None:
        self.used = {}

    def inline(self, text: str) -> Markup:
        return self._rendered(text, richtext.inline)

    def block(self, text: str) -> Markup:
        return self._rendered(text, richtext.block)

    def heading(self, text: str) -> Markup:
        """A heading's text: abbreviations are marked, but a heading is not where they are spelt out."""
        return self._rendered(text, richtext.inline, spell_out=False)

    def _rendered(self, text: str, render: Callable[[str], Markup], spell_out: bool = True) -> Markup:
        """`text` as HTML: each citation stands in as a token while the Markdown is rendered and abbreviations
        are expanded (a citation's names are not the author's text), then is formatted."""
        found = list(citations.clusters(text))
        marked, end = [], 0
        for number, cluster in enumerate(found):
            marked.extend([text[end:cluster.start], f"\x04{number}\x05"])
            end = cluster.end
        marked.append(text[end:])
        rendered = self._expanded(render("".join(marked)), spell_out)
        if not found:
            return rendered
        return Markup(_TOKEN.sub(lambda token: self._citation(found[int(token[1])].cites), str(rendered)))

    def _citation(self, cites: tuple[citations.Cite, ...]) -> str:
        if self.citer is None:  # a page of no one briefing (the index) shows titles without their citations
            return ""
        if not self.settled:
            if cites not in self._registered:
                self._registered.add(cites)
                self.citer.register(cites)
            return ""
        return str(self.citer.render(cites))

    def _expanded(self, rendered: Markup, spell_out: bool = True) -> Markup:
        if self._pattern is None:
            return rendered
        pattern = self._pattern
        parts = _TAG_OR_TEXT.split(str(rendered))
        before = ""  # the end of the text so far, tags left out: what an abbreviation follows
        for index in range(0, len(parts), 2):  # the text between tags
            if not (index and parts[index - 1].startswith("<code")):
                parts[index] = pattern.sub(
                    lambda match, before=before: self._abbreviation(
                        match, before + match.string[:match.start()], spell_out), parts[index])
            before = (before + parts[index])[-_EXPANDED_NEARBY:]
        return Markup("".join(parts))

    def _abbreviation(self, match: re.Match[str], before: str, spell_out: bool) -> str:
        written, plural = html.unescape(match[1]), match[2]
        meaning = self.abbreviations[written]
        marked = f'<abbr title="{html.escape(meaning)}">{match[1]}</abbr>{plural}'
        if not spell_out or written in self.used:
            return marked
        self.used[written] = None
        if before.endswith("(") and meaning.lower() in before.lower():  # the author spelt it out already
            return marked
        return f"{html.escape(_as_written_at(meaning, _SENTENCE_END.search(before) is not None))}{plural} ({marked})"


_SENTENCE_END = re.compile(r"(?:^|[.!?])\s*$")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")


def _as_written_at(meaning: str, sentence_start: bool) -> str:
    """A meaning as it reads where its abbreviation is: capitalised to start a sentence; in lower case within
    one, unless it is a name (every word capitalised: "Additional Roles Reimbursement Scheme")."""
    if sentence_start:
        return meaning[:1].upper() + meaning[1:]
    words = meaning.split()
    if _CAPITALISED.match(meaning) and not all(_CAPITALISED.match(word) for word in words if len(word) > 3):
        return meaning[:1].lower() + meaning[1:]
    return meaning


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
