"""Every check whose finding an author may need to weigh, registered once: its code (`BG101`), its default
severity, what it finds in a line, and where docs/lint.md explains it. A Problem carries its rule's code, so
that `--strict`, a briefing's `lint: {ignore: [...]}` and a `# briefgen: ignore BG101` comment act by code.

Content errors (a citation of no work, a row of the wrong width) stop every build and have no code to ignore.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.errors import Severity

DOCS = "docs/lint.md"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str

    @property
    def anchor(self) -> str:
        """Where the docs explain it: `docs/lint.md#bg101-uncited-work`."""
        return f"{DOCS}#{self.code.lower()}-{self.name}"


RULES: dict[str, Rule] = {}
"""Every rule, by code."""


def _rule(code: str, name: str, severity: Severity, summary: str) -> Rule:
    RULES[code] = Rule(code, name, severity, summary)
    return RULES[code]


UNCITED_WORK = _rule("BG101", "uncited-work", Severity.WARNING, "a work in `references` that no text cites")
NEVER_SHOWN = _rule("BG102", "never-shown", Severity.WARNING,
                    "text reworded for every audience that reads it, so that it is never shown")
READING_LEVEL = _rule("BG201", "reading-level", Severity.WARNING,
                      "a sentence above its audience's reading age (Flesch-Kincaid grade + 5)")
LONG_SENTENCE = _rule("BG202", "long-sentence", Severity.WARNING, "a sentence longer than the word limit")
JARGON = _rule("BG203", "jargon", Severity.WARNING, "a word plain-English guidance asks writers to avoid")
UNDEFINED_ABBREVIATION = _rule("BG204", "undefined-abbreviation", Severity.WARNING,
                               "an abbreviation used but not in `abbreviations`")
SPELLING = _rule("BG205", "spelling", Severity.WARNING,
                 "a word not spelt as British English writes it (Hunspell's en_GB dictionary)")
PAGE_BUDGET = _rule("BG301", "page-budget", Severity.WARNING, "a brief longer than its page budget")
SLIDE_BUDGET = _rule("BG302", "slide-budget", Severity.WARNING, "a deck longer than its slide budget")
CUT_OFF = _rule("BG303", "cut-off", Severity.WARNING, "a slide that does not fit even at its smallest size")
