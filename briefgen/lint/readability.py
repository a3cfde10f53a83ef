"""Plain text → its sentences, their words and syllables, and how hard each is to read: the Flesch-Kincaid
grade (the US school grade a reader needs; a UK reading age is the grade plus five) and the Flesch reading ease
(0 to 100, higher easier). Syllables come from the en_GB hyphenation dictionary pyphen ships (LibreOffice's),
which counts them offline as a word breaks: no download at first use."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyphen

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\s*\n\s*")
"""Where one sentence ends and the next begins: a full stop, question or exclamation mark, then a capital; or a
line's end (a paragraph's, a list item's: an item ends without a full stop)."""
_ABBREVIATED = re.compile(r"\b(?:e\.g|i\.e|etc|et al|vs|cf|approx|no|p|pp|fig|Dr|Prof|Mr|Mrs|Ms|St)\.$", re.IGNORECASE)
"""Words ending in a full stop that does not end the sentence."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*%?")
READING_AGE_OVER_GRADE = 5
"""A UK reading age is the US school grade plus five (a reading age of 9 is grade 4)."""


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade of this sentence alone."""
        return 0.39 * self.words + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        return self.grade + READING_AGE_OVER_GRADE

    @property
    def ease(self) -> float:
        """Flesch reading ease of this sentence alone."""
        return 206.835 - 1.015 * self.words - 84.6 * self.syllables / self.words


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of plain `text` that have words, in order."""
    pieces = _SENTENCE_END.split(text.strip())
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATED.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    for sentence in merged:
        words = _WORD.findall(sentence)
        if words:
            yield Sentence(sentence, len(words), sum(map(syllables, words)))


@functools.lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """The syllables of `word`: a number as one per digit group read aloud is too fine, so one; an abbreviation
    read letter by letter (NHS), one a letter; else as the en_GB dictionary hyphenates it, with a floor of one
    per vowel group it joins."""
    if word[0].isdigit():
        return 1
    if word.isupper() and len(word) > 1:
        return len(word)
    letters = word.lower().replace("\u2019", "'")
    hyphenated = len(_dictionary().positions(letters)) + 1
    vowel_groups = len(re.findall(r"[aeiouy]+", letters.removesuffix("e") or letters))
    return max(1, hyphenated, vowel_groups)


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)
