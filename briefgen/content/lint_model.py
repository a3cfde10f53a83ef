"""The schema of a briefing's `lint:` options: what `briefgen lint` judges its text by."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from briefgen.content.fields import StrictModel

RuleCode = Annotated[str, StringConstraints(pattern=r"^BG\d{3}$")]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class LintOptions(StrictModel):
    """`lint: {ignore: [BG202], sentence_words: 40, jargon: [stakeholder], allow: [holistic], words: [Kirklees]}`."""

    ignore: list[RuleCode] = Field(default_factory=list)
    """Codes of the rules whose findings the author has weighed and set aside in this briefing (say why in a
    comment beside them); `briefgen lint --list-rules` lists them."""
    sentence_words: int = Field(default=35, ge=10, le=200)
    """The most words a sentence may have before it is a finding (BG202)."""
    jargon: list[Word] = Field(default_factory=list)
    """Words and phrases to avoid in this briefing's text, besides the built-in list (BG203)."""
    allow: list[Word] = Field(default_factory=list)
    """Words of the built-in jargon list this briefing's readers use as terms of their own (BG203)."""
    words: list[Word] = Field(default_factory=list)
    """Words spelt as this briefing means them that the British English dictionary lacks: names of people,
    places and services (BG205). Its abbreviations, glossary terms and editions' names count already."""
