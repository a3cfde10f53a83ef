"""A document's HTML → the blocks an Office file is written from (office/blocks.py): paragraphs of styled runs,
list items, tables and pictures, in reading order.

The Office formats are made from the page the templates made for HTML and PDF, so each audience's wording,
its citations, abbreviations and cross-references are the ones the other formats show, and a deck has the
slides its fitted layout has.
"""

from __future__ import annotations

import base64
import copy
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from urllib.parse import unquote_to_bytes

import lxml.html
from lxml.html import HtmlElement
from PIL import Image

from briefgen.render.office import raster
from briefgen.render.office.blocks import (
    LINE_BREAK,
    Block,
    Cell,
    ChartFigure,
    Contrast,
    Paragraph,
    Picture,
    Pole,
    Run,
    Table,
)
from briefgen.views.chart import Chart

_SPACE = re.compile(r"[ \t\n\f\r]+")
"""The white space a page collapses: not a no-break space, which holds words together (a title's "(2 of 3)")."""
_HEADING = re.compile(r"^h([1-6])$")
_BLOCK_TAGS = {"p", "ul", "ol", "div", "section", "header", "footer", "main", "aside", "figure", "blockquote",
               "table", "dl", "details", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED_CLASSES = {"skip-link", "slide-footer", "notes", "slide-end", "slide-floor", "balance", "deck-controls",
                    "footnote", "endnotes"}
"""Page furniture the HTML has for screens: a skip link, a slide's footer and notes (written to the notes
page instead), the anchors the fit check measures, and the deck's controls; and a brief's footnotes, both
where print sets them (read with their calls instead, as `Run.note`) and the screen's list of them at the end
(Word sets each note at the foot of its page)."""
_APART = {"eyebrow"}
"""Classes of rows whose items the page sets apart (a flex row: the brief's organisation and audience): in
running text they are joined by a middle dot."""
_NEW_PAGE = {"annex"}
"""Classes of sections the brief starts on a new page (css/brief.css)."""
_MUTED = {"see", "continued"}
"""Classes of inline text the page sets small and muted: a cross-reference, a title's "(continued, 2 of 3)"."""
_CAPTIONS = {"pole-caption"}
"""Classes of paragraphs the page sets as captions (small, italic, muted)."""
_BOXES = {"callout": "callout", "for-you": "panel"}
"""Classes of containers drawn as boxes, and what their paragraphs are marked with."""


def parse(html: str) -> HtmlElement:
    return lxml.html.document_fromstring(html)


def class_value(element: HtmlElement, prefix: str) -> str | None:
    """What follows `prefix` in the first of the element's classes that starts with it (`tone-caveat` →
    `caveat` for "tone-"): how the templates mark a kind on an element."""
    return next((cls.removeprefix(prefix) for cls in element.classes if cls.startswith(prefix)), None)


def text_of(element: HtmlElement) -> str:
    """An element's text as a reader sees it: whitespace collapsed, without screen-only furniture."""
    return "".join(run.text for run in runs_of(element))


def runs_of(element: HtmlElement) -> tuple[Run, ...]:
    """The inline content of `element` (its nested lists, tables and figures left out) as runs."""
    if _APART & set(element.classes) and len(element):
        items = [runs for child in element.iterchildren() if isinstance(child.tag, str) and (runs := runs_of(child))]
        return tuple(run for index, runs in enumerate(items) for run in (*((Run(" · "),) if index else ()), *runs))
    return _tidy(list(_runs(element, Run(""), top=True)))


def read(element: HtmlElement, charts: Mapping[str, Chart] | None = None) -> list[Block]:
    """The blocks in `element`, in document order; a `figure.chart` of an id in `charts` is that chart."""
    return list(_Reader(charts or {}).blocks(element))


class _Reader:
    def __init__(self, charts: Mapping[str, Chart] | None = None) -> None:
        self.lists = 0
        self.charts: Mapping[str, Chart] = charts or {}

    def blocks(self, element: HtmlElement, box: str | None = None, tone: str | None = None,
               role: str = "body") -> Iterator[Block]:
        if _skipped(element):
            return
        classes = set(element.classes)
        tag = element.tag
        for name, kind in _BOXES.items():
            if name in classes:
                box = kind
                tone = class_value(element, "tone-")
        if heading := _HEADING.match(str(tag)):
            yield Paragraph(runs_of(element), "heading", int(heading.group(1)), anchors=_ids(element), box=box)
        elif tag == "p":
            kind = "subtitle" if "subtitle" in classes else "box-title" if "callout-title" in classes else \
                "caption" if _CAPTIONS & classes else role
            if runs := runs_of(element):  # an empty paragraph would be an empty line in Word
                yield Paragraph(runs, kind, anchors=_ids(element), box=box, tone=tone)
        elif tag in ("ul", "ol"):
            yield from self.items(element, 0, box, tone)
        elif "table" in classes and tag == "div":
            yield _table(element)
        elif "contrast" in classes:
            yield Contrast(tuple(self.pole(pole) for pole in element.find_class("pole")))
        elif tag == "figure" and "chart" in classes and element.get("id") in self.charts:
            caption = element.find("figcaption")
            yield ChartFigure(self.charts[element.get("id")], runs_of(caption) if caption is not None else (),
                              _ids(element))
        elif tag == "figure" or tag == "img":
            # A chart not among the draft's (none expected) is read as any figure: its drawing is an inline SVG,
            # no picture, so nothing; its numbers are in the table that follows it.
            picture = _picture(element)
            if picture is not None:
                yield picture
        elif tag == "dl":
            for term in element.iterchildren("dt"):
                definition = term.getnext()
                runs = (Run(text_of(term), bold=True), Run(" "),
                        *(runs_of(definition) if definition is not None else ()))
                yield Paragraph(runs, role, anchors=_ids(term), box=box, tone=tone)
        else:
            quoting = "quote" if tag == "blockquote" else role
            if _has_blocks(element):
                inner = (block for child in element.iterchildren() if isinstance(child.tag, str)
                         for block in self.blocks(child, box, tone, quoting))
                yield from _anchored(inner, _ids(element), new_page=bool(_NEW_PAGE & classes))
            elif runs := runs_of(element):
                yield Paragraph(runs, quoting, anchors=_ids(element), box=box, tone=tone)

    def pole(self, element: HtmlElement) -> Pole:
        """A pole's label, then its caption (a caption's role) and factors."""
        label = element.find_class("pole-label")
        blocks = (block for child in element.iterchildren() if child not in label
                  for block in self.blocks(child, role="caption"))
        paragraphs = tuple(block for block in blocks if isinstance(block, Paragraph))
        return Pole(runs_of(label[0]) if label else (), paragraphs)

    def items(self, element: HtmlElement, depth: int, box: str | None, tone: str | None) -> Iterator[Block]:
        self.lists += 1
        list_id, ordered = self.lists, element.tag == "ol"
        reference = "reference-list" in element.classes
        number = int(element.get("start", "1"))
        for item in element.iterchildren("li"):
            number = int(item.get("value", number))
            yield Paragraph(runs_of(item), "item", depth, ordered, number if ordered else None, list_id,
                            _ids(item), box, tone, reference=reference)
            number += 1
            for child in item.iterchildren():
                if child.tag in ("ul", "ol"):
                    yield from self.items(child, depth + 1, box, tone)
                elif isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                    yield from self.blocks(child, box, tone)


def _ids(element: HtmlElement) -> tuple[str, ...]:
    return (element.get("id"),) if element.get("id") else ()


def _anchored(blocks: Iterator[Block], ids: tuple[str, ...], new_page: bool) -> Iterator[Block]:
    """`blocks`, the first paragraph among them also anchoring `ids` (a section's id, say, at its heading) and
    starting a new page if its container does."""
    first = True
    for block in blocks:
        if first and isinstance(block, Paragraph):
            block = replace(block, anchors=(*ids, *block.anchors), new_page=block.new_page or new_page)
            first = False
        yield block


def _skipped(element: HtmlElement) -> bool:
    # A details element's summary is the screen's control to open it: the Office page shows what it holds.
    return (not isinstance(element.tag, str)
            or element.tag in ("script", "style", "nav", "template", "head", "summary")
            or element.get("aria-hidden") == "true" or bool(_SKIPPED_CLASSES & set(element.classes)))


def _has_blocks(element: HtmlElement) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS and not _skipped(child)
               for child in element.iterchildren())


