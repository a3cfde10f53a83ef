"""An Office file's parts as python-pptx or python-docx saved them (name → bytes) → the parts briefgen ships:
without what the libraries' templates (or an organisation's) carry that would misdescribe the file, and with
extended properties that describe it (app_properties), and custom ones that say what the briefing says of its
state (custom_properties)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from lxml import etree

from briefgen.render.office import app_properties, custom_properties

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
STALE = frozenset({
    # A picture of the template's first page, not of this file: a real thumbnail or none.
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    # Word 2010's copy of styles.xml, which Word rebuilds when it is missing but treats as damaged content when it
    # disagrees with styles.xml, as it does once the document's language is set there (docx._set_language).
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
})
"""Relationship types whose parts are dropped."""
_PACKAGE_RELATIONSHIPS = "_rels/.rels"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def finished(parts: dict[str, bytes], custom: Mapping[str, str]) -> dict[str, bytes]:
    """The parts (in the same order) with the stale ones dropped, with their relationships and content types,
    docProps/app.xml (or wherever the package's extended properties are) written anew, and the `custom`
    properties (name → text), if any, in docProps/custom.xml."""
    dropped: set[str] = set()
    kept = dict(parts)
    for name in [name for name in parts if name.endswith(".rels")]:
        relationships = etree.fromstring(parts[name], _PARSER)
        stale = [relationship for relationship in relationships.findall(f"{_RELATIONSHIPS}Relationship")
                 if relationship.get("Type") in STALE and relationship.get("TargetMode") != "External"]
        for relationship in stale:
            dropped.add(_target(name, relationship.get("Target", "")))
            relationships.remove(relationship)
        if stale:
            kept[name] = _serialised(relationships)
    for name in dropped:
        kept.pop(name, None)
        kept.pop(_relationships_of(name), None)
    kept["[Content_Types].xml"] = _without_overrides(kept["[Content_Types].xml"], dropped)
    if custom:
        kept[_package_part(kept, custom_properties.RELATIONSHIP, custom_properties.CONTENT_TYPE,
                           "docProps/custom.xml")] = custom_properties.custom_xml(custom)
    kept[_package_part(kept, _EXTENDED_PROPERTIES, app_properties.CONTENT_TYPE, "docProps/app.xml")] = \
        app_properties.app_xml(kept)
    return kept


def _package_part(parts: dict[str, bytes], relationship_type: str, content_type: str, default: str) -> str:
    """The name of the part the package relates with `relationship_type`; if it has none, `default`, related
    from the package and given its content type (the caller writes the part)."""
    relationships = etree.fromstring(parts[_PACKAGE_RELATIONSHIPS], _PARSER)
    related = relationships.find(f"{_RELATIONSHIPS}Relationship[@Type='{relationship_type}']")
    if related is not None:
        return _target(_PACKAGE_RELATIONSHIPS, related.get("Target", ""))
    taken = {relationship.get("Id") for relationship in relationships}
    identifier = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(relationships, f"{_RELATIONSHIPS}Relationship",
                     Id=identifier, Type=relationship_type, Target=default)
    parts[_PACKAGE_RELATIONSHIPS] = _serialised(relationships)
    types = etree.fromstring(parts["[Content_Types].xml"], _PARSER)
    etree.SubElement(types, f"{_TYPES}Override", PartName=f"/{default}", ContentType=content_type)
    parts["[Content_Types].xml"] = _serialised(types)
    return default


def _target(relationships: str, target: str) -> str:
    """A relationship's target as a part name: relative to the folder of the part the relationships belong to
    (`word/_rels/document.xml.rels` → `word/`), or from the package's root when it starts with a slash."""
    source_folder = posixpath.dirname(posixpath.dirname(relationships))
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(source_folder, target))


def _relationships_of(name: str) -> str:
    folder, file = posixpath.split(name)
    return posixpath.join(folder, "_rels", f"{file}.rels")


def _without_overrides(content_types: bytes, names: set[str]) -> bytes:
    types = etree.fromstring(content_types, _PARSER)
    for override in types.findall(f"{_TYPES}Override"):
        if override.get("PartName", "").lstrip("/") in names:
            types.remove(override)
    return _serialised(types)


def _serialised(root: etree._Element) -> bytes:
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return written
