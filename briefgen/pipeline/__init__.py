"""Build: content files → validated briefings → tailored documents → rendered where stale → output folder.

plan (what is stale, as jobs) → parallel (jobs over worker processes) → jobs (one document's files) →
output (the one writer, and the manifest). Everything is read and validated before the first file is staged;
each document's files are staged as it is rendered, and switched in together at the end. When every file the
same request read last time is unchanged, and so is every output, the build stops there: it does not even
import the stages. No printing and no CLI here: the result says what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import __version__
from briefgen.errors import Problem, Severity, StrictModeError, UsageError
from briefgen.pipeline.output import INDEX, OutputWriter, ShardRecord, file_digest, hash_of
from briefgen.pipeline.request import BuildRequest, BuildResult
from briefgen.render.registry import DOCUMENTS, FORMATS

if TYPE_CHECKING:
    from briefgen.pipeline.parallel import Progress

__all__ = ["BuildRequest", "BuildResult", "build"]


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Validate every content file, render what is not current, then write it all and the manifest."""
    for names, registry in ((request.formats, FORMATS), (request.outputs, DOCUMENTS)):
        for name in names:
            if name not in registry:
                raise UsageError(f"unknown {registry.kind} {name!r} (known: {', '.join(registry.names())})")
    with OutputWriter(request.out_dir) as writer:  # a build that fails leaves nothing it staged
        request_key = hash_of(__version__, [str(path.resolve()) for path in request.sources],
                              str(request.templates_dir.resolve()), _selected(request), request.formats,
                              request.outputs, request.speaker_notes, request.check_fit)
        # A shard's build is recorded apart from the whole request's: a later whole build must not stop at it.
        key = hash_of(request_key, request.shard.index, request.shard.count) if request.shard else request_key
        unchanged = None if request.force else _unchanged(writer, key)
        if unchanged is not None:
            _fail_if_strict(request, unchanged.warnings)
            return unchanged
        # The stages import YAML, pydantic, Markdown, Jinja and (in workers) WeasyPrint: only now are they needed.
        from briefgen.pipeline.plan import queue_stale

        queued = queue_stale(request, writer, progress)
        _fail_if_strict(request, queued.warnings)
        writer.record_build(key, queued.read, queued.outputs)
        if request.shard:
            writer.record_shard(ShardRecord(request.shard.index, request.shard.count, request_key, key,
                                            queued.plan, queued.share))
        return BuildResult(tuple(writer.commit()), queued.rendered, queued.current, queued.warnings,
                           tuple(map(Path, queued.read)))


def _selected(request: BuildRequest) -> list[tuple[str, list[str]]]:
    """The request's selection in one order however it was written, the axes it does not narrow left out."""
    return sorted((axis, sorted(keys)) for axis, keys in request.selection.items() if keys)


def _unchanged(writer: OutputWriter, key: str) -> BuildResult | None:
    """What the last build of the same request left, if none of the files it read and wrote has changed."""
    record = writer.builds.get(key)
    if record is None or INDEX not in record.outputs:  # never recorded, or a record emptied by hand
        return None
    if any(file_digest(Path(path), follow_links=True) != hashed  # a content file may be a link inside its folder
           for path, hashed in record.inputs.items()):
        return None
    if not all(writer.holds(name) for name in record.outputs):
        return None
    warnings = dict.fromkeys(warning for name in record.outputs for warning in writer.recorded[name].warnings)
    documents = {name.rsplit(".", 1)[0] for name in record.outputs if name != INDEX}
    return BuildResult((), (), len(documents), tuple(warnings), tuple(map(Path, record.inputs)))


def _fail_if_strict(request: BuildRequest, problems: Sequence[Problem]) -> None:
    """With --strict, stop at any warning; a note (Severity.INFO: a font set in its metric twin) is not one."""
    warnings = [problem for problem in problems if problem.severity is not Severity.INFO]
    if request.strict and warnings:
        raise StrictModeError(warnings)
