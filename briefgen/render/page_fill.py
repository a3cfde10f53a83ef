"""A brief's layout → laid out again where that fills its pages better: a contrast kept whole, and the page before
the annex not left mostly empty.

A contrast may break across pages (each pole's label is repeated above what continues). One that broke, but would
fit on a page, is moved whole to the next page when the page it leaves stays `FULL`. The annex starts a new page, so
the page before it holds whatever of the body is left over, often the tail of the reference list. When that is
under `SPARSE` of the page, a short annex follows on that page; a longer one keeps its page if the references set
denser pull their tail back onto the page before, and follows on if not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.render.pdf import LaidOut

FULL = 0.72
"""How far down its page a section must start for its contrast to be moved whole to the next page: that page is
then left at least 70% full (the section's margin above it)."""
SPARSE = 0.4
"""How far down its page the body must reach before the annex (a line more than the 35% it must fill at least):
less leaves the page mostly empty."""
FOLLOWS, DENSE = "annex-follows", "dense-references"
"""Classes of the page's body for css/brief.css: the annex not on a page of its own; the references set denser."""


@dataclass(frozen=True)
class Filled:
    """A brief's layout, and whether its annex follows the body on the page the body ends on."""

    laid_out: LaidOut
    annex_follows: bool = False

    @property
    def body_pages(self) -> int:
        """The pages of the body, annex not counted (but the page it shares with the body)."""
        annex = self.laid_out.page_of("annex")
        if annex is None:
            return self.laid_out.page_count
        return annex if self.annex_follows else annex - 1

    @property
    def pages_before_references(self) -> int:
        """The pages of the body up to the page its reference lists start on, that page counted."""
        starts = [page for name in ("references", "further-reading") if (page := self.laid_out.page_of(name))]
        return min(starts, default=self.body_pages)


def filled(laid_out: LaidOut, html: str, tensions: Sequence[str], lay_out: Callable[[str], LaidOut]) -> Filled:
    """`laid_out` (the layout of `html`), or `html` laid out again with the contrasts of the sections `tensions`
    names kept whole where they should be, then with a class of `FOLLOWS` or `DENSE` on its body when the page
    before its annex is sparse: at most three layouts more, and only for such briefs."""
    if kept := [section for section in tensions if _keeps_whole(laid_out, section)]:
        for section in kept:
            anchor = f'id="{section}-contrast"'
            html = html.replace(f'class="contrast" {anchor}', f'class="contrast kept" {anchor}')
        laid_out = lay_out(html)
    annex = laid_out.page_of("annex")
    if annex is None or annex == 1 or (end := laid_out.end_of_page(annex - 1)) >= SPARSE:
        return Filled(laid_out)

    def again(name: str) -> LaidOut:
        return lay_out(html.replace('<body class="', f'<body class="{name} ', 1))

    if end + _length_of_annex(laid_out, annex) <= laid_out.area[1]:
        return Filled(again(FOLLOWS), annex_follows=True)
    if laid_out.page_of("references") is not None or laid_out.page_of("further-reading") is not None:
        dense = again(DENSE)
        page = dense.page_of("annex")
        if page is not None and page > 1 and dense.end_of_page(page - 1) >= SPARSE:
            return Filled(dense)
    return Filled(again(FOLLOWS), annex_follows=True)


def _keeps_whole(laid_out: LaidOut, section: str) -> bool:
    """Whether the section's contrast broke across pages, but the section would fit on the next page with it
    whole (its heading goes with it), leaving its page full."""
    start, end = laid_out.position_of(section), laid_out.end_of(f"{section}-contrast")
    broke = laid_out.page_of(f"{section}-contrast") != (None if end is None else int(end))
    if start is None or end is None or not broke or start % 1 < FULL:
        return False
    top, foot = laid_out.area
    height = (foot - start % 1) + (int(end) - int(start) - 1) * (foot - top) + (end % 1 - top)
    return height <= foot - top


def _length_of_annex(laid_out: LaidOut, page: int) -> float:
    """The height of the annex starting on `page`, as a fraction of a page's; over a page if it runs on."""
    start = laid_out.position_of("annex")
    after = laid_out.position_of("abbreviations")
    end = after if after is not None else laid_out.page_count + laid_out.end_of_page(laid_out.page_count)
    if start is None or int(end) != page:
        return 1.0
    return end - start
