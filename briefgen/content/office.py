"""An organisation's PowerPoint and Word templates, named in its brand file → located, rebuilt without what could
reach outside or run (office_package.py), opened and checked to hold every slide layout and paragraph style
briefgen builds with, before anything renders."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.content import office_package
from briefgen.content.figures import FileKind

MAX_TEMPLATE_BYTES = 50_000_000

PPTX_TEMPLATE = FileKind({".pptx": ""}, "a PowerPoint presentation", "template", "templates/ours.pptx",
                         "brand file", MAX_TEMPLATE_BYTES)
DOCX_TEMPLATE = FileKind({".docx": ""}, "a Word document", "template", "templates/ours.docx",
                         "brand file", MAX_TEMPLATE_BYTES)

DEFAULT_LAYOUTS: Mapping[str, str] = {
    "title": "Title Slide",
    "bullets": "Title and Content",
    "statement": "Title and Content",
    "quote": "Title and Content",
    "text": "Title and Content",
    "references": "Title and Content",
    "contrast": "Two Content",
    "figure": "Two Content",
    "table": "Title Only",
}
"""Each kind of briefgen slide → the slide layout it is made from, by the names PowerPoint's built-in template
gives them. `figure` is a slide whose section has a figure: its text beside the picture."""

BODY_PLACEHOLDERS = {"title": 1, "contrast": 2, "figure": 2, "table": 0}
"""Content placeholders (besides the title) each kind's layout must have; the others need one."""

DOCX_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2",
               "List Number", "Quote", "Caption", "Table Grid")
"""The styles a Word template must define: briefgen writes no formatting of its own that a style could hold."""


@dataclass(frozen=True)
class Template:
    """A template as briefgen builds on it: the file the brand names, and its package as rebuilt from it. The
    renderers open `package`, never the file."""

    path: Path
    package: bytes = field(repr=False)
    """Left out of the repr, which builds hash: the file's own digest (a brand file) stands for it."""


def read_template(path: Path, package_format: office_package.PackageFormat) -> tuple[Template, str | None]:
    """The template at `path`, rebuilt, and a warning saying what was dropped, if anything was; ValueError says
    why it is refused."""
    cleaned = office_package.cleaned(path, package_format)
    return Template(path, cleaned.package), cleaned.warning(path.name, package_format)


@dataclass(frozen=True)
class OfficeTemplates:
    """The templates a brand gives for PowerPoint and Word (None: the built-in one, styled by the brand)."""

    pptx: Template | None
    docx: Template | None
    layouts: tuple[tuple[str, str], ...]
    """Each kind of briefgen slide → the name of the template's layout it is made from."""

    def layout(self, kind: str) -> str:
        return dict(self.layouts)[kind]

    def templates(self) -> dict[str, Path]:
        """The templates given, by the name of the format each is for (its file suffix)."""
        return {name: template.path for name, template in (("pptx", self.pptx), ("docx", self.docx))
                if template is not None}


def pptx_problems(template: Template | None, layouts: Mapping[str, str]) -> list[tuple[str | None, str]]:
    """What keeps `template` (None: the built-in one) from being built on, each with the kind of slide it
    concerns: it does not open, or lacks a layout, or a layout lacks the placeholders its kind fills, or a slide
    made on each layout it names cannot be saved (a layout that has lost its master, say) or puts its
    placeholders on top of each other."""
    from pptx import Presentation  # only a brand that names a template or layouts needs python-pptx here

    name = template.path.name if template is not None else "PowerPoint's built-in template"
    try:
        presentation = Presentation(None if template is None else io.BytesIO(template.package))
    except Exception as exc:  # a damaged zip or XML: python-pptx raises whatever its parts raise
        return [(None, f"{name} does not open as a PowerPoint presentation ({type(exc).__name__}: {exc})")]
    try:
        found = {layout.name: layout for layout in presentation.slide_layouts}
        problems = _layout_problems(name, found, layouts)
        if template is not None and not problems:  # what rendering does with it, done once here
            tried: set[str] = set()
            for kind, layout_name in layouts.items():
                if layout_name not in tried:  # a layout's problem is told once, for the first kind it makes
                    tried.add(layout_name)
                    problems += [(kind, f"{name}: layout {layout_name!r} (for {kind} slides) {problem}")
                                 for problem in _placing_problems(presentation.slides.add_slide(found[layout_name]))]
            presentation.save(io.BytesIO())
    except Exception as exc:  # as above: parts that open but that python-pptx cannot build on
        return [(None, f"{name} cannot be built on ({type(exc).__name__}: {exc})")]
    return problems


