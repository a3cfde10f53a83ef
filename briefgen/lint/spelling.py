"""Text → the words not spelt as British English writes them, by Hunspell's `en_GB` dictionary (Debian's
`hunspell-en-gb`, through Enchant): offline, and the dictionary LibreOffice and Firefox use.

That dictionary also takes the Oxford `-ize` spellings; GOV.UK and NHS style write `-ise`, so an `-ize` word
whose `-ise` form is a word too is a finding of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from briefgen.lint.words import FIELD_WORDS

LANGUAGE = "en_GB"
"""The dictionary briefings are checked against: their readers are in the UK."""
SUGGESTIONS = 25
"""Misspelt words per briefing given a suggestion: Hunspell takes tens of milliseconds for each."""
_ENDINGS = re.compile(r"([iy])z(e|es|ed|ing|ation|ations|ational|er|ers|able)$")
_NOT_IZE = {"prize", "prized", "prizes", "prizing", "seize", "seized", "seizes", "seizing"}
"""`-ize` words whose `-ise` form is another word (to prise open; to seise of land)."""
_HYPHEN = re.compile(r"[-\u2010\u2011]")  # the hyphen-minus, the hyphen and the no-break hyphen


@dataclass(frozen=True)
class Misspelling:
    word: str
    advice: str
    """Why it is a finding, and what to write instead, after the word: `is not in the British English
    dictionary: did you mean 'receive'?`."""


class SpellingUnavailable(Exception):
    """Enchant or its `en_GB` dictionary is not installed (`make system-deps` installs them)."""


class Speller:
    """Checks words against the British English dictionary and the briefing's own words."""

    def __init__(self, own_words: Iterable[str]) -> None:
        self._dictionary, self._tokens = _tools()
        self._own = {word.casefold() for words in own_words for word in words.split()} | FIELD_WORDS
        self._advice: dict[str, str] = {}
        """A misspelling's advice, made once however often the word is misspelt."""

    def misspelt(self, text: str) -> Iterator[Misspelling]:
        """Each word of `text` a British English reader would see as misspelt, once each."""
        seen: set[str] = set()
        for word in _words(text, self._tokens):
            if word not in seen and word.casefold() not in self._own:
                seen.add(word)
                finding = self._judged(word)
                if finding is not None:
                    yield finding

    def _judged(self, word: str) -> Misspelling | None:
        if not self._known(word):
            parts = [part for part in _HYPHEN.split(word) if part]
            if len(parts) > 1 and all(self._known(part) for part in parts):
                return None  # a compound of known words, hyphenated as the author chose
            return Misspelling(word, self._suggestion(word))
        british = _ENDINGS.sub(lambda match: f"{match[1]}s{match[2]}", word)
        if british != word and word.lower() not in _NOT_IZE and self._dictionary.check(british):
            return Misspelling(word, f"is spelt with -ize: GOV.UK and NHS style write {british!r}")
        return None

    def in_lower_case(self, word: str) -> bool:
        """Whether `word` is a common word, which the dictionary knows in lower case (not a name the briefing
        vouches for)."""
        return word.casefold() not in self._own and bool(self._dictionary.check(word.lower()))

    def _known(self, word: str) -> bool:
        return word.casefold() in self._own or self._dictionary.check(word)

    def _suggestion(self, word: str) -> str:
        if word not in self._advice:
            suggestions = self._dictionary.suggest(word) if len(self._advice) < SUGGESTIONS else []
            self._advice[word] = "is not in the British English dictionary" + (
                f": did you mean {suggestions[0]!r}?" if suggestions else "")
        return self._advice[word]


@functools.cache
def _tools() -> tuple[Any, Any]:
    """Enchant's `en_GB` dictionary and a tokenizer that passes over addresses, loaded once (loading reads the
    whole word list), and only when spelling is checked: importing Enchant looks for its C library."""
    try:
        import enchant
        from enchant.tokenize import EmailFilter, URLFilter, get_tokenizer
    except ImportError as error:  # pyenchant found no Enchant library
        raise SpellingUnavailable(str(error)) from error
    try:
        dictionary = enchant.Dict(LANGUAGE)
    except enchant.errors.DictNotFoundError as error:
        raise SpellingUnavailable(f"no {LANGUAGE} dictionary ({error})") from error
    return dictionary, get_tokenizer(LANGUAGE, filters=[EmailFilter, URLFilter])


_POSSESSIVE = re.compile(r"'s?$")


def _words(text: str, tokenizer: Any) -> Iterator[str]:
    """The words of `text` worth checking, hyphenated compounds whole: not abbreviations or their plurals (BG204
    judges them), not a number's ending (`3rd`), nothing with a digit, not a single letter."""
    text = text.replace("\u2019", "'")  # the curly apostrophe, as typography prints it
    tokens = list(tokenizer(text))
    index = 0
    while index < len(tokens):
        word, start = tokens[index]
        end = start + len(word)
        while index + 1 < len(tokens) and _HYPHEN.fullmatch(text[end:tokens[index + 1][1]]):
            index += 1
            end = tokens[index][1] + len(tokens[index][0])
        index += 1
        word = _POSSESSIVE.sub("", text[start:end])
        after_digit = start > 0 and text[start - 1].isdigit()
        if len(word) > 1 and not word.removesuffix("s").isupper() and not after_digit \
                and not any(character.isdigit() for character in word):
            yield word
