"""A finished Office file's parts → its extended properties (docProps/app.xml): briefgen as the application that
wrote it, and what can be counted truly in it, so that no tool shows the default template's "Microsoft Macintosh
PowerPoint", 0 slides and 0 words. Pages and lines are left out: only a program that lays the text out knows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lxml import etree

from briefgen import __version__

NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml."
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_SOFT_HYPHEN = "\u00ad"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def app_version(version: str = __version__) -> str:
    """briefgen's version in the form the standard requires of the property, `XX.YYYY` (ECMA-376 Part 1,
    22.2.2.2: another form makes the file non-conformant): the major number, then the minor and patch numbers,
    two digits each ("0.1.0" → "00.0100")."""
    major, minor, patch = (int(number) for number in [*version.split("."), "0", "0"][:3])
    return f"{major:02d}.{minor:02d}{patch:02d}"


def app_xml(parts: Mapping[str, bytes]) -> bytes:
    """The extended properties of the package whose parts (name → bytes) are given: a presentation's slides,
    notes pages, and the paragraphs and words on its slides; a document's paragraphs, words and characters in
    its body (as Word counts them: not in headers or footers)."""
    by_type = _parts_by_content_type(parts)
    properties: dict[str, str | int] = {"Application": "briefgen", "AppVersion": app_version()}
    if _WORD_MAIN in by_type:
        texts = _paragraph_texts(parts[by_type[_WORD_MAIN][0]], _WORD)
        properties |= {"Words": _words(texts), "Characters": sum(len("".join(text.split())) for text in texts),
                       "CharactersWithSpaces": sum(map(len, texts)), "Paragraphs": len(texts)}
    elif slides := by_type.get(_PRESENTATION + "slide+xml", []):
        texts = [text for slide in slides for text in _paragraph_texts(parts[slide], _DRAWING)]
        properties |= {"Slides": len(slides), "Notes": len(by_type.get(_PRESENTATION + "notesSlide+xml", [])),
                       "Words": _words(texts), "Paragraphs": len(texts)}
    root = etree.Element(f"{{{NAMESPACE}}}Properties", nsmap={None: NAMESPACE})
    for name, value in properties.items():
        etree.SubElement(root, f"{{{NAMESPACE}}}{name}").text = str(value)
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return written


def _parts_by_content_type(parts: Mapping[str, bytes]) -> dict[str, list[str]]:
    """Content type → the names of the parts [Content_Types].xml gives it by name, in package order."""
    types = etree.fromstring(parts["[Content_Types].xml"], _PARSER)
    by_type: dict[str, list[str]] = {}
    for override in types.iter(f"{_TYPES}Override"):
        name = override.get("PartName", "").lstrip("/")
        if name in parts:
            by_type.setdefault(override.get("ContentType", ""), []).append(name)
    return by_type


def _paragraph_texts(part: bytes, namespace: str) -> list[str]:
    """The text of each paragraph of a part that has any, a line break or a tab read as a space (soft hyphens,
    which show only at a line's end, left out); a paragraph inside another (in a Word text box) is its own."""
    texts = []
    for paragraph in etree.fromstring(part, _PARSER).iter(f"{namespace}p"):
        text = "".join(element.text or "" if element.tag == f"{namespace}t" else " "
                       for element in paragraph.iter(f"{namespace}t", f"{namespace}br", f"{namespace}tab")
                       if next(element.iterancestors(f"{namespace}p")) is paragraph).replace(_SOFT_HYPHEN, "")
        if text.strip():
            texts.append(text)
    return texts


def _words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)
