"""A validated briefing → what its readers would stumble on, in the text each audience reads (tailored as its
brief and deck are, no rendering): sentences above their reading age or over the word limit, jargon, and
abbreviations nobody spelt out. Offline and quick: a second example is linted in a fraction of a second.

Each finding names its rule's code (briefgen.rules) and where the sentence is written; findings the briefing
ignores (`lint: {ignore: …}`, `# briefgen: ignore …`) are left out (content.ignoring).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.content.citations import removed
from briefgen.content.footnotes import footnotes, replaced
from briefgen.content.ignoring import kept
from briefgen.content.richtext import plain
from briefgen.content.sources import Source
from briefgen.errors import FieldPath, Problem
from briefgen.lint.readability import Sentence, sentences
from briefgen.lint.spelling import Speller, SpellingUnavailable
from briefgen.lint.words import JARGON, WELL_KNOWN
from briefgen.rules import JARGON as JARGON_RULE
from briefgen.rules import LONG_SENTENCE, READING_LEVEL, SPELLING, UNDEFINED_ABBREVIATION
from briefgen.views.axes import mid_sentence
from briefgen.views.tailor import (
    TailoredBriefing,
    TailoredFigure,
    TailoredTable,
    TailoredTensions,
    TailoredText,
    tailor,
)
from briefgen.views.variant import Variant, adapted, variants_of

SHORT_SENTENCE = 8
"""Words below which a sentence's reading level is not judged: a formula on a few words says little."""
READING_AGE_MARGIN = 4
"""Years a sentence may read above its audience's reading age before it is a finding: the formulas are rough
for one sentence, so a finding is a sentence far above, not one a little over."""
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s\b|\b)")


def lint(source: Source) -> list[Problem]:
    """Every finding in `source`, once each: a sentence several audiences read is judged for each one's reading
    age, and a finding names the audiences it holds for."""
    briefing, document = source.briefing, source.document
    options = briefing.lint
    jargon = _jargon_pattern([*(word for word in JARGON if word not in options.allow), *options.jargon])
    defined = {key.lower() for key in briefing.abbreviations}
    read: dict[tuple[FieldPath, str], tuple[Sentence, dict[str, int]]] = {}  # by where and what: who reads it
    written: dict[tuple[FieldPath, str], None] = {}  # each text once, whoever reads it, for its spelling
    for variant in _one_variant_per_audience(source):
        brief = tailor(adapted(briefing, variant, source.editions), source.library, source.slug, variant)
        for path, text in _texts(brief):
            written[path, _plain(text)] = None
            for sentence in sentences(_plain(text)):
                read.setdefault((path, sentence.text), (sentence, {}))[1][brief.audience.label] = \
                    brief.audience.reading_age
    found: list[Problem] = []
    for (path, _), (sentence, readers) in read.items():
        needle = " ".join(sentence.text.split()[:3])
        above = [label for label, age in readers.items() if sentence.reading_age > age + READING_AGE_MARGIN]
        if sentence.words >= SHORT_SENTENCE and above:
            found.append(document.problem_in_text(path, needle, _reading_level(sentence, above, readers),
                                                  rule=READING_LEVEL))
        if sentence.words > options.sentence_words:
            found.append(document.problem_in_text(
                path, needle, f"a sentence of {sentence.words} words, over the limit of {options.sentence_words} "
                              "(`lint.sentence_words`): split it", rule=LONG_SENTENCE))
        for word in dict.fromkeys(match[0] for match in jargon.finditer(sentence.text)) if jargon else ():
            found.append(document.problem_in_text(path, word, f"{word!r} is jargon to avoid: say what it means "
                                                              "(or `lint.allow` it)", rule=JARGON_RULE))
        for abbreviation in _undefined(sentence.text, defined):
            found.append(document.problem_in_text(path, abbreviation, f"{abbreviation!r} is not spelt out: add "
                                                                      "it to `abbreviations`",
                                                  rule=UNDEFINED_ABBREVIATION))
    found += _spelling(source, written)
    unique = {problem.show(): problem for problem in found}  # a sentence written twice is one finding
    return kept(sorted(unique.values(), key=Problem.sort_key), document, options.ignore)


