"""Build: content files → validated briefings → tailored HTML and PDF per audience → output folder.

Everything is read, validated and rendered in memory before the first file is written.
No printing and no CLI here: the result says what happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import deck, richtext
from briefgen.errors import ContentError, Location, Problem, StrictModeError, UsageError
from briefgen.loader import LoadedDocument, load
from briefgen.model import Briefing
from briefgen.output import OutputWriter
from briefgen.render_html import HtmlRenderer, IndexEntry
from briefgen.tailor import Audience, TailoredBriefing, audiences_of, tailor
from briefgen.validate import validate

if TYPE_CHECKING:
    from briefgen.render_pdf import LaidOut

FORMATS = ("html", "pdf")
OUTPUTS = ("brief", "slides")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A validated content file and the output folder name it builds into."""

    path: Path
    slug: str
    briefing: Briefing
    document: LoadedDocument

    @property
    def audiences(self) -> dict[str, Audience]:
        return audiences_of(self.briefing)


@dataclass(frozen=True)
class BuildRequest:
    sources: tuple[Path, ...]
    out_dir: Path
    templates_dir: Path
    audiences: tuple[str, ...] = ()
    """Audiences to build; empty means every audience of every briefing."""
    formats: tuple[str, ...] = FORMATS
    outputs: tuple[str, ...] = OUTPUTS
    """Which documents: the brief, the slide deck, or both."""
    speaker_notes: bool = False
    """Print speaker notes in slide PDFs."""
    strict: bool = False
    """Treat warnings as errors: report them and write nothing."""


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...] = field(default=())


def discover(paths: Sequence[Path]) -> list[Path]:
    """Content files named by `paths`: files as given, folders searched (not recursively) for *.yaml."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for candidate in sorted(path.iterdir()):
                if candidate.suffix in _CONTENT_SUFFIXES and candidate.is_file():
                    if not candidate.resolve().is_relative_to(folder):
                        raise ContentError([Problem(Location(candidate, 1, 1), "",
                                                    "is a link to a file outside its folder; refused")])
                    found.append(candidate)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such content file or folder: {path}")
    if not found:
        raise UsageError(f"no content files (*.yaml) in {', '.join(map(str, paths))}")
    return found


def load_sources(paths: Sequence[Path]) -> list[Source]:
    """Load and validate every file, reporting the problems of all files together."""
    problems: list[Problem] = []
    sources: list[Source] = []
    for path in paths:
        try:
            document = load(path)
            briefing = validate(document)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        slug = briefing.slug or path.stem
        if not _SLUG.match(slug):
            problems.append(document.problem((), f"file name {path.stem!r} is not a usable output folder name; "
                                                 "add a `slug:` of lower-case letters, digits, '-' or '_'"))
            continue
        sources.append(Source(path, slug, briefing, document))
    problems.extend(_slug_collisions(sources))
    if problems:
        raise ContentError(problems)
    return sources


def _slug_collisions(sources: list[Source]) -> list[Problem]:
    first_by_slug: dict[str, Source] = {}
    problems = []
    for source in sources:
        first = first_by_slug.setdefault(source.slug, source)
        if first is not source:
            problems.append(source.document.problem(
                ("slug",), f"builds into output/{source.slug}/, as {first.path} does; give one a different slug"))
    return problems


def _check_audiences(sources: list[Source], wanted: tuple[str, ...]) -> None:
    known = {key for source in sources for key in source.audiences}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise UsageError(f"unknown audience {', '.join(unknown)} (known: {', '.join(sorted(known))})")


def build(request: BuildRequest) -> BuildResult:
    for fmt in request.formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    sources = load_sources(request.sources)
    _check_audiences(sources, request.audiences)
    renderer = HtmlRenderer(request.templates_dir)
    writer = OutputWriter(request.out_dir)
    warnings: list[str] = []
    entries: list[IndexEntry] = []
    for source in sources:
        built: list[tuple[str, str, tuple[str, ...]]] = []
        for key, audience in source.audiences.items():
            if request.audiences and key not in request.audiences:
                continue
            brief = tailor(source.briefing, source.slug, audience)
            files: list[str] = []
            if "brief" in request.outputs:
                html = renderer.brief(brief, source.path)
                files += _write(f"{source.slug}/{key}/brief", html, request, writer, warnings)
            if "slides" in request.outputs:
                html = _slides_html(source, brief, request, renderer, warnings)
                files += _write(f"{source.slug}/{key}/slides", html, request, writer, warnings)
            built.append((key, audience.label, tuple(files)))
        entries.append(IndexEntry(source.slug, source.briefing.title, tuple(built)))
    if request.strict and warnings:
        raise StrictModeError(warnings)
    writer.add("index.html", renderer.index(entries).encode())
    return BuildResult(tuple(writer.commit()), tuple(warnings))


def _write(stem: str, html: str, request: BuildRequest, writer: OutputWriter, warnings: list[str]) -> list[str]:
    """Queue `stem`.html and/or `stem`.pdf; returns the file names."""
    name = stem.rsplit("/", 1)[-1]
    files = []
    if "html" in request.formats:
        writer.add(f"{stem}.html", html.encode())
        files.append(f"{name}.html")
    if "pdf" in request.formats:
        laid_out = _lay_out(html, f"{stem}.pdf", request)
        writer.add(f"{stem}.pdf", laid_out.pdf())
        warnings.extend(f"{stem}.pdf: {message}" for message in laid_out.warnings)
        files.append(f"{name}.pdf")
    return files


def _lay_out(html: str, name: str, request: BuildRequest) -> LaidOut:
    from briefgen.render_pdf import lay_out  # weasyprint is slow to import; validate does not need it

    return lay_out(html, request.templates_dir, [request.templates_dir], source=name)


def _slides_html(source: Source, brief: TailoredBriefing, request: BuildRequest, renderer: HtmlRenderer,
                 warnings: list[str]) -> str:
    """The deck's HTML, with every overflowing slide split until it fits or cannot be split further."""
    slides = deck.plan(brief)
    while True:
        html = renderer.slides(brief, slides, request.speaker_notes, source.path)
        laid_out = _lay_out(html, f"{source.slug}/{brief.audience.key}/slides", request)
        overflowing = {index for index in range(len(slides))
                       if laid_out.page_of(f"slide-{index + 1}") != laid_out.page_of(f"slide-{index + 1}-end")}
        spread = deck.spread_overflowing(slides, overflowing) if overflowing else None
        if spread is None:
            break
        slides = spread
    for index in sorted(overflowing):
        slide = slides[index]
        problem = source.document.problem(slide.source, f"slide {index + 1} ({richtext.plain(slide.title)!r}) "
                                          f"for {brief.audience.key} does not fit on one slide even when "
                                          "spread over continuation slides; shorten its text")
        warnings.append(problem.show())
    return html
