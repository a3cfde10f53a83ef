"""A validated briefing → what its readers would stumble on, in the text each audience reads (tailored as its
brief and deck are, no rendering): sentences above their reading age or over the word limit, jargon (to every
reader, or to one audience), abbreviations nobody spelt out, and words not spelt as British English spells them;
with validation's warnings (a work nobody cites, text nobody reads).
Offline and quick: a second example is linted in a fraction of a second.

Each finding names its rule's code (briefgen.rules) and where the sentence is written; findings the briefing
ignores (`lint: {ignore: …}`, `# briefgen: ignore …`) are left out (content.ignoring).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefgen.content.ignoring import kept
from briefgen.content.loader import LoadedDocument
from briefgen.content.sources import Source, load_sources
from briefgen.content.terms import term_pattern
from briefgen.errors import FieldPath, Problem, Severity, quoted
from briefgen.lint.headings import sentence_case
from briefgen.lint.readability import Sentence, sentences
from briefgen.lint.spelling import Speller, SpellingUnavailable
from briefgen.lint.texts import texts_read
from briefgen.lint.words import JARGON, WELL_KNOWN
from briefgen.rules import JARGON as JARGON_RULE
from briefgen.rules import LONG_SENTENCE, READING_LEVEL, SPELLING, TITLE_CASE, UNDEFINED_ABBREVIATION
from briefgen.views.audience import Audience
from briefgen.views.axes import mid_sentence

SHORT_SENTENCE = 8
"""Words below which a sentence's reading level is not judged: a formula on a few words says little."""
READING_AGE_MARGIN = 4
"""Years a sentence may read above its audience's reading age before it is a finding: the formulas are rough
for one sentence, so a finding is a sentence far above, not one a little over."""
_uses_of = functools.cache(term_pattern)
"""A pattern for a use of any of some words, plurals too, made once for each list of them."""
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s\b|\b)")


def lint(source: Source) -> list[Problem]:
    """Every finding in `source`, once each: a sentence several audiences read is judged for each one's reading
    age and jargon, and a finding names the audiences it holds for."""
    briefing, document = source.briefing, source.document
    options = briefing.lint
    read: dict[tuple[FieldPath, str], tuple[Sentence, list[Audience]]] = {}  # by where and what: who reads it
    written: dict[tuple[FieldPath, str], None] = {}  # each text once, whoever reads it, for its spelling
    for audience, path, text in texts_read(source):
        written[path, text] = None
        for sentence in sentences(text):
            read.setdefault((path, sentence.text), (sentence, []))[1].append(audience)
    everyone = _uses_of((*(word for word in JARGON if word not in options.allow), *options.jargon))
    defined = {key.lower() for key in briefing.abbreviations}
    found: list[Problem] = []
    for (path, _), (sentence, readers) in read.items():
        needle = " ".join(sentence.text.split()[:3])
        above = [audience for audience in readers if sentence.reading_age > audience.reading_age + READING_AGE_MARGIN]
        if sentence.words >= SHORT_SENTENCE and above:
            found.append(document.problem_in_text(path, needle, _reading_level(sentence, above), rule=READING_LEVEL))
        if sentence.words > options.sentence_words:
            found.append(document.problem_in_text(
                path, needle, f"a sentence of {sentence.words} words, over the limit of {options.sentence_words} "
                              "(`lint.sentence_words`): split it", rule=LONG_SENTENCE))
        found += _jargon(document, path, sentence.text, everyone, readers)
        for abbreviation in _undefined(sentence.text, defined):
            found.append(document.problem_in_text(path, abbreviation, f"{abbreviation!r} is not spelt out: add "
                                                                      "it to `abbreviations`",
                                                  rule=UNDEFINED_ABBREVIATION))
    found += _spelling(source, written)
    found += [warning for warning in source.warnings if warning.severity is Severity.WARNING]  # validation's
    unique = {problem.show(): problem for problem in found}  # a sentence written twice is one finding
    return kept(sorted(unique.values(), key=Problem.sort_key), document, options.ignore)


