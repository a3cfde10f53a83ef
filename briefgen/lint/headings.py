"""A heading → its sentence-case form, if it is written in Title Case: GOV.UK and NHS style write headings as
sentences ("Virtual wards for older people"), which read faster than "Virtual Wards for Older People".

A word counts as title-cased only if the dictionary knows it in lower case: names (England, Ofsted) and
abbreviations keep their capitals, and a heading that is mostly a name is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                         "on", "or", "over", "per", "the", "to", "up", "via", "vs", "with"})
"""Words Title Case leaves in lower case, which say nothing of how a heading is written."""
_CLAUSE_END = re.compile(r"[:.?!\u2014\u2013]$")
_WORD = re.compile(r"^(?P<before>\W*)(?P<word>[^\W\d_]+(?:['\u2019-][^\W\d_]+)*)(?P<after>\W*)$")


def sentence_case(heading: str, in_lower_case: Callable[[str], bool]) -> str | None:
    """`heading` in sentence case if it is in Title Case: two or more words besides its first (and the first
    of each clause), every one of them capitalised though `in_lower_case` knows it in lower case. None if it
    is not."""
    words = heading.split()
    starts = {0} | {index + 1 for index, word in enumerate(words) if _CLAUSE_END.search(word)}
    capitalised, judged = [], 0
    for index, written in enumerate(words):
        match = _WORD.match(written)
        if index in starts or match is None or match["word"].lower() in SMALL_WORDS:
            continue
        word = match["word"]
        if word.isupper() or not in_lower_case(word.lower()):
            continue  # an abbreviation, or a name
        judged += 1
        if word[0].isupper():
            capitalised.append(index)
    if judged < 2 or len(capitalised) < judged:
        return None
    for index in capitalised:
        match = _WORD.match(words[index])
        assert match is not None
        words[index] = f"{match['before']}{match['word'].lower()}{match['after']}"
    return " ".join(words)
