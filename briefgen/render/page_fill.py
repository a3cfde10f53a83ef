"""A brief's layout → laid out again when the page before its annex would be left mostly empty.

The annex starts a new page, so the page before it holds whatever of the body is left over, often the tail of
the reference list. When that is under `SPARSE` of the page, a short annex follows on that page; a longer one
keeps its page if the references set denser pull their tail back onto the page before, and follows on if not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.render.pdf import LaidOut

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


def filled(laid_out: LaidOut, again: Callable[[str], LaidOut]) -> Filled:
    """`laid_out`, or the brief laid out `again` with a class of `FOLLOWS` or `DENSE` on its body when the page
    before its annex is sparse; at most two layouts more, and only for such briefs."""
    annex = laid_out.page_of("annex")
    if annex is None or annex == 1 or (end := laid_out.end_of_page(annex - 1)) >= SPARSE:
        return Filled(laid_out)
    if end + _length_of_annex(laid_out, annex) <= laid_out.foot:
        return Filled(again(FOLLOWS), annex_follows=True)
    if laid_out.page_of("references") is not None or laid_out.page_of("further-reading") is not None:
        dense = again(DENSE)
        page = dense.page_of("annex")
        if page is not None and page > 1 and dense.end_of_page(page - 1) >= SPARSE:
            return Filled(dense)
    return Filled(again(FOLLOWS), annex_follows=True)


def _length_of_annex(laid_out: LaidOut, page: int) -> float:
    """The height of the annex starting on `page`, as a fraction of a page's; over a page if it runs on."""
    start = laid_out.position_of("annex")
    after = laid_out.position_of("abbreviations")
    end = after if after is not None else laid_out.page_count + laid_out.end_of_page(laid_out.page_count)
    if start is None or int(end) != page:
        return 1.0
    return end - start
