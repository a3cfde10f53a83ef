"""An HTML page → its page layout and PDF bytes, with WeasyPrint, fetching only files inside allowed folders.

The only module that imports weasyprint.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, Document
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from briefgen.errors import RenderError
from briefgen.render.document_properties import STATUS_PROPERTIES
from briefgen.render.pdf_tags import mark_artifacts


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URLs and files inside `roots` (after resolving symlinks and `..`); refuses the rest."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]
        # WeasyPrint swallows some failed fetches (inside an SVG image, say) with a warning; remember them all.
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return URLFetcherResponse(path.as_uri(), path.read_bytes())
        self.refused.append(url)
        raise FatalURLFetchingError(_refusal(url))


def _refusal(url: str) -> str:
    return f"refused to fetch {url!r}: only files inside the templates folder are allowed"


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # WeasyPrint takes alt="" for missing alt text; validation allows it only on decorative figures,
        # which pdf_tags turns into artifacts.
        if not message.endswith("has no required alt description"):
            self.messages.append(message)


@contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    collector = _WarningCollector()
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


# PDF/UA-1: tagged structure, /Lang, DisplayDocTitle, XMP with pdfuaid; page furniture is fixed up after. Custom
# metadata: the document information entries of STATUS_PROPERTIES.
_OPTIONS = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}


class LaidOut:
    """A page layout of one HTML page: which element is on which page, and the PDF bytes."""

    def __init__(self, document: Document, html: str, warnings: list[str], source: str,
                 fetcher: ConfinedFetcher) -> None:
        self._document = document
        # Of the page's other `<meta>`s (WeasyPrint's "custom metadata"), only the briefing's status is the PDF's.
        custom = document.metadata.custom
        document.metadata.custom = {status.pdf: custom[status.meta] for status in STATUS_PROPERTIES
                                    if status.meta in custom}
        self._fetcher = fetcher
        self.html = html
        """The page laid out."""
        self._source = source
        self.warnings = warnings
        self._position_of: dict[str, float] = {}
        self._end_of: dict[str, float] = {}
        for number, page in enumerate(document.pages, start=1):
            for name, (_, y, _, height) in page.anchors.items():  # an element split over pages has anchors on each
                self._position_of.setdefault(name, number + y / page.height)
                self._end_of[name] = number + (y + height) / page.height

    @property
    def page_count(self) -> int:
        return len(self._document.pages)

    def page_of(self, element_id: str) -> int | None:
        """The page an element with this id starts on."""
        position = self._position_of.get(element_id)
        return None if position is None else int(position)

    def position_of(self, element_id: str) -> float | None:
        """Where an element with this id starts, in pages: 2.5 is half way down the second page."""
        return self._position_of.get(element_id)

    def end_of(self, element_id: str) -> float | None:
        """Where an element with this id ends, in pages, as `position_of` measures where it starts."""
        return self._end_of.get(element_id)

    def end_of_page(self, number: int) -> float:
        """How far down page `number` its last line or picture ends, as a fraction of the page's height (0 for
        a blank page); the margins' running heads and page numbers are not counted."""
        # WeasyPrint keeps its page boxes to itself, but no other part of its layout says where the text ends:
        # a block split over pages is stretched to the page's foot.
        page = self._document.pages[number - 1]
        ends = [box.position_y + box.margin_height() for box in _content_boxes(page._page_box)
                if isinstance(box, boxes.LineBox | boxes.ReplacedBox)]
        return float(max(ends, default=0.0) / page.height)

    @property
    def area(self) -> tuple[float, float]:
        """How far down a page its content starts and how far it may reach (its margins), as `end_of_page`
        measures."""
        page = self._document.pages[0]
        top = page._page_box.content_box_y()
        return float(top / page.height), float((top + page._page_box.height) / page.height)

    def pdf(self, descriptions: Mapping[str, str] | None = None) -> bytes:
        """The tagged PDF; a figure whose alternative text is a key of `descriptions` (a chart's title, which
        WeasyPrint takes from its SVG) is given the value instead (its title and description)."""
        # A fixed identifier derived from the input keeps the bytes reproducible.
        identifier = hashlib.sha256(self.html.encode()).hexdigest()[:32].encode()
        with _collect_warnings() as warnings, _as_render_error(self._source):
            pdf: bytes = mark_artifacts(self._document.write_pdf(pdf_identifier=identifier, **_OPTIONS),
                                        descriptions or {})
        _fail_if_refused(self._fetcher, self._source)  # images inside an SVG are fetched only while drawing
        self.warnings.extend(warnings)
        return pdf


def _content_boxes(box: boxes.Box) -> Iterator[boxes.Box]:
    """`box` and the boxes inside it, but the page's margin boxes."""
    yield box
    for child in getattr(box, "children", ()):
        if not isinstance(child, boxes.MarginBox):
            yield from _content_boxes(child)


@contextmanager
def _as_render_error(source: str) -> Iterator[None]:
    try:
        yield
    except RenderError:  # already says what went wrong (say, the time limit)
        raise
    except FatalURLFetchingError as exc:
        raise RenderError(f"{source}: {exc}") from None
    except Exception as exc:  # a WeasyPrint failure on odd input must not end in a traceback
        raise RenderError(f"{source}: WeasyPrint could not lay out the page ({type(exc).__name__}: {exc})") from exc


def lay_out(html: str, base_dir: Path, asset_roots: Sequence[Path], source: str) -> LaidOut:
    """Lay out `html` in pages; `source` names the output in error messages."""
    fetcher = ConfinedFetcher(asset_roots)
    document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    with _collect_warnings() as warnings, _as_render_error(source):
        rendered = document.render(**_OPTIONS)
    _fail_if_refused(fetcher, source)
    # rel="attachment" embeds the linked file in the PDF; the content model declares no attachments.
    attached = ["<link rel=attachment>"] * len(rendered.metadata.attachments) + [
        repr(link[1]) for page in rendered.pages for link in page.links if link[0] == "attachment"]
    if attached:
        raise RenderError(f"{source}: refused to attach {attached[0]} to the PDF: attachments are not allowed")
    return LaidOut(rendered, html, warnings, source, fetcher)


def _fail_if_refused(fetcher: ConfinedFetcher, source: str) -> None:
    if fetcher.refused:
        raise RenderError(f"{source}: {_refusal(fetcher.refused[0])}")
