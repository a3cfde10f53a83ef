"""A document job → its rendered files and problems. Runs in worker processes: a job carries all it needs,
its document kind and formats included (so a format registered in the parent renders in a worker too)."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType

from briefgen.content.brand import Brand
from briefgen.content.ignoring import kept
from briefgen.content.loader import LoadedDocument
from briefgen.errors import Problem, RenderError
from briefgen.render.compose import DeckFit, compose
from briefgen.render.html import HtmlRenderer
from briefgen.render.registry import DocumentKind, OutputFormat
from briefgen.views.spreading import RunFit
from briefgen.views.tailored_briefing import TailoredBriefing


@dataclass(frozen=True)
class DocumentJob:
    """One document (say, the slides) of one variant of one briefing, in the formats asked for."""

    stem: str
    """Output path without suffix, e.g. `social-prescribing/gp/slides`."""
    kind: DocumentKind
    formats: tuple[OutputFormat, ...]
    brief: TailoredBriefing
    content: LoadedDocument
    images: Mapping[str, Path]
    brand: Brand
    templates_dir: Path
    speaker_notes: bool
    check_fit: bool = True
    """For decks: lay out to find overflowing slides (see `BuildRequest.check_fit`)."""
    fit_context: str = ""
    """For decks: a hash of what besides a slide's content decides whether it fits (see `spreading.run_fits`)."""
    time_limit: float = 300.0
    """CPU seconds the document may take to render (see `BuildRequest.time_limit`)."""
    earlier_runs: Mapping[str, RunFit] = field(default_factory=dict)
    """For decks: how each run of content was fitted in the last build, to fit it at once."""
    content_warnings: tuple[Problem, ...] = ()
    """What validation warned of in the briefing: recorded with every output made from it, so that a build
    which renders nothing still reports it (and fails with --strict)."""
    ignored: tuple[str, ...] = ()
    """The codes the briefing sets aside (`lint: {ignore: …}`): what rendering finds of them is not reported."""



def needs_layout(kind: DocumentKind, formats: tuple[OutputFormat, ...], check_fit: bool) -> bool:
    """Whether WeasyPrint lays a document out: for a laid-out format, and for a deck to fit its slides."""
    return (kind.fits_slides and check_fit) or any(fmt.needs_layout for fmt in formats)


@dataclass(frozen=True)
class RenderedDocument:
    stem: str
    files: dict[str, bytes]
    """Output path (`stem` plus suffix) → bytes."""
    problems: tuple[Problem, ...]
    slide_runs: dict[str, RunFit] = field(default_factory=dict)
    """For decks: how each run of content was fitted (`spreading.run_fits`), for the next build."""
    seconds: float = 0.0
    """CPU seconds its rendering took, in this thread: what sharded builds balance by (`pipeline.cost`)."""


@cache
def _renderer(templates_dir: Path) -> HtmlRenderer:
    return HtmlRenderer(templates_dir)  # one Jinja environment per process, so templates compile once


def render_document(job: DocumentJob) -> RenderedDocument:
    started = time.thread_time()  # CPU time, as the limit is: a busy machine does not make a document dearer
    with _time_limit(job.time_limit, job.stem):
        fit = DeckFit(job.check_fit, job.fit_context, job.earlier_runs)
        draft = compose(job.kind, job.stem, job.brief, job.content, job.images, job.brand,
                        _renderer(job.templates_dir), job.speaker_notes, fit)
        files = {f"{job.stem}.{fmt.name}": fmt.render(draft) for fmt in job.formats}
    found = kept(draft.problems, job.content, job.ignored)  # as validation keeps its warnings
    return RenderedDocument(job.stem, files, (*job.content_warnings, *found), draft.slide_runs,
                            time.thread_time() - started)


class _OutOfTime(BaseException):
    """Raised where rendering is when its CPU time is up: not an Exception, which libraries catch and log."""


_AGAIN_SECONDS = 0.2
"""CPU seconds after which the limit fires again if a library swallowed it (WeasyPrint's SVG drawing catches
even BaseException), so that a build past its limit stops whatever it is in."""


@contextmanager
def _time_limit(seconds: float, stem: str) -> Iterator[None]:
    """Stop rendering `stem` once this process has spent `seconds` of CPU time on it. Measured in CPU time
    (SIGVTALRM), so a busy machine does not cut a build short; only in a main thread, where signals arrive
    (a live preview's in-thread HTML renders, which lay nothing out, go unlimited)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds, _AGAIN_SECONDS)
    try:
        yield
    except _OutOfTime:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)  # at once: it must not fire again while the error is made
        raise RenderError(f"{stem}: took more than {seconds:g} s of CPU time to render, the limit; the likely "
                          "cause is text that is very long or has nowhere to break, a long list, or a heavy "
                          "figure: shorten it, or allow more with --time-limit") from None
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
