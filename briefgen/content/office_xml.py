"""One XML part of an Office template → parsed with no entity, DTD or network, then cleaned of what would reach
outside the file or run once an output made from it is opened: references to relationships the package dropped,
Word fields that fetch, include or run something, click actions that run code, addresses written in VML, an
attached template, a mail merge's data source and web frames. What matters to the template's author is counted
by kind, for the warning office_package.py gives."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml import etree

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
"""Every attribute in this namespace names a relationship of the part (`r:id`, `r:embed`, `r:link`, …)."""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"

LIVE_FIELDS = frozenset({
    "=", "ADVANCE", "AUTHOR", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT", "BARCODE", "BIDIOUTLINE", "COMMENTS",
    "CREATEDATE", "DATE", "DOCPROPERTY", "DOCVARIABLE", "EDITTIME", "EQ", "FILENAME", "FILESIZE", "FORMCHECKBOX",
    "FORMDROPDOWN", "FORMTEXT", "IF", "INDEX", "INFO", "KEYWORDS", "LASTSAVEDBY", "LISTNUM", "NOTEREF", "NUMCHARS",
    "NUMPAGES", "NUMWORDS", "PAGE", "PAGEREF", "PRINTDATE", "QUOTE", "REF", "REVNUM", "SAVEDATE", "SECTION",
    "SECTIONPAGES", "SEQ", "SET", "STYLEREF", "SUBJECT", "SYMBOL", "TA", "TC", "TEMPLATE", "TIME", "TITLE", "TOA",
    "TOC", "USERADDRESS", "USERINITIALS", "USERNAME", "XE"})
"""Word fields that stay fields: each computes from the document, its properties or the reader's own settings.
Any other (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, DDEAUTO, HYPERLINK, MACROBUTTON, DATABASE, PRINT, …), and
one whose name another field makes (`{ {QUOTE 68 68 69} … }` spells DDE), is unlinked: its code goes, the
result it last showed stays, as Word's Ctrl+Shift+F9 leaves it. An allow-list, so that a field no list of
dangerous ones names is not missed."""

_REMOVED = {W + "attachedTemplate": "attached template", W + "mailMerge": "mail merge data source",
            W + "frameset": "web frame"}
"""Elements Word acts on when the document opens (loading the template and its macros, querying the data
source, loading each frame), removed wherever they are, with the relationships they name."""
_CLICKS = (A + "hlinkClick", A + "hlinkHover", A + "hlinkMouseOver")
_SAFE_ACTIONS = ("", "ppaction://hlinkshowjump", "ppaction://hlinksldjump", "ppaction://noaction",
                 "ppaction://customshow")
"""Click actions that only move within the presentation; the others run a macro, a program or an OLE verb."""
_ADDRESSES = etree.XPath("//@src | //@href | //@o:href | //@o:althref", namespaces={"o": _O[1:-1]})
"""Attributes by which a VML shape, picture or fill names a file or web address directly, without a relationship
(`src` and `href` on VML's elements; `o:href` and `o:althref` wherever they stand). Found, like _REFERENCES, by
the attribute's name, which libxml2 tests far quicker than Python visits each element."""
_REFERENCES = etree.XPath("//@r:*", namespaces={"r": R[1:-1]})
_PICTURES = (P + "pic", W + "drawing")
_FRAMES = (P + "graphicFrame", W + "drawing")
_HOLDERS: dict[str, tuple[str, ...]] = {
    A + "blip": _PICTURES, A + "audioFile": _PICTURES, A + "videoFile": _PICTURES, A + "quickTimeFile": _PICTURES,
    "{http://schemas.microsoft.com/office/powerpoint/2010/main}media": _PICTURES,
    "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart": _FRAMES,
    "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds": _FRAMES,
    P + "oleObj": (P + "graphicFrame",), P + "control": (P + "controls",), W + "control": (W + "object",),
    _O + "OLEObject": (W + "object",), _V + "imagedata": (W + "object", W + "pict"), _V + "fill": (W + "pict",),
    P + "regular": (P + "embeddedFont",), P + "bold": (P + "embeddedFont",), P + "italic": (P + "embeddedFont",),
    P + "boldItalic": (P + "embeddedFont",), P + "snd": (P + "sndAc",), P + "sndTgt": (P + "timing",)}
"""An element whose relationship was dropped → what it is part of and means nothing without (a picture without
its image, an OLE object's frame), removed with it. Any other such element is removed alone (a link leaves its
text, a layout's entry in its master's list goes); a Word hyperlink leaves its runs in place."""
_KEYWORD = re.compile(r"[A-Z]{1,20}")


def parse(data: bytes) -> Any:
    """The part's root element; ValueError if it is not well-formed or declares a DOCTYPE (entities, an
    outside DTD: parsed here without them, they would mean something else to the next reader)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ValueError(f"is not well-formed XML ({exc})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise ValueError("declares a DOCTYPE (entities or an outside DTD), which a template's XML may not")
    return root


def serialised(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def clean(root: Any, kept: set[str], dropped: Counter[str]) -> bool:
    """Remove from the part at `root` what could reach outside or run, and every reference to a relationship not
    in `kept` (the ids of the part's relationships the package keeps), counting in `dropped` what its author
    would miss; whether anything was removed."""
    edits = _unlink_simple_fields(root, dropped) + _unlink_complex_fields(root, dropped)
    return edits + _remove_what_acts(root, dropped) + _remove_dangling(root, kept) > 0


def _remove_what_acts(root: Any, dropped: Counter[str]) -> int:
    """Remove what Word or PowerPoint acts on by itself: _REMOVED, click actions, VML addresses; how many."""
    edits = 0
    for tag, kind in _REMOVED.items():
        for element in list(root.iter(tag)):
            if next(element.iterancestors(tag), None) is None:  # an inner frameset goes with its outer one
                dropped[kind] += 1
                edits += _remove(element)
    for link in list(root.iter(*_CLICKS)):
        if link.get("action", "").split("?")[0] not in _SAFE_ACTIONS:
            dropped["click action that runs a macro or program"] += 1
            edits += _remove(link)
    for address in _ADDRESSES(root):
        element, name = address.getparent(), address.attrname
        if (name.startswith(_O) or element.tag.startswith((_V, _O))) and address.strip()[:1] not in ("#", ""):
            dropped["external link"] += 1
            del element.attrib[name]
            edits += 1
    return edits


def _remove_dangling(root: Any, kept: set[str]) -> int:
    """Remove each reference to a relationship not in `kept` (see _HOLDERS); how many there were."""
    edits = 0
    for element in dict.fromkeys(reference.getparent() for reference in _REFERENCES(root) if reference):
        named = [name for name, value in element.attrib.items() if name.startswith(R) and value]
        gone = [name for name in named if element.get(name) not in kept]
        if not gone:
            continue
        edits += 1
        if len(gone) < len(named):  # a picture embedded and linked keeps its embedded image
            for name in gone:
                del element.attrib[name]
        elif element.tag == W + "hyperlink":
            _unwrap(element)
        elif element.tag in _HOLDERS:
            _remove(next(element.iterancestors(*_HOLDERS[element.tag]), element))
        else:
            _remove(element)
    return edits


def _remove(element: Any) -> int:
    """Remove `element`, or if it is one of the choices a markup-compatibility block offers, the whole block (its
    other choice is the same object for another reader); 1, for the count of edits."""
    parent = element.getparent()
    if parent is not None and parent.tag in (_MC + "Choice", _MC + "Fallback"):
        element, parent = parent.getparent(), parent.getparent().getparent()
    if parent is not None:
        parent.remove(element)
    return 1


def _unwrap(element: Any) -> None:
    """Put `element`'s children where it stands, and remove it."""
    parent = element.getparent()
    if parent is not None:
        index = parent.index(element)
        parent[index:index + 1] = [child for child in element if child.tag != W + "fldData"]


def _field_kind(keyword: str) -> str:
    return f"{keyword} field" if _KEYWORD.fullmatch(keyword) else "unrecognised field"


def _keyword(code: str) -> str:
    words = code.replace("\\", " \\").split()
    word = words[0].upper() if words else ""
    return "=" if word.startswith("=") else word


def _unlink_simple_fields(root: Any, dropped: Counter[str]) -> int:
    """Unlink each field written as one element that LIVE_FIELDS does not name: its result stays; how many."""
    edits = 0
    for field in list(root.iter(W + "fldSimple")):
        keyword = _keyword(field.get(W + "instr", ""))
        if keyword and keyword not in LIVE_FIELDS:
            dropped[_field_kind(keyword)] += 1
            _unwrap(field)
            edits += 1
    return edits


@dataclass
class _Field:
    """A field spread over runs: `begin` fldChar, code (instrText), `separate`, result, `end` (see below)."""

    start: int
    """Where its begin mark's run is in the part's sequence of runs and marks."""
    code: str = ""
    code_end: int | None = None
    """Where its separate mark's run is: the code ends there, the result follows."""
    made_by_field: bool = False
    """Whether its code starts with a nested field, which would then make its name."""


def _unlink_complex_fields(root: Any, dropped: Counter[str]) -> int:
    """Unlink each field written as runs (`begin`, code, `separate`, result, `end`) that LIVE_FIELDS does not
    name: the runs of its code (nested fields included) and its marks go, those of its result stay; how many."""
    order = list(root.iter(W + "r", W + "fldChar", W + "instrText", W + "delInstrText"))
    position = {element: index for index, element in enumerate(order)}
    doomed: list[range] = []
    stack: list[_Field] = []

    def finish(field: _Field, end: int | None) -> None:
        keyword = _keyword(field.code)
        if field.made_by_field:
            dropped["field built from another field"] += 1
        elif keyword and keyword not in LIVE_FIELDS:
            dropped[_field_kind(keyword)] += 1
        else:
            return
        code_end = field.code_end if field.code_end is not None else end if end is not None else len(order) - 1
        doomed.append(range(field.start, code_end + 1))
        if end is not None:
            doomed.append(range(end, end + 1))

    for element in order:
        if element.tag == W + "r":
            continue
        current = stack[-1] if stack and stack[-1].code_end is None else None
        if element.tag != W + "fldChar":
            if current is not None:
                current.code += element.text or ""
            else:  # code outside any field's: no field reads it, and no reader should
                doomed.append(range(position[element], position[element] + 1))
            continue
        mark, at = element.get(W + "fldCharType"), position[_holder(element)]
        if mark == "begin":
            if current is not None and not current.code.strip():
                current.made_by_field = True
            stack.append(_Field(at))
        elif mark == "separate" and current is not None:
            current.code_end = at
        elif mark == "end" and stack:
            finish(stack.pop(), at)
    for field in reversed(stack):  # never ended: its code runs to the end of the part
        finish(field, None)
    for span in doomed:
        for index in span:
            _remove(order[index])  # a run, or a mark or code outside one (inside a removed run: already gone)
    return len(doomed)


def _holder(element: Any) -> Any:
    """The run a field mark or code is in (or the element itself, if it stands outside a run)."""
    parent = element.getparent()
    return parent if parent is not None and parent.tag == W + "r" else element
