"""Citations written in text → the works they cite: `[@wilding-2024]`, `[@husk-2020, p. 312]`, `[@a; @b]`.

The syntax is Pandoc's (without its prefixes and suffixes), so text written for Pandoc or Quarto reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CITE_KEY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_:./-]*[A-Za-z0-9])?$")
"""A citation key: a reference's `id`, or a key from a BibTeX or CSL-JSON file (which may be mixed case)."""
_CLUSTER = re.compile(r"\[(@[^\[\]\n]*)\]")
_CLUSTER_AFTER_SPACE = re.compile(r"\s*" + _CLUSTER.pattern)
_CLOSING = re.compile(r"(?<![.!?])[.!?]$")
"""A sentence's closing mark (not an ellipsis), where a citation goes before."""
_LAST_CLUSTER = re.compile(r"\[@[^\[\]\n]*\]$")
_CITE = re.compile(r"^@(?P<key>[^\s,;]+)\s*(?:,\s*(?P<locator>\S.*?))?\s*$")


LOCATOR_LABELS = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page", "ch.": "chapter", "chap.": "chapter",
    "chapter": "chapter", "sec.": "section", "section": "section", "\u00a7": "section", "para.": "paragraph",
    "paragraph": "paragraph", "fig.": "figure", "figure": "figure", "tab.": "table", "table": "table",
}
"""Pandoc's locator words and the CSL locator each names."""
_LOCATOR = re.compile(r"^(?:(?P<label>[^\W\d]+\.?|\u00a7)\s*)?(?P<value>\S.*)$")


def locator(text: str) -> tuple[str, str]:
    """"p. 312" → (page, 312); "pp. 3-5", "ch. 2", "sec. 4", "para. 3", "fig. 2", "tab. 1"; a bare number is a
    page. ValueError names the labels known."""
    match = _LOCATOR.match(text.strip())
    label = (match["label"] or "p.").lower() if match else None
    if match is None or label not in LOCATOR_LABELS:
        raise ValueError(f"{text!r} is not a locator such as 'p. 312' (known: {', '.join(LOCATOR_LABELS)})")
    return LOCATOR_LABELS[label], match["value"].strip()


@dataclass(frozen=True)
class Cite:
    """One cited work, with where in it (a page, chapter or section, as written: "p. 312")."""

    key: str
    locator: str | None = None


@dataclass(frozen=True)
class Cluster:
    """The citations written in one pair of brackets, and where in the text they are."""

    cites: tuple[Cite, ...]
    start: int
    end: int


class CitationSyntaxError(ValueError):
    def __init__(self, message: str, start: int) -> None:
        super().__init__(message)
        self.start = start
        """Where in the text the bracket that is not a citation starts."""


def clusters(text: str) -> Iterator[Cluster]:
    """Every citation in `text`, in order; CitationSyntaxError for `[@…]` that is not one."""
    for match in _CLUSTER.finditer(text):
        cites = []
        for part in match[1].split(";"):
            cite = _CITE.match(part.strip())
            if cite is None or not CITE_KEY.match(cite["key"]):
                raise CitationSyntaxError(
                    f"{match[0]!r} is not a citation: write [@id], [@id, p. 12] or [@id; @other-id], with the "
                    "`id` of a reference", match.start())
            if cite["locator"] is not None:
                try:
                    locator(cite["locator"])
                except ValueError as exc:
                    raise CitationSyntaxError(f"in {match[0]!r}: {exc}", match.start()) from None
            cites.append(Cite(cite["key"], cite["locator"]))
        yield Cluster(tuple(cites), match.start(), match.end())


def cited_keys(text: str) -> Iterator[str]:
    """The keys `text` (validated content) cites, in order."""
    for cluster in clusters(text):
        yield from (cite.key for cite in cluster.cites)


def removed(text: str) -> str:
    """`text` without its citations: for titles and metadata, which name no sources."""
    return _CLUSTER_AFTER_SPACE.sub("", text)


def appended(text: str, keys: list[str]) -> str:
    """`text` with the works in `keys` it does not cite already cited at its end (an item's `cite:` field):
    before its closing full stop, and inside the citation already there, if the text ends with one."""
    keys = [key for key in keys if key not in set(cited_keys(text))]
    if not keys:
        return text
    cites = "; ".join(f"@{key}" for key in keys)
    end = _CLOSING.search(text)
    body, stop = (text[:end.start()], end[0]) if end else (text, "")
    if body.endswith("]") and (last := _LAST_CLUSTER.search(body)):
        return f"{body[:last.end() - 1]}; {cites}]{stop}"
    return f"{body} [{cites}]{stop}"
