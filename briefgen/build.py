"""Build: content files → validated briefings → tailored documents → rendered where stale → output folder.

Everything is read, validated and rendered in memory before the first file is written.
No printing and no CLI here: the result says what happened.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefgen import __version__, figures
from briefgen.documents import DOCUMENTS, FORMATS, DocumentJob
from briefgen.errors import ContentError, Location, Problem, StrictModeError, UsageError
from briefgen.loader import LoadedDocument, load
from briefgen.model import Briefing
from briefgen.output import OutputWriter
from briefgen.parallel import Progress, render_all
from briefgen.render_html import TEMPLATES, HtmlRenderer, IndexEntry
from briefgen.tailor import Audience, audiences_of, tailor
from briefgen.validate import validate

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
CONTENT_SUFFIXES = (".yaml", ".yml")


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
    outputs: tuple[str, ...] = DOCUMENTS
    """Which documents: the brief, the slide deck, or both."""
    speaker_notes: bool = False
    """Print speaker notes in slide PDFs."""
    strict: bool = False
    """Treat warnings as errors: report them and write nothing."""
    force: bool = False
    """Render every output, current or not."""
    jobs: int = os.cpu_count() or 1
    """How many processes render documents."""


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    """Files whose bytes changed."""
    rendered: tuple[str, ...]
    """Documents rendered (output paths without suffix)."""
    current: int
    """Documents that were already current and were not rendered."""
    warnings: tuple[str, ...] = field(default=())


def discover(paths: Sequence[Path]) -> list[Path]:
    """Content files named by `paths`: files as given, folders searched (not recursively) for *.yaml."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for candidate in sorted(path.iterdir()):
                if candidate.suffix in CONTENT_SUFFIXES and candidate.is_file():
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


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Validate every content file, render what is not current, then write it all and the manifest."""
    for fmt in request.formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    sources = load_sources(request.sources)
    _check_audiences(sources, request.audiences)
    renderer = HtmlRenderer(request.templates_dir)
    writer = OutputWriter(request.out_dir)
    template_hashes = {document: _hash(*sorted(renderer.sources(name).items()))
                       for document, name in TEMPLATES.items()}
    planned = [job for source in sources for job in _jobs(source, request, template_hashes["slides"])]
    inputs = {job.stem: _inputs(job, template_hashes[job.document]) for job in planned}
    stale = []
    for job in planned:
        current = {fmt for fmt in job.formats if writer.is_current(f"{job.stem}.{fmt}", inputs[job.stem])}
        if request.force or current != set(job.formats):
            stale.append(replace(job, formats=tuple(fmt for fmt in job.formats if fmt not in current),
                                 earlier_runs=_earlier_runs(writer, job.stem)))
        for fmt in current:
            writer.keep(f"{job.stem}.{fmt}")
    rendered = {document.stem: document for document in render_all(stale, request.jobs, progress)}
    warnings: dict[str, None] = {}  # in order, without repeats: a document's warnings are recorded per format
    for job in planned:
        document = rendered.get(job.stem)
        for fmt in job.formats:
            name = f"{job.stem}.{fmt}"
            if document and name in document.files:
                writer.add(name, document.files[name], inputs[job.stem], document.warnings, document.slide_runs)
                warnings.update(dict.fromkeys(document.warnings))
            else:  # current: its warnings still stand, so --strict fails a build that rendered nothing
                warnings.update(dict.fromkeys(writer.recorded[name].warnings))
    if request.strict and warnings:
        raise StrictModeError(list(warnings))
    built = writer.outputs()
    writer.add("index.html", renderer.index([_index_entry(source, built) for source in sources]).encode())
    written = writer.commit()
    return BuildResult(tuple(written), tuple(rendered), len(planned) - len(stale), tuple(warnings))


def _jobs(source: Source, request: BuildRequest, slide_templates: str) -> Iterator[DocumentJob]:
    for key, audience in source.audiences.items():
        if request.audiences and key not in request.audiences:
            continue
        brief = tailor(source.briefing, source.slug, audience)
        # What besides a slide's content decides whether it fits.
        fit_context = _hash(__version__, slide_templates, request.speaker_notes, key)
        for document in DOCUMENTS:
            if document in request.outputs:
                yield DocumentJob(f"{source.slug}/{key}/{document}", document, request.formats, brief,
                                  source.document, request.templates_dir, request.speaker_notes, fit_context)


def _earlier_runs(writer: OutputWriter, stem: str) -> dict[str, int]:
    """How the last build of this deck spread its slides: still useful for the runs an edit left alone."""
    runs: dict[str, int] = {}
    for fmt in FORMATS:
        if recorded := writer.recorded.get(f"{stem}.{fmt}"):
            runs.update(recorded.slide_runs)
    return runs


def _inputs(job: DocumentJob, templates: str) -> str:
    """A hash of everything the job's output is made from: a change to any of it makes the output stale."""
    images = [figures.locate(job.content.path, section.figure.src).read_bytes()
              for section in job.brief.sections if section.figure and section.figure.src]
    options = f"speaker_notes={job.speaker_notes}" if job.document == "slides" else ""
    return _hash(__version__, job.document, options, templates, repr(job.brief), *images)


def _hash(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


def _index_entry(source: Source, built: set[str]) -> IndexEntry:
    """The briefing's outputs in the folder: this build's, and those an earlier build made (say, of other
    audiences or formats), so that a partial build does not drop them from the index."""
    audiences = []
    for key, audience in source.audiences.items():
        files = tuple(f"{document}.{fmt}" for document in DOCUMENTS for fmt in FORMATS
                      if f"{source.slug}/{key}/{document}.{fmt}" in built)
        if files:
            audiences.append((key, audience.label, files))
    return IndexEntry(source.slug, source.briefing.title, tuple(audiences))
