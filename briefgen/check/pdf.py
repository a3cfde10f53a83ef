"""A PDF → what keeps it from being accessible, placed on the page it is on (PDF/UA-1 as far as a program can
tell): a structure tree, Marked true, a document language, the title shown as the window title, a title in
the document info and XMP metadata, the PDF/UA identifier, headings in order from H1, alt text on every
figure, link annotations with text inside the structure, bookmarks, and no content that is neither tagged
nor an artifact.

Each PDF is also validated against PDF/UA-1 by `page` (PyPI page-validation), an independent validator that
passes the veraPDF corpus, so this check cannot pass what a real PDF/UA checker fails.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import page as page_validation
import pikepdf

from briefgen.render.failures import WHOLE_FILE, Failure, on_page, skipped_levels
from briefgen.render.pdf_tags import orphaned_mcids, structure_elements
from briefgen.rules import (
    HEADING_ORDER,
    LINK_NO_TEXT,
    NO_ALT,
    NO_BOOKMARKS,
    NO_LANGUAGE,
    NO_TITLE,
    NOT_PDF_UA,
    UNREADABLE_OUTPUT,
    UNTAGGED,
    Rule,
)

_HEADING = re.compile(r"^/H([1-6])$")


def check_pdf(data: bytes) -> Iterator[Failure]:
    """What keeps the PDF `data` from being accessible."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        yield Failure(UNREADABLE_OUTPUT, WHOLE_FILE, f"not a readable PDF: {exc}")
        return
    with pdf:
        pages = _Pages(pdf)
        yield from _pdf_failures(pdf, pages)
        yield from _pdf_ua_failures(data, pdf, pages)


