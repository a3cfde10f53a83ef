"""A validated briefing's `references` and `further_reading` → its library: the works it may cite and those it
recommends, as CSL-JSON items, whether written in the YAML or in the reference file it names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content import reference_files
from briefgen.content.loader import LoadedDocument, problem_at
from briefgen.content.model import Briefing
from briefgen.content.references import Reference, to_csl
from briefgen.content.written import WORK_LISTS
from briefgen.errors import Problem
from briefgen.rules import REFERENCE_FILE, UNUSABLE_FILE

Work = dict[str, Any]
"""A CSL-JSON item: its `id` is the key text cites it by."""


@dataclass(frozen=True)
class Library:
    cited: tuple[Work, ...]
    """The works of `references`, and those of further reading the text cites: a document lists those it cites."""
    further_reading: tuple[Work, ...]
    """Works recommended, and not cited."""
    files: tuple[Path, ...] = ()
    """The reference files the works were read from: inputs of every output made from the briefing."""


@dataclass(frozen=True)
class ReferenceFile:
    """A list of works read from a reference file beside the content."""

    path: Path
    works: list[Work]


def read_files(document: LoadedDocument) -> tuple[dict[str, ReferenceFile], list[Problem]]:
    """The works of each list of WORK_LISTS that names a reference file, read from it (from the data as
    written, so that a broken file is reported with the schema's problems), and the problems met."""
    data = document.data if isinstance(document.data, dict) else {}
    files: dict[str, ReferenceFile] = {}
    problems: list[Problem] = []
    for field in WORK_LISTS:
        name = data.get(field)
        if not isinstance(name, str) or not name.lower().endswith(reference_files.SUFFIXES):
            continue  # a list, or a mistake the schema reports
        try:
            path = reference_files.locate(document.path, name)
        except ValueError as exc:  # a file that cannot be used: it says which and why
            problems.append(document.problem((field,), str(exc), rule=UNUSABLE_FILE))
            continue
        try:
            files[field] = ReferenceFile(path, reference_files.load_reference_file(path))
        except reference_files.ReferenceFileError as exc:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            shown = document.path.parent / name  # as the author wrote it, not resolved
            problems.append(problem_at(shown, lines, exc.line, exc.column or 1, (), str(exc), rule=REFERENCE_FILE))
    return files, problems


def library(briefing: Briefing, files: dict[str, ReferenceFile], cited: set[str]) -> Library:
    """The briefing's works: those written out in it, and those `read_files` read. A work of further reading
    that the text (whose keys are `cited`) cites is listed once, as a reference."""
    def works(field: str, value: list[Reference] | str) -> tuple[Work, ...]:
        return tuple(files[field].works) if isinstance(value, str) else tuple(map(to_csl, value))

    references = works("references", briefing.references)
    listed = {str(work["id"]) for work in references}
    further = works("further_reading", briefing.further_reading)
    also_cited = tuple(work for work in further if work["id"] in cited and work["id"] not in listed)
    return Library((*references, *also_cited), tuple(work for work in further if work not in also_cited),
                   tuple(file.path for file in files.values()))
