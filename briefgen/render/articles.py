"""A word → the indefinite article it takes, "a" or "an", by the sound it starts with, not its first letter.

A rule of spelling with a short list of exceptions, enough for the words a meaning starts with (a name, a
noun, an adjective); it knows nothing of a word it has not seen, so it errs the way most writers would.
"""

from __future__ import annotations

import re

_LETTERS_SAID_WITH_A_VOWEL = set("AEFHILMNORSX")
"""Letters whose names start with a vowel sound (a, e, ef, aitch, i, el, em, en, o, ar, es, ex): "an MP",
"an NHS trust", "an HR team", but "a GP"."""
_INITIALISM = re.compile(r"[A-Z][A-Z0-9&]*(?![a-z])")
"""Capitals, not a word's capital ("Member"), read letter by letter as the NHS, GP and ICB are (and an X-ray),
unless they are _SAID_AS_A_WORD."""
_SAID_AS_A_WORD = re.compile(r"(?=[A-Z]{4,}\b)(?=(?:[^AEIOU]*[AEIOU]){2})(?![A-Z]*[^AEIOU\W]{3})", re.ASCII)
"""Capitals said as a word, as NICE, NATO, SCIE and UNICEF are: four letters or more, two of them vowels, and
never three consonants in a row (NIHR, NHSE and RCGP are said letter by letter)."""
_SAID_WITH_A_CONSONANT = re.compile(r"one\b|once|eu|ewe|uni(?![nmd])|us[aeiu]|ut[eio]|ur[aeiou]|ubiq|uk",
                                    re.IGNORECASE)
"""Vowels said "w" or "you": a one-off, a European, a university, a user, a utility, a urologist, a Ukrainian;
"un-" before n, m or d is not (an uninsured, an unmet, an unidentified)."""
_SILENT_H = re.compile(r"hour|honest|honou?r|heir", re.IGNORECASE)
_SAID_WITH_A_VOWEL_NUMBER = re.compile(r"8|1[18](?!\d)")
"""Numbers said with a vowel: an 8-week course, an 11-point plan, an 18-month wait, an 11,000-strong workforce."""


def indefinite_article(word: str) -> str:
    """"a" or "an", whichever `word` takes (or the words it begins: only their start is read)."""
    if _INITIALISM.match(word) and not _SAID_AS_A_WORD.match(word):
        return "an" if word[0] in _LETTERS_SAID_WITH_A_VOWEL else "a"
    if word[:1].isdigit():
        return "an" if _SAID_WITH_A_VOWEL_NUMBER.match(word) else "a"
    if _SILENT_H.match(word):
        return "an"
    if _SAID_WITH_A_CONSONANT.match(word):
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"