def _runs(element: HtmlElement, style: Run, top: bool = False) -> Iterator[Run]:
    if not top:
        if _skipped(element) or element.tag in _BLOCK_TAGS:
            return
        if element.tag == "br":
            yield replace(style, text=LINE_BREAK)
        elif element.tag in ("strong", "b"):
            style = replace(style, bold=True)
        elif element.tag in ("em", "i", "cite"):
            style = replace(style, italic=not style.italic)
        elif element.tag == "code":
            style = replace(style, code=True)
        elif element.tag == "sup":
            style = replace(style, superscript=True)
        elif "note-ref" in element.classes:
            yield _call(element, style)
            return
        elif element.tag == "a" and element.get("href"):
            style = replace(style, link=element.get("href"), tooltip=element.get("title"))
        if _MUTED & set(element.classes):
            style = replace(style, muted=True)
    if element.text:
        yield replace(style, text=element.text)
    for child in element.iterchildren():
        if isinstance(child.tag, str):
            yield from _runs(child, style)
        if child.tail:
            yield replace(style, text=child.tail)


def _call(reference: HtmlElement, style: Run) -> Run:
    """A footnote's call (render/footnotes.py: a link to the list of notes, the note beside it for print) as one
    run: its number, and the note's own runs."""
    note = reference.getnext()
    text = _tidy(list(_runs(note, Run(""), top=True))) if note is not None and "footnote" in note.classes else ()
    return replace(style, text=text_of(reference), superscript=True, note=text)


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Whitespace collapsed as a browser does, the ends trimmed, and runs of one style joined."""
    tidy: list[Run] = []
    for run in runs:
        text = run.text if run.text == LINE_BREAK else _SPACE.sub(" ", run.text)
        if tidy and (tidy[-1].text.endswith((" ", LINE_BREAK)) or text == LINE_BREAK):
            text = text.lstrip(" ")
        if not text:
            continue
        if tidy and replace(tidy[-1], text="") == replace(run, text=""):
            tidy[-1] = replace(run, text=tidy[-1].text + text)
        else:
            tidy.append(replace(run, text=text))
    if tidy:
        tidy[0] = replace(tidy[0], text=tidy[0].text.lstrip())
        tidy[-1] = replace(tidy[-1], text=tidy[-1].text.rstrip())
    return tuple(run for run in tidy if run.text)


def _table(element: HtmlElement) -> Table:
    table = element.find(".//table")
    caption = table.find("caption") if table is not None else None
    head = table.findall("thead/tr") if table is not None else []
    body = table.findall("tbody/tr") if table is not None else []
    foot = table.findall("tfoot/tr") if table is not None else []
    rows = tuple(tuple(Cell(runs_of(cell), cell.tag == "th", _align(cell)) for cell in row.iterchildren("th", "td"))
                 for row in [*head, *body])
    totals = tuple(tuple(Cell(tuple(replace(run, bold=True) for run in runs_of(cell)), cell.tag == "th", _align(cell))
                         for cell in row.iterchildren("th", "td")) for row in foot)
    source = element.find("p[@class='table-source']")
    return Table(runs_of(caption) if caption is not None else (), rows + totals, len(head), len(totals),
                 runs_of(source) if source is not None else (), _ids(element))


def _align(cell: HtmlElement) -> str:
    return class_value(cell, "align-") or "left"


_FIGURE_SOURCE = "span[@class='figure-source']"


def _picture(element: HtmlElement) -> Picture | None:
    image = element if element.tag == "img" else element.find(".//img")
    if image is None:
        return None
    data, media_type = _decoded(image.get("src", ""))
    if media_type == "image/svg+xml":
        data = raster.png_of_svg(data)
    with Image.open(io.BytesIO(data)) as decoded:
        width, height = decoded.size
    caption = element.find("figcaption") if element.tag == "figure" else None
    source = None
    if caption is not None and caption.find(_FIGURE_SOURCE) is not None:  # a line of its own, under the caption
        caption = copy.deepcopy(caption)
        source = caption.find(_FIGURE_SOURCE)
        source.drop_tree()
    return Picture(data, width, height, image.get("alt", ""), runs_of(caption) if caption is not None else (),
                   logo="logo" in image.classes, source=runs_of(source) if source is not None else (),
                   anchors=_ids(element) if element.tag == "figure" else ())


def _decoded(uri: str) -> tuple[bytes, str]:
    """A data: URI's bytes and media type (the templates embed every image as one)."""
    header, _, payload = uri.partition(",")
    if not header.startswith("data:"):
        raise ValueError(f"an image that is not embedded: {uri[:40]!r}")
    media_type = header.removeprefix("data:").split(";")[0]
    return (base64.b64decode(payload) if header.endswith(";base64") else unquote_to_bytes(payload)), media_type
