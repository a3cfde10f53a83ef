"""Check built outputs for accessibility: each PDF's tagged structure and metadata, each HTML page's basics.

Each PDF is also validated against PDF/UA-1 by `page` (PyPI page-validation), an independent validator
that passes the veraPDF corpus, so this check cannot pass what a real PDF/UA checker fails.

PDF checks (PDF/UA-1 as far as a program can tell): a structure tree, Marked true, a document
language, the title shown as the window title, a title in the document info and XMP metadata,
the PDF/UA identifier, headings in order from H1, alt text on every figure, link annotations with
text inside the structure, bookmarks, and no content that is neither tagged nor an artifact.
HTML checks: a language, a title, one main landmark, a skip link to it, alt on every image, heading
order. The browser test (axe-core in Chromium) goes further; this is what a user can run anywhere.
PowerPoint and Word files are read back for the rules of `render/office/checks.py` (unique slide titles, alt
text, header rows, reading order, title and language), the ones every build of them applies too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import page as page_validation
import pikepdf

from briefgen.errors import BriefgenError
from briefgen.pipeline.output import settle
from briefgen.render.office import checks as office_checks
from briefgen.render.pdf_tags import orphaned_mcids, structure_elements

_HEADING = re.compile(r"^/H([1-6])$")


@dataclass(frozen=True)
class Report:
    """What was found wrong with one output file; nothing means it passed."""

    path: Path
    failures: tuple[str, ...]


class CheckFailed(BriefgenError):
    """One or more outputs failed an accessibility check."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        super().__init__(f"{len(reports)} output(s) failed the accessibility checks")


def check_outputs(out_dir: Path) -> list[Report]:
    """A report for every PDF, HTML, PowerPoint and Word file under `out_dir`, in path order."""
    settle(out_dir)  # a build killed while switching its files in: its update is completed first
    reports = []
    for path in sorted(out_dir.rglob("*")):
        if path.suffix == ".pdf":
            reports.append(Report(path, tuple(check_pdf(path))))
        elif path.suffix == ".html":
            reports.append(Report(path, tuple(check_html(path))))
        elif path.suffix == ".pptx":
            reports.append(Report(path, tuple(map(str, office_checks.pptx_failures(path.read_bytes())))))
        elif path.suffix == ".docx":
            reports.append(Report(path, tuple(map(str, office_checks.docx_failures(path.read_bytes())))))
    return reports


def check_pdf(path: Path) -> Iterator[str]:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        yield f"not a readable PDF: {exc}"
        return
    with pdf:
        yield from _pdf_failures(pdf)
    yield from _pdf_ua_failures(path)


def _pdf_ua_failures(path: Path) -> Iterator[str]:
    """What the independent validator finds against PDF/UA-1, one line per rule and object."""
    try:
        report = page_validation.validate_pdf(path, profile=page_validation.ValidationProfile.PDF_UA_1)
    except page_validation.PageError as exc:
        yield f"PDF/UA-1 validator could not read it: {exc}"
        return
    for failure in dict.fromkeys((failure.rule_id, failure.message) for failure in report.failures):
        yield f"PDF/UA-1 {failure[0]}: {failure[1]}"


def _pdf_failures(pdf: pikepdf.Pdf) -> Iterator[str]:
    root = pdf.Root
    if not str(root.get("/Lang", "")).strip():
        yield "no document language (/Lang)"
    if not _flag(root, "/MarkInfo", "/Marked"):
        yield "not marked as tagged (/MarkInfo /Marked true)"
    if not _flag(root, "/ViewerPreferences", "/DisplayDocTitle"):
        yield "viewers are not told to show the title (/ViewerPreferences /DisplayDocTitle true)"
    if not str(pdf.docinfo.get("/Title", "")).strip():
        yield "no title in the document information"
    metadata = pdf.open_metadata()
    if not str(metadata.get("dc:title", "")).strip():
        yield "no title in the XMP metadata (dc:title)"
    if str(metadata.get("pdfuaid:part", "")) != "1":
        yield "not identified as PDF/UA-1 in the XMP metadata (pdfuaid:part)"
    if "/Outlines" not in root:
        yield "no bookmarks (/Outlines)"
    if "/StructTreeRoot" not in root:
        yield "no structure tree (/StructTreeRoot): the PDF is not tagged"
        return
    yield from _structure_failures(pdf)
    yield from _content_failures(pdf)


def _flag(root: pikepdf.Object, dictionary: str, key: str) -> bool:
    """Whether `root`[dictionary][key] is true."""
    holder = root.get(dictionary)
    return isinstance(holder, pikepdf.Dictionary) and bool(holder.get(key, False))


def _structure_failures(pdf: pikepdf.Pdf) -> Iterator[str]:
    headings = []
    figures = 0
    for element in structure_elements(pdf):
        tag = str(element.S)
        if heading := _HEADING.match(tag):
            headings.append(int(heading.group(1)))
        elif tag == "/Figure":
            figures += 1
            if not str(element.get("/Alt", "")).strip():
                yield f"figure {figures} has no alternative text (/Alt)"
    yield from _skipped_heading_levels(headings, "H")
    if not headings:
        yield "no headings in the structure tree"


def _skipped_heading_levels(levels: Iterable[int], tag: str) -> Iterator[str]:
    """A failure for each heading more than one level below the one before it (`tag`: "H" in PDF, "h" in HTML)."""
    previous = 0
    for level in levels:
        if level > previous + 1:
            after = f"{tag}{previous}" if previous else "the start"
            yield f"heading {tag}{level} follows {after}: a level is skipped"
        previous = level


def _content_failures(pdf: pikepdf.Pdf) -> Iterator[str]:
    orphans = sum(len(mcids) for mcids in orphaned_mcids(pdf).values())
    if orphans:
        yield f"{orphans} piece(s) of marked content are outside the structure tree and not artifacts"
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            if not str(annotation.get("/Contents", "")).strip():
                yield f"page {number}: a link has no text (/Contents)"
            if "/StructParent" not in annotation:
                yield f"page {number}: a link is not in the structure tree (/StructParent)"
        depth = 0
        for instruction in pikepdf.parse_content_stream(page, "BDC BMC EMC Tj TJ ' \""):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                depth += 1
            elif operator == "EMC":
                depth -= 1
            elif depth == 0:
                yield f"page {number}: text that is neither tagged nor an artifact"
                break


class _HtmlFacts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.in_title = False
        self.main_ids: list[str] = []
        self.skip_targets: list[str] = []
        self.images_without_alt = 0
        self.headings: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag == "title":
            self.in_title = True
        elif tag == "main":
            self.main_ids.append(attributes.get("id") or "")
        elif tag == "a" and "skip-link" in (attributes.get("class") or "").split():
            self.skip_targets.append((attributes.get("href") or "").removeprefix("#"))
        elif tag == "img" and attributes.get("alt") is None:
            self.images_without_alt += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def check_html(path: Path) -> Iterator[str]:
    facts = _HtmlFacts()
    facts.feed(path.read_text(encoding="utf-8"))
    if not facts.lang.strip():
        yield "no language on <html lang>"
    if not facts.title.strip():
        yield "no <title>"
    if len(facts.main_ids) != 1:
        yield f"{len(facts.main_ids)} <main> landmarks; there must be exactly one"
    elif not facts.skip_targets or facts.skip_targets[0] != facts.main_ids[0]:
        yield "no skip link to the main content"
    if facts.images_without_alt:
        yield f"{facts.images_without_alt} image(s) without an alt attribute"
    yield from _skipped_heading_levels(facts.headings, "h")
