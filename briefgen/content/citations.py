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
_CITE = re.compile(r"^@(?P<key>[^\s,;]+)\s*(?:,\s*(?P<locator>\S.*?))?\s*$")


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

    @property
    def written(self) -> str:
        return "[" + "; ".join(f"@{cite.key}" + (f", {cite.locator}" if cite.locator else "")
                               for cite in self.cites) + "]"


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
    """`text` with the works in `keys` cited at its end (an item's `cite:` field)."""
    return f"{text} [{'; '.join(f'@{key}' for key in keys)}]" if keys else text
