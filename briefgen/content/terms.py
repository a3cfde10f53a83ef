"""Where a glossary's terms are used in text: whatever their case ("Social prescribing" at a sentence's start)
and in the plural ("link workers" for "link worker"), as whole words, never inside another word or a hyphenated
compound. One grammar for the brief, which links each term's first use, and the deck, which lists those it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern whose first group is a use of one of `terms` (as they are written in the text searched: HTML
    escapes them), the longest first ("link worker team" before "link worker"); None for no terms."""
    if not terms:
        return None
    longest_first = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![\w&-])(" + "|".join(map(re.escape, longest_first)) + r")(?:e?s)?(?![\w&-])",
                      re.IGNORECASE)


def used_terms(texts: Iterable[str], terms: Sequence[str]) -> list[str]:
    """The `terms` used in `texts`, in order of first use."""
    pattern = term_pattern(terms)
    if pattern is None:
        return []
    by_folded = {term.casefold(): term for term in terms}
    used: dict[str, None] = {}
    for text in texts:
        used.update(dict.fromkeys(by_folded[match[1].casefold()] for match in pattern.finditer(text)))
    return list(used)
