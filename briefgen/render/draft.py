"""A document of one variant as HTML, with its page layout on demand: the Draft each registered format renders
its bytes from, and the two formats that are the draft itself (its page, and its layout as a PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.content.brand import Brand
from briefgen.content.loader import LoadedDocument
from briefgen.content.richtext import plain
from briefgen.errors import Problem, quoted
from briefgen.render.footnote_pages import numbered_by_page
from briefgen.render.page_fill import Filled, filled
from briefgen.rules import LAYOUT_WARNING, PAGE_BUDGET
from briefgen.views.chart import Chart
from briefgen.views.spreading import RunFit
from briefgen.views.tailored_briefing import TailoredBriefing

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
    brand: Brand
    """Its look: the Office formats take their templates, colours and fonts from it (the page has the rest)."""
    problems: list[Problem] = field(default_factory=list)
    laid_out: LaidOut | None = None
    slide_runs: dict[str, RunFit] = field(default_factory=dict)
    """For decks: how each run of content was fitted (`spreading.run_fits`), for the next build."""
    budget: PageBudget | None = None
    """For briefs: the pages the layout may take; over it is a problem."""
    charts: dict[str, Chart] = field(default_factory=dict)
    """The page's charts by their anchors (each a `figure.chart` of that id): the Office formats draw them
    natively from their numbers."""

    def layout(self) -> LaidOut:
        if self.laid_out is None:
            self.laid_out = self._lay_out(self.html)
            if self.budget is not None:
                brief = filled(self.laid_out, self.html, self.budget.tensions, self._lay_out)
                self.laid_out = numbered_by_page(brief.laid_out, self._lay_out)
                if (problem := self.budget.check(brief)) is not None:
                    self.problems.append(problem)
        return self.laid_out

    def _lay_out(self, html: str) -> LaidOut:
        return lay_out(html, f"{self.name}.pdf", self.templates_dir)


@dataclass(frozen=True)
class PageBudget:
    """A brief's page budget, and what to name when the brief is over it."""

    brief: TailoredBriefing
    content: LoadedDocument

    @property
    def tensions(self) -> list[str]:
        """The ids of the brief's sections with a contrast, its annex's included."""
        return [section.id for section in (*self.brief.brief_sections, *self.brief.annex) if section.kind == "tensions"]

    def check(self, brief: Filled) -> Problem | None:
        """A warning if the brief, its annex not counted (nor its reference lists, if the briefing says so),
        takes more pages than its budget."""
        pages = brief.body_pages if self.brief.budget_references else brief.pages_before_references
        if pages <= self.brief.max_pages:
            return None
        largest = sorted(self._sizes(brief.laid_out), reverse=True)[:3]
        named = ", ".join(f"{quoted(plain(title))} ({size:.1f} pages)" for size, title in largest)
        variant = self.brief.variant
        where = ("audiences", variant.audience.key, "max_pages") if variant.audience.max_pages else ("max_pages",)
        return self.content.problem(
            where, f"the brief for {variant.name} takes {pages} pages, over its budget of {self.brief.max_pages}; "
                   f"the longest sections are {named}: shorten one, move it to the annex (`annex: true`) or "
                   "show it in the slides only (`only: slides`)", rule=PAGE_BUDGET)

    def _sizes(self, laid_out: LaidOut) -> list[tuple[float, str]]:
        """Each section of the brief's body, by the pages it spans: from its start to the next thing's."""
        sections = self.brief.brief_sections
        starts = [laid_out.position_of(section.id) for section in sections]
        after = [*starts[1:], next((position for name in ("references", "further-reading", "annex")
                                    if (position := laid_out.position_of(name)) is not None),
                                   laid_out.page_count + 1.0)]
        return [(end - start, section.title) for section, start, end in zip(sections, starts, after, strict=True)
                if start is not None and end is not None]


def html_bytes(draft: Draft) -> bytes:
    """The `html` format: the page as it is, standalone."""
    return draft.html.encode()


def pdf_bytes(draft: Draft) -> bytes:
    """The `pdf` format: the draft's page layout as a tagged PDF; WeasyPrint's warnings join its problems."""
    laid_out = draft.layout()
    pdf = laid_out.pdf({chart.title: f"{chart.title}. {chart.alt}" for chart in draft.charts.values()})
    draft.problems.extend(LAYOUT_WARNING.found(message, output=f"{draft.name}.pdf") for message in laid_out.warnings)
    return pdf


def lay_out(html: str, name: str, templates_dir: Path) -> LaidOut:
    from briefgen.render.pdf import lay_out  # weasyprint is slow to import; HTML-only work does not need it

    return lay_out(html, templates_dir, [templates_dir], source=name)
