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
from briefgen.lint.words import JARGON, WELL_KNOWN
from briefgen.rules import JARGON as JARGON_RULE
from briefgen.rules import LONG_SENTENCE, READING_LEVEL, UNDEFINED_ABBREVIATION
from briefgen.views.axes import mid_sentence
from briefgen.views.tailor import TailoredBriefing, TailoredTensions, TailoredText, tailor
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
    for variant in _one_variant_per_audience(source):
        brief = tailor(adapted(briefing, variant, source.editions), source.library, source.slug, variant)
        for path, text in _texts(brief):
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
    unique = {problem.show(): problem for problem in found}  # a sentence written twice is one finding
    return kept(sorted(unique.values(), key=Problem.sort_key), document, options.ignore)


def _one_variant_per_audience(source: Source) -> Iterator[Variant]:
    seen: set[str] = set()
    for variant in variants_of(source.briefing, source.editions):
        if variant.audience.key not in seen:
            seen.add(variant.audience.key)
            yield variant


def _texts(brief: TailoredBriefing) -> Iterator[tuple[FieldPath, str]]:
    """Each text the audience reads, with where it is written."""
    if brief.summary:
        yield ("summary",), brief.summary
    if brief.audience.framing:
        yield ("audiences", brief.audience.key, "framing"), brief.audience.framing
    statements = [*brief.key_messages, *brief.actions]
    for section in brief.sections:
        if section.intro:
            yield (*section.source, "intro"), section.intro
        if isinstance(section, TailoredText):
            yield (*section.source, "body"), section.body
        poles = section.contrast if isinstance(section, TailoredTensions) else ()
        statements += [*section.items, *(item for pole in poles for item in pole.items)]
        yield from ((callout.source, callout.text) for callout in section.callouts)
    for statement in statements:
        yield statement.source, statement.text
        yield from ((point.source, point.text) for point in statement.points)


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
