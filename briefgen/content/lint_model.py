"""The schema of a briefing's `lint:` options: what `briefgen lint` judges its text by."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from briefgen.content.fields import MAX_NAME_CHARS, StrictModel, matching
from briefgen.rules import RULES


def _ignorable(code: str) -> str:
    """`code`, if it names a rule whose findings an author may set aside; an error must be fixed instead."""
    rule = RULES.get(code)
    if rule is None:
        raise ValueError(f"no rule has the code {code} (`briefgen lint --list-rules` lists them)")
    if not rule.ignorable:
        raise ValueError(f"{code} ({rule.name}) is an error, which cannot be ignored: fix what it finds")
    return code


RuleCode = Annotated[str, StringConstraints(pattern=r"^BG\d{3}$"), AfterValidator(_ignorable)]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
WordListFile = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                         matching(re.compile(r"^[^\n]+\.txt$", re.IGNORECASE), "the name of a text file (.txt)")]


class LintOptions(StrictModel):
    """`lint: {ignore: [BG202], sentence_words: 40, jargon: [stakeholder], allow: [holistic], words: [Kirklees]}`."""

    ignore: list[RuleCode] = Field(default_factory=list)
    """Codes of the warnings whose findings the author has weighed and set aside in this briefing (say why in a
    comment beside them); `briefgen lint --list-rules` lists them. An error's code cannot be ignored."""
    sentence_words: int = Field(default=35, ge=10, le=200)
    """The most words a sentence may have before it is a finding (BG202)."""
    jargon: list[Word] = Field(default_factory=list)
    """Words and phrases to avoid in this briefing's text, besides the built-in list (BG203)."""
    allow: list[Word] = Field(default_factory=list)
    """Words of the built-in jargon list this briefing's readers use as terms of their own (BG203)."""
    words: list[Word] = Field(default_factory=list)
    """Words spelt as this briefing means them that the British English dictionary lacks: names of people,
    places and services (BG205). Its abbreviations, glossary terms and editions' names count already."""
    word_list: WordListFile | None = None
    """A text file beside the briefing of more such words, one a line (`#` starts a comment): a list a team's
    briefings share."""
