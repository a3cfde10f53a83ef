"""What makes an Office file the same bytes from the same input: fixed dates in its properties and its zip."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Protocol

FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
"""The time written wherever a file would record when it was made (a zip entry's time cannot precede 1980)."""


class CoreProperties(Protocol):
    """The document properties python-pptx and python-docx share."""

    title: str
    language: str
    author: str
    subject: str
    last_modified_by: str
    revision: int
    created: datetime
    modified: datetime
    last_printed: datetime


def describe(properties: CoreProperties, title: str, language: str, author: str, subject: str) -> None:
    """Set what a reader's tools show of the document and its language, with fixed dates (see `FIXED_TIME`)."""
    properties.title = title
    properties.language = language
    properties.author = author
    properties.subject = subject
    properties.last_modified_by = "briefgen"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = FIXED_TIME


def reproducible(package: bytes) -> bytes:
    """The zip with each entry's time fixed and the same entry order, so equal content gives equal bytes."""
    written = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return written.getvalue()
