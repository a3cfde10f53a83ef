"""One slide of a deck's page → the PowerPoint slide made from its layout: the title in the title placeholder,
statements as bulleted paragraphs of the body placeholder, a contrast's poles in two placeholders with what
goes with them in bands, call-outs as shaded boxes with the accent's rule, tables as tables, figures with their
alt text, the title slide's parts each in its own box, the logo, speaker notes, the running footer and the slide
number; text in the template's styles, sized as `frame` fits it."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from lxml.html import HtmlElement
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefgen.render.office import blocks, drawing, reading, rules, slide_table, theme
from briefgen.render.office import chart as office_chart
from briefgen.render.office.blocks import ChartFigure, Paragraph, Picture, Run, Table
from briefgen.render.office.frame import ROLE_PX, Filled, FrameWriter, fit_together
from briefgen.render.office.presentation import Deck, place
from briefgen.render.office.text_style import theme_font

if TYPE_CHECKING:
    from pptx.shapes.placeholder import SlidePlaceholder


_TEXT_PLACEHOLDERS = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
GAP = Emu(114_300)
"""Space between a caption and what it captions: 0.125 in."""
_RULE_PX = 10
"""The width of the rules the page draws beside call-outs, statements and quotes, and atop poles
(css/slides.css)."""
_STATEMENT_INDENT = 4.6
"""How far a statement's text stands from the left of its rule, in rule widths: 10 px of rule, 36 px padding."""
_ROLES = {"statement": "statement", "quote": "quote", "references": "small", "title": "subtitle"}
"""The size a kind of slide sets its body text in, when not the body's."""


