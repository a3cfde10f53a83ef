"""An Office template's zip → the package rebuilt with only the parts an output is made from, each cleaned, and a
count of what was dropped that could reach outside the file or run. Renderers build on the rebuilt bytes,
never on the file as given (docs/security.md, "PowerPoint and Word templates").

A template comes from outside the project, like content. Its package is walked from the root the way
python-pptx and python-docx walk it, along relationships: a relationship is kept only if its type is one an
output needs and its target is a part inside the file, of the content type that relationship calls for, and
either XML that parses without entities or a picture that decodes (images.py). Everything else is dropped
(external targets, hyperlinks included: a template's address is as much a way out as its picture's), and each
kept XML part is cleaned of references to what was dropped (office_xml.py). Parts a format mends are mended:
a PowerPoint layout's placeholders each get an index of their own (office_placeholders.py), a master's
placeholders the level styles its sample text holds (office_master_styles.py). The same file gives
the same bytes.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree

from briefgen.content import images, office_master_styles, office_placeholders, office_xml
from briefgen.errors import quoted

MAX_UNPACKED_BYTES = 200_000_000
"""What a template's zip may hold unpacked, read from its directory before anything is unpacked."""
MAX_PARTS = 10_000
"""Entries a template's zip may hold: PowerPoint's and Word's own hold a few dozen to a few hundred."""

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_METADATA = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_TYPES = "application/vnd.openxmlformats-officedocument."
_TYPES_PART = "[Content_Types].xml"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/jpg": "JPEG", "image/gif": "GIF",
                 "image/bmp": "BMP", "image/tiff": "TIFF", "image/svg+xml": "SVG"}
"""The content types a template's pictures may have → the format images.py decodes them as."""
_PICTURE = frozenset(IMAGE_FORMATS)


def _needed(*pairs: tuple[str, str]) -> dict[str, frozenset[str]]:
    return {relationship: frozenset({content_type}) for relationship, content_type in pairs}


_UNDECODED = "picture that does not decode as PNG, JPEG, GIF, BMP, TIFF or SVG"
_SHARED = {
    _METADATA + "core-properties": frozenset({"application/vnd.openxmlformats-package.core-properties+xml"}),
    _OFFICE + "extended-properties": frozenset({_TYPES + "extended-properties+xml"}),
    _OFFICE + "image": _PICTURE, _OFFICE + "theme": frozenset({_TYPES + "theme+xml"})}


@dataclass(frozen=True)
class PackageFormat:
    """A kind of Office file: its main part, and the relationships (and their targets' content types) an output
    made from it needs."""

    label: str
    main: str
    """The main part's content type, which python-pptx or python-docx opens."""
    also_main: frozenset[str]
    """Main parts of the same kind turned into `main`: macro-enabled (its macros dropped), template or show."""
    parts: dict[str, frozenset[str]]
    mended: Mapping[str, Callable[[Any], bool]] = field(default_factory=dict)
    """Content type → what mends a part of it as it is rebuilt, saying whether it changed anything: what a
    renderer builds on wrongly, but its author's own program never noticed."""

    def normal(self, content_type: str) -> str:
        return self.main if content_type in self.also_main else content_type


PRESENTATION = PackageFormat(
    "PowerPoint presentation", _TYPES + "presentationml.presentation.main+xml",
    frozenset({"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
               _TYPES + "presentationml.template.main+xml", _TYPES + "presentationml.slideshow.main+xml",
               "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
               "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"}),
    {**_SHARED, **_needed(*((_OFFICE + name, f"{_TYPES}presentationml.{name}+xml") for name in (
        "slideMaster", "slideLayout", "notesMaster", "handoutMaster", "presProps", "viewProps", "tableStyles")))},
    {_TYPES + "presentationml.slideLayout+xml": office_placeholders.numbered,
     _TYPES + "presentationml.slideMaster+xml": office_master_styles.styled})