def lint_files(paths: Sequence[Path]) -> list[Problem]:
    """Every finding in the content files at `paths`, which are loaded and validated first (a ContentError if
    they are not valid): what `briefgen lint`, `build --lint` and `serve` report."""
    return [finding for source in load_sources(paths) for finding in lint(source)]


def _jargon(document: LoadedDocument, path: FieldPath, text: str, everyone: re.Pattern[str] | None,
            readers: list[Audience]) -> Iterator[Problem]:
    """The jargon in `text`: words to avoid for every reader, then those an audience reading it is not to be
    given (`audiences.<key>.jargon`), each once, naming those audiences."""
    common = _found(everyone, text)
    for word in common:
        yield document.problem_in_text(path, word, f"{word!r} is jargon to avoid: say what it means (or "
                                                   "`lint.allow` it)", rule=JARGON_RULE)
    theirs: dict[str, list[Audience]] = {}
    said = {word.lower() for word in common}
    for audience in readers:
        for word in _found(_uses_of(audience.jargon), text):
            if word.lower() not in said:
                theirs.setdefault(word, []).append(audience)
    for word, audiences in theirs.items():
        labels = " and ".join(mid_sentence(audience.label) for audience in audiences)
        lists = f"`audiences.{audiences[0].key}.jargon`" if len(audiences) == 1 else "their `jargon`"
        yield document.problem_in_text(path, word, f"{word!r} is jargon to {labels} ({lists}): say what it means "
                                                   "for them", rule=JARGON_RULE)


def _found(pattern: re.Pattern[str] | None, text: str) -> list[str]:
    return list(dict.fromkeys(match[0] for match in pattern.finditer(text))) if pattern else []


def _spelling(source: Source, written: dict[tuple[FieldPath, str], None]) -> list[Problem]:
    """A finding for each misspelt word of each text and each heading in Title Case, or one saying spelling
    went unchecked, and why (the headings are judged by the same dictionary)."""
    briefing = source.briefing
    try:
        speller = Speller([*briefing.lint.words, *briefing.abbreviations, *briefing.abbreviations.values(),
                           *briefing.glossary, *(value for table in source.editions for row in table.rows
                                                 for value in (row.label, *dict(row.values).values()))])
    except SpellingUnavailable as error:
        return [source.document.problem(("lint",), f"spelling was not checked: {error}; `make system-deps` installs "
                                        "Enchant and the en_GB dictionary", rule=SPELLING)]
    found = [source.document.problem_in_text(path, misspelling.word,
                                             f"{misspelling.word!r} {misspelling.advice} (or add it to "
                                             "`lint.words`)", rule=SPELLING)
             for path, text in written for misspelling in speller.misspelt(text)]
    for path, text in written:
        if path[-1] == "title" and (sentence := sentence_case(text, speller.in_lower_case)) is not None:
            found.append(source.document.problem(path, f"{quoted(text)} is in Title Case: GOV.UK and NHS style "
                                                        f"write headings as sentences, {quoted(sentence)}",
                                                  rule=TITLE_CASE))
    return found


def _reading_level(sentence: Sentence, above: list[Audience]) -> str:
    targets = ", ".join(f"{audience.reading_age} for {mid_sentence(audience.label)}" for audience in above)
    return (f"reads at age {sentence.reading_age:.0f} (Flesch-Kincaid grade {sentence.grade:.1f}, reading ease "
            f"{sentence.ease:.0f}), far above the reading age set (`reading_age`: {targets}): shorter sentences "
            "and plainer words")


def _undefined(text: str, defined: set[str]) -> list[str]:
    """The abbreviations in `text` that are neither defined nor known to every reader."""
    used = (match[0] for match in _ABBREVIATION.finditer(text))
    return list(dict.fromkeys(word for word in used if word.lower() not in defined
                              and word.removesuffix("s").lower() not in defined and word not in WELL_KNOWN
                              and word.removesuffix("s") not in WELL_KNOWN))
