"""What every Office file gets on the way out: the page's title, authors, subject, language and the briefing's
state (its version, the date of its figures, its review date) as its properties; its parts finished
(package_parts); fixed dates in them and in its zip, so the same input gives the same bytes; and the
accessibility checks run on those bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from lxml.html import HtmlElement

from briefgen.errors import RenderError
from briefgen.render.document_properties import STATUS_PROPERTIES
from briefgen.render.failures import Failure
from briefgen.render.office import package_parts
from briefgen.render.office.reading import text_of
from briefgen.rules import PROPERTY_CUT

if TYPE_CHECKING:
    from briefgen.render.draft import Draft

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
    version: str
    created: datetime
    modified: datetime
    last_printed: datetime


class Savable(Protocol):
    """A python-pptx presentation or python-docx document."""

    def save(self, file: io.BytesIO) -> None: ...


MAX_PROPERTY_CHARS = 255
"""Characters a document property may hold in an Office file (python-pptx and python-docx refuse more)."""


def describe(properties: CoreProperties, page: HtmlElement, draft: Draft, suffix: str) -> None:
    """Set what a reader's tools show of the document, as the page's head says it (its title, authors,
    description and language), with fixed dates (see `FIXED_TIME`). A property longer than Office allows is cut
    with an ellipsis, and a note says so: the document itself shows it whole."""
    head = page.find("head")
    described = {
        "title": text_of(head.find("title")),
        "language": page.get("lang", ""),
        "author": "; ".join(meta.get("content", "") for meta in head.findall("meta[@name='author']")),
        "subject": next((meta.get("content", "") for meta in head.findall("meta[@name='description']")), ""),
    }
    for name, value in described.items():
        if len(value) > MAX_PROPERTY_CHARS:
            value = value[:MAX_PROPERTY_CHARS - 1] + "\u2026"
            draft.problems.append(PROPERTY_CUT.found(
                f"the document's {name} property is cut to {MAX_PROPERTY_CHARS} characters, the most an Office file "
                "holds; the document shows it in full", output=f"{draft.name}.{suffix}"))
        setattr(properties, name, value)
    properties.version = status_of(page).get("Version", "")[:MAX_PROPERTY_CHARS]
    properties.last_modified_by = "briefgen"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = FIXED_TIME


@contextmanager
def writing(draft: Draft, suffix: str) -> Iterator[None]:
    """Turn a failure of python-pptx or python-docx on what it is given into an error naming the output: odd
    input must not end in a traceback."""
    try:
        yield
    except RenderError:
        raise
    except Exception as exc:  # the libraries raise what their parts raise (ValueError, KeyError, lxml's)
        raise RenderError(f"{draft.name}.{suffix}: could not be written ({type(exc).__name__}: {exc})") from exc


def status_of(page: HtmlElement) -> dict[str, str]:
    """What the page's head says of the briefing's state, by the name of the Office file's custom property."""
    head = page.find("head")
    return {status.office: meta.get("content", "") for status in STATUS_PROPERTIES
            if (meta := head.find(f"meta[@name='{status.meta}']")) is not None}


def saved(document: Savable, page: HtmlElement, draft: Draft, suffix: str,
          failures: Callable[[bytes], list[Failure]]) -> bytes:
    """The document's bytes, its parts finished and reproducible, with the page's `status_of` as custom
    properties; what `failures` finds in them are the draft's warnings (so that `--strict` fails on them)."""
    written = io.BytesIO()
    document.save(written)
    with zipfile.ZipFile(written) as saved_package:
        parts = {entry.filename: saved_package.read(entry) for entry in saved_package.infolist()}
    data = reproducible(package_parts.finished(parts, status_of(page)))
    draft.problems.extend(failure.warning(f"{draft.name}.{suffix}") for failure in failures(data))
    return data


def reproducible(parts: dict[str, bytes]) -> bytes:
    """The parts (name → bytes) zipped in their order with each entry's time fixed, so equal content gives equal
    bytes."""
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            fixed = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return written.getvalue()
