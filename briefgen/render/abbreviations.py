"""A document's rendered text → the same text with each abbreviation marked `<abbr title>`, and spelt out at
its first use where the spelt-out form reads right.

Where a use is spelt out: "integrated care boards (ICBs)", in the case the sentence needs; "a" or "an" just
before it is made to agree with the words now following it ("a National Health Service (NHS) trust", where the
author wrote "an NHS trust"). A possessive is spelt out in the possessive, "the Social Care Institute for
Excellence's (SCIE's) summary", as UK public bodies print it ("the Care Quality Commission's (CQC's) report"):
the reader still meets the meaning at the first use, and "Social Care Institute for Excellence (SCIE)'s" reads
as a slip.

Where no spelt-out form reads right, the use is only marked, so that a pointer or a screen reader gives the
meaning there, and the next use that can be spelt out is (the brief also lists every abbreviation at its end):
- a use joined to another word by a hyphen, an en dash or a slash: "An NIHR-funded study" (not "An National
  Institute for Health and Care Research (NIHR)-funded study"), "health/NHS";
- a use within round brackets, which spelling out would nest: "(1,265 full-time equivalent (FTE))". GOV.UK
  style keeps square brackets for notes in quotations, and "(1,265 full-time equivalent, FTE)" reads as a list.

Where the author has spelt it out, "Company Chemists' Association (CCA)" with a curly apostrophe or a straight
one, it is left as written: their words and the meaning are compared with quotes, dashes, spaces and case made
alike.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from markupsafe import Markup

from briefgen.content import richtext
from briefgen.render.articles import indefinite_article

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SPACE = r"(?:\s|&nbsp;)"
_JOINERS = "-\u2010\u2011\u2013/"
"""What joins a use to the word beside it: hyphens, an en dash with no space around it ("NHS--council"), a slash.
Not an em dash, which sets a clause apart ("the ICB---not the trust---decides")."""
_OPENING_QUOTE, _APOSTROPHE = "\u2018", "\u2019"
"""As Markdown's typography (content.richtext) prints them: an apostrophe and a closing quote alike."""
_POSSESSIVE = f"(?:[{_APOSTROPHE}']s?)?"
"""An apostrophe after a use: a possessive ("SCIE's", "ICBs'"), or a closing quotation mark ("'ICB'")."""
_ARTICLE = re.compile(rf"(?<![\w{_APOSTROPHE}'&-])(an?|An?)({_SPACE}*)$")
_SENTENCE_END = re.compile(rf"(?:^|[.!?]){_SPACE}*$")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")
_NEARBY = 40
"""How many characters, besides the meaning's own, are searched before "(ICB)" for the author's expansion."""
_ALIKE = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                        **dict.fromkeys("\u201c\u201d\u201e", '"'),
                        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"), "\u00a0": " "})
"""Curly quotes, primes, hyphens and dashes, a no-break space: as they are typed."""


