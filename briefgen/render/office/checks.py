"""A PowerPoint or Word file, read back → what keeps it from being accessible: the rules of Office's own
accessibility checker that a program can decide. `briefgen check` runs them on the files in the output
folder, and each build on what it writes (so `--strict` fails on them)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from briefgen.render.failures import WHOLE_FILE, Failure, in_section, on_slide, skipped_levels
from briefgen.render.office.drawing import DECORATIVE
from briefgen.render.office.frame import overflow
from briefgen.rules import (
    NO_ALT,
    NO_LANGUAGE,
    NO_TITLE,
    READING_ORDER,
    SLIDE_TITLE,
    TABLE_NO_HEADER,
    TEXT_OVERFLOW,
    UNREADABLE_OUTPUT,
)

_WORD_HEADING = re.compile(r"^Heading ([1-9])$")


def pptx_failures(data: bytes) -> list[Failure]:
    """Each slide has a unique, non-empty title; each picture alt text or a decorative mark; each table a
    header row; text fits its box at the size written; shapes are read in their visual order; the presentation
    has a title and a language."""
    from pptx import Presentation

    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception as exc:  # a damaged zip or XML: python-pptx raises whatever its parts raise
        return [Failure(UNREADABLE_OUTPUT, WHOLE_FILE, f"not a readable PowerPoint file ({type(exc).__name__}: {exc})")]
    failures = list(_described(presentation.core_properties))
    titles: dict[str, int] = {}
    for number, slide in enumerate(presentation.slides, start=1):
        title = slide.shapes.title
        # As a reader hears it: a no-break space is a space.
        text = " ".join(title.text_frame.text.split()) if title is not None else ""
        place = on_slide(number, text)
        if not text:
            failures.append(Failure(SLIDE_TITLE, place, "no title"))
        elif text in titles:
            failures.append(Failure(SLIDE_TITLE, place, f"repeats the title of slide {titles[text]}: each slide's "
                                                        "title must be unique"))
        else:
            titles[text] = number
        failures += _slide_failures(slide, place)
    return failures


def _described(properties: Any) -> Iterator[Failure]:
    if not (properties.title or "").strip():
        yield Failure(NO_TITLE, WHOLE_FILE, "no title in the document properties")
    if not (properties.language or "").strip():
        yield Failure(NO_LANGUAGE, WHOLE_FILE, "no language in the document properties")


def _slide_failures(slide: Any, place: str) -> Iterator[Failure]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    shapes = list(slide.shapes)
    for shape in shapes:
        properties = shape._element.find(".//{*}cNvPr")
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and not _has_alt(properties):
            yield Failure(NO_ALT, place, f"picture {shape.name!r} has no alt text and is not marked decorative")
        if shape.has_chart and not _has_alt(properties):
            yield Failure(NO_ALT, place, f"chart {shape.name!r} has no alt text (a description of what it shows)")
        if shape.has_table and not shape.table.first_row:
            yield Failure(TABLE_NO_HEADER, place, f"table {shape.name!r} has no header row")
        past = overflow(shape) if shape.has_text_frame and shape.text_frame.text.strip() else 0
        if past:
            yield Failure(TEXT_OVERFLOW, place, f"the text of {shape.name!r} runs {past / 12_700:.0f} pt past the "
                                                "foot of its box at the size written (PowerPoint shrinks text only "
                                                "once it is edited)")
    # Positions read once: a placeholder's is looked up through its layout and master each time.
    boxes = [(shape.name, _Box(shape.left, shape.top, shape.width, shape.height)) for shape in shapes]
    placed = [(name, box) for name, box in boxes if None not in box]
    for index, (earlier, earlier_box) in enumerate(placed):
        for later, later_box in placed[index + 1:]:
            if later_box.before(earlier_box):
                yield Failure(READING_ORDER, place, f"{later!r} is read after {earlier!r} but is shown above or to "
                                                    "the left of it: reading order must follow the slide's layout")


def _has_alt(properties: Any) -> bool:
    return properties is not None and (bool((properties.get("descr") or "").strip())
                                       or properties.find(f".//{DECORATIVE}") is not None)


class _Box(NamedTuple):
    left: int
    top: int
    width: int
    height: int

    def before(self, other: _Box) -> bool:
        """Whether this box is seen before `other`: wholly above it, or beside it and wholly to its left."""
        above = self.top + self.height <= other.top
        beside = self.top < other.top + other.height and other.top < self.top + self.height
        return above or (beside and self.left + self.width <= other.left)


def docx_failures(data: bytes) -> list[Failure]:
    """Each picture has alt text or a decorative mark; each table a header row repeated on each page;
    headings do not skip a level; the document has a title and a language. Word sets the pages when it shows
    the file, so a failure is placed in the section of the heading it comes under."""
    from docx import Document
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # as above, python-docx
        return [Failure(UNREADABLE_OUTPUT, WHOLE_FILE, f"not a readable Word file ({type(exc).__name__}: {exc})")]
    failures = list(_described(document.core_properties))
    place = in_section(None)
    headings: list[tuple[int, str]] = []
    pictures = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            level = 0 if block.style is None else _heading_level(block.style.name)
            if level:
                place = in_section(block.text)
                headings.append((level, place))
        else:
            tables += 1
            first = block.rows[0]._tr if block.rows else None
            if first is None or first.find("{*}trPr/{*}tblHeader") is None:
                failures.append(Failure(TABLE_NO_HEADER, place, f"table {tables} has no header row (repeated on "
                                                                "each page)"))
        for properties in block._element.iter("{*}docPr"):
            pictures += 1
            if not _has_alt(properties):
                failures.append(Failure(NO_ALT, place, f"picture {pictures} has no alt text and is not marked "
                                                       "decorative"))
    failures += skipped_levels(headings, "level ")
    return failures


def _heading_level(style: str | None) -> int:
    if style == "Title":
        return 1
    heading = _WORD_HEADING.match(style or "")
    return int(heading.group(1)) + 1 if heading else 0
