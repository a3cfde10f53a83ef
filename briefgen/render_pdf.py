"""Render an HTML page to PDF bytes with WeasyPrint, fetching only files inside allowed folders.

The only module that imports weasyprint.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from briefgen.errors import RenderError


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URLs and files inside `roots` (after resolving symlinks and `..`); refuses the rest."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return URLFetcherResponse(path.as_uri(), path.read_bytes())
        raise FatalURLFetchingError(f"refused to fetch {url!r}: only files inside the templates folder are allowed")


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


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


def render_pdf(html: str, base_dir: Path, asset_roots: Sequence[Path], source: str) -> tuple[bytes, list[str]]:
    """PDF bytes for `html` and WeasyPrint's warnings; `source` names the output in error messages."""
    # A fixed identifier derived from the input keeps the bytes reproducible.
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/",
                    url_fetcher=ConfinedFetcher(asset_roots))
    with _collect_warnings() as warnings:
        try:
            pdf = document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
        except FatalURLFetchingError as exc:
            raise RenderError(f"{source}: {exc}") from None
        except Exception as exc:  # a WeasyPrint failure on odd input must not end in a traceback
            raise RenderError(f"{source}: WeasyPrint could not lay out the page ({type(exc).__name__}: {exc})") from exc
    return pdf, warnings
