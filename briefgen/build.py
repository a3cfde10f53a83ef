"""Build: content files → validated briefings → tailored HTML and PDF per audience → output folder.

Everything is read, validated and rendered in memory before the first file is written.
No printing and no CLI here: the result says what happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import ContentError, Location, Problem, UsageError
from briefgen.loader import LoadedDocument, load
from briefgen.model import Briefing
from briefgen.output import OutputWriter
from briefgen.render_html import HtmlRenderer, IndexEntry
from briefgen.tailor import Audience, audiences_of, tailor
from briefgen.validate import validate

FORMATS = ("html", "pdf")
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
            files = _build_brief(source, audience, request, renderer, writer, warnings)
            built.append((key, audience.label, files))
        entries.append(IndexEntry(source.slug, source.briefing.title, tuple(built)))
    writer.add("index.html", renderer.index(entries).encode())
    return BuildResult(tuple(writer.commit()), tuple(warnings))


def _build_brief(source: Source, audience: Audience, request: BuildRequest, renderer: HtmlRenderer,
                 writer: OutputWriter, warnings: list[str]) -> tuple[str, ...]:
    html = renderer.brief(tailor(source.briefing, source.slug, audience))
    folder = f"{source.slug}/{audience.key}"
    files = []
    if "html" in request.formats:
        writer.add(f"{folder}/brief.html", html.encode())
        files.append("brief.html")
    if "pdf" in request.formats:
        from briefgen.render_pdf import render_pdf

        pdf, pdf_warnings = render_pdf(html, request.templates_dir, [request.templates_dir],
                                       source=f"{folder}/brief.pdf")
        warnings.extend(f"{folder}/brief.pdf: {message}" for message in pdf_warnings)
        writer.add(f"{folder}/brief.pdf", pdf)
        files.append("brief.pdf")
    return tuple(files)
