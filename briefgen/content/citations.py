"""Citations written in text → the works they cite, in Pandoc's syntax: `[@wilding-2024]`, `[@husk-2020, p. 312]`,
`[see @a, pp. 33-35 and passim; also @b]`, `[-@a]` (without the author) and `@a` or `@a [p. 33]` (the author
named in the sentence), so text written for Pandoc, Quarto or R Markdown reads the same.

As in Pandoc, an `@` after a letter or digit (an email address) is text, and so is one in code, in a link or a web
address, or written `\\@`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

CITE_KEY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_:./-]*[A-Za-z0-9])?$")
"""A citation key: a reference's `id`, or a key from a BibTeX or CSL-JSON file (which may be mixed case)."""

_AT = r"(?<![\w\\@])@(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*)"
"""An `@` not after a word character or a backslash, and the key after it as Pandoc reads one: letters, digits and
single punctuation marks between them (`@wilding-2024.` cites `wilding-2024`)."""
_CITING_AT = re.compile(_AT)
_BRACKETS = re.compile(r"\[(?P<inside>[^\[\]\n]*)\](?![(\[])")
"""Brackets that are not a link's text (followed by its address or its reference)."""
_NARRATIVE = re.compile(_AT + r"(?:[ \t]*\[(?P<inside>[^\[\]\n@]*)\](?![(\[]))?")
_ITEM = re.compile(r"^\s*(?P<prefix>.*?)\s*(?P<suppress>-?)" + _AT + r"(?P<rest>.*?)\s*$", re.DOTALL)
_AS_TEXT = re.compile(r"(`+).*?(?<!`)\1(?!`)|\[[^\[\]\n]*\]\([^)\n]*\)|<[a-z]+:[^>\s]*>|\b(?:https?://|www\.)\S+",
                      re.DOTALL)
"""Where an `@` is text: code, a link (a citation's own link would be inside it), a web address."""
_CLOSING = re.compile(r"(?<![.!?])[.!?]$")
"""A sentence's closing mark (not an ellipsis), where a citation goes before."""


class Mode(enum.Enum):
    """How a citation reads: Pandoc's citation modes."""

    NORMAL = "normal"
    """`[@a]`: "(Wilding, 2024)", "[3]"."""
    SUPPRESS_AUTHOR = "suppress-author"
    """`[-@a]`: "(2024)", for a sentence that names the author itself."""
    AUTHOR_IN_TEXT = "author-in-text"
    """`@a`: "Wilding (2024)", "Wilding [3]": the author named in the sentence."""


LOCATOR_LABELS = {
    **dict.fromkeys(("p.", "pp.", "page", "pages"), "page"),
    **dict.fromkeys(("ch.", "chap.", "chaps.", "chapter", "chapters"), "chapter"),
    **dict.fromkeys(("sec.", "secs.", "section", "sections", "\u00a7", "\u00a7\u00a7"), "section"),
    **dict.fromkeys(("para.", "paras.", "paragraph", "paragraphs", "\u00b6", "\u00b6\u00b6"), "paragraph"),
    **dict.fromkeys(("fig.", "figs.", "figure", "figures"), "figure"),
    **dict.fromkeys(("tab.", "table", "tables"), "table"),
    **dict.fromkeys(("bk.", "bks.", "book", "books"), "book"),
    **dict.fromkeys(("col.", "cols.", "column", "columns"), "column"),
    **dict.fromkeys(("fol.", "fols.", "folio", "folios"), "folio"),
    **dict.fromkeys(("no.", "nos.", "number", "numbers"), "number"),
    **dict.fromkeys(("l.", "ll.", "line", "lines"), "line"),
    **dict.fromkeys(("n.", "nn.", "note", "notes"), "note"),
    **dict.fromkeys(("op.", "opp.", "opus"), "opus"),
    **dict.fromkeys(("pt.", "pts.", "part", "parts"), "part"),
    **dict.fromkeys(("v.", "vv.", "verse", "verses"), "verse"),
    **dict.fromkeys(("vol.", "vols.", "volume", "volumes"), "volume"),
}
"""Pandoc's locator words and the CSL locator each names."""
_KNOWN_LABELS = ", ".join(label for label in LOCATOR_LABELS if label.endswith(".") or len(label) == 1) + (
    ", or the word in full")
