"""Build: content files → validated briefings → tailored documents → rendered where stale → output folder.

Everything is read, validated and rendered in memory before the first file is written. When every file the
same request read last time is unchanged, and so is every output, the build stops there: it does not even
import the stages. No printing and no CLI here: the result says what happened.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import DOCUMENTS, FORMATS, __version__
from briefgen.errors import ContentError, Location, Problem, StrictModeError, UsageError
from briefgen.output import INDEX, OutputWriter, digest, hash_of

if TYPE_CHECKING:
    from briefgen.parallel import Progress

CONTENT_SUFFIXES = (".yaml", ".yml")


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
    check_fit: bool = True
    """Lay decks out to find and spread slides that overflow. Off (HTML only, for a live preview), a deck is
    spread as its last build spread it and is recorded as unchecked, so the next checked build renders it."""


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


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Validate every content file, render what is not current, then write it all and the manifest."""
    for fmt in request.formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if not request.check_fit and "pdf" in request.formats:
        raise UsageError("a PDF is always laid out: unchecked decks are for HTML only")
    writer = OutputWriter(request.out_dir)
    key = hash_of(__version__, [str(path.resolve()) for path in request.sources], str(request.templates_dir.resolve()),
                request.audiences, request.formats, request.outputs, request.speaker_notes, request.check_fit)
    unchanged = None if request.force else _unchanged(writer, key)
    if unchanged is not None:
        _fail_if_strict(request, unchanged.warnings)
        return unchanged
    # The stages import YAML, pydantic, Markdown, Jinja and (in workers) WeasyPrint: only now are they needed.
    from briefgen.pipeline import queue_stale

    queued = queue_stale(request, writer, progress)
    _fail_if_strict(request, queued.warnings)
    writer.record_build(key, queued.read, queued.outputs)
    return BuildResult(tuple(writer.commit()), queued.rendered, queued.current, queued.warnings)


def _unchanged(writer: OutputWriter, key: str) -> BuildResult | None:
    """What the last build of the same request left, if none of the files it read and wrote has changed."""
    record = writer.builds.get(key)
    if record is None or any(_file_digest(Path(path)) != hashed for path, hashed in record.inputs.items()):
        return None
    if not all(writer.holds(name) for name in record.outputs):
        return None
    warnings = dict.fromkeys(warning for name in record.outputs for warning in writer.recorded[name].warnings)
    documents = {name.rsplit(".", 1)[0] for name in record.outputs if name != INDEX}
    return BuildResult((), (), len(documents), tuple(warnings))


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _fail_if_strict(request: BuildRequest, warnings: Sequence[str]) -> None:
    if request.strict and warnings:
        raise StrictModeError(list(warnings))
