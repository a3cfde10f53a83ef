"""What PowerPoint and Word share in how a picture is described: its alt text, or a mark that it is decorative."""

from __future__ import annotations

from typing import Any

from lxml import etree

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def describe_picture(properties: Any, alt: str) -> None:
    """Give a picture's properties (`p:cNvPr` or `wp:docPr`) its alt text, or mark it decorative the way Office
    does, so that screen readers skip it and checkers ask for no alt text. Both libraries name a picture after
    its file and python-pptx writes the file name as its description: neither is kept."""
    properties.set("descr", alt)
    properties.set("name", f"Picture {properties.get('id')}")
    if not alt:
        extensions = etree.SubElement(properties, f"{{{_A}}}extLst")
        extension = etree.SubElement(extensions, f"{{{_A}}}ext", uri=DECORATIVE_EXTENSION)
        etree.SubElement(extension, DECORATIVE, val="1")
