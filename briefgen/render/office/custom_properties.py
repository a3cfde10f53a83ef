"""Properties of an Office file's own naming → its custom properties part (docProps/custom.xml), which Word
and PowerPoint show among a file's custom properties and records systems index: what the briefing says of its
state (render/document_properties.py), for which the core properties have no field but the version."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FORMAT_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The one format id the standard gives user-defined properties (ECMA-376 Part 1, 22.3.2.2)."""
_FIRST_ID = 2
"""Property ids start at 2: 0 and 1 are reserved (ECMA-376 Part 1, 22.3.2.2)."""


def custom_xml(properties: Mapping[str, str]) -> bytes:
    """The part holding `properties` (name → text), as text: a date written YYYY or YYYY-MM is no date-time."""
    root = etree.Element(f"{{{NAMESPACE}}}Properties", nsmap={None: NAMESPACE, "vt": _TYPES})
    for number, (name, value) in enumerate(properties.items(), start=_FIRST_ID):
        written = etree.SubElement(root, f"{{{NAMESPACE}}}property", fmtid=_FORMAT_ID, pid=str(number), name=name)
        etree.SubElement(written, f"{{{_TYPES}}}lpwstr").text = value
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
