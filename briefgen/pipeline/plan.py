"""Validated sources → the documents asked for, and those not current rendered and staged in the output writer.

The heavy half of a build, imported only when something may need rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen import __version__
from briefgen.content.brand import Brand, load_brand, preset
from briefgen.content.sources import Source, load_sources
from briefgen.errors import ContentError, Problem, UsageError
from briefgen.pipeline.cost import Cost, cost_of
from briefgen.pipeline.jobs import DocumentJob, needs_layout
from briefgen.pipeline.output import INDEX, OutputWriter, digest, hash_of
from briefgen.pipeline.parallel import Progress, render_all
from briefgen.pipeline.request import BuildRequest
from briefgen.pipeline.shard import share
from briefgen.render.html import HtmlRenderer, IndexEdition, IndexEntry, IndexLink
from briefgen.render.registry import DOCUMENTS, FORMATS, DocumentKind, OutputFormat
from briefgen.rules import INVALID_VALUE
from briefgen.views.editions import for_every_edition
from briefgen.views.spreading import RunFit
from briefgen.views.tailored import tailored
from briefgen.views.variant import Variant, check_selection, variants_of


@dataclass(frozen=True)
class Planned:
    """A document the request asks for, without its tailored briefing: holding every edition's at once would
    grow with the build, and tailoring one again when it is rendered is quick."""

    source: Source
    variant: Variant
    stem: str
    kind: DocumentKind
    formats: tuple[OutputFormat, ...]
    inputs: dict[str, str]
    """Each of its outputs (`stem` plus suffix, in every format asked for) → the hash of its inputs."""


@dataclass(frozen=True)
class Queued:
    """What `queue_stale` staged in the writer, and what the build read to make it."""

    rendered: tuple[str, ...]
    """Documents rendered (output paths without suffix)."""
    current: int
    """Documents that were current."""
    warnings: tuple[Problem, ...]
    outputs: tuple[str, ...]
    """Every output of the request, current or rendered, and the index."""
    read: dict[str, str]
    """Every file the outputs are made from (the templates, and each source's `inputs`) → its sha256. The
    content files and templates are digested before they are read, the files they name as they are found:
    an edit made while the build runs is a change for the next build."""
    plan: dict[str, tuple[str, ...]]
    """Every document of the whole plan → its output files: more than `outputs` in a shard build."""
    share: tuple[str, ...]
    """The documents this build rendered or found current: all of the plan's, unless it is a shard build."""


@dataclass(frozen=True)
class Plan:
    """Every document a request asks for, as jobs, before anything is rendered (`briefgen plan` lists it)."""

    sources: list[Source]
    variants: dict[Path, list[Variant]]
    """Each source's variants, every one of them (the index lists them)."""
    documents: list[Planned]
    """The documents selected, in order: briefing, variant, document kind."""
    inputs: dict[str, str]
    """Each output file → the hash of what it is made from (`_inputs`)."""
    read: dict[str, str]
    """As `Queued.read`."""
    renderer: HtmlRenderer
    template_hashes: dict[str, str]
    """Each document kind → a hash of its templates."""
    check_fit: bool

    def current(self, document: Planned, writer: OutputWriter) -> set[OutputFormat]:
        """The formats of `document` whose files in the folder were made from what they would be made from now."""
        return {fmt for fmt in document.formats
                if writer.is_current(f"{document.stem}.{fmt.name}", self.inputs[f"{document.stem}.{fmt.name}"])}

    def cost(self, document: Planned, writer: OutputWriter) -> Cost:
        return cost_of(document.stem, document.kind, document.formats, self.check_fit, writer.recorded)


def plan(request: BuildRequest) -> Plan:
    """Read and validate the request's sources, and make a job for every document it selects."""
    templates = (path for path in sorted(request.templates_dir.rglob("*")) if path.is_file())
    read = _digests([*request.sources, *templates])
    sources = load_sources(request.sources)
    variants = {source.path: variants_of(source.briefing, source.editions) for source in sources}
    check_selection((variant for found in variants.values() for variant in found), request.selection)
    read.update(_digests([file for source in sources for file in source.inputs if str(file.resolve()) not in read]))
    renderer = HtmlRenderer(request.templates_dir)
    template_hashes = {kind.name: hash_of(*sorted(renderer.sources(kind.template).items())) for kind in DOCUMENTS}
    documents = [document for source in sources for variant in variants[source.path]
                 if variant.chosen(request.selection)
                 for document in _planned(source, variant, request, template_hashes, read)]
    inputs = {name: hashed for document in documents for name, hashed in document.inputs.items()}
    return Plan(sources, variants, documents, inputs, read, renderer, template_hashes, request.check_fit)


def queue_stale(request: BuildRequest, writer: OutputWriter, progress: Progress | None) -> Queued:
    whole = plan(request)
    sources, variants, inputs, read, renderer = whole.sources, whole.variants, whole.inputs, whole.read, whole.renderer
    planned = whole.documents
    if request.shard:  # the same plan on every machine, then this machine's share of it (`pipeline.shard`)
        mine = share({document.stem: whole.cost(document, writer).seconds for document in planned}, request.shard)
        planned = [document for document in planned if document.stem in mine]
    stale, current = [], set()
    for document in planned:
        fresh = whole.current(document, writer)
        if request.force or fresh != set(document.formats):
            stale.append(replace(document, formats=tuple(fmt for fmt in document.formats if fmt not in fresh)))
        for fmt in fresh:
            writer.keep(f"{document.stem}.{fmt.name}")
            current.add(f"{document.stem}.{fmt.name}")
    # Each job is made (tailored again) as a worker is free for it, and each document's files are staged as it
    # ends: what the build holds stays flat however many documents it renders.
    jobs = (replace(_job(document, request, whole.template_hashes), formats=document.formats,
                    earlier_runs=_earlier_runs(writer, document.stem)) for document in stale)
    layout = any(needs_layout(document.kind, document.formats, request.check_fit) for document in stale)
    problems: dict[str, tuple[Problem, ...]] = {}
    with closing(render_all(jobs, len(stale), layout, request.jobs, progress)) as rendering:
        for result in rendering:  # in the order they end
            for name, data in result.files.items():
                writer.add(name, data, inputs[name], result.problems, result.slide_runs, result.seconds)
            problems[result.stem] = result.problems
    warnings: dict[Problem, None] = {}  # in order, without repeats: a document's warnings are recorded per format
    outputs = []
    for document in planned:
        for fmt in document.formats:
            name = f"{document.stem}.{fmt.name}"
            outputs.append(name)
            if name in current:  # its warnings still stand, so --strict fails a build that rendered nothing
                warnings.update(dict.fromkeys(writer.recorded[name].warnings))
            else:
                warnings.update(dict.fromkeys(problems[document.stem]))
    # Every output of the whole plan, so that each shard's index is the one a single build makes, and the merge's.
    built = writer.outputs() | {name for document in whole.documents for name in document.inputs}
    index = renderer.index([_index_entry(source, variants[source.path], built) for source in sources],
                           _index_brand(sources)).encode()
    writer.add(INDEX, index, inputs=digest(index))
    return Queued(tuple(document.stem for document in stale), len(planned) - len(stale), tuple(warnings),
                  (*outputs, INDEX), read, {document.stem: tuple(document.inputs) for document in whole.documents},
                  tuple(document.stem for document in planned))


def _digests(paths: list[Path]) -> dict[str, str]:
    return {str(path.resolve()): digest(path.read_bytes()) for path in paths}


def _planned(source: Source, variant: Variant, request: BuildRequest, template_hashes: dict[str, str],
             read: dict[str, str]) -> Iterator[Planned]:
    for job in _jobs(source, variant, request, template_hashes):
        yield Planned(source, variant, job.stem, job.kind, job.formats,
                      {f"{job.stem}.{fmt.name}": _inputs(job, fmt, template_hashes[job.kind.name], read)
                       for fmt in job.formats})


def _job(document: Planned, request: BuildRequest, template_hashes: dict[str, str]) -> DocumentJob:
    """The planned document's job, its variant tailored again (a few milliseconds)."""
    return next(job for job in _jobs(document.source, document.variant, request, template_hashes)
                if job.stem == document.stem)


def _jobs(source: Source, variant: Variant, request: BuildRequest,
          template_hashes: dict[str, str]) -> Iterator[DocumentJob]:
    brief = tailored(source, variant)
    names = request.formats or _formats_of(source)
    laid_out = [name for name in names if FORMATS[name].needs_layout]
    if not request.check_fit and laid_out:
        raise UsageError(f"a {laid_out[0].upper()} is always laid out: unchecked decks are for HTML only")
    for kind in DOCUMENTS:
        formats = tuple(FORMATS[name] for name in names if kind.name in FORMATS[name].documents)
        if kind.name in request.outputs and formats:
            # What besides a slide's content decides whether it fits.
            fit_context = hash_of(__version__, template_hashes[kind.name], request.speaker_notes, variant.name,
                                  repr(source.brand))
            yield DocumentJob(f"{source.slug}/{variant.folder}/{kind.name}", kind, formats, brief,
                              source.document, source.images, source.brand, request.templates_dir,
                              request.speaker_notes, request.check_fit, fit_context, request.time_limit,
                              content_warnings=source.warnings, ignored=tuple(source.briefing.lint.ignore))


def _formats_of(source: Source) -> tuple[str, ...]:
    """The formats a briefing asks for, each a registered one; else the registry's defaults."""
    asked = source.briefing.formats
    if asked is None:
        return FORMATS.defaults()
    unknown = [(index, name) for index, name in enumerate(asked) if name not in FORMATS]
    if unknown:
        raise ContentError([source.document.problem(("formats", index), f"unknown format {name!r} (known: "
                                                                        f"{', '.join(FORMATS.names())})",
                                                          rule=INVALID_VALUE)
                            for index, name in unknown])
    return tuple(asked)


def _earlier_runs(writer: OutputWriter, stem: str) -> dict[str, RunFit]:
    """How the last build of this deck spread its slides: still useful for the runs an edit left alone."""
    runs: dict[str, RunFit] = {}
    for fmt in FORMATS.names():
        if recorded := writer.recorded.get(f"{stem}.{fmt}"):
            runs.update(recorded.slide_runs)
    return runs


def _inputs(job: DocumentJob, fmt: OutputFormat, templates: str, read: dict[str, str]) -> str:
    """A hash of everything the job's output in `fmt` is made from: a change to any of it makes it stale.
    What the content and reference files say for this variant counts as the tailored briefing (so an edit
    only another audience sees leaves this output current); the files its rendering opens (the figures it
    shows, the brand's files but another format's Office template) count by the digests `read` took of them,
    so each is read once however many use it."""
    images = [read[str(job.images[figure.src])] for figure in job.brief.figures]
    others = {template for name, template in job.brand.office.templates().items() if name != fmt.name}
    brand = [read[str(file)] for file in job.brand.files if file not in others]
    options = f"speaker_notes={job.speaker_notes} check_fit={job.check_fit}" if job.kind.fits_slides else ""
    return hash_of(__version__, job.kind.name, options, templates, repr(job.brief), *images, repr(job.brand),
                   *brand)


def _index_brand(sources: list[Source]) -> Brand:
    """The index page takes the brand of its briefings: of the first, if they differ (see docs/branding.md)."""
    return sources[0].brand if sources else load_brand(preset("default"))[0]


def _index_entry(source: Source, variants: list[Variant], built: set[str]) -> IndexEntry:
    """The briefing's outputs in the folder, grouped by edition: this build's, and those an earlier build made
    (say, of other variants or formats), so that a partial build does not drop them from the index."""
    editions: dict[str, tuple[str, list[tuple[str, tuple[IndexLink, ...]]]]] = {}  # folder → (label, variants)
    for variant in variants:
        folder = f"{source.slug}/{variant.folder}"
        links = tuple(IndexLink(f"{folder}/{kind.name}.{fmt.name}", f"{kind.title} ({fmt.label})")
                      for kind in DOCUMENTS for fmt in FORMATS if f"{folder}/{kind.name}.{fmt.name}" in built)
        if links:
            edition, readers = variant.split(len(source.editions))
            editions.setdefault(edition.folder, (edition.label, []))[1].append((readers.label, links))
    return IndexEntry(source.slug, for_every_edition(source.briefing.title.text, source.editions),
                      tuple(IndexEdition(label, tuple(listed)) for label, listed in editions.values()),
                      " · ".join(table.title for table in source.editions))
