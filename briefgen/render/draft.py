"""A tailored briefing → a Draft: one document of one variant as HTML (a deck first spread over slides that
fit), from which each registered format renders its bytes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.content.loader import LoadedDocument
from briefgen.content.richtext import plain
from briefgen.errors import Problem, Severity
from briefgen.render.html import HtmlRenderer
from briefgen.render.registry import DocumentKind
from briefgen.views import deck
from briefgen.views.tailor import TailoredBriefing

if TYPE_CHECKING:
    from briefgen.render.pdf import LaidOut


@dataclass
class Draft:
    """A document ready for any format: its HTML, its page layout on demand, and the problems met on the way."""

    name: str
    """Its output path without suffix, e.g. `social-prescribing/gp/slides`."""
    html: str
    templates_dir: Path
    """Where the page's stylesheets and scripts come from, and the only folder its layout may read."""
    problems: list[Problem] = field(default_factory=list)
    laid_out: LaidOut | None = None
    slide_runs: dict[str, int] = field(default_factory=dict)
    """For decks: how many slides each run of content took (`deck.run_sizes`), for the next build."""

    def layout(self) -> LaidOut:
        if self.laid_out is None:
            self.laid_out = lay_out(self.html, f"{self.name}.pdf", self.templates_dir)
        return self.laid_out


def html_bytes(draft: Draft) -> bytes:
    """The `html` format: the page as it is, standalone."""
    return draft.html.encode()


def lay_out(html: str, name: str, templates_dir: Path) -> LaidOut:
    from briefgen.render.pdf import lay_out  # weasyprint is slow to import; HTML-only work does not need it

    return lay_out(html, templates_dir, [templates_dir], source=name)


@dataclass(frozen=True)
class DeckFit:
    """How a deck is spread over slides: checked by laying it out, or as an earlier build spread it."""

    check: bool
    context: str
    """A hash of what besides a slide's content decides whether it fits (see `deck.run_sizes`)."""
    earlier_runs: Mapping[str, int]
    """How many slides each run of content took in the last build, to spread it at once."""


def compose(kind: DocumentKind, name: str, brief: TailoredBriefing, content: LoadedDocument,
            images: Mapping[str, Path], renderer: HtmlRenderer, speaker_notes: bool, fit: DeckFit) -> Draft:
    """The document's draft: a page of the briefing, or of its slides, spread so that each fits."""
    if not kind.fits_slides:
        return Draft(name, renderer.document(kind.template, brief, images), renderer.templates_dir)
    slides = deck.spread_as_before(deck.plan(brief), fit.earlier_runs, fit.context)

    def page(slides: list[deck.Slide]) -> str:
        return renderer.document(kind.template, brief, images, slides=slides, speaker_notes=speaker_notes)

    if not fit.check:
        return Draft(name, page(slides), renderer.templates_dir, slide_runs=dict(fit.earlier_runs))
    return _fitted(name, brief, content, slides, page, renderer.templates_dir, fit.context)


def _fitted(name: str, brief: TailoredBriefing, content: LoadedDocument, slides: list[deck.Slide],
            page: Callable[[list[deck.Slide]], str], templates_dir: Path, context: str) -> Draft:
    """The deck laid out with every overflowing slide spread until it fits or cannot be spread; a slide that
    still overflows is a warning at the content it shows."""
    while True:
        draft = Draft(name, page(slides), templates_dir)
        laid_out = draft.layout()
        overflowing = {index: pages for index in range(len(slides))
                       if (pages := _pages_spanned(laid_out, f"slide-{index + 1}")) > 1}
        spread = deck.spread_overflowing(slides, overflowing) if overflowing else None
        if spread is None:
            break
        slides = spread
    for index in sorted(overflowing):
        slide = slides[index]
        draft.problems.append(content.problem(
            slide.source, f"slide {index + 1} ({plain(slide.title)!r}) for {brief.variant.name} does not fit on one "
                          "slide even when spread over continuation slides; shorten its text", Severity.WARNING))
    draft.slide_runs = deck.run_sizes(slides, context)
    return draft


def _pages_spanned(laid_out: LaidOut, slide_id: str) -> int:
    start, end = laid_out.page_of(slide_id), laid_out.page_of(f"{slide_id}-end")
    return end - start + 1 if start is not None and end is not None else 2  # no end marker: it ran off
