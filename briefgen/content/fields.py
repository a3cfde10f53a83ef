"""The field types the content schema is built from: text, ids, patterns, web addresses, the strict base model.

Both the briefing schema (model.py) and the reference schema (references.py) use them.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def matching(pattern: re.Pattern[str], explanation: str) -> AfterValidator:
    """A validator refusing text that `pattern` does not match: "'x' is not `explanation`"."""
    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return AfterValidator(check)


def _web_url(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"{value!r} is not a web address (it must start with https:// or http://)")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text; inline Markdown (emphasis, links) is allowed."""
MAX_NAME_CHARS = 64
"""Ids, slugs and audience names become anchors, folder and file names: kept well under any file system's limit."""
Id = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
               matching(ID_PATTERN, "a valid id (lower-case letters, digits, '-' or '_')")]
Doi = Annotated[str, matching(DOI_PATTERN, "a DOI such as 10.1000/xyz123")]
"""A Digital Object Identifier, without https://doi.org/."""
WebUrl = Annotated[str, AfterValidator(_web_url)]
"""An https:// or http:// address."""


class StrictModel(BaseModel):
    """Unknown keys are errors; field docstrings are the documentation (for readers: pydantic is not asked to
    read them, which would parse this file's source on every run)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
