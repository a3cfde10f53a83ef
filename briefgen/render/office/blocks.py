"""The blocks an Office file is written from, in reading order: paragraphs of styled runs, list items, tables,
pictures, contrasts and charts. `reading` makes them from a document's HTML; the Word and PowerPoint writers
write them."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.views.chart import Chart

LINE_BREAK = "\u2028"
"""A `<br>` in a run's text (Unicode's line separator): whitespace in the page's source is not a break."""


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    """An address, or `#id` of a place in the same document."""
    tooltip: str | None = None
    """For a link: what pointing at it shows and a screen reader adds to its text (the link's title: a numbered
    citation's work, an address's work)."""
    muted: bool = False
    """Set small in the muted colour, as the page sets a cross-reference ("See ...")."""
    superscript: bool = False
    """Raised and small."""
    note: tuple[Run, ...] = ()
    """For a footnote's call (its text the note's number): what the note says."""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    role: str = "body"
    """`body`, `heading`, `subtitle`, `item` (of a list), `quote`, `caption` or `box-title`."""
    level: int = 0
    """A heading's level (1 to 6); an item's depth in nested lists (0 at the top)."""
    ordered: bool = False
    """For an item: of a numbered list."""
    number: int | None = None
    """For an item of a numbered list: its number."""
    list_id: int = 0
    """For an item: items of one list share it (a numbered list starts again at each new list)."""
    anchors: tuple[str, ...] = ()
    """The ids that links to this paragraph point at: its own, and those of the containers it opens."""
    box: str | None = None
    """The kind of box it sits in (`callout`, `panel`), if any; with `tone`."""
    tone: str | None = None
    """A call-out's tone: `note`, `caveat`, `key_fact`."""
    new_page: bool = False
    """It starts a new page (the annex's heading)."""
    reference: bool = False
    """For an item: an entry of a reference list (numbered when `ordered`)."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    header: bool
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    caption: tuple[Run, ...]
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    """How many rows at the top are the header (repeated on each page a table breaks across)."""
    total_rows: int = 0
    """How many rows at the foot total the others (set in bold, as the page sets them)."""
    source: tuple[Run, ...] = ()
    anchors: tuple[str, ...] = ()
    """Ids a link within the document may point at (`see:`)."""


@dataclass(frozen=True)
class Picture:
    png_or_jpeg: bytes
    """The image as PNG or JPEG (an SVG is drawn to PNG)."""
    width: int
    height: int
    """In pixels: the aspect ratio a picture is placed at."""
    alt: str
    """Empty for a decorative image."""
    caption: tuple[Run, ...] = ()
    logo: bool = False
    """The brand's logo (shown small), not a figure."""
    source: tuple[Run, ...] = ()
    """Where the image comes from, set under its caption."""
    anchors: tuple[str, ...] = ()
    """Ids a link within the document may point at (`see:`)."""


@dataclass(frozen=True)
class Pole:
    """One side of a contrast: its label, and its caption and the factors pulling towards it."""

    label: tuple[Run, ...]
    blocks: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Contrast:
    """A tension's two poles, which the page sets side by side."""

    poles: tuple[Pole, ...]


@dataclass(frozen=True)
class ChartFigure:
    """A chart, drawn natively from its numbers (the page's drawing of it is for HTML and PDF)."""

    chart: Chart
    caption: tuple[Run, ...] = ()
    anchors: tuple[str, ...] = ()
    """Ids a link within the document may point at (`see:`)."""


Block = Paragraph | Table | Picture | Contrast | ChartFigure
