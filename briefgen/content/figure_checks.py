"""Figures as validated → their problems: no alt text (or alt text on a decorative one), a statement that shows
no figures given one, an image file that is missing, outside the content's folder or not a sound image. Each
image is located and decoded here, once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from briefgen.content import figures, images
from briefgen.content.figure_model import Figure
from briefgen.content.loader import LoadedDocument
from briefgen.errors import FieldPath, Problem
from briefgen.rules import FIGURE, UNUSABLE_FILE


def _unshown(path: FieldPath) -> bool:
    """Whether a figure at `path` belongs to a statement the documents print as text alone."""
    owner = path[:-2]
    return owner == ("summary",) or owner[-1:] == ("intro",) or "contrast" in owner


def problems(document: LoadedDocument, written: Iterable[tuple[FieldPath, Figure]], found: dict[str, Path]
             ) -> Iterator[Problem]:
    """The problems of the figures `written` at these paths; each usable image is recorded in `found`, by its
    `src`."""
    for path, figure in written:
        if _unshown(path):
            yield document.problem(path, "an introduction, a summary or a pole's factor shows no figures: give "
                                         "the figure to the section (`figures:`) or to one of its statements",
                                   rule=FIGURE)
        if figure.alt is None and not figure.decorative:
            yield document.problem((*path, "alt"), "a figure needs alt text saying what the image shows "
                                                   "(or `decorative: true` if it adds nothing a reader would miss)",
                                   rule=FIGURE)
        elif figure.alt is not None and figure.decorative:
            yield document.problem((*path, "decorative"), "a decorative figure is hidden from screen readers, "
                                                          "so its alt text would never be read; drop one of them",
                                   rule=FIGURE)
        try:
            image = figures.locate(document.path, figure.src)
        except ValueError as exc:
            yield document.problem((*path, "src"), str(exc), rule=UNUSABLE_FILE)
            continue
        try:
            images.check(image)
        except ValueError as exc:  # says what the file is: "is an empty file"
            yield document.problem((*path, "src"), f"{figure.src!r} {exc}", rule=UNUSABLE_FILE)
            continue
        found[figure.src] = image
