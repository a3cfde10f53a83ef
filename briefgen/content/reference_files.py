"""A reference file beside a content file (CSL-JSON as Zotero exports it, or BibTeX) → CSL-JSON items.

The files are untrusted: they are read as data only (no LaTeX is run, no macro expanded, its decoding bounded by
content.latex), capped in size and entries, and every problem names its line.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import MonthIntMiddleware, SeparateCoAuthors, SplitNameParts
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from briefgen.content import figures, latex
from briefgen.content.figures import FileKind
from briefgen.content.references import (
    CSL_DATE_VARIABLES,
    CSL_NAME_PARTS,
    CSL_NAME_VARIABLES,
    CSL_TEXT_VARIABLES,
    CSL_TYPES,
)
from briefgen.errors import NOT_TEXT, unreadable

# bibtexparser logs each entry it cannot parse; the error raised for it here says so once, with its line.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

SUFFIXES = (".json", ".bib")
MAX_FILE_BYTES = 2_000_000
MAX_ENTRIES = 2_000
KEY = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_:./-]{0,62}[A-Za-z0-9_])?$")
"""A usable citation key: letters, digits and `_ : . / -` inside, at most 64 characters (it becomes an anchor)."""


class ReferenceFileError(ValueError):
    """A reference file that cannot be used, and where: a 1-based line, and a column where known."""

    def __init__(self, message: str, line: int, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


REFERENCE_FILE = FileKind({".json": "application/json", ".bib": "text/x-bibtex"}, "a CSL-JSON or BibTeX file",
                          "reference", "references.bib", max_bytes=MAX_FILE_BYTES)


def locate(content_file: Path, name: str) -> Path:
    """The reference file `name` names, relative to `content_file`'s folder; ValueError says why it cannot be used."""
    return figures.locate(content_file, name, REFERENCE_FILE)


