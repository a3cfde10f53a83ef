"""An organisation's PowerPoint and Word templates, named in its brand file → located, opened and checked to
hold every slide layout and paragraph style briefgen builds with, before anything renders."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content.figures import FileKind

MAX_TEMPLATE_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000
"""What a template's zip may hold unpacked: python-pptx and python-docx read each part into memory."""

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
class OfficeTemplates:
    """The templates a brand gives for PowerPoint and Word (None: the built-in one, styled by the brand)."""

    pptx: Path | None
    docx: Path | None
    layouts: tuple[tuple[str, str], ...]
    """Each kind of briefgen slide → the name of the template's layout it is made from."""

    def layout(self, kind: str) -> str:
        return dict(self.layouts)[kind]

    def templates(self) -> dict[str, Path]:
        """The templates given, by the name of the format each is for (its file suffix)."""
        return {name: path for name, path in (("pptx", self.pptx), ("docx", self.docx)) if path is not None}


def pptx_problems(template: Path | None, layouts: Mapping[str, str]) -> list[tuple[str | None, str]]:
    """What keeps `template` (None: the built-in one) from being built on, each with the kind of slide it
    concerns: it does not open, or lacks a layout, or a layout lacks the placeholders its kind fills."""
    from pptx import Presentation  # only a brand that names a template or layouts needs python-pptx here
    from pptx.enum.shapes import PP_PLACEHOLDER

    name = template.name if template is not None else "PowerPoint's built-in template"
    if template is not None and (unpacked := _unpacked_problem(template, "PowerPoint presentation")):
        return [(None, unpacked)]
    try:
        presentation = Presentation(None if template is None else str(template))
    except Exception as exc:  # a damaged zip or XML: python-pptx raises whatever its parts raise
        return [(None, f"{name} does not open as a PowerPoint presentation ({type(exc).__name__}: {exc})")]
    found = {layout.name: layout for layout in presentation.slide_layouts}
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


def layout_placeholders(layout: Any) -> list[Any]:
    """A slide layout's placeholders (python-pptx annotates their iteration in a way mypy cannot call)."""
    placeholders: Iterable[Any] = layout.placeholders
    return list(placeholders)


def docx_problems(template: Path) -> list[str]:
    """What keeps `template` from being built on: it does not open, or lacks a style briefgen uses."""
    from docx import Document

    if unpacked := _unpacked_problem(template, "Word document"):
        return [unpacked]
    try:
        document = Document(str(template))
    except Exception as exc:  # as above
        return [f"{template.name} does not open as a Word document ({type(exc).__name__}: {exc})"]
    names = {style.name for style in document.styles}
    missing = [style for style in DOCX_STYLES if style not in names]
    return [f"{template.name} has no style named {', '.join(map(repr, missing))}; briefgen writes with the styles "
            f"{', '.join(DOCX_STYLES)}"] if missing else []


def _unpacked_problem(template: Path, kind: str) -> str | None:
    """Why the template's zip cannot be opened within bounds, if it cannot: it is no zip, or unpacks to more
    than MAX_UNPACKED_BYTES (a small file can hold gigabytes of XML)."""
    try:
        with zipfile.ZipFile(template) as package:
            unpacked = sum(entry.file_size for entry in package.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        return f"{template.name} does not open as a {kind} (not a zip file: {exc})"
    if unpacked > MAX_UNPACKED_BYTES:
        return (f"{template.name} unpacks to {unpacked // 1_000_000:,} MB, over the "
                f"{MAX_UNPACKED_BYTES // 1_000_000} MB a template may hold")
    return None