WORD = PackageFormat(
    "Word document", _TYPES + "wordprocessingml.document.main+xml",
    frozenset({"application/vnd.ms-word.document.macroEnabled.main+xml", _TYPES + "wordprocessingml.template.main+xml",
               "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"}),
    {**_SHARED, **_needed(*((_OFFICE + name, f"{_TYPES}wordprocessingml.{name}+xml") for name in (
        "styles", "numbering", "fontTable", "settings", "webSettings", "header", "footer", "footnotes", "endnotes")),
        ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
         "application/vnd.ms-word.stylesWithEffects+xml"))})

_DROPPED_KINDS = {
    **dict.fromkeys(("vbaProject", "wordVbaData", "vbaProjectSignature", "vbaProjectSignatureAgile",
                     "vbaProjectSignatureV3", "keyMapCustomizations", "attachedToolbars"), "macro project"),
    **dict.fromkeys(("oleObject", "package"), "OLE object"),
    **dict.fromkeys(("control", "activeXControlBinary"), "ActiveX control"),
    **dict.fromkeys(("audio", "video", "media"), "sound or video"),
    "aFChunk": "imported HTML or RTF (altChunk)", "subDocument": "subdocument", "font": "embedded font"}
"""Relationship types (by their last segment) never kept, and what their targets are called in the warning."""
_SILENT = frozenset({"attachedTemplate", "frame", "mailMergeSource", "mailMergeHeaderSource", "recipientData",
                     "slide", "notesSlide", "comments", "commentAuthors", "commentsExtended", "commentsIds",
                     "commentsExtensible", "people", "authors", "customXml", "customXmlProps", "custom-properties",
                     "printerSettings", "tags", "glossaryDocument", "origin", "signature", "thumbnail"})
"""Relationship types dropped without a word: counted with the element that names them (office_xml.py), or
what no output shows or should (sample slides and their notes, comments, custom XML and properties, printer
settings, add-ins' tags, building blocks, signatures the rebuilt file would break anyway, and the picture of
the template's first page)."""


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part, as its `.rels` part writes it."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The relationship type's last segment (`image`, `vbaProject`), made safe to show."""
        segment = self.type.rsplit("/", 1)[-1]
        return "".join(character for character in segment if character.isalnum() or character == "-")[:40] or "?"


@dataclass(frozen=True)
class Cleaned:
    """A template's package rebuilt, and how many of each kind of thing it held were dropped."""

    package: bytes
    dropped: tuple[tuple[str, int], ...]

    def warning(self, name: str, package_format: PackageFormat) -> str | None:
        """What to tell the template's author, if anything was dropped that they would miss."""
        if not self.dropped:
            return None
        counts = ", ".join(f"{kind}: {count}" for kind, count in self.dropped)
        return (f"{name}: dropped what a template may not pass on to what is built from it ({counts}); the "
                f"{package_format.label} is built from the rest (see docs/office.md)")


