"""Paragraphs read from the page → the text frame of a shape on a slide: bulleted or numbered as the page shows
them, runs styled and linked, each at the size the template's styles give its level, scaled as the HTML deck
scales statements, quotes and small text against body text. A size is written only where it must differ from
the template's: where the role asks for another, or where the text, measured in its fonts, would not fit its
box at the template's size (PowerPoint shows text at the size written until someone edits it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.text.text import _Paragraph, _Run
from pptx.util import Emu, Pt

from briefgen.render.office import blocks, measure, theme
from briefgen.render.office.blocks import Paragraph, Run
from briefgen.render.office.presentation import Deck
from briefgen.render.office.text_style import LevelStyle, level_style

ROLE_PX = {"title": 46, "title-slide": 62, "subtitle": 30, "body": 28, "small": 24, "statement": 40, "quote": 34}
"""The HTML deck's text sizes (css/slides.css), in its pixels: their proportions are kept on slides."""
_STYLE_PX = {PP_PLACEHOLDER.TITLE: "title", PP_PLACEHOLDER.CENTER_TITLE: "title-slide",
             PP_PLACEHOLDER.SUBTITLE: "subtitle", PP_PLACEHOLDER.BODY: "body", PP_PLACEHOLDER.OBJECT: "body",
             PP_PLACEHOLDER.FOOTER: "small", PP_PLACEHOLDER.SLIDE_NUMBER: "small"}
"""What the template's style for each kind of placeholder stands for; a text box's stands for small text."""
INSETS_PT = (14.4, 7.2)
"""A text frame's inner margins, left and right together, then top and bottom: PowerPoint's defaults."""
_MARGIN = 0.95
"""The share of a box's width and height text is fitted into: PowerPoint and LibreOffice break lines a word
sooner or later than the measure here, and space lines by their own rounding."""
MIN_FIT = 0.6
"""Text is set no smaller than this share of its size to fit its box: past it, `check` reports the overflow."""
_FIT_STEP = 0.04
_BULLET_INDENT = Emu(228_600)
"""Where a bulleted paragraph's text starts, a level in: 0.25 in."""
_NUMBER_INDENT = Emu(457_200)
"""Where a numbered paragraph's text starts: 0.5 in."""


@dataclass
class _Written:
    """A paragraph written to the frame, with the size its role asks for and its runs as read."""

    paragraph: _Paragraph
    level: int
    size: float
    small: float
    """The size small text (a cross-reference) takes in it."""
    runs: list[WrittenRun] = field(default_factory=list)


@dataclass(frozen=True)
class WrittenRun:
    run: _Run
    read: Run


@dataclass
class Filled:
    """A shape's frame as written, which can be fitted again when the shape is resized."""

    shape: Any
    written: list[_Written]
    styles: dict[int, LevelStyle]
    fonts: measure.Fonts
    height: int = 0
    """The height (EMU) the text takes in the shape as last fitted, with the frame's margins."""
    scale: float = 1.0
    """The share of its size the text is set at, as last fitted."""

    def fit(self, largest: float = 1.0) -> None:
        """Set each paragraph's size, all scaled down together (from `largest`) as far as the text must to fit
        the shape."""
        width = (Emu(self.shape.width).pt - INSETS_PT[0]) * _MARGIN
        room = (Emu(self.shape.height).pt - INSETS_PT[1]) * _MARGIN
        scale = largest
        while True:
            height = measure.height((self._measured(entry, scale) for entry in self.written), width, self.fonts)
            if height <= room or scale - _FIT_STEP < MIN_FIT:
                break
            scale -= _FIT_STEP
        for entry in self.written:
            for written_run in entry.runs:
                size = _run_size(entry, written_run.read, scale)
                same = abs(size - self.styles[entry.level].size) < 0.05
                written_run.run.font.size = None if same else Pt(round(size, 1))
        self.height, self.scale = Pt(height / _MARGIN + INSETS_PT[1]), scale

    def _measured(self, entry: _Written, scale: float) -> measure.TextParagraph:
        sizes = {written.run._r: _run_size(entry, written.read, scale) for written in entry.runs}
        return as_measured(entry.paragraph, self.styles[entry.level], lambda run: sizes[run._r])


def as_measured(paragraph: _Paragraph, style: LevelStyle, size_of: Callable[[_Run], float]) -> measure.TextParagraph:
    """A paragraph of a text frame as `measure` takes it: its runs and line breaks, each run at `size_of` it, in
    its own font or its level's."""
    spans, after_break = [], False
    for child in paragraph._p:
        if child.tag == qn("a:br"):
            after_break = True
        elif child.tag == qn("a:r"):
            run = _Run(child, paragraph)
            spans.append(measure.Span(("\n" if after_break else "") + run.text, run.font.name or style.typeface,
                                      size_of(run), bool(run.font.bold) or style.bold,
                                      bool(run.font.italic) or style.italic))
            after_break = False
    margin = paragraph._p.pPr.get("marL") if paragraph._p.pPr is not None else None
    indent = Emu(int(margin) if margin is not None else style.margin_left).pt
    return measure.TextParagraph(tuple(spans), indent, style.space_before, style.line_spacing)


def overflow(shape: Any) -> int:
    """How far (EMU) the text of `shape`, as written in it, runs past the foot of its box: read back from the
    file, each run at its own size or its level's (`text_style`), measured in its fonts; 0 if it fits."""
    frame = shape.text_frame
    styles = {level: level_style(shape, level) for level in {paragraph.level for paragraph in frame.paragraphs}}
    paragraphs = []
    for paragraph in frame.paragraphs:
        style = styles[paragraph.level]

        def written(run: _Run, style: LevelStyle = style) -> float:
            return run.font.size.pt if run.font.size is not None else style.size

        paragraphs.append(as_measured(paragraph, style, written))
    height = measure.height(paragraphs, Emu(shape.width).pt - INSETS_PT[0], measure.Fonts())
    return max(0, int(Pt(height + INSETS_PT[1])) - int(shape.height))