_LOCATOR = re.compile(r"^(?:(?P<label>[^\W\d]+\.?|\u00a7\u00a7?|\u00b6\u00b6?)\s*)?(?P<value>\S.*)$")
_PART = r"(?:\d[\w.:/()\u2013-]*|[ivxlcdmIVXLCDM]+(?:[\u2013-][ivxlcdmIVXLCDM]+)?(?![\w.]))"
"""One page, range or other place: a number (`33`, `33-35`, `4.2`), or one in Roman numerals (`xi`, not the "i"
of "i.e.")."""
_LABEL = "|".join(re.escape(label) for label in sorted(LOCATOR_LABELS, key=len, reverse=True))
_REST = re.compile(rf"^\s*,?\s*(?:(?P<label>{_LABEL})(?![^\W\d])\s*(?P<value>{_PART}(?:\s*,\s*{_PART})*)"
                   rf"|(?P<page>\d[\w.:/()\u2013-]*(?:\s*,\s*{_PART})*))(?P<suffix>.*)$", re.DOTALL)
"""What follows a key: a locator (a label and the places, or a bare page number), then the suffix."""
_LABEL_LIKE = re.compile(r"^\s*,?\s*(?P<locator>[^\W\d]+\.\s*\d\S*)")
"""A word with a full stop and a number, which is meant as a locator: refused if its label is unknown."""


def locator(text: str) -> tuple[str, str]:
    """"p. 312" → (page, 312); "pp. 3-5", "ch. 2", "sec. 4", "para. 3", "fig. 2", "tab. 1", "vol. 2"…; a bare
    number is a page. ValueError names the labels known."""
    match = _LOCATOR.match(text.strip())
    label = (match["label"] or "p.").lower() if match else None
    if match is None or label not in LOCATOR_LABELS:
        raise ValueError(f"{text!r} is not a locator such as 'p. 312' (known: {_KNOWN_LABELS})")
    return LOCATOR_LABELS[label], match["value"].strip()


@dataclass(frozen=True)
class Cite:
    """One cited work, with where in it (a page, chapter or section, as written: "p. 312"), the words written
    before and after it ("see", "and passim"), and how it reads."""

    key: str
    locator: str | None = None
    prefix: str = ""
    suffix: str = ""
    mode: Mode = Mode.NORMAL


@dataclass(frozen=True)
class Cluster:
    """The citations written together (in one pair of brackets, or one `@key`), and where in the text they are."""

    cites: tuple[Cite, ...]
    start: int
    end: int


class CitationSyntaxError(ValueError):
    def __init__(self, message: str, start: int) -> None:
        super().__init__(message)
        self.start = start
        """Where in the text the bracket that is not a citation starts."""


def clusters(text: str) -> Iterator[Cluster]:
    """Every citation in `text`, in order; CitationSyntaxError for one that is malformed."""
    for found in _found(text):
        if isinstance(found, CitationSyntaxError):
            raise found
        yield found


def cited_keys(text: str) -> Iterator[str]:
    """The keys `text` (validated content) cites, in order."""
    for cluster in clusters(text):
        yield from (cite.key for cite in cluster.cites)


def removed(text: str) -> str:
    """`text` without its citations, in any form: for titles and metadata, which name no sources."""
    kept, end = [], 0
    for found in _found(text):
        if isinstance(found, Cluster):
            kept.append(text[end:found.start].rstrip())
            end = found.end
    return "".join(kept) + text[end:]