class _Pages:
    """Which page an object of the PDF is on: a page, an annotation on one, or a structure element, which is
    on the page of its first content."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self._numbers: dict[tuple[int, int], int] = {}
        self.of_parent_key: dict[int, int] = {}
        """A page's key in the structure tree's parent tree → its number."""
        for number, page in enumerate(pdf.pages, start=1):
            self._numbers[page.obj.objgen] = number
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                if annotation.is_indirect:
                    self._numbers.setdefault(annotation.objgen, number)
            if "/StructParents" in page.obj:
                self.of_parent_key[int(page.obj.StructParents)] = number

    def place(self, obj: pikepdf.Object, otherwise: str) -> str:
        """The page `obj` is on, or `otherwise` if it is on none."""
        number = self._number(obj)
        return on_page(number) if number is not None else otherwise

    def _number(self, obj: pikepdf.Object) -> int | None:
        if obj.is_indirect and obj.objgen in self._numbers:
            return self._numbers[obj.objgen]
        # A structure element's own /Pg, else the first its content gives (marked-content references carry one).
        stack: list[pikepdf.Object] = [obj] if isinstance(obj, pikepdf.Dictionary) and "/S" in obj else []
        seen: set[tuple[int, int]] = set()
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and not (node.is_indirect and node.objgen in seen):
                if node.is_indirect:
                    seen.add(node.objgen)
                page = node.get("/Pg")
                if isinstance(page, pikepdf.Dictionary) and page.is_indirect and page.objgen in self._numbers:
                    return self._numbers[page.objgen]
                if "/K" in node:
                    stack.append(node.K)
        return None


def _pdf_ua_failures(data: bytes, pdf: pikepdf.Pdf, pages: _Pages) -> Iterator[Failure]:
    """What the independent validator finds against PDF/UA-1, one line per rule and page (or object, for one
    on no page)."""
    try:
        report = page_validation.validate_pdf_bytes(data, profile=page_validation.ValidationProfile.PDF_UA_1)
    except page_validation.PageError as exc:
        yield Failure(NOT_PDF_UA, WHOLE_FILE, f"PDF/UA-1 validator could not read it: {exc}")
        return
    found = []
    for failure in report.failures:
        place = WHOLE_FILE
        if failure.object_id is not None:
            number = failure.object_id.object_number
            obj = pdf.get_object(number, failure.object_id.generation)
            place = pages.place(obj, f"object {number}") if obj is not None else f"object {number}"
        found.append(Failure(NOT_PDF_UA, place, f"PDF/UA-1 {failure.rule_id}: {failure.message}"))
    yield from dict.fromkeys(found)


def _pdf_failures(pdf: pikepdf.Pdf, pages: _Pages) -> Iterator[Failure]:
    root = pdf.Root
    whole_file: list[tuple[Rule, str]] = []
    if not str(root.get("/Lang", "")).strip():
        whole_file.append((NO_LANGUAGE, "no document language (/Lang)"))
    if not _flag(root, "/MarkInfo", "/Marked"):
        whole_file.append((UNTAGGED, "not marked as tagged (/MarkInfo /Marked true)"))
    if not _flag(root, "/ViewerPreferences", "/DisplayDocTitle"):
        whole_file.append((NO_TITLE, "viewers are not told to show the title (/ViewerPreferences /DisplayDocTitle "
                                     "true)"))
    if not str(pdf.docinfo.get("/Title", "")).strip():
        whole_file.append((NO_TITLE, "no title in the document information"))
    metadata = pdf.open_metadata()
    if not str(metadata.get("dc:title", "")).strip():
        whole_file.append((NO_TITLE, "no title in the XMP metadata (dc:title)"))
    if str(metadata.get("pdfuaid:part", "")) != "1":
        whole_file.append((NOT_PDF_UA, "not identified as PDF/UA-1 in the XMP metadata (pdfuaid:part)"))
    if "/Outlines" not in root:
        whole_file.append((NO_BOOKMARKS, "no bookmarks (/Outlines)"))
    if "/StructTreeRoot" not in root:
        whole_file.append((UNTAGGED, "no structure tree (/StructTreeRoot): the PDF is not tagged"))
    yield from (Failure(rule, WHOLE_FILE, message) for rule, message in whole_file)
    if "/StructTreeRoot" in root:
        yield from _structure_failures(pdf, pages)
        yield from _content_failures(pdf, pages)


def _flag(root: pikepdf.Object, dictionary: str, key: str) -> bool:
    """Whether `root`[dictionary][key] is true."""
    holder = root.get(dictionary)
    return isinstance(holder, pikepdf.Dictionary) and bool(holder.get(key, False))


def _structure_failures(pdf: pikepdf.Pdf, pages: _Pages) -> Iterator[Failure]:
    headings = []
    figures = 0
    for element in structure_elements(pdf):
        tag = str(element.S)
        if heading := _HEADING.match(tag):
            headings.append((int(heading.group(1)), pages.place(element, "the structure tree")))
        elif tag == "/Figure":
            figures += 1
            if not str(element.get("/Alt", "")).strip():
                yield Failure(NO_ALT, pages.place(element, "the structure tree"),
                              f"figure {figures} has no alternative text (/Alt)")
    yield from skipped_levels(headings, "H")
    if not headings:
        yield Failure(HEADING_ORDER, WHOLE_FILE, "no headings in the structure tree")


def _content_failures(pdf: pikepdf.Pdf, pages: _Pages) -> Iterator[Failure]:
    for key, mcids in sorted(orphaned_mcids(pdf).items()):
        number = pages.of_parent_key.get(key)
        yield Failure(UNTAGGED, on_page(number) if number is not None else WHOLE_FILE,
                      f"{len(mcids)} piece(s) of marked content are outside the structure tree and not artifacts")
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            if not str(annotation.get("/Contents", "")).strip():
                yield Failure(LINK_NO_TEXT, on_page(number), "a link has no text (/Contents)")
            if "/StructParent" not in annotation:
                yield Failure(UNTAGGED, on_page(number), "a link is not in the structure tree (/StructParent)")
        depth = 0
        for instruction in pikepdf.parse_content_stream(page, "BDC BMC EMC Tj TJ ' \""):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                depth += 1
            elif operator == "EMC":
                depth -= 1
            elif depth == 0:
                yield Failure(UNTAGGED, on_page(number), "text that is neither tagged nor an artifact")
                break