def fit_together(frames: list[Filled]) -> None:
    """Fit each of `frames`, then set them all at the smallest share any needed: side by side, they match."""
    for frame in frames:
        frame.fit()
    smallest = min((frame.scale for frame in frames), default=1.0)
    for frame in frames:
        if frame.scale != smallest:
            frame.fit(smallest)


@dataclass
class FrameWriter:
    """Writes paragraphs into the text frames of one slide of `deck`, of a `kind` of slide."""

    deck: Deck
    slide: Slide
    kind: str

    def fill(self, shape: Any, blocks: Sequence[object], role: str, own_bullets: bool = False) -> Filled:
        """Write `blocks`' paragraphs into `shape`'s frame in `role`'s size, smaller where they would not fit; a
        text box (`own_bullets`) has no bullets of its own to inherit as a placeholder does."""
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # an edit that makes it longer shrinks, not spills
        base = _STYLE_PX.get(shape.placeholder_format.type, "body") if shape.is_placeholder else "small"
        styles: dict[int, LevelStyle] = {}
        written = []
        paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
        for index, block in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            level = self._format(paragraph, block, own_bullets)
            style = styles.setdefault(level, level_style(shape, level))
            small = block.role in ("caption", "box-title") or role == "small"
            # A level in, the template's own smaller style holds; at the top, the role's size against the base's.
            size = style.size if level else style.size * ROLE_PX["small" if small else role] / ROLE_PX[base]
            entry = _Written(paragraph, level, size, style.size if level else
                             style.size * ROLE_PX["small"] / ROLE_PX[base])
            bold = block.role in ("heading", "box-title") or role == "statement"  # set semi-bold on the page
            italic = block.role in ("quote", "caption") or self.kind == "quote"
            entry.runs = self.runs(paragraph, block.runs, None, bold, italic)
            written.append(entry)
        filled = Filled(shape, written, styles, measure.Fonts(self.deck.brand.typography.faces))
        filled.fit()
        return filled

    def _format(self, paragraph: _Paragraph, block: Paragraph, own_bullets: bool) -> int:
        """Bullet or number the paragraph as the page does; its list level."""
        if block.role == "item" and self.kind not in ("statement", "quote"):
            paragraph.level = min(block.level, 4)
            if block.ordered:
                _numbered(paragraph, block.number or 1)
            elif self.kind == "references":
                _hanging(paragraph)
            elif own_bullets:
                _bulleted(paragraph, block.level)
            return paragraph.level
        _unbulleted(paragraph)
        return 0

    def runs(self, paragraph: _Paragraph, runs: Iterable[Run], size: Pt | None, bold: bool = False,
             italic: bool = False) -> list[WrittenRun]:
        """Write `runs` into `paragraph`, at `size` (None: the style's); each written run with its source."""
        written_runs = []
        for run in runs:
            for number, line in enumerate(run.text.split(blocks.LINE_BREAK)):
                if number:
                    paragraph.add_line_break()
                if not line:
                    continue
                written = paragraph.add_run()
                written.text = line
                if size is not None:
                    written.font.size = size
                written.font.bold = run.bold or bold or None
                written.font.italic = run.italic != italic or None
                if run.code:
                    written.font.name = "Courier New"
                if run.muted:
                    written.font.color.rgb = theme.rgb(self.deck.palette.muted)
                written._r.get_or_add_rPr().set("lang", self.deck.language)
                if run.superscript:  # python-pptx has no property for it: DrawingML's raised baseline
                    written._r.get_or_add_rPr().set("baseline", "30000")
                if run.link and run.link.startswith("#"):
                    self.deck.links.append((self.slide, written, run.link[1:]))
                elif run.link and self.kind != "title":
                    # (Not on the title slide, whose links show their address: the theme's link colour is
                    # not legible on the accent it is drawn on.)
                    written.hyperlink.address = run.link
                if run.tooltip and run.link and (run.link.startswith("#") or self.kind != "title"):
                    # The jump pptx.py adds to a link within the deck reuses this element, keeping its tooltip.
                    written._r.get_or_add_rPr().get_or_add_hlinkClick().set("tooltip", run.tooltip)
                written_runs.append(WrittenRun(written, run))
        return written_runs


def _run_size(entry: _Written, run: Run, scale: float) -> float:
    """A run's size: its paragraph's, or, for a cross-reference set small, no larger than small text."""
    return (min(entry.size, entry.small) if run.muted else entry.size) * scale


def _unbulleted(paragraph: _Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    etree.SubElement(properties, qn("a:buNone"))


def _hanging(paragraph: _Paragraph) -> None:
    """No bullet, the lines after the first indented: a reference list in an author-date style."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(_BULLET_INDENT))
    properties.set("indent", str(-_BULLET_INDENT))
    etree.SubElement(properties, qn("a:buNone"))


def _bulleted(paragraph: _Paragraph, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(_BULLET_INDENT * (level + 1)))
    properties.set("indent", str(-_BULLET_INDENT))
    # A bullet, then a dash a level in: as the HTML deck marks statements and their points.
    etree.SubElement(properties, qn("a:buChar"), char="\u2022" if level == 0 else "\u2013")


def _numbered(paragraph: _Paragraph, start: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(_NUMBER_INDENT))  # hanging: room for "10." before the text, which lines up
    properties.set("indent", str(-_NUMBER_INDENT))
    etree.SubElement(properties, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(start))
