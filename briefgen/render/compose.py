"""A tailored briefing → its Draft: the page of one document of one variant, in its brand; a deck first spread
over slides that fit (laid out, spread, set smaller, cut at its edge as a last resort)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from briefgen.content.brand import Brand
from briefgen.content.loader import LoadedDocument
from briefgen.content.richtext import plain
from briefgen.errors import Problem, quoted
from briefgen.render.citations import Citer
from briefgen.render.draft import Draft, PageBudget, lay_out
from briefgen.render.html import HtmlRenderer
from briefgen.render.prose import Prose
from briefgen.render.registry import DocumentKind
from briefgen.render.short_references import short_entry
from briefgen.rules import CUT_OFF, SLIDE_BUDGET
from briefgen.views import deck, spreading
from briefgen.views.tailored_briefing import TailoredBriefing

if TYPE_CHECKING:
    from briefgen.render.pdf import LaidOut


@dataclass(frozen=True)
class DeckFit:
    """How a deck is spread over slides: checked by laying it out, or as an earlier build spread it."""

    check: bool
    context: str
    """A hash of what besides a slide's content decides whether it fits (see `spreading.run_fits`)."""
    earlier_runs: Mapping[str, spreading.RunFit]
    """How each run of content was fitted in the last build, to fit it at once."""


def compose(kind: DocumentKind, name: str, brief: TailoredBriefing, content: LoadedDocument,
            images: Mapping[str, Path], brand: Brand, renderer: HtmlRenderer, speaker_notes: bool,
            fit: DeckFit) -> Draft:
    """The document's draft: a page of the briefing in its brand, or of its slides, spread so that each fits."""
    text = _prose(brief, on_slides=kind.fits_slides)
    if not kind.fits_slides:
        renderer.register_citations(kind.template, brief, images, brand, text, references=(), further_reading=())
        references, further_reading = _reference_lists(brief, text)
        html = renderer.document(kind.template, brief, images, brand, text, references=references,
                                 further_reading=further_reading)
        budget = PageBudget(brief, content) if kind.budgeted else None
        return Draft(name, html, renderer.templates_dir, brand, budget=budget, charts=brief.charts)
    # The references slide lists what the other slides cite, so they are read first.
    renderer.register_citations(kind.template, brief, images, brand, text, slides=deck.plan(brief),
                                speaker_notes=speaker_notes)
    cited, further_reading = _reference_lists(brief, text)
    numbered = brief.citation_style == "numbered"
    if brief.deck.references == "cited":  # a short form on one line each: what a presenter shows
        by_id = {str(work["id"]): work for work in brief.references}
        cited, further_reading = [(key, short_entry(by_id[key])) for key, _ in cited], []
    elif brief.deck.references == "none":
        cited, further_reading = [], []
    works = deck.plan(brief, _works(cited, numbered), _works(further_reading))
    slides = spreading.spread_as_before(works, fit.earlier_runs, fit.context)

    def page(slides: list[deck.Slide]) -> str:
        return renderer.document(kind.template, brief, images, brand, text, slides=deck.numbered(slides),
                                 speaker_notes=speaker_notes)

    if not fit.check:
        draft = Draft(name, page(slides), renderer.templates_dir, brand, slide_runs=dict(fit.earlier_runs),
                      charts=deck.charts(slides))
    else:
        draft, slides = _fitted(name, brief, content, slides, page, renderer.templates_dir, brand, fit.context)
    if (over := _over_slide_budget(content, brief, slides)) is not None:
        draft.problems.append(over)
    return draft


