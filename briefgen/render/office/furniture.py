"""What each slide of a deck carries besides its body → the slide: its speaker notes on the notes page, the
running footer in the layout's footer placeholder (cut to one line as the page cuts it), and the slide number as
a field in the layout's slide-number placeholder."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from briefgen.content.office import layout_placeholders
from briefgen.render.office import blocks, measure
from briefgen.render.office.blocks import Paragraph, Run
from briefgen.render.office.frame import INSETS_PT, FrameWriter

_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""A fixed id for each slide-number field (PowerPoint accepts any GUID; a fixed one keeps the bytes equal)."""


def notes(frames: FrameWriter, blocks: list[blocks.Block]) -> None:
    """The speaker notes, in the notes page's own style."""
    frame = frames.slide.notes_slide.notes_text_frame
    if frame is None:  # a template whose notes page has no place for them
        return
    for index, block in enumerate(block for block in blocks if isinstance(block, Paragraph)):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        frames.runs(paragraph, block.runs, None)


def footer(frames: FrameWriter, text: str) -> None:
    """The running footer, in the layout's footer placeholder if it has one."""
    layout_footer = _layout_placeholder(frames, PP_PLACEHOLDER.FOOTER)
    if layout_footer is None or not text:
        return
    frames.slide.shapes.clone_placeholder(layout_footer)
    shape = frames.slide.shapes[-1]
    filled = frames.fill(shape, [Paragraph((Run(text),))], "small")
    line = filled.written[0]
    shown = measure.cut_to_width(text, filled.styles[0].typeface, line.size, Emu(shape.width).pt - INSETS_PT[0],
                                 filled.fonts)
    if shown != text:
        line.runs[0].run.text = shown
        filled.fit()


def number(frames: FrameWriter, number: int) -> None:
    """The slide number, as a field in the layout's slide-number placeholder (or a box where it would be)."""
    layout_number = _layout_placeholder(frames, PP_PLACEHOLDER.SLIDE_NUMBER)
    slide = frames.slide
    shape: Any
    if layout_number is not None:
        slide.shapes.clone_placeholder(layout_number)
        shape = slide.shapes[-1]
    else:
        width, height = frames.deck.size
        shape = slide.shapes.add_textbox(Emu(width - width // 8), Emu(height - height // 10), Emu(width // 16),
                                         Emu(height // 16))
    paragraph = shape.text_frame.paragraphs[0]
    paragraph._p.append(etree.fromstring(
        f'<a:fld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="{_SLIDE_NUMBER_FIELD}" '
        f'type="slidenum"><a:rPr lang="{frames.deck.language}"/><a:t>{number}</a:t></a:fld>'))


def _layout_placeholder(frames: FrameWriter, kind: PP_PLACEHOLDER) -> Any:
    return next((placeholder for placeholder in layout_placeholders(frames.slide.slide_layout)
                 if placeholder.placeholder_format.type == kind), None)
