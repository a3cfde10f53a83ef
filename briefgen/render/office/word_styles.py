"""The Word styles briefgen writes with that a template may lack (python-docx's has neither; an organisation's
may not), added as Word defines them, by their built-in names, which Word's own tools use too."""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

BIBLIOGRAPHY = "Bibliography"
"""Word's own style for a list of works."""
NOTE_TEXT, NOTE_CALL = "footnote text", "footnote reference"
"""Word's styles for a footnote's paragraph, and for its number, in the text and before the note."""
HANGING = Pt(18)
"""How far a reference's lines after its first are indented, and where a numbered one's text starts (as the PDF
indents them)."""


def add_bibliography_style(document: Any) -> None:
    """Normal's, a little smaller, each entry's lines after the first indented, a tab stop where they start (a
    numbered entry's text starts there after its number), a little space after each."""
    if _has(document, BIBLIOGRAPHY):
        return
    style = document.styles.add_style(BIBLIOGRAPHY, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(9)
    layout = style.paragraph_format
    layout.left_indent, layout.first_line_indent = HANGING, -HANGING
    layout.space_after = Pt(4)
    layout.tab_stops.add_tab_stop(HANGING)


def add_footnote_styles(document: Any) -> None:
    """The note a size smaller than the text, with no space between notes; its number raised."""
    if not _has(document, NOTE_TEXT):
        text = document.styles.add_style(NOTE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = document.styles["Normal"]
        text.font.size = Pt(9)
        text.paragraph_format.space_after = Pt(0)
    if not _has(document, NOTE_CALL):
        document.styles.add_style(NOTE_CALL, WD_STYLE_TYPE.CHARACTER).font.superscript = True


def _has(document: Any, name: str) -> bool:
    return any(style.name == name for style in document.styles)