def appended(text: str, keys: list[str]) -> str:
    """`text` with the works in `keys` it does not cite already cited at its end (an item's `cite:` field):
    before its closing full stop, and inside the bracketed citation already there, if the text ends with one."""
    keys = [key for key in keys if key not in set(cited_keys(text))]
    if not keys:
        return text
    cites = "; ".join(f"@{key}" for key in keys)
    end = _CLOSING.search(text)
    body, stop = (text[:end.start()], end[0]) if end else (text, "")
    last = next((cluster for cluster in clusters(body) if cluster.end == len(body)), None)
    if last is not None and body.endswith("]") and all(cite.mode is Mode.NORMAL for cite in last.cites):
        return f"{body[:-1]}; {cites}]{stop}"
    return f"{body} [{cites}]{stop}"


def _found(text: str) -> Iterator[Cluster | CitationSyntaxError]:
    """The citations in `text` in order, and a CitationSyntaxError in place of each malformed one."""
    if "@" not in text:
        return
    as_text = [(span.start(), span.end()) for span in _AS_TEXT.finditer(text)]

    def outside(start: int) -> bool:
        return not any(begin <= start < end for begin, end in as_text)

    found: list[Cluster | CitationSyntaxError] = []
    taken: list[tuple[int, int]] = []
    for match in _BRACKETS.finditer(text):
        if outside(match.start()) and _CITING_AT.search(match["inside"]):
            found.append(_bracketed(match))
            taken.append(match.span())
    for match in _NARRATIVE.finditer(text):
        if outside(match.start()) and not any(begin <= match.start() < end for begin, end in taken):
            found.append(_narrative(match))
    yield from sorted(found, key=lambda each: each.start)


def _bracketed(match: re.Match[str]) -> Cluster | CitationSyntaxError:
    cites = []
    for part in match["inside"].split(";"):
        item = _ITEM.match(part)
        if item is None or _CITING_AT.search(item["prefix"]) or _CITING_AT.search(item["rest"]):
            return CitationSyntaxError(
                f"{match[0]!r} is not a citation: write [@id], [@id, p. 12] or [@id; @other-id], with the `id` "
                "of a reference", match.start())
        mode = Mode.SUPPRESS_AUTHOR if item["suppress"] else Mode.NORMAL
        cite = _cite(item["key"], item["rest"], mode, item["prefix"], match[0], match.start())
        if isinstance(cite, CitationSyntaxError):
            return cite
        cites.append(cite)
    if len({cite.mode for cite in cites}) > 1:
        return CitationSyntaxError(f"in {match[0]!r}: give a citation without its author ([-@id]) brackets of "
                                   "its own", match.start())
    return Cluster(tuple(cites), match.start(), match.end())


def _narrative(match: re.Match[str]) -> Cluster | CitationSyntaxError:
    cite = _cite(match["key"], match["inside"] or "", Mode.AUTHOR_IN_TEXT, "", match[0], match.start())
    return cite if isinstance(cite, CitationSyntaxError) else Cluster((cite,), match.start(), match.end())


def _cite(key: str, rest: str, mode: Mode, prefix: str, written: str, start: int) -> Cite | CitationSyntaxError:
    """A cite of `key`, `rest` (what follows it) read as a locator and a suffix."""
    if not CITE_KEY.match(key):
        return CitationSyntaxError(f"{written!r} is not a citation: an `id` is ASCII letters, digits and - _ : . /",
                                   start)
    located = _REST.match(rest)
    if located is None:
        if meant := _LABEL_LIKE.match(rest):
            try:
                locator(meant["locator"])
            except ValueError as exc:
                return CitationSyntaxError(f"in {written!r}: {exc}", start)
        return Cite(key, None, prefix, _suffix(rest), mode)
    place = f"{located['label']} {located['value']}" if located["label"] else located["page"]
    return Cite(key, place, prefix, _suffix(located["suffix"]), mode)


def _suffix(rest: str) -> str:
    """The words after a citation's key and locator, as they follow it: " and passim", ", with others"."""
    rest = rest.rstrip()
    return f" {rest.lstrip()}" if rest[:1].isspace() else rest