class Abbreviations:
    """The abbreviations of one document, and which of them it has used and spelt out so far."""

    def __init__(self, abbreviations: Sequence[tuple[str, str]]) -> None:
        self.meanings = dict(abbreviations)
        self._pattern = re.compile(
            "(?<![\\w&])(" + "|".join(re.escape(html.escape(abbreviation)) for abbreviation, _ in abbreviations)
            + f")(s?)(?![\\w&])({_POSSESSIVE})(?![\\w&])") if abbreviations else None
        self.used: dict[str, None] = {}
        """The abbreviations used so far in this pass, in order of first use: those the brief lists."""
        self._spelt_out: set[str] = set()

    def start_pass(self) -> None:
        self.used, self._spelt_out = {}, set()

    def marked(self, rendered: Markup, spell_out: bool = True) -> Markup:
        """`rendered` with its abbreviations marked, and spelt out at their first use if `spell_out` (not in a
        heading). Text in `<code>` is left alone."""
        if self._pattern is None:
            return rendered
        parts = _TAG_OR_TEXT.split(str(rendered))
        for index in range(0, len(parts), 2):  # the text between tags
            if not (index and parts[index - 1].startswith("<code")):
                parts[index] = self._text(parts, index, spell_out)
        return Markup("".join(parts))

    def _text(self, parts: list[str], index: int, spell_out: bool) -> str:
        """The text `parts[index]` with its abbreviations marked: the texts before it are done."""
        assert self._pattern is not None
        text, done, end = parts[index], [], 0
        for match in self._pattern.finditer(text):
            done.append(text[end:match.start()])
            end = match.end()
            before = "".join([*parts[:index:2], *done])
            after = text[end:] or next((part for part in parts[index + 2::2] if part), "")
            marked, words = self._use(match, before, after, spell_out)
            if words is not None:
                _agree(indefinite_article(words), done, parts, index)
            done.append(marked)
        done.append(text[end:])
        return "".join(done)

    def _use(self, match: re.Match[str], before: str, after: str, spell_out: bool) -> tuple[str, str | None]:
        """One use, following the text `before` it and followed by `after`, as it is printed; and the words it
        is spelt out in, or None if it is not."""
        written, plural, apostrophe = html.unescape(match[1]), match[2], match[3]
        meaning = self.meanings[written]
        possessive = _is_possessive(written + plural, apostrophe, before)
        ending, rest = (apostrophe, "") if possessive else ("", apostrophe)
        marked = f'<abbr title="{html.escape(meaning)}">{match[1]}</abbr>{plural}{ending}'
        self.used[written] = None
        if not spell_out or written in self._spelt_out or _joined(before, after):
            return marked + rest, None
        if _spelt_out_by_author(meaning, before):
            self._spelt_out.add(written)
            return marked + rest, None
        if _within_brackets(before):
            return marked + rest, None
        self._spelt_out.add(written)
        sentence_start = _ARTICLE.search(before) is None and _SENTENCE_END.search(before) is not None
        words = _as_written_at(meaning, sentence_start)
        return f"{richtext.inline(words)}{plural}{ending} ({marked}){rest}", words


def _is_possessive(written: str, apostrophe: str, before: str) -> bool:
    """Whether the `apostrophe` after a use makes it possessive: "'s" does; one alone does after an s ("ICBs'",
    "NHS'"), unless it closes a quotation the text has opened."""
    if not apostrophe or apostrophe.endswith("s"):
        return bool(apostrophe)
    return written.endswith(("s", "S")) and before.rfind(_OPENING_QUOTE) <= before.rfind(_APOSTROPHE)


def _joined(before: str, after: str) -> bool:
    """Whether a use is joined to the word before or after it (see _JOINERS)."""
    return any(character and character in _JOINERS for character in (before[-1:], after[:1]))


def _spelt_out_by_author(meaning: str, before: str) -> bool:
    """Whether the author has just spelt the abbreviation out: the use opens brackets after its meaning."""
    if not before.endswith("("):
        return False
    return _alike(meaning) in _alike(html.unescape(before))[-(len(meaning) + _NEARBY):]


def _alike(text: str) -> str:
    """`text` with the differences that do not change its words made alike: curly or straight quotes, dashes,
    no-break or several spaces, case."""
    return " ".join(text.translate(_ALIKE).split()).casefold()


def _within_brackets(before: str) -> bool:
    depth = 0
    for character in before:
        if character == "(":
            depth += 1
        elif character == ")":
            depth = max(0, depth - 1)  # a stray ")" ("a) one, b) two") closes nothing
    return depth > 0


def _agree(article: str, done: list[str], parts: list[str], index: int) -> None:
    """Make the "a" or "an" just before a use that is spelt out `article`: it ends the text before the use in
    `done`, or (only spaces between) the text part before, across a tag ("an <em>NHS</em> trust")."""
    if found := _ARTICLE.search(done[-1]):
        done[-1] = _with_article(done[-1], found, article)
    elif len(done) == 1 and index and not done[-1].replace("&nbsp;", " ").strip():
        found = _ARTICLE.search(parts[index - 2])
        if found and (found[2] or done[-1]):
            parts[index - 2] = _with_article(parts[index - 2], found, article)


def _with_article(text: str, found: re.Match[str], article: str) -> str:
    written = article.capitalize() if found[1][0].isupper() else article
    return text[:found.start(1)] + written + text[found.end(1):]


def _as_written_at(meaning: str, sentence_start: bool) -> str:
    """A meaning as it reads where its abbreviation is: capitalised to start a sentence; in lower case within
    one, unless it is a name (every word capitalised: "Additional Roles Reimbursement Scheme")."""
    if sentence_start:
        return meaning[:1].upper() + meaning[1:]
    words = meaning.split()
    if _CAPITALISED.match(meaning) and not all(_CAPITALISED.match(word) for word in words if len(word) > 3):
        return meaning[:1].lower() + meaning[1:]
    return meaning
