"""A brief's footnotes → Word's own: each call a footnote reference, each note in the document's footnotes part,
which Word sets at the foot of the page the call is on and numbers afresh on each page, as the PDF does. (The
screen's list of notes at the end is not written: Word has its notes where it needs them.)

python-docx has no footnotes: the part and its two separators are made here, as Word makes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph

from briefgen.render.office.blocks import Run
from briefgen.render.office.word_styles import NOTE_CALL, NOTE_TEXT, add_footnote_styles

_SEPARATORS = (f'<w:footnotes {nsdecls("w", "r")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
               'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
               'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
               '</w:footnotes>')
"""The rule above a page's notes, and above notes continued from the page before: Word's footnotes -1 and 0."""


class WordNotes:
    """The footnotes of one Word document, its part made when the first is called."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part: StoryPart | None = None

    def call(self, paragraph: Paragraph, note: tuple[Run, ...],
             write: Callable[[Paragraph, tuple[Run, ...]], None]) -> None:
        """Call `note` at the end of `paragraph`, its text written into the note's paragraph by `write` (as the
        text's own runs are: links, emphasis and citations kept)."""
        part = self.part or self._start()
        number = len(part.element) - 1  # after the two separators, -1 and 0
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), str(number))
        part.element.append(footnote)
        note_paragraph = Paragraph(OxmlElement("w:p"), _InPart(part))
        footnote.append(note_paragraph._p)
        note_paragraph.style = NOTE_TEXT
        note_paragraph.add_run(style=NOTE_CALL)._r.append(OxmlElement("w:footnoteRef"))
        note_paragraph.add_run(" ")
        write(note_paragraph, note)
        paragraph.add_run(style=NOTE_CALL)._r.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(number)}))

    def _start(self) -> StoryPart:
        document_part = self.document.part
        self.part = StoryPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(_SEPARATORS),
                            document_part.package)
        document_part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        _restart_on_each_page(self.document)
        add_footnote_styles(self.document)
        return self.part


class _InPart:
    """What a paragraph in the footnotes part asks of its parent: the part it is in, which relates its links and
    looks its styles up in the document's."""

    def __init__(self, part: StoryPart) -> None:
        self.part = part


def _restart_on_each_page(document: Any) -> None:
    """Number the notes afresh on each page, as the PDF does, in every section."""
    for section in document.sections:
        properties = section._sectPr.find(qn("w:footnotePr"))
        if properties is None:
            properties = OxmlElement("w:footnotePr")
            section._sectPr.insert_element_before(properties, *_AFTER_FOOTNOTE_PROPERTIES)
        restart = properties.find(qn("w:numRestart"))  # a template's own, if it has one: one only
        if restart is None:
            restart = OxmlElement("w:numRestart")
            properties.append(restart)  # the last of footnotePr's children (pos, numFmt, numStart, numRestart)
        restart.set(qn("w:val"), "eachPage")


_AFTER_FOOTNOTE_PROPERTIES = ("w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
                              "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                              "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                              "w:printerSettings", "w:sectPrChange")
"""What follows `w:footnotePr` in a section's properties (ECMA-376 Part 1, 17.6.17): the schema fixes the order."""