def _spelling(source: Source, written: dict[tuple[FieldPath, str], None]) -> list[Problem]:
    """A finding for each misspelt word of each text, or one saying spelling went unchecked, and why."""
    briefing = source.briefing
    try:
        speller = Speller([*briefing.lint.words, *briefing.abbreviations, *briefing.abbreviations.values(),
                           *briefing.glossary, *(value for table in source.editions for row in table.rows
                                                 for value in (row.label, *dict(row.values).values()))])
    except SpellingUnavailable as error:
        return [source.document.problem(("lint",), f"spelling was not checked: {error}; `make system-deps` installs "
                                        "Enchant and the en_GB dictionary", rule=SPELLING)]
    return [source.document.problem_in_text(path, misspelling.word,
                                            f"{misspelling.word!r} {misspelling.advice} (or add it to "
                                            "`lint.words`)", rule=SPELLING)
            for path, text in written for misspelling in speller.misspelt(text)]


def _one_variant_per_audience(source: Source) -> Iterator[Variant]:
    seen: set[str] = set()
    for variant in variants_of(source.briefing, source.editions):
        if variant.audience.key not in seen:
            seen.add(variant.audience.key)
            yield variant


def _texts(brief: TailoredBriefing) -> Iterator[tuple[FieldPath, str]]:
    """Each text the audience reads, with where it is written: prose, and the titles and slide wordings that
    stand for it."""
    yield ("title",), brief.title
    if brief.subtitle:
        yield ("subtitle",), brief.subtitle
    if brief.summary:
        yield ("summary",), brief.summary
    if brief.audience.framing:
        yield ("audiences", brief.audience.key, "framing"), brief.audience.framing
    statements = [*brief.key_messages, *brief.actions]
    for section in brief.sections:
        yield from _optional(section.source, title=section.title, intro=section.intro)
        if section.slide_text:
            yield (*section.source, "slides", "text"), section.slide_text
        if isinstance(section, TailoredText):
            yield (*section.source, "body"), section.body
        poles = section.contrast if isinstance(section, TailoredTensions) else ()
        statements += [*section.items, *(item for pole in poles for item in pole.items)]
        for callout in section.callouts:
            yield callout.source, callout.text
            yield from _optional(callout.source, title=callout.title, slide=callout.slide_text)
        yield from _shown(section.table, section.figures)
    for statement in statements:
        for point in (statement, *statement.points):
            yield point.source, point.text
            yield from _optional(point.source, title=point.title, slide=point.slide_text)
        yield from _shown(statement.table, statement.figures)


def _optional(source: FieldPath, **texts: str | None) -> Iterator[tuple[FieldPath, str]]:
    """The fields of `texts` written, by name, where `source` is written."""
    yield from (((*source, field), text) for field, text in texts.items() if text)


def _shown(table: TailoredTable | None, figures: tuple[TailoredFigure, ...]) -> Iterator[tuple[FieldPath, str]]:
    """The words of a table and figures that are the author's own: a caption, alt text (cells are data)."""
    if table is not None:
        yield (*table.source, "caption"), table.caption
    for figure in figures:
        yield from _optional(figure.source, alt=figure.alt, caption=figure.caption)


def _plain(text: str) -> str:
    """`text` as a reader hears it: no Markdown, citations or footnotes (judged where they are written)."""
    return plain(removed(replaced(text, list(footnotes(text)), lambda _: "")))


def _reading_level(sentence: Sentence, above: list[str], readers: dict[str, int]) -> str:
    targets = ", ".join(f"{readers[label]} for {mid_sentence(label)}" for label in above)
    return (f"reads at age {sentence.reading_age:.0f} (Flesch-Kincaid grade {sentence.grade:.1f}, reading ease "
            f"{sentence.ease:.0f}), far above the reading age set (`reading_age`: {targets}): shorter sentences "
            "and plainer words")


def _jargon_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
                      + r")\b", re.IGNORECASE)


def _undefined(text: str, defined: set[str]) -> list[str]:
    """The abbreviations in `text` that are neither defined nor known to every reader."""
    used = (match[0] for match in _ABBREVIATION.finditer(text))
    return list(dict.fromkeys(word for word in used if word.lower() not in defined
                              and word.removesuffix("s").lower() not in defined and word not in WELL_KNOWN
                              and word.removesuffix("s") not in WELL_KNOWN))
