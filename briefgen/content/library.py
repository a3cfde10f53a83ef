"""A validated briefing's `references` and `further_reading` → its library: the works it may cite and those it
recommends, as CSL-JSON items, whether written in the YAML or in the reference file it names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefgen.content import reference_files
from briefgen.content.loader import LoadedDocument, problem_at
from briefgen.content.model import Briefing
from briefgen.content.references import Reference, to_csl
from briefgen.errors import Problem

Work = dict[str, Any]
"""A CSL-JSON item: its `id` is the key text cites it by."""


@dataclass(frozen=True)
class Library:
    cited: tuple[Work, ...]
    """The works of `references`: text may cite them."""
    further_reading: tuple[Work, ...]
    """Works recommended, not cited."""


def library(document: LoadedDocument, briefing: Briefing) -> tuple[Library, list[Problem]]:
    """The briefing's library, and the problems met reading its reference files."""
    problems: list[Problem] = []
    cited = tuple(_works(document, "references", briefing.references, problems))
    further_reading = tuple(_works(document, "further_reading", briefing.further_reading, problems))
    return Library(cited, further_reading), problems


def _works(document: LoadedDocument, field: str, value: list[Reference] | str,
           problems: list[Problem]) -> Iterator[Work]:
    if not isinstance(value, str):
        yield from map(to_csl, value)
        return
    try:
        path = reference_files.locate(document.path, value)
        yield from reference_files.load_reference_file(path)
    except reference_files.ReferenceFileError as exc:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        problems.append(problem_at(path, lines, exc.line, exc.column or 1, (), str(exc)))
    except ValueError as exc:  # a file that cannot be used: it names which and why
        problems.append(document.problem((field,), str(exc)))