def _over_slide_budget(content: LoadedDocument, brief: TailoredBriefing, slides: list[deck.Slide]) -> Problem | None:
    """A warning if the deck has more content slides (its title and its back matter, the glossary and references,
    aside) than its budget, naming the sections that take the most and what would shorten them."""
    counted = [slide for slide in slides if slide.layout not in ("title", "references")]
    if len(counted) <= brief.max_slides:
        return None
    titles = {section.source: section.title for section in brief.sections}
    sizes = Counter(titles[slide.source[:2]] for slide in counted if slide.source[:2] in titles)
    named = ", ".join(f"{quoted(plain(title))} ({size} slides)" for title, size in sizes.most_common(3))
    audience = brief.variant.audience
    where = ("audiences", audience.key, "max_slides") if audience.max_slides else ("deck", "max_slides")
    return content.problem(
        where, f"the deck for {brief.variant.name} has {len(counted)} slides besides its title and back matter, over "
               f"its budget of {brief.max_slides}; the longest sections are {named}: give their statements shorter "
               "`slide` text, show them to the audiences who need them (`audiences`), or leave a section out of "
               "the deck (`slides: {include: false}`)", rule=SLIDE_BUDGET)


def _fitted(name: str, brief: TailoredBriefing, content: LoadedDocument, slides: list[deck.Slide],
            page: Callable[[list[deck.Slide]], str], templates_dir: Path, brand: Brand,
            context: str) -> tuple[Draft, list[deck.Slide]]:
    """The deck laid out so that every slide fits its page: overflowing slides are set a step smaller where that
    fits them, else spread over continuation slides as far as their content allows, then set smaller a step at
    a time; continuations that fit beside the slide before them are gathered back onto it; a slide still too
    long is cut at its edge (each slide's frame clips: a deck never spills onto another page) and is a warning
    at the statement that does not fit. With the slides as fitted."""
    gathered = False
    while True:
        laid_out = lay_out(page(slides), f"{name}.pdf", templates_dir)
        shown = [_whole(laid_out, index, slide) for index, slide in enumerate(slides)]
        overflowing = [index for index, whole in enumerate(shown) if not all(whole)]
        if overflowing and (fitted := _fit_step(slides, laid_out, shown, overflowing)) != slides:
            slides = fitted
            continue
        # Nothing more to spread or set smaller: once, gather back what spreading split too far, and lay it out.
        fewer = None if gathered else spreading.gather(slides, {index: _used(laid_out, index, slide)
                                                               for index, slide in enumerate(slides)})
        if fewer is None:
            break
        slides, gathered = fewer, True
    problems = [_cut_off(content, brief, index, slides[index], shown[index]) for index in overflowing]
    # The mark is for the HTML deck's screen style only: the page layout is the same with or without it.
    marked = [replace(slide, clipped=True) if index in overflowing else slide for index, slide in enumerate(slides)]
    return Draft(name, page(marked) if overflowing else laid_out.html, templates_dir, brand, problems, laid_out,
                 spreading.run_fits(slides, context), charts=deck.charts(slides)), slides


def _fit_step(slides: list[deck.Slide], laid_out: LaidOut, shown: list[list[bool]], overflowing: list[int]
              ) -> list[deck.Slide]:
    """The slides after one step of fitting the overflowing ones: spread or set smaller by the room measured."""
    rooms = [_room(laid_out, index, slide, shown[index]) for index, slide in enumerate(slides)]
    # What a slide of statements holds, for a run whose own slides measure nothing (a first entry too long).
    typical = statistics.median([room.continuing for room, slide in zip(rooms, slides, strict=True)
                                 if room.continuing > 0 and slide.layout == "bullets"] or [0.0])
    spread = spreading.spread_overflowing(slides, {index: rooms[index] for index in overflowing}, typical) or slides
    # In the same pass, a step smaller for each overflowing slide that spreading left as it was.
    stuck = {id(slides[index]) for index in overflowing if slides[index].shrink < deck.MAX_SHRINK}
    return [replace(slide, shrink=slide.shrink + 1) if id(slide) in stuck else slide for slide in spread]


def _anchor(index: int, part: str) -> str:
    """The id of a part of slide `index` (0-based) in the deck template."""
    return f"slide-{index + 1}-{part}"