def cleaned(path: Path, package_format: PackageFormat) -> Cleaned:
    """The template at `path`, rebuilt; ValueError says why it cannot be (not a zip, over the bounds, XML that
    does not parse or declares a DOCTYPE, a part it refers to but does not hold, no main part of its kind)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{path.name} does not open as a {package_format.label} (not a zip file: {exc})") from None
    with archive:
        return _Rebuild(archive, path.name, package_format).run()


class _Rebuild:
    """One walk of a template's package, keeping what `package_format` needs."""

    def __init__(self, archive: zipfile.ZipFile, name: str, package_format: PackageFormat) -> None:
        self.archive, self.name, self.format = archive, name, package_format
        entries = archive.infolist()
        names = [entry.filename for entry in entries]
        if len(entries) > MAX_PARTS:
            raise ValueError(f"{name} holds {len(entries):,} parts; a template may hold at most {MAX_PARTS:,}")
        if len(set(names)) < len(names):
            twice = next(entry for entry in names if names.count(entry) > 1)
            raise ValueError(f"{name} holds two parts named {quoted(twice)}")
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValueError(f"{name} unpacks to {unpacked // 1_000_000:,} MB, over the "
                             f"{MAX_UNPACKED_BYTES // 1_000_000} MB a template may hold")
        self.entries = set(names)
        self.names = {entry for entry in names if entry != _TYPES_PART and not _is_relationships(entry)}
        """The package's parts (its relationships and content types are not parts)."""
        self.types = self._content_types()
        self.parts: dict[str, bytes] = {}
        """Each part kept → its bytes (an XML part's, once cleaned, only if cleaning changed it)."""
        self.trees: dict[str, Any] = {}
        """Each XML part kept and not yet cleaned → its root element."""
        self.refused: set[str] = set()
        """Parts a kept type of relationship led to, refused for their content type or content."""
        self.counted: set[str] = set()
        self.relationships: dict[str, list[Relationship]] = {}
        self.dropped: Counter[str] = Counter()

    def run(self) -> Cleaned:
        queue = deque([""])  # "" is the package itself, whose relationships are in _rels/.rels
        while queue:
            source = queue.popleft()
            kept = [relationship for relationship in self._read_relationships(source)
                    if self._keeps(source, relationship, queue)]
            self.relationships[source] = kept
            root = self.trees.pop(source, None)
            if root is None:
                continue
            cleaned = office_xml.clean(root, {relationship.id for relationship in kept}, self.dropped)
            mend = self.format.mended.get(self.types.get(source.lower(), ""))
            mended = mend is not None and mend(root)
            if cleaned or mended:
                self.parts[source] = office_xml.serialised(root)
        if not any(relationship.type == _OFFICE + "officeDocument" for relationship in self.relationships[""]):
            raise ValueError(f"{self.name} does not open as a {self.format.label} (it holds no main part)")
        return Cleaned(self._package(), tuple(sorted(self.dropped.items(), key=lambda item: item[0].lower())))

    def _keeps(self, source: str, relationship: Relationship, queue: deque[str]) -> bool:
        """Whether `relationship` stays: of a type an output needs, to a part kept (reading that part the first
        time a relationship leads to it)."""
        is_main = not source and relationship.type == _OFFICE + "officeDocument"
        needed = frozenset({self.format.main}) if is_main else self.format.parts.get(relationship.type)
        kind = _DROPPED_KINDS.get(relationship.kind)
        if relationship.external:
            if kind or relationship.kind not in _SILENT:
                self.dropped[kind or "external link"] += 1
            return False
        target = posixpath.abspath(posixpath.join("/" + posixpath.dirname(source), relationship.target))[1:]
        if needed is None:
            self._count(target, kind or (None if relationship.kind in _SILENT else
                                         f"part briefgen does not use ({relationship.kind})"))
            return False
        if target not in self.names:
            raise ValueError(f"{self.name}: part {quoted(source or '_rels/.rels')} refers to "
                             f"{quoted(relationship.target)}, which the file does not hold")
        if target in self.parts or target in self.refused:
            return target in self.parts
        content_type = self.types.get(target.lower())
        if content_type not in needed:
            if is_main:
                raise ValueError(f"{self.name} does not open as a {self.format.label} (its main part is "
                                 f"{quoted(content_type or 'of no content type')})")
            self.refused.add(target)
            self._count(target, _UNDECODED if needed is _PICTURE else _kind_of_content(content_type or "") or
                        f"part briefgen does not use ({relationship.kind})")
            return False
        data = self._read(target)
        if content_type in IMAGE_FORMATS:
            try:
                images.check_data(data, IMAGE_FORMATS[content_type])
            except ValueError:
                self.refused.add(target)
                self._count(target, _UNDECODED)
                return False
        else:
            self.trees[target] = self._parse(target, data)
        self.parts[target] = data
        queue.append(target)
        return True

    def _count(self, target: str, kind: str | None) -> None:
        """Count a part dropped, once, if the warning should say so (`kind`)."""
        if kind and target not in self.counted:
            self.counted.add(target)
            self.dropped[kind] += 1

    def _read_relationships(self, source: str) -> list[Relationship]:
        name = _relationships_of(source)
        if name not in self.entries:
            return []
        found: list[Relationship] = []
        for element in self._parse(name, self._read(name)).iter(_RELATIONSHIPS + "Relationship"):
            values = [element.get(attribute) for attribute in ("Id", "Type", "Target")]
            if None in values:
                raise ValueError(f"{self.name}: part {quoted(name)} has a relationship without an Id, Type or Target")
            identifier, kind, target = (str(value) for value in values)
            if any(identifier == relationship.id for relationship in found):
                raise ValueError(f"{self.name}: part {quoted(name)} has two relationships {quoted(identifier)}")
            found.append(Relationship(identifier, kind, target, element.get("TargetMode") == "External"))
        return found

    def _content_types(self) -> dict[str, str]:
        """Each part's name (lower case, as OPC compares them) → its content type, main types made `main`."""
        if _TYPES_PART not in self.entries:
            raise ValueError(f"{self.name} does not open as a {self.format.label} (it has no {_TYPES_PART})")
        root = self._parse(_TYPES_PART, self._read(_TYPES_PART))
        defaults = {element.get("Extension", "").lower(): element.get("ContentType", "")
                    for element in root.iter(_CONTENT_TYPES + "Default")}
        overrides = {element.get("PartName", "").lower(): element.get("ContentType", "")
                     for element in root.iter(_CONTENT_TYPES + "Override")}
        found = {}
        for part in self.names:
            content_type = overrides.get("/" + part.lower()) or defaults.get(posixpath.splitext(part)[1][1:].lower())
            if content_type:
                found[part.lower()] = self.format.normal(content_type)
        return found

    def _read(self, part: str) -> bytes:
        try:
            return self.archive.read(part)
        except Exception as exc:  # zipfile raises what its decompressors raise: a damaged or encrypted entry
            raise ValueError(f"{self.name}: part {quoted(part)} cannot be unpacked ({exc})") from None

    def _parse(self, part: str, data: bytes) -> Any:
        try:
            return office_xml.parse(data)
        except ValueError as exc:
            raise ValueError(f"{self.name}: part {quoted(part)} {exc}") from None

    def _package(self) -> bytes:
        """The kept parts, their kept relationships and their content types as a zip: the same bytes for the same
        template (fixed times and order)."""
        files = dict(self.parts)
        for source, kept in self.relationships.items():
            if kept:
                files[_relationships_of(source)] = _relationships_xml(kept)
        written = BytesIO()
        with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in [(_TYPES_PART, self._content_types_xml()), *sorted(files.items())]:
                entry = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
                entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                package.writestr(entry, data)
        return written.getvalue()

    def _content_types_xml(self) -> bytes:
        root = etree.Element(_CONTENT_TYPES + "Types", nsmap={None: _CONTENT_TYPES[1:-1]})
        for extension, content_type in (("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                                        ("xml", "application/xml")):
            etree.SubElement(root, _CONTENT_TYPES + "Default", Extension=extension, ContentType=content_type)
        for part in sorted(self.parts):
            etree.SubElement(root, _CONTENT_TYPES + "Override", PartName="/" + part,
                             ContentType=self.types[part.lower()])
        return office_xml.serialised(root)


def _relationships_of(part: str) -> str:
    """Where a part's relationships are: `ppt/slides/_rels/slide1.xml.rels`; the package's in `_rels/.rels`."""
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _is_relationships(entry: str) -> bool:
    return posixpath.basename(posixpath.dirname(entry)) == "_rels" and entry.endswith(".rels")


def _relationships_xml(kept: list[Relationship]) -> bytes:
    root = etree.Element(_RELATIONSHIPS + "Relationships", nsmap={None: _RELATIONSHIPS[1:-1]})
    for relationship in kept:
        etree.SubElement(root, _RELATIONSHIPS + "Relationship", Id=relationship.id, Type=relationship.type,
                         Target=relationship.target)
    return office_xml.serialised(root)


def _kind_of_content(content_type: str) -> str | None:
    """What the warning calls a part dropped for its content type, if it is worth a word: code or an object."""
    lowered = content_type.lower()
    for marker, kind in (("vba", "macro project"), ("macro", "macro project"), ("oleobject", "OLE object"),
                         ("activex", "ActiveX control")):
        if marker in lowered:
            return kind
    return None
