"""A tailored briefing → the bytes of its brief or slide deck, in the formats asked for.

Runs in worker processes: a job carries everything it needs and returns bytes and warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import deck, richtext
from briefgen.loader import LoadedDocument
from briefgen.render_html import HtmlRenderer
from briefgen.tailor import TailoredBriefing

if TYPE_CHECKING:
    from briefgen.render_pdf import LaidOut


@dataclass(frozen=True)
class DocumentJob:
    """One document (brief or slides) for one audience of one briefing."""

    stem: str
    """Output path without suffix, e.g. `social-prescribing/gp/slides`."""
    document: str
    formats: tuple[str, ...]
    brief: TailoredBriefing
    content: LoadedDocument
    templates_dir: Path
    speaker_notes: bool
    check_fit: bool = True
    """For decks: lay out to find overflowing slides (see `BuildRequest.check_fit`)."""
    fit_context: str = ""
    """For decks: a hash of what besides a slide's content decides whether it fits (see `deck.run_sizes`)."""
    earlier_runs: Mapping[str, int] = field(default_factory=dict)
    """For decks: how many slides each run of content took in the last build, to spread it at once."""

    @property
    def needs_layout(self) -> bool:
        """Whether WeasyPrint lays the document out: for a PDF, and for any slide deck, split to fit its slides."""
        return (self.document == "slides" and self.check_fit) or "pdf" in self.formats


@dataclass(frozen=True)
class RenderedDocument:
    stem: str
    files: dict[str, bytes]
    """Output path (`stem` plus suffix) → bytes."""
    warnings: tuple[str, ...]
    slide_runs: dict[str, int] = field(default_factory=dict)
    """For decks: how many slides each run of content took (`deck.run_sizes`), for the next build."""


@cache
def _renderer(templates_dir: Path) -> HtmlRenderer:
    return HtmlRenderer(templates_dir)  # one Jinja environment per process, so templates compile once


def render_document(job: DocumentJob) -> RenderedDocument:
    renderer = _renderer(job.templates_dir)
    warnings: list[str] = []
    laid_out = None
    slide_runs: dict[str, int] = {}
    if job.document == "brief":
        html = renderer.brief(job.brief, job.content.path)
    elif job.check_fit:
        html, laid_out, slide_runs = _slides(job, renderer, warnings)
    else:
        html = renderer.slides(job.brief, _spread_as_before(job), job.speaker_notes, job.content.path)
        slide_runs = dict(job.earlier_runs)
    files = {}
    if "html" in job.formats:
        files[f"{job.stem}.html"] = html.encode()
    if "pdf" in job.formats:
        laid_out = laid_out or _lay_out(html, f"{job.stem}.pdf", job.templates_dir)
        files[f"{job.stem}.pdf"] = laid_out.pdf()
        warnings.extend(f"{job.stem}.pdf: {message}" for message in laid_out.warnings)
    return RenderedDocument(job.stem, files, tuple(warnings), slide_runs)


def _spread_as_before(job: DocumentJob) -> list[deck.Slide]:
    return deck.spread_as_before(deck.plan(job.brief), job.earlier_runs, job.fit_context)


def _pages_spanned(laid_out: LaidOut, slide_id: str) -> int:
    start, end = laid_out.page_of(slide_id), laid_out.page_of(f"{slide_id}-end")
    return end - start + 1 if start is not None and end is not None else 2  # no end marker: it ran off


def _lay_out(html: str, name: str, templates_dir: Path) -> LaidOut:
    from briefgen.render_pdf import lay_out  # weasyprint is slow to import; HTML-only work does not need it

    return lay_out(html, templates_dir, [templates_dir], source=name)


def _slides(job: DocumentJob, renderer: HtmlRenderer,
            warnings: list[str]) -> tuple[str, LaidOut, dict[str, int]]:
    """The deck's HTML, its layout and its run sizes, with every overflowing slide split until it fits or
    cannot be split. Spreading what the last build had to spread first saves a layout per edit."""
    brief = job.brief
    slides = _spread_as_before(job)
    while True:
        html = renderer.slides(brief, slides, job.speaker_notes, job.content.path)
        laid_out = _lay_out(html, f"{job.stem}.pdf", job.templates_dir)
        overflowing = {index: pages for index in range(len(slides))
                       if (pages := _pages_spanned(laid_out, f"slide-{index + 1}")) > 1}
        spread = deck.spread_overflowing(slides, overflowing) if overflowing else None
        if spread is None:
            break
        slides = spread
    for index in sorted(overflowing):
        slide = slides[index]
        problem = job.content.problem(slide.source, f"slide {index + 1} ({richtext.plain(slide.title)!r}) "
                                      f"for {brief.audience.key} does not fit on one slide even when "
                                      "spread over continuation slides; shorten its text")
        warnings.append(problem.show())
    return html, laid_out, deck.run_sizes(slides, job.fit_context)