def _whole(laid_out: LaidOut, index: int, slide: deck.Slide) -> list[bool]:
    """For each of the slide's parts, whether it is shown whole: it and the part after it (or the end of the
    slide) start on the slide's page, above its body's floor. (What a slide's frame cannot hold is either
    drawn past the floor and clipped, or not drawn, with its anchors put on the next page.)"""
    anchors = [_anchor(index, part) for part, _, _ in slide.parts()] + [_anchor(index, "end")]
    page = laid_out.page_of(f"slide-{index + 1}")
    floor = laid_out.position_of(_anchor(index, "floor"))
    shown = [page is not None and floor is not None and laid_out.page_of(anchor) == page
             and (position := laid_out.position_of(anchor)) is not None and position <= floor + _EPSILON
             for anchor in anchors]
    return [here and after for here, after in pairwise(shown)]


_EPSILON = 1e-6
"""Pages: an anchor exactly at the floor still fits."""


def _room(laid_out: LaidOut, index: int, slide: deck.Slide, whole: list[bool]) -> spreading.Room:
    """How much text (in `deck.weight`s) the slide's body has room for below its first movable entry, and on a
    continuation below its title: the height there to the body's floor, at the density its entries shown whole
    (`whole`, by `_whole`) were set at (0 if none was)."""
    parts = slide.parts()
    starts = [laid_out.position_of(_anchor(index, part)) for part, _, _ in parts]
    starts.append(laid_out.position_of(_anchor(index, "end")))
    moved = [n for n, (_, _, movable) in enumerate(parts) if movable]
    top, floor = (starts[moved[0]] if moved else None), laid_out.position_of(_anchor(index, "floor"))
    below_title = starts[1] if len(parts) > 1 else None  # where a continuation's entries start
    text = height = 0.0
    for n, entry in zip(moved, spreading.movable(slide), strict=True):
        start, end = starts[n], starts[n + 1]
        if whole[n] and start is not None and end is not None:  # shown whole: both were laid out
            text += spreading.weight(entry)
            height += end - start
    if top is None or floor is None or below_title is None or height <= 0:
        return spreading.Room(0.0, 0.0)
    return spreading.Room(text / height * (floor - top), text / height * (floor - below_title))


def _used(laid_out: LaidOut, index: int, slide: deck.Slide) -> tuple[float, float]:
    """The height the slide's movable entries take, and the height its body has for them (to its floor)."""
    parts = slide.parts()
    moved = [part for part, _, movable in parts if movable]
    top = laid_out.position_of(_anchor(index, moved[0])) if moved else None
    end, floor = laid_out.position_of(_anchor(index, "end")), laid_out.position_of(_anchor(index, "floor"))
    if top is None or end is None or floor is None:
        return math.inf, 0.0
    return end - top, floor - top


def _cut_off(content: LoadedDocument, brief: TailoredBriefing, index: int, slide: deck.Slide,
             whole: list[bool]) -> Problem:
    """A warning at the first part the slide does not show whole (at the slide's section if it shows none)."""
    source = next((where for (_, where, _), shown in zip(slide.parts(), whole, strict=True) if not shown),
                  slide.source)
    title = quoted(plain(slide.title))
    return content.problem(source, f"slide {index + 1} ({title}) for {brief.variant.name} does not fit even when "
                                   "spread over continuation slides and set at its smallest size; it is cut off at "
                                   "the slide's edge: shorten this text", rule=CUT_OFF)


def _prose(brief: TailoredBriefing, on_slides: bool) -> Prose:
    """What renders the document's text: its citations in the briefing's style, its abbreviations, its footnotes,
    and its glossary's terms in a brief (a deck has no page to link them to)."""
    works = [*brief.references, *brief.further_reading]
    citer = Citer(works, brief.citation_style, brief.language) if works else None
    return Prose(citer, brief.abbreviations, () if on_slides else brief.glossary, on_slides)


def _reference_lists(brief: TailoredBriefing, text: Prose) -> tuple[list[tuple[str, Markup]], ...]:
    """The works the document cites, and its further reading, formatted: after its citations are registered."""
    if text.citer is None:
        return [], []
    return text.citer.bibliography(), text.citer.further_reading(brief.further_reading)


def _works(entries: list[tuple[str, Markup]], numbered: bool = False) -> tuple[deck.ListedWork, ...]:
    return tuple(deck.ListedWork(identifier, entry, number if numbered else None)
                 for number, (identifier, entry) in enumerate(entries, start=1))