def load_reference_file(path: Path) -> list[dict[str, Any]]:
    """The CSL-JSON items of a `.json` (CSL-JSON) or `.bib` (BibTeX) file, each with a unique `id`."""
    data = path.read_bytes()[:MAX_FILE_BYTES + 1]
    if len(data) > MAX_FILE_BYTES:
        raise ReferenceFileError(f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB", 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceFileError("the file is not UTF-8 text", data[:exc.start].count(b"\n") + 1) from None
    if match := NOT_TEXT.search(text):
        raise ReferenceFileError(unreadable(match[0]), *_line_of(text, match.start()))
    loaded = _from_bibtex(text) if path.suffix.lower() == ".bib" else _from_csl_json(text)
    if len(loaded) > MAX_ENTRIES:
        raise ReferenceFileError(f"the file has {len(loaded)} entries; the limit is {MAX_ENTRIES}", 1)
    seen: dict[str, int] = {}
    for item, line in loaded:
        if (first := seen.setdefault(item["id"].lower(), line)) != line:
            raise ReferenceFileError(f"the key {item['id']!r} is used twice (first on line {first})", line)
    return [item for item, _ in loaded]


def _line_of(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _from_csl_json(text: str) -> list[tuple[dict[str, Any], int]]:
    """Each item of a CSL-JSON array with the line it starts on; the items are decoded one at a time so that a
    problem in one names its line."""
    decoder = json.JSONDecoder()
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceFileError(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise ReferenceFileError("lists or objects nest too deeply to read", 1) from None
    except ValueError as exc:  # a number of thousands of digits
        raise ReferenceFileError(f"not usable JSON: {exc}".split(";")[0], 1) from None
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        raise ReferenceFileError("a CSL-JSON file is a list of items: [{...}, ...]", *_line_of(text, position))
    items: list[tuple[dict[str, Any], int]] = []
    position += 1
    while True:
        position += len(text[position:]) - len(text[position:].lstrip(" \t\r\n,"))
        if text.startswith("]", position):
            return items
        item, end = decoder.raw_decode(text, position)
        items.append((_csl_item(item, text, position, end), _line_of(text, position)[0]))
        position = end


def _csl_item(item: Any, text: str, start: int, end: int) -> dict[str, Any]:
    """The item checked and cleaned: an `id`, a CSL `type`, names and dates in CSL's shapes; keys CSL does not
    define (Zotero adds some) left out."""
    def fail(message: str, key: str | None = None) -> ReferenceFileError:
        at = text.find(f'"{key}"', start, end) if key else -1
        return ReferenceFileError(message, *_line_of(text, at if at >= 0 else start))

    if not isinstance(item, dict):
        raise fail("each item must be an object: {\"id\": ..., \"type\": ..., ...}")
    key = item.get("id")
    if not isinstance(key, str | int) or isinstance(key, bool) or not KEY.match(str(key)):
        raise fail("an item needs an \"id\": letters, digits and _ : . / - (at most 64)", "id")
    if not isinstance(item.get("type"), str) or item["type"] not in CSL_TYPES:
        raise fail(f"unknown CSL type {item.get('type')!r} (known: {', '.join(sorted(CSL_TYPES))})", "type")
    cleaned: dict[str, Any] = {"id": str(item["id"]), "type": item["type"]}
    for key, value in item.items():
        if key in CSL_NAME_VARIABLES:
            if not isinstance(value, list) or not all(isinstance(name, dict) for name in value):
                raise fail(f"{key!r} must be a list of names: {{\"family\": ..., \"given\": ...}}", key)
            cleaned[key] = [{part: str(text) for part, text in name.items()
                             if part in CSL_NAME_PARTS and isinstance(text, str | int)} for name in value]
        elif key in CSL_DATE_VARIABLES:
            cleaned[key] = _csl_date(value, lambda message, key=key: fail(f"{key!r}: {message}", key))
        elif key in CSL_TEXT_VARIABLES and isinstance(value, str | int | float):
            cleaned[key] = str(value)
    for key, value in cleaned.items():  # escapes (\u001b) decode to what the file itself may not hold
        for written in [value] if isinstance(value, str) else [] if isinstance(value, dict) else \
                [part for name in value for part in name.values()]:
            if match := NOT_TEXT.search(written):
                raise fail(f"{key!r}: {unreadable(match[0])}", key)
    return cleaned


def _csl_date(value: Any, fail: Any) -> dict[str, Any]:
    """A CSL date with whole-number parts (Zotero may write them as text): {"date-parts": [[2020, 3, 1]]}."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not isinstance(parts, list) or not parts or not all(isinstance(part, list) and part for part in parts):
        raise fail('a date is {"date-parts": [[year, month, day]]}')
    try:
        return {"date-parts": [[int(number) for number in part[:3]] for part in parts[:2]]}
    except (TypeError, ValueError, OverflowError):
        raise fail("date parts must be whole numbers") from None


_BIBTEX_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "unpublished": "manuscript", "online": "webpage",
    "electronic": "webpage", "www": "webpage", "dataset": "dataset", "misc": "document",
}
"""BibTeX (and biblatex) entry types and the CSL type each becomes; other types become `document`."""
_BIBTEX_FIELDS = {
    "title": "title", "shorttitle": "title-short", "journal": "container-title", "journaltitle": "container-title",
    "booktitle": "container-title",
    "volume": "volume", "pages": "page", "publisher": "publisher", "institution": "publisher",
    "organization": "publisher", "school": "publisher", "address": "publisher-place", "location": "publisher-place",
    "edition": "edition", "doi": "DOI", "url": "URL", "note": "note", "series": "collection-title",
    "isbn": "ISBN", "issn": "ISSN", "howpublished": "medium",
}
"""BibTeX fields and the CSL variable each becomes; `number` is an issue in a journal, else a report's number."""
_VERBATIM = {"doi", "url"}
"""Fields biblatex reads verbatim: `%`, `_` and `~` in an address are characters, not LaTeX."""


def _from_bibtex(text: str) -> list[tuple[dict[str, Any], int]]:
    # Names are split before their LaTeX is decoded (`_bibtex_item`), so that a braced name ({NHS England}) stays
    # one name; only the fields used are decoded.
    library = parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts(), MonthIntMiddleware(True)])
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            raise ReferenceFileError(f"the key {block.key!r} is used twice", line)
        reason = getattr(block.error, "abort_reason", None) or str(block.error) or "an unclosed brace or quote?"
        raise ReferenceFileError(f"this entry does not parse: {reason}".replace("\n", " "), line)
    decoder = latex.Decoder()
    return [(_bibtex_item(entry, decoder), (entry.start_line or 0) + 1) for entry in library.entries]


def _bibtex_item(entry: Entry, decoder: latex.Decoder) -> dict[str, Any]:
    line = (entry.start_line or 0) + 1

    def decoded(field: str, value: str) -> str:
        """A field's LaTeX as text; what cannot be read is an error at the entry's line, naming the field."""
        try:
            return decoder.text(value)
        except latex.LatexError as exc:
            raise ReferenceFileError(f"{field!r}: {exc}", line) from None

    if not KEY.match(entry.key):
        message = "this entry has no key" if not entry.key else f"the key {entry.key!r} is not usable"
        raise ReferenceFileError(f"{message}: letters, digits and _ : . / - (at most 64)", line)
    kind = _BIBTEX_TYPES.get(entry.entry_type.lower(), "document")
    item: dict[str, Any] = {"id": entry.key, "type": kind}
    for field in entry.fields:
        name, value = field.key.lower(), field.value
        if name in ("author", "editor"):
            item[name] = [_bibtex_name(parts, partial(decoded, name)) for parts in value]
        elif name in _VERBATIM:
            item[_BIBTEX_FIELDS[name]] = _plain(value)
        elif name in _BIBTEX_FIELDS:
            item[_BIBTEX_FIELDS[name]] = _plain(decoded(name, str(value)))
        elif name == "number":
            item["issue" if kind == "article-journal" else "number"] = _plain(decoded(name, str(value)))
    fields = entry.fields_dict
    try:
        date = [int(_plain(fields[part].value)) for part in ("year", "month", "day") if part in fields]
        if "year" in fields:
            item["issued"] = {"date-parts": [date]}
        if "urldate" in fields:
            item["accessed"] = {"date-parts": [[int(part) for part in _plain(fields["urldate"].value).split("-")]]}
    except ValueError:
        raise ReferenceFileError("a year, month, day or urldate is not a number (write urldate as YYYY-MM-DD)",
                                 line) from None
    return item


def _bibtex_name(parts: Any, decode: Callable[[str], str]) -> dict[str, str]:
    """A BibTeX name's parts as a CSL name, each part's LaTeX decoded; "others" is the author "et al.", a braced
    name (an organisation) is printed as written."""
    def decoded(words: list[str]) -> str:
        return decode(" ".join(words)).strip()

    family = decoded(parts.last)
    if parts.last == ["others"] and not parts.first:
        return {"literal": "et al."}
    if not parts.first and not parts.von:
        return {"literal": family}
    name = {"family": family, "given": decoded(parts.first)}
    if parts.von:
        name["non-dropping-particle"] = decoded(parts.von)
    if parts.jr:
        name["suffix"] = decoded(parts.jr)
    return name


def _plain(value: Any) -> str:
    # Braces that protect capitals in BibTeX are not text.
    return " ".join(str(value).replace("{", "").replace("}", "").split())