@dataclass
class SlideWriter:
    """Writes one slide of `deck`, of a `kind` of slide."""

    deck: Deck
    slide: Slide
    kind: str
    frames: FrameWriter = field(init=False)
    filled: list[Filled] = field(default_factory=list)
    """The placeholders filled with text, fitted again if bands take room from them."""
    gap: int = GAP

    def __post_init__(self) -> None:
        self.frames = FrameWriter(self.deck, self.slide, self.kind)

    def write(self, body: HtmlElement, figure: HtmlElement | None) -> None:
        placeholders = sorted((placeholder for placeholder in self.slide.placeholders
                               if placeholder.placeholder_format.type in _TEXT_PLACEHOLDERS),
                              key=lambda shape: (shape.left or 0, shape.top or 0))
        title = self.slide.shapes.title
        heading = body.find("h1") if self.kind == "title" else body.find("h2")
        if title is not None and heading is not None:
            # In the template's size for it: the layout's own for the title slide's.
            filled_title = self.frames.fill(title, [Paragraph(reading.runs_of(heading))], _title_role(title))
            self._grow(filled_title)
            self._read_first(title)  # whatever the layout's order
        rest = [child for child in body.iterchildren() if child is not heading and child is not figure]
        blocks = [block for child in rest for block in reading.read(child)]
        used: list[Any] = []
        below: list[list[Any]] = []
        picture_box = None
        if self.kind == "title":
            used = self._title_parts(rest, placeholders)
        else:
            # A chart's own slide gives it the body below the title, as a table's does.
            used, picture_box, below = self._body(rest, placeholders, figure is not None and self.kind != "chart")
        for table in (block for block in blocks if isinstance(block, Table)):
            slide_table.add(self, table)
        logo = next((block for block in blocks if isinstance(block, Picture) and block.logo), None)
        if logo is not None and self.deck.brand.office.pptx is None:  # a template of one's own has its logo
            self.logo(logo, plate="logo-plate" in body.find(".//img").classes)
        if figure is not None:
            picture = reading.read(figure, self.deck.charts)
            if picture and isinstance(picture[0], ChartFigure):
                self.chart(picture[0], picture_box)
            elif picture and isinstance(picture[0], Picture):
                self.picture(picture[0], picture_box)
        for shapes in below:  # read after everything above them
            for shape in shapes:
                self.read_last(shape)
        for placeholder in placeholders:
            if placeholder not in used:  # an empty placeholder shows "Click to add text" and is read out
                placeholder._element.getparent().remove(placeholder._element)

    def _body(self, rest: list[HtmlElement], placeholders: list[Any],
              with_figure: bool) -> tuple[list[Any], Any, list[list[Any]]]:
        """The body of a slide other than the title slide: the placeholders used, the one left for a figure,
        and the shapes of the bands below them."""
        self._below_title(placeholders)
        used: list[Any] = []
        contrast = next((child for child in rest if "contrast" in child.classes), None)
        blocks = [block for child in rest if child is not contrast for block in reading.read(child)]
        text = [block for block in blocks if isinstance(block, Paragraph) and block.box != "callout"]
        before: list[Paragraph] = []
        if contrast is not None:
            for pole, placeholder in zip(contrast.find_class("pole"), placeholders, strict=False):
                self.filled.append(self.frames.fill(placeholder, reading.read(pole), "small"))
                used.append(placeholder)
            fit_together(self.filled)  # both poles in one size, as the page sets them
            before = [block for child in rest[:rest.index(contrast)] for block in reading.read(child)
                      if isinstance(block, Paragraph)]
        free = [placeholder for placeholder in placeholders if placeholder not in used]
        if text and free and contrast is None:
            self.filled.append(self.frames.fill(free[0], text, _ROLES.get(self.kind, "body")))
            used.append(free[0])
            if self.kind in ("statement", "quote"):
                self._ruled_statement(self.filled[-1])
        after = [block for block in text if block not in before] if contrast is not None else []
        # The figure goes where the layout's next placeholder is, which makes room for the bands too.
        picture_box = next((placeholder for placeholder in free if placeholder not in used), None) \
            if with_figure else None
        below = self.bands([*used, *([picture_box] if picture_box is not None else [])], before, after,
                           _callouts(blocks))
        if contrast is not None and used:
            self._ruled_poles(used)
        return used, picture_box, below

    def _grow(self, title: Filled) -> None:
        """Let a title that had to be set smaller take more of the slide downwards, as the page lets a long
        title take more lines: up to three fifths of the title slide, a third of another (what is below it
        moves down: `_below_title`, `_title_parts`); a title slide's title that takes less than its box gives
        the rest to what follows it."""
        shape, bottom = title.shape, self.content_box()[3]
        if title.scale < 1:
            share = 0.6 if self.kind == "title" else 0.3
            place(shape, height=max(shape.height, round((bottom - shape.top) * share)))
            title.fit()
        if self.kind == "title" and title.height < shape.height:  # what follows moves up
            place(shape, height=title.height)

    def _below_title(self, shapes: list[Any]) -> None:
        """Move the top of each of `shapes` that the title reaches down to below it."""
        title = self.slide.shapes.title
        if title is None:
            return
        floor = title.top + title.height + GAP
        for shape in shapes:
            if shape.top < floor < shape.top + shape.height:
                place(shape, top=floor, height=shape.top + shape.height - floor)

    def _title_parts(self, rest: list[HtmlElement], placeholders: list[Any]) -> list[Any]:
        """The title slide's eyebrow above its title, its subtitle in the layout's subtitle placeholder, and its
        authors below that, each in a box of its own as the HTML deck sets them apart; the placeholders used."""
        title = self.slide.shapes.title
        left, top, width, bottom = self.content_box()
        if title is not None:
            left, width, top = title.left, title.width, title.top + title.height
        parts = {name: [block for child in rest if name in child.classes for block in reading.read(child)
                        if isinstance(block, Paragraph)] for name in ("eyebrow", "subtitle")}
        others = [block for child in rest if not {"eyebrow", "subtitle"} & set(child.classes)
                  for block in reading.read(child) if isinstance(block, Paragraph)]
        if parts["eyebrow"]:
            eyebrow = self._text_box(parts["eyebrow"], left, 0, width, self.deck.size[1] // 4)
            above = title.top if title is not None else 0
            if eyebrow.height + GAP <= above:
                eyebrow.shape.top, eyebrow.shape.height = Emu(above - eyebrow.height - GAP), Emu(eyebrow.height)
                self._on_title_slide(eyebrow)
                self._read_first(eyebrow.shape)  # shown above the title
            else:  # a layout with no room above its title: the eyebrow leads what is below it
                self._discard(eyebrow.shape)
                others = parts["eyebrow"] + others
        used = []
        if parts["subtitle"] and placeholders:
            subtitle = placeholders[0]
            filled = self.frames.fill(subtitle, parts["subtitle"], "subtitle")
            place(subtitle, top=top + GAP, height=min(subtitle.height, filled.height))
            top = subtitle.top + subtitle.height
            used.append(subtitle)
        else:
            others = parts["subtitle"] + others
        if others:
            self._on_title_slide(self._text_box(others, left, top + GAP, width, bottom - top - GAP))
        return used

    def _discard(self, shape: Any) -> None:
        """Take a shape off the slide, and its links off the deck's list to resolve."""
        self.slide.shapes._spTree.remove(shape._element)
        self.deck.links = [link for link in self.deck.links if link[1]._r.getroottree().getroot() is not shape._element]

    def _on_title_slide(self, box: Filled) -> None:
        """Colour a box's text to stand on the title slide's accent, where the built-in template draws it."""
        if self.deck.brand.office.pptx is None:
            theme.colour_text(box.shape.text_frame, self.deck.palette.accent_ink)

    def bands(self, filled: list[Any], before: list[Paragraph], after: list[Paragraph],
              callouts: list[list[Paragraph]]) -> list[list[Any]]:
        """Text beside what the placeholders hold, in bands across the slide, which the placeholders make room
        for: above them, an introduction to a contrast's poles; below them, statements that share the slide
        with the poles, then call-outs, each a shaded box with a rule. The band above is read before the
        placeholders; the shapes below are returned, to be read after whatever else the slide gets."""
        if not (before or after or callouts):
            return []
        left, content_top, width, bottom = self.content_box()
        top = min((shape.top for shape in filled), default=content_top)
        height = max((shape.top + shape.height for shape in filled), default=bottom) - top
        boxes = [self._text_box(paragraphs, left, top, width, height) if paragraphs else None
                 for paragraphs in (before, after, *callouts)]
        wanted = [box.height + GAP if box is not None else 0 for box in boxes]
        scale = min(1.0, height * 0.6 / sum(wanted))  # the placeholders keep at least two fifths
        above, *below = [round(want * scale) for want in wanted]
        for shape in filled:
            place(shape, top=top + above, height=height - above - sum(below))
        fit_together(self.filled)
        if boxes[0] is not None:
            self._fit_at(boxes[0], top, above - GAP)
            if filled:
                self.slide.shapes._spTree.remove(boxes[0].shape._element)
                filled[0]._element.addprevious(boxes[0].shape._element)  # read before the placeholders
        position = top + height - sum(below) if filled else top  # below the placeholders, or at the top
        shapes = []
        for box, band, paragraphs in zip(boxes[1:], below, (after, *callouts), strict=True):
            if box is not None:
                self._fit_at(box, position + GAP, band - GAP)
                shapes.append([*self._callout(box, paragraphs[0]), box.shape] if paragraphs[0].box == "callout"
                              else [box.shape])
            position += band
        return shapes

    def _fit_at(self, box: Filled, top: int, height: int) -> None:
        place(box.shape, top=top, height=height)
        box.fit()

    def _callout(self, box: Filled, first: Paragraph) -> list[Any]:
        """Shade a call-out's box in its tone's tint, with a rule of its colour down its left side, as the page
        does; the rule, to be read (as nothing) before the box."""
        tint, rule_colour = (self.deck.palette.note_tint, self.deck.palette.muted) if first.tone == "caveat" else \
            (self.deck.palette.accent_tint, self.deck.palette.accent)
        box.shape.fill.solid()
        box.shape.fill.fore_color.rgb = theme.rgb(tint)
        shape = box.shape
        rule = rules.add(self.slide, (shape.left, shape.top, self.rule_width, shape.height), rule_colour, shape)
        rules.moved(shape, left=self.rule_width)
        box.fit()
        return [rule]

    def _ruled_poles(self, poles: list[Any]) -> None:
        """A rule along the top of each pole, the first's in the accent, the second's muted, as the page draws
        them; read before both poles."""
        first = poles[0]
        for pole, colour in zip(poles, (self.deck.palette.accent, self.deck.palette.muted), strict=False):
            rules.add(self.slide, (pole.left, pole.top, pole.width, self.rule_width), colour, first)
            rules.moved(pole, top=self.rule_width)
        fit_together(self.filled)

    def _ruled_statement(self, filled: Filled) -> None:
        """A rule down the left of a statement or quote, its text set in from it, as the page draws them."""
        shape = filled.shape
        left, top = shape.left, shape.top
        rules.moved(shape, left=round(self.rule_width * _STATEMENT_INDENT))
        filled.fit()
        rules.add(self.slide, (left, top, self.rule_width, filled.height), self.deck.palette.accent, shape)

    @property
    def rule_width(self) -> int:
        return round(Emu(Pt(_RULE_PX * self.deck.scale)))

    def _text_box(self, paragraphs: list[Paragraph], left: int, top: int, width: int, height: int) -> Filled:
        box = self.slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
        return self.frames.fill(box, paragraphs, "small", own_bullets=True)

    def content_box(self) -> tuple[int, int, int, int]:
        """Left, top, width and bottom of the area below the title, inside the slide's margins."""
        width, height = self.deck.size
        title = self.slide.shapes.title
        left = title.left if title is not None and title.left is not None else width // 16
        top = title.top + title.height + GAP if title is not None and title.top is not None else height // 6
        return left, top, width - 2 * left, height - height // 10

    def caption(self, runs: tuple[Run, ...], left: int, top: int, width: int, role: str = "caption") -> Filled | None:
        """A caption at (left, top), as tall as its lines (None without runs): italic, or, for a table's, bold;
        a `source` line muted."""
        if not runs:
            return None
        if role == "source":
            runs, role = tuple(replace(run, muted=True) for run in runs), "body"
        box = self._text_box([Paragraph(runs, role)], left, top, width, self.deck.size[1] // 3)
        box.shape.height = Emu(box.height)
        box.fit()
        return box

    @property
    def small(self) -> Pt:
        """The HTML deck's small text (captions, poles, points, tables), in points at this deck's scale."""
        return Pt(ROLE_PX["small"] * self.deck.scale)

    @property
    def body_font(self) -> str:
        """The theme's font for body text, which tables are set in."""
        return theme_font(self.slide, "+mn-lt")

    def picture(self, picture: Picture, box: SlidePlaceholder | None) -> None:
        def draw(left: int, top: int, width: int, height: int) -> int:
            scale = min(width / picture.width, height / picture.height)
            shown_width, shown_height = round(picture.width * scale), round(picture.height * scale)
            self._add_picture(picture, left + (width - shown_width) // 2, top, shown_width, shown_height)
            return shown_height

        source = (Run(blocks.LINE_BREAK), *picture.source) if picture.caption and picture.source else picture.source
        self._captioned((*picture.caption, *source), box, draw)

    def chart(self, figure: ChartFigure, box: SlidePlaceholder | None) -> None:
        """A chart drawn natively in `box`, or in the body below the title, its caption below it."""
        look = office_chart.look_of(self.deck.brand, self.deck.palette, self.small, self.body_font)

        def draw(left: int, top: int, width: int, height: int) -> int:
            office_chart.add(self.slide.shapes, figure.chart, (left, top, width, height), look)
            return height

        self._captioned(figure.caption, box, draw)

    def _captioned(self, caption_runs: tuple[Run, ...], box: SlidePlaceholder | None,
                   draw: Callable[[int, int, int, int], int]) -> None:
        """A figure in `box`, or in the body below the title, with its caption below it: `draw(left, top, width,
        height)` draws it in the room the caption leaves and gives the height it took."""
        if box is not None:
            left, top, width, height = box.left, box.top, box.width, box.height
        else:
            left, top, width, bottom = self.content_box()
            height = bottom - top
        caption = self.caption(caption_runs, left, top, width)  # placed below the figure once it is drawn
        shown = draw(left, top, width, height - (caption.height + GAP if caption else 0))
        if caption is not None:
            caption.shape.top = Emu(top + shown + GAP)
            self.read_last(caption.shape)

    def logo(self, picture: Picture, plate: bool) -> None:
        """The brand's logo at the top left, as the HTML deck's title slide has it: on a plate of the page's
        colour when the brand has no variant for dark backgrounds."""
        width, height = self.deck.size
        shown_height = round(height * 0.1)
        shown_width = round(picture.width * shown_height / picture.height)
        shape = self._add_picture(picture, width // 16, height // 12, shown_width, shown_height)
        if plate:  # a fill comes after the picture's geometry in its shape properties
            shape._element.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}").addnext(theme.solid_fill(self.deck.palette.paper))
        self._read_first(shape)  # above the title, as it is shown

    def _add_picture(self, picture: Picture, left: int, top: int, width: int, height: int) -> Any:
        shape = self.slide.shapes.add_picture(io.BytesIO(picture.png_or_jpeg), Emu(left), Emu(top), Emu(width),
                                              Emu(height))
        drawing.describe_picture(shape._element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}"), picture.alt)
        return shape

    def _read_first(self, shape: Any) -> None:
        """Move `shape` to the start of the slide's reading order (the shape tree's first two children are its
        group properties)."""
        self.slide.shapes._spTree.remove(shape._element)
        self.slide.shapes._spTree.insert(2, shape._element)

    def read_last(self, shape: Any) -> None:
        self.slide.shapes._spTree.remove(shape._element)
        self.slide.shapes._spTree.append(shape._element)


def _title_role(title: Any) -> str:
    return "title-slide" if title.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE else "title"


def _callouts(blocks: list[blocks.Block]) -> list[list[Paragraph]]:
    """The call-outs among `blocks`: the paragraphs of each, from its title on."""
    callouts: list[list[Paragraph]] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.box == "callout":
            if block.role == "box-title" or not callouts:
                callouts.append([])
            callouts[-1].append(block)
    return callouts
