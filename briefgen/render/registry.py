"""Document kinds and output formats, registered by name: the one place that says what a build can make.

A build's requests and jobs, the manifest, the index page and the CLI's `--output`/`--format` choices all
read these registries, so adding a format is a module with a render function and one `FORMATS.register`
(docs/architecture.md). Light on purpose: a renderer is named by "module:function" and imported only in the
process that renders, so the CLI and a build with nothing to do import no template or layout engine.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from briefgen.render.draft import Draft


class Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


class Registry(Generic[T]):
    """Entries by name, in the order registered (the order of outputs and of the index page's links)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        """What an entry is, in messages: "format"."""
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        if entry.name in self._entries:
            raise ValueError(f"a {self.kind} named {entry.name!r} is registered already")
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        del self._entries[name]

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def defaults(self) -> tuple[str, ...]:
        """The names of the entries used when none are named (those not marked `default=False`)."""
        return tuple(name for name, entry in self._entries.items() if getattr(entry, "default", True))


@dataclass(frozen=True)
class DocumentKind:
    """A document made per variant of a briefing, such as the brief or the slide deck."""

    name: str
    title: str
    """How the index page names it: "Brief"."""
    template: str
    """Its page template; its HTML is what the laid-out formats are made from."""
    fits_slides: bool = False
    """Laid out to find slides that overflow and spread them over continuation slides (a deck)."""
    budgeted: bool = False
    """Its pages are counted against the briefing's `max_pages` when it is laid out (a brief)."""


@dataclass(frozen=True)
class OutputFormat:
    """A file format a document is rendered to."""

    name: str
    """Also the file suffix: `pdf` → `brief.pdf`."""
    label: str
    """How the index page names it: "PDF"."""
    renderer: str
    """"module:function" turning a `Draft` into the file's bytes."""
    documents: tuple[str, ...]
    """The document kinds it can render."""
    needs_layout: bool = False
    """Made from WeasyPrint's page layout of the document's HTML (so worth a worker process)."""
    default: bool = True
    """Made by a build that names no formats, of a briefing that names none (its `formats`)."""

    def render(self, draft: Draft) -> bytes:
        module, _, function = self.renderer.partition(":")
        return cast(Callable[["Draft"], bytes], getattr(importlib.import_module(module), function))(draft)


DOCUMENTS: Registry[DocumentKind] = Registry("document")
DOCUMENTS.register(DocumentKind("brief", "Brief", "brief.html.j2", budgeted=True))
DOCUMENTS.register(DocumentKind("slides", "Slides", "slides.html.j2", fits_slides=True))

FORMATS: Registry[OutputFormat] = Registry("format")
FORMATS.register(OutputFormat("html", "web", "briefgen.render.draft:html_bytes", ("brief", "slides")))
FORMATS.register(OutputFormat("pdf", "PDF", "briefgen.render.draft:pdf_bytes", ("brief", "slides"), needs_layout=True))
# Editable Office files, made when asked for (`--format`, or a briefing's `formats`).
FORMATS.register(OutputFormat("pptx", "PowerPoint", "briefgen.render.office.pptx:pptx_bytes", ("slides",),
                              default=False))
FORMATS.register(OutputFormat("docx", "Word", "briefgen.render.office.docx:docx_bytes", ("brief",), default=False))
