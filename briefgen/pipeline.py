"""Validated sources → the documents that are not current, rendered and queued in the output writer.

The heavy half of a build, imported only when something may need rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import DOCUMENTS, FORMATS, __version__, figures
from briefgen.documents import DocumentJob
from briefgen.output import INDEX, OutputWriter, digest, hash_of
from briefgen.parallel import Progress, render_all
from briefgen.render_html import TEMPLATES, HtmlRenderer, IndexEntry
from briefgen.sources import Source, check_audiences, load_sources
from briefgen.tailor import tailor

if TYPE_CHECKING:
    from briefgen.build import BuildRequest


@dataclass(frozen=True)
class Queued:
    """What `queue_stale` left in the writer, and what the build read to make it."""

    rendered: tuple[str, ...]
    """Documents rendered (output paths without suffix)."""
    current: int
    """Documents that were current."""
    warnings: tuple[str, ...]
    outputs: tuple[str, ...]
    """Every output of the request, current or rendered, and the index."""
    read: dict[str, str]
    """Every file the outputs are made from (content files, figure images, templates) → its sha256, taken
    before it was read: an edit made while the build runs is a change for the next build."""


def queue_stale(request: BuildRequest, writer: OutputWriter, progress: Progress | None) -> Queued:
    templates = (path for path in sorted(request.templates_dir.rglob("*")) if path.is_file())
    read = _digests([*request.sources, *templates])
    sources = load_sources(request.sources)
    check_audiences(sources, request.audiences)
    read.update(_digests([figures.locate(source.path, section.figure.src) for source in sources
                          for section in source.briefing.sections if section.figure]))
    renderer = HtmlRenderer(request.templates_dir)
    template_hashes = {document: hash_of(*sorted(renderer.sources(name).items()))
                       for document, name in TEMPLATES.items()}
    planned = [job for source in sources for job in _jobs(source, request, template_hashes["slides"])]
    inputs = {job.stem: _inputs(job, template_hashes[job.document], read) for job in planned}
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
    outputs = []
    for job in planned:
        document = rendered.get(job.stem)
        for fmt in job.formats:
            name = f"{job.stem}.{fmt}"
            outputs.append(name)
            if document and name in document.files:
                writer.add(name, document.files[name], inputs[job.stem], document.warnings, document.slide_runs)
                warnings.update(dict.fromkeys(document.warnings))
            else:  # current: its warnings still stand, so --strict fails a build that rendered nothing
                warnings.update(dict.fromkeys(writer.recorded[name].warnings))
    built = writer.outputs()
    index = renderer.index([_index_entry(source, built) for source in sources]).encode()
    writer.add(INDEX, index, inputs=digest(index))
    return Queued(tuple(rendered), len(planned) - len(stale), tuple(warnings), (*outputs, INDEX), read)


def _digests(paths: list[Path]) -> dict[str, str]:
    return {str(path.resolve()): digest(path.read_bytes()) for path in paths}


def _jobs(source: Source, request: BuildRequest, slide_templates: str) -> Iterator[DocumentJob]:
    for key, audience in source.audiences.items():
        if request.audiences and key not in request.audiences:
            continue
        brief = tailor(source.briefing, source.slug, audience)
        # What besides a slide's content decides whether it fits.
        fit_context = hash_of(__version__, slide_templates, request.speaker_notes, key)
        for document in DOCUMENTS:
            if document in request.outputs:
                yield DocumentJob(f"{source.slug}/{key}/{document}", document, request.formats, brief,
                                  source.document, request.templates_dir, request.speaker_notes,
                                  request.check_fit, fit_context)


def _earlier_runs(writer: OutputWriter, stem: str) -> dict[str, int]:
    """How the last build of this deck spread its slides: still useful for the runs an edit left alone."""
    runs: dict[str, int] = {}
    for fmt in FORMATS:
        if recorded := writer.recorded.get(f"{stem}.{fmt}"):
            runs.update(recorded.slide_runs)
    return runs


def _inputs(job: DocumentJob, templates: str, read: dict[str, str]) -> str:
    """A hash of everything the job's output is made from: a change to any of it makes the output stale.
    Figures count by the digests `read` took of them, so each image is read once however many use it."""
    images = [read[str(figures.locate(job.content.path, section.figure.src).resolve())]
              for section in job.brief.sections if section.figure]
    options = f"speaker_notes={job.speaker_notes} check_fit={job.check_fit}" if job.document == "slides" else ""
    return hash_of(__version__, job.document, options, templates, repr(job.brief), *images)


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