def _layout_problems(name: str, found: Mapping[str, Any], layouts: Mapping[str, str]) -> list[tuple[str | None, str]]:
    from pptx.enum.shapes import PP_PLACEHOLDER

    problems: list[tuple[str | None, str]] = []
    for kind, layout_name in layouts.items():
        layout = found.get(layout_name)
        if layout is None:
            problems.append((kind, f"{name} has no slide layout named {layout_name!r} (for {kind} slides); its "
                                   f"layouts are {', '.join(repr(found_name) for found_name in found)}"))
            continue
        types = [placeholder.placeholder_format.type for placeholder in layout_placeholders(layout)]
        title = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
        bodies = sum(kind_ in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE) for kind_ in types)
        needed = BODY_PLACEHOLDERS.get(kind, 1)
        if not title & set(types):
            problems.append((kind, f"{name}: layout {layout_name!r} (for {kind} slides) has no title placeholder"))
        if bodies < needed:
            problems.append((kind, f"{name}: layout {layout_name!r} (for {kind} slides) has {bodies} text "
                                   f"placeholder(s); {kind} slides need {needed}"))
    return problems


def _placing_problems(slide: Any) -> list[str]:
    """What keeps the placeholders of a slide just made on a layout from each having a place of its own: one
    that neither the layout nor its master places, or placeholders stacked on each other. Their positions are
    those the slide inherits, which is where rendering puts its text."""
    placed = [(shape, (shape.left, shape.top, shape.width, shape.height)) for shape in layout_placeholders(slide)]
    if any(None in box for _, box in placed):
        return ["has a placeholder that neither it nor its master places"]
    stacked = [shape for shape, box in placed
               if any(other is not shape and _stacked(box, other_box) for other, other_box in placed)]
    if not stacked:
        return []
    layout = slide.slide_layout.placeholders  # named as the template's author sees them
    names = dict.fromkeys(layout.get(idx=shape.placeholder_format.idx).name for shape in stacked)
    return [f"puts its placeholders {', '.join(map(repr, names))} on top of each other, where they could not be "
            "read"]


def _stacked(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether two boxes (left, top, width, height) share more than half of the smaller one: a sliver of
    overlap is common in templates made by hand, and harmless."""
    width = min(box[0] + box[2], other[0] + other[2]) - max(box[0], other[0])
    height = min(box[1] + box[3], other[1] + other[3]) - max(box[1], other[1])
    return 2 * max(width, 0) * max(height, 0) > min(box[2] * box[3], other[2] * other[3])


def layout_placeholders(layout: Any) -> list[Any]:
    """A slide layout's (or slide's) placeholders (python-pptx annotates their iteration in a way mypy cannot
    call)."""
    placeholders: Iterable[Any] = layout.placeholders
    return list(placeholders)


def docx_problems(template: Template) -> list[str]:
    """What keeps `template` from being built on: it does not open, or lacks a style briefgen uses, or a
    paragraph in each of those styles cannot be saved."""
    from docx import Document

    name = template.path.name
    try:
        document = Document(io.BytesIO(template.package))
    except Exception as exc:  # as above
        return [f"{name} does not open as a Word document ({type(exc).__name__}: {exc})"]
    try:
        names = {style.name for style in document.styles}
        missing = [style for style in DOCX_STYLES if style not in names]
        if not missing:  # what rendering does with it, done once here
            for style in DOCX_STYLES:
                if style == "Table Grid":
                    document.add_table(1, 1).style = style
                else:
                    document.add_paragraph(style=style)
            document.save(io.BytesIO())
    except Exception as exc:  # as above
        return [f"{name} cannot be built on ({type(exc).__name__}: {exc})"]
    return [f"{name} has no style named {', '.join(map(repr, missing))}; briefgen writes with the styles "
            f"{', '.join(DOCX_STYLES)}"] if missing else []
