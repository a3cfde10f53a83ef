"""How a brief is laid out again to fill its pages (render/page_fill.py), on layouts described by hand: where
elements start and end, and where each page's text ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.render.page_fill import DENSE, FOLLOWS, filled

PAGE = '<body class="brief">…<div class="contrast" id="s1-contrast">…</div><section class="annex" id="annex">'


@dataclass
class Layout:
    """A layout as `filled` reads it: positions in pages (2.5 is half way down the second page)."""

    starts: dict[str, float]
    ends: dict[str, float] = field(default_factory=dict)
    page_ends: tuple[float, ...] = ()
    area: tuple[float, float] = (0.07, 0.93)

    @property
    def page_count(self) -> int:
        return len(self.page_ends)

    def page_of(self, element_id: str) -> int | None:
        return int(self.starts[element_id]) if element_id in self.starts else None

    def position_of(self, element_id: str) -> float | None:
        return self.starts.get(element_id)

    def end_of(self, element_id: str) -> float | None:
        return self.ends.get(element_id)

    def end_of_page(self, number: int) -> float:
        return self.page_ends[number - 1]


def laying_out(layouts: dict[str, Layout]) -> tuple[list[str], object]:
    """A `lay_out` that answers the layout of the first key found in the page it is given, and the pages it got."""
    asked: list[str] = []

    def lay_out(html: str) -> Layout:
        asked.append(html)
        return next(layout for key, layout in layouts.items() if key in html)

    return asked, lay_out


def test_a_brief_whose_page_before_the_annex_is_full_enough_is_laid_out_once() -> None:
    first = Layout({"annex": 4.07}, page_ends=(0.9, 0.9, 0.45, 0.5))
    asked, lay_out = laying_out({})
    brief = filled(first, PAGE, [], lay_out)  # type: ignore[arg-type]
    assert brief.laid_out is first and asked == [] and brief.body_pages == 3


def test_a_short_annex_follows_the_references_and_shares_their_page_with_the_budget() -> None:
    first = Layout({"annex": 4.07, "abbreviations": 4.4}, page_ends=(0.9, 0.9, 0.2, 0.6))
    follows = Layout({"annex": 3.25}, page_ends=(0.9, 0.9, 0.8))
    asked, lay_out = laying_out({FOLLOWS: follows})
    brief = filled(first, PAGE, [], lay_out)  # type: ignore[arg-type]
    assert brief.laid_out is follows and len(asked) == 1 and brief.body_pages == 3


def test_a_long_annex_keeps_its_page_when_denser_references_pull_their_tail_back() -> None:
    first = Layout({"annex": 4.07, "references": 2.5}, page_ends=(0.9, 0.9, 0.2, 0.9, 0.5))
    dense = Layout({"annex": 3.07, "references": 2.5}, page_ends=(0.9, 0.9, 0.9, 0.5))
    _, lay_out = laying_out({DENSE: dense})
    brief = filled(first, PAGE, [], lay_out)  # type: ignore[arg-type]
    assert brief.laid_out is dense and brief.body_pages == 2


def test_a_long_annex_follows_when_denser_references_leave_their_tail() -> None:
    first = Layout({"annex": 4.07, "references": 2.5}, page_ends=(0.9, 0.9, 0.2, 0.9, 0.5))
    dense = Layout({"annex": 4.07, "references": 2.5}, page_ends=(0.9, 0.9, 0.15, 0.9, 0.5))
    follows = Layout({"annex": 3.25}, page_ends=(0.9, 0.9, 0.9, 0.6))
    asked, lay_out = laying_out({DENSE: dense, FOLLOWS: follows})
    brief = filled(first, PAGE, [], lay_out)  # type: ignore[arg-type]
    assert brief.laid_out is follows and len(asked) == 2 and brief.annex_follows


def test_a_contrast_that_broke_is_kept_whole_only_where_its_page_stays_full_and_it_fits_the_next() -> None:
    def kept(section_start: float, contrast_end: float) -> bool:
        first = Layout({"s1": section_start, "s1-contrast": section_start + 0.03}, {"s1-contrast": contrast_end},
                       page_ends=(0.9, 0.9, 0.9))
        asked, lay_out = laying_out({'class="contrast kept"': Layout({}, page_ends=(0.9, 0.9, 0.9)), "": first})
        filled(first, PAGE, ["s1"], lay_out)  # type: ignore[arg-type]
        return bool(asked)

    assert kept(1.8, 2.3)
    assert not kept(1.6, 2.3)  # its page would be left 60% full
    assert not kept(1.8, 2.85)  # too long for a page: it breaks where it is
    assert not kept(1.8, 1.95)  # it did not break
