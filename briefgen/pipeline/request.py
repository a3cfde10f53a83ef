"""What a build is asked to do, and what it did: plain values shared by the build, its stages and the CLI."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Problem
from briefgen.pipeline.shard import Shard
from briefgen.render.registry import DOCUMENTS


@dataclass(frozen=True, kw_only=True)
class BuildRequest:
    sources: tuple[Path, ...]
    out_dir: Path
    templates_dir: Path
    selection: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """The editions to build: an axis's name (views/axes.py) → the keys wanted on it (`views.variant.Selection`);
    `{"audience": frozenset({"gp"})}` builds the GPs' edition of every briefing. Empty: every variant."""
    formats: tuple[str, ...] = ()
    """Registered formats to render; each document is rendered in those of them that support it. Empty: each
    briefing's own `formats`, else the registry's defaults (html and pdf)."""
    outputs: tuple[str, ...] = DOCUMENTS.names()
    """Registered document kinds: the brief, the slide deck, or both."""
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
    time_limit: float = 300.0
    """CPU seconds one document may take to render (in a worker, or in the main thread): past it the build
    fails naming the document, rather than running for as long as the content makes it."""
    shard: Shard | None = None
    """Render only this shard's share of the documents (`pipeline.shard`), and record the whole plan for
    `briefgen merge`. None: all of them."""


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    """Files whose bytes changed."""
    rendered: tuple[str, ...]
    """Documents rendered (output paths without suffix)."""
    current: int
    """Documents that were already current and were not rendered."""
    warnings: tuple[Problem, ...] = field(default=())
    """Warnings, and notes (Severity.INFO) that --strict lets pass."""
    inputs: tuple[Path, ...] = ()
    """Every file the outputs were made from (see `Source.inputs`), whether or not this build rendered them, as
    absolute paths with links resolved (as the manifest records them)."""
