"""The field types the content schema is built from: text, ids, patterns, web addresses, the strict base model.

Both the briefing schema (model.py) and the reference schema (references.py) use them.
"""

from __future__ import annotations

import datetime
import re
from enum import Enum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, model_validator
from pydantic_core import ErrorDetails

from briefgen.errors import quoted
from briefgen.rules import INVALID_VALUE, UNKNOWN_FIELD, Rule

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def matching(pattern: re.Pattern[str], explanation: str) -> AfterValidator:
    """A validator refusing text that `pattern` does not match: "'x' is not `explanation`"."""
    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"{quoted(value)} is not {explanation}")
        return value

    return AfterValidator(check)


def _web_url(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"{quoted(value)} is not a web address (it must start with https:// or http://)")
    return value


MAX_STATEMENT_CHARS = 4_000
"""Characters a statement (any text field but a text section's body), or a paragraph of a body, may hold:
about 600 words, several times the longest a brief's reader meets; laid out on a slide, far longer text
only costs time before it is cut off."""
MAX_WORD_CHARS = 120
"""Characters a word (a run without a space, in a script written with spaces) may hold: longer than any word
or DOI, and what a line of a slide holds at its smallest size. The engine's time to break a line grows with
the length of a word that has nowhere to break."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<(?:https?://|mailto:)[^>\s]*>")
"""What a reader never sees as text: a Markdown link's address, an autolink (refused in text by validation)."""
_MARKS = re.compile(r"[*_`\[\]]")
"""Markdown's marks for emphasis, code and links: not shown either."""
_SPACED_WORD = re.compile(r"[^\s\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u9fff\uf900-\ufaff\uff00-\uffef"
                          r"\U00020000-\U0003ffff]+")
"""A word of a script written with spaces: CJK, Thai, Lao, Khmer and Myanmar text, which lines break without
spaces, ends it (and so is never part of one)."""


def _readable(text: str, what: str = "a statement") -> str:
    """Refuse text that costs the layout engine far more than a reader would ever read: too long, or a word
    with nowhere to break a line."""
    if len(text) > MAX_STATEMENT_CHARS:
        raise ValueError(f"{what} is {len(text):,} characters, over the limit of {MAX_STATEMENT_CHARS:,}: "
                         "split it, or move the detail to the annex or a reference")
    word = max(_SPACED_WORD.findall(_MARKS.sub("", _LINK_TARGET.sub("", text))), key=len, default="")
    if len(word) > MAX_WORD_CHARS:
        raise ValueError(f"the word {quoted(word)} is {len(word):,} characters without a space, over the limit "
                         f"of {MAX_WORD_CHARS}: break it with spaces, or put an address in a link, "
                         "[what it is](address)")
    return text


def _readable_body(text: str) -> str:
    for paragraph in _PARAGRAPH_BREAK.split(text):
        _readable(paragraph, "a paragraph")
    return text


class Role(Enum):
    """What a string of the schema holds, when checks must read every such string wherever it is written
    (content.schema.texts finds them by this mark): a field declared with a type carrying it is checked too,
    with no list of fields to update."""

    TEXT = "text"
    """Words a reader reads, in Markdown, which may cite works (`[@id]`)."""
    CITE_KEY = "cite key"
    """The id of a work the text it belongs to cites (an item's `cite:`)."""


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_readable), Role.TEXT]
"""Non-empty text; inline Markdown (emphasis, links) is allowed. At most MAX_STATEMENT_CHARS characters,
and no word longer than MAX_WORD_CHARS."""
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_readable_body),
                 Role.TEXT]
"""Non-empty Markdown paragraphs and lists; each paragraph as long as a `Text` may be."""
Cell = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(lambda text: _readable(text, "a cell")),
                 Role.TEXT]
"""A table cell: inline Markdown, as a `Text` is (as long, with words as long), but it may be empty."""
MAX_NAME_CHARS = 64
"""Ids, slugs and audience names become anchors, folder and file names: kept well under any file system's limit."""
Id = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
               matching(ID_PATTERN, "a valid id (lower-case letters, digits, '-' or '_')")]
AudienceName = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                         matching(re.compile(r"^[a-z][a-z0-9_]*$"), "a valid audience name (lower-case, digits, '_')")]
"""A briefing's audiences and a brand's colours for them: each becomes a folder name and a CSS class
(`.audience-gp`)."""
RewordKey = Annotated[str, StringConstraints(max_length=2 * MAX_NAME_CHARS + 1),
                      matching(re.compile(r"^[a-z][a-z0-9_]*(?:=[A-Za-z0-9][A-Za-z0-9_-]*)?$"),
                               "an audience name, or an edition as TABLE=KEY (icb=QHM)")]
"""Whose rewording a `for:` entry is: an audience's (`gp`), or an edition's (`icb=QHM`, one of its editions)."""
Doi = Annotated[str, matching(DOI_PATTERN, "a DOI such as 10.1000/xyz123")]
"""A Digital Object Identifier, without https://doi.org/."""
WebUrl = Annotated[str, AfterValidator(_web_url)]
"""An https:// or http:// address."""


class StrictModel(BaseModel):
    """Unknown keys are errors; field docstrings are the documentation (for readers: pydantic is not asked to
    read them, which would parse this file's source on every run)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    SHORTHAND: ClassVar[str | None] = None
    """The field a value written in place of the mapping stands for, if the model has a shorthand (`- text`
    for `- {text: text}`); its before-validator says which values are one."""
    ONE_OR_MORE: ClassVar[tuple[str, ...]] = ()
    """List fields that one value may be written for (`y: Referrals` for `y: [Referrals]`)."""

    @model_validator(mode="before")
    @classmethod
    def _one_for_a_list(cls, data: Any) -> Any:
        if not cls.ONE_OR_MORE or not isinstance(data, dict):
            return data
        return {**data, **{key: [data[key]] for key in cls.ONE_OR_MORE if isinstance(data.get(key), str)}}


def schema_rule(error: ErrorDetails) -> Rule:
    """The rule a schema error is a finding of: a key a strict model has no field for, or a value it refuses."""
    return UNKNOWN_FIELD if error["type"] == "extra_forbidden" else INVALID_VALUE


_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def _on_the_calendar(written: str) -> str:
    if len(written) == 10:
        try:
            datetime.date.fromisoformat(written)
        except ValueError:
            raise ValueError(f"{written} is not a day of the calendar") from None
    return written


PublicationDate = Annotated[str, matching(_DATE, "a date written YYYY, YYYY-MM or YYYY-MM-DD"),
                            AfterValidator(_on_the_calendar)]
"""A year, a month or a day, as ISO 8601 writes it (2026, 2026-11, 2026-11-25); a day must be on the calendar."""
