"""An HTML page → what keeps it from being accessible, placed on the slide (a deck) or in the section (a brief, the
index) it is in: a language, a title, one main landmark with a skip link to it, alt on every image, heading
order, a name on every drawing. The browser test (axe-core in Chromium) goes further; this is what a user can run
anywhere."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import NamedTuple

from briefgen.render.failures import WHOLE_FILE, Failure, in_section, on_slide, skipped_levels
from briefgen.rules import LANDMARKS, NO_ALT, NO_LANGUAGE, NO_TITLE, UNREADABLE_OUTPUT

_HEADING = re.compile(r"h[1-6]")


class _Spot(NamedTuple):
    """Where on the page something was met, as it was read: a slide's title comes after its logo, so a place
    is named once the whole page is read."""

    slide: int | None
    """The number of the slide it is in, if any."""
    heading: int | None
    """The index of the heading at or before it, if any."""


class _HtmlFacts(HTMLParser):
    """What the checks need of a page, read in one pass. A slide is an element with
    `aria-roledescription="slide"`, titled by the heading its `aria-labelledby` names."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.in_title = False
        self.main_ids: list[str] = []
        self.skip_targets: list[str] = []
        self.images_without_alt: list[_Spot] = []
        self.drawings_unnamed: list[_Spot] = []
        """Inline SVG drawings shown as images (`role="img"`, not hidden) with no name: no `aria-label`, and no
        `<title>` with text (which `aria-labelledby` points at in briefgen's charts)."""
        self._drawing: tuple[_Spot, bool] | None = None
        """The drawing being read: where it is, and whether it is named yet."""
        self._in_drawing_title = False
        self.headings: list[tuple[int, _Spot]] = []
        self.heading_texts: list[str] = []
        self.heading_ids: dict[str, int] = {}
        self.slide_labels: list[str] = []
        """Per slide, in order, the id of the element that titles it."""
        self._in_heading = False
        self._slide: tuple[str, int] | None = None
        """The tag of the slide being read, and how many elements of that tag are open in it."""

    def spot(self) -> _Spot:
        """Where the reading is now: the slide it is in, the heading last begun."""
        return _Spot(len(self.slide_labels) if self._slide else None,
                     len(self.heading_texts) - 1 if self.heading_texts else None)

    def place(self, spot: _Spot) -> str:
        """The place `spot` is, now that the page has been read."""
        if spot.slide is not None:
            heading = self.heading_ids.get(self.slide_labels[spot.slide - 1])
            return on_slide(spot.slide, self.heading_texts[heading] if heading is not None else "")
        return in_section(self.heading_texts[spot.heading] if spot.heading is not None else None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._slide and self._slide[0] == tag:
            self._slide = (tag, self._slide[1] + 1)
        elif attributes.get("aria-roledescription") == "slide" and not self._slide:
            self._slide = (tag, 1)
            self.slide_labels.append(attributes.get("aria-labelledby") or "")
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag == "title":  # the page's, or a drawing's name
            self._in_drawing_title = self._drawing is not None
            self.in_title = self._drawing is None
        elif tag == "main":
            self.main_ids.append(attributes.get("id") or "")
        elif tag == "a" and "skip-link" in (attributes.get("class") or "").split():
            self.skip_targets.append((attributes.get("href") or "").removeprefix("#"))
        elif tag == "img" and attributes.get("alt") is None:
            self.images_without_alt.append(self.spot())
        elif tag == "svg" and attributes.get("aria-hidden") != "true":
            self._drawing = (self.spot(), bool((attributes.get("aria-label") or "").strip()))
        elif _HEADING.fullmatch(tag):
            self.heading_ids[attributes.get("id") or ""] = len(self.heading_texts)
            self.heading_texts.append("")
            self._in_heading = True
            self.headings.append((int(tag[1]), self.spot()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = self._in_drawing_title = False
        elif tag == "svg" and self._drawing is not None:
            if not self._drawing[1]:
                self.drawings_unnamed.append(self._drawing[0])
            self._drawing = None
        elif _HEADING.fullmatch(tag):
            self._in_heading = False
        if self._slide and self._slide[0] == tag:
            self._slide = (tag, self._slide[1] - 1) if self._slide[1] > 1 else None

    def handle_data(self, data: str) -> None:
        if self._in_drawing_title and self._drawing is not None and data.strip():
            self._drawing = (self._drawing[0], True)
        elif self.in_title:
            self.title += data
        if self._in_heading:
            self.heading_texts[-1] += data


def check_html(data: bytes) -> Iterator[Failure]:
    """What keeps the page `data` from being accessible."""
    try:
        page = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Failure(UNREADABLE_OUTPUT, WHOLE_FILE, f"not UTF-8 text (byte {exc.start}): not a page briefgen wrote")
        return
    facts = _HtmlFacts()
    facts.feed(page)
    facts.close()
    if not facts.lang.strip():
        yield Failure(NO_LANGUAGE, WHOLE_FILE, "no language on <html lang>")
    if not facts.title.strip():
        yield Failure(NO_TITLE, WHOLE_FILE, "no <title>")
    if len(facts.main_ids) != 1:
        yield Failure(LANDMARKS, WHOLE_FILE, f"{len(facts.main_ids)} <main> landmarks; there must be exactly one")
    elif not facts.skip_targets or facts.skip_targets[0] != facts.main_ids[0]:
        yield Failure(LANDMARKS, WHOLE_FILE, "no skip link to the main content")
    for place, count in Counter(facts.place(spot) for spot in facts.images_without_alt).items():
        yield Failure(NO_ALT, place, f"{count} image(s) without an alt attribute")
    for place, count in Counter(facts.place(spot) for spot in facts.drawings_unnamed).items():
        yield Failure(NO_ALT, place, f"{count} drawing(s) (inline SVG) without a title or aria-label, and not hidden")
    yield from skipped_levels(((level, facts.place(spot)) for level, spot in facts.headings), "h")
