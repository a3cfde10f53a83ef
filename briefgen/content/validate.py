"""Validate a loaded document into a typed Briefing, reporting every problem at once with its position."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from briefgen.content import figure_checks, markdown_checks, schema, written
from briefgen.content.edition_data import EditionTable, read_tables
from briefgen.content.fields import MAX_STATEMENT_CHARS, schema_rule
from briefgen.content.figure_model import Figure
from briefgen.content.ignoring import kept
from briefgen.content.library import Library, library, read_files
from briefgen.content.loader import LoadedDocument
from briefgen.content.model import (
    BUILTIN_AUDIENCES,
    SECTION_KINDS,
    Briefing,
    Item,
    Point,
    SectionBase,
    TensionsSection,
    Wording,
    section_kind,
)
from briefgen.content.table_data import with_file_rows
from briefgen.content.table_model import Row, Table
from briefgen.content.targets import made_length, targets
from briefgen.content.word_list import with_word_list
from briefgen.errors import ContentError, FieldPath, Problem, Severity
from briefgen.rules import (
    AUDIENCE,
    CONFLICTING_FIELDS,
    DUPLICATE_ID,
    NEVER_SHOWN,
    OVER_LIMIT,
    UNCITED_FINDING,
    UNCITED_WORK,
)

_MESSAGES = {
    "missing": "required field is missing",
    "string_too_short": "must not be empty",
    "int_parsing": "must be a whole number",
    "list_type": "must be a list (lines starting with '- ')",
    "dict_type": "must be a mapping (key: value lines)",
    "model_type": "must be a mapping (key: value lines)",
    "model_attributes_type": "must be a mapping (key: value lines) or text",
    "string_type": "must be text",
    "too_short": "must not be empty",
    "string_too_long": "is too long: at most 64 characters",
    "union_tag_not_found": "must be a mapping (key: value lines)",
}
_KINDS = ", ".join(repr(kind) for kind in SECTION_KINDS)


@dataclass(frozen=True)
class Validated:
    """A briefing that passed every check, the document it was read from, its library of works, the image file
    each figure's `src` names, its tables of editions, and what it should fix."""

    briefing: Briefing
    document: LoadedDocument
    """The document validated: as loaded, with the rows of tables written as files read in."""
    library: Library
    images: dict[str, Path]
    editions: tuple[EditionTable, ...] = ()
    data_files: tuple[Path, ...] = ()
    """The files tables read their rows from, and its word list."""
    warnings: tuple[Problem, ...] = ()


def validate(document: LoadedDocument) -> Validated:
    """The document as a typed Briefing; raise ContentError with every problem found."""
    document, data_files, problems = with_file_rows(document)
    if problems:  # the tables they are about have no rows to check
        raise ContentError(problems)
    files, problems = read_files(document)
    ids = {field: {str(work["id"]) for work in files[field].works} if field in files else
           written.written_ids(document.data, field) for field in written.WORK_LISTS}
    problems += written.problems(document, ids)
    try:
        briefing = Briefing.model_validate(document.data)
    except ValidationError as exc:
        raise ContentError([*_schema_problems(document, exc.errors()), *problems]) from None
    found: dict[str, Path] = {}
    editions, edition_problems = read_tables(document, briefing)
    briefing, word_list, word_list_problems = with_word_list(document, briefing)
    problems += [*edition_problems, *word_list_problems, *_cross_check(document, briefing),
                 *figure_checks.problems(document, _figures(briefing), found), *markdown_checks.problems(document),
                 *_uncited_works(document, briefing, ids["references"]), *_uncited_findings(document, briefing),
                 *_wording_warnings(document, briefing)]
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        raise ContentError(errors)
    problems = kept(problems, document, briefing.lint.ignore)
    return Validated(briefing, document, library(briefing, files, written.cited(document.data)), found, editions,
                     (*data_files, *filter(None, [word_list])), tuple(problems))


def _schema_problems(document: LoadedDocument, errors: list[ErrorDetails]) -> list[Problem]:
    """A problem per schema error, but none for a missing field when an unknown key beside it is its
    misspelling: that key's "did you mean" says it all."""
    located = [(_as_written(document.data, _field_path(error)), error) for error in errors]
    misspelt = {(*path[:-1], close) for path, error in located if error["type"] == "extra_forbidden"
                and (close := _closest_key(document.data, path)) is not None}
    return [_problem_from_pydantic(document, path, error) for path, error in located
            if not (error["type"] == "missing" and path in misspelt)]


def _field_path(error: ErrorDetails) -> FieldPath:
    # Errors inside a tagged union are reported under the tag: a section's kind, ("sections", 0, "text", "body"),
    # or whether works are listed or in a file, ("references", "list", 0, "year"). Drop the tag.
    loc = error["loc"]
    if loc[:1] == ("sections",) and len(loc) > 2:
        return (*loc[:2], *loc[3:])
    if loc[:1] in (("references",), ("further_reading",)) and len(loc) > 1:
        return (loc[0], *loc[2:])
    return tuple(loc)


_SHORTHANDS = frozenset({Wording.SHORTHAND, Row.SHORTHAND})
"""The fields a value written in place of a mapping stands for."""


def _as_written(data: Any, path: FieldPath) -> FieldPath:
    """`path` without a last key that a shorthand stands for where the value is written as one: `title`, not
    `title.text`, for `title: "  "`."""
    parent = data
    for key in path[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return path
    return path[:-1] if path and not isinstance(parent, dict) and path[-1] in _SHORTHANDS else path


def _problem_from_pydantic(document: LoadedDocument, path: FieldPath, error: ErrorDetails) -> Problem:
    kind = error["type"]
    if kind == "extra_forbidden":
        message = _unknown_key(document.data, path)
    elif kind == "union_tag_invalid":
        path = (*path, "kind")
        message = f"unknown section kind {error['ctx']['tag']!r} (known: {_KINDS})"
    elif kind in _MESSAGES:
        message = _MESSAGES[kind]
    else:
        message = error["msg"].removeprefix("Value error, ").replace("Input should be", "must be")
    return document.problem(path, message, rule=schema_rule(error))


def _unknown_key(data: Any, path: FieldPath) -> str:
    key = str(path[-1])
    section = path[:-1] if len(path) == 3 and path[0] == "sections" else None
    if section is not None and (takers := [kind for kind, model in SECTION_KINDS.items()
                                           if key in schema.model_keys(model)]):
        kinds = " or ".join(repr(kind) for kind in takers)
        return f"a section of kind {_section_kind(data, section)!r} takes no {key!r} (sections of kind {kinds} do)"
    close = _closest_key(data, path)
    return f"unknown key {key!r}" + (f"; did you mean {close!r}?" if close else
                                     f" (allowed here: {', '.join(schema.allowed_keys(data, path[:-1]))})")


def _closest_key(data: Any, path: FieldPath) -> str | None:
    """The allowed key that the unknown key at `path` is most likely a misspelling of."""
    close = difflib.get_close_matches(str(path[-1]), schema.allowed_keys(data, path[:-1]), n=1)
    return close[0] if close else None


def _section_kind(data: Any, path: FieldPath) -> str:
    """The kind of the section at `path`, one the schema validated it by (so it has one)."""
    for part in path:
        data = data[part]
    return str(section_kind(data))


def iter_items(briefing: Briefing) -> Iterator[tuple[FieldPath, Point]]:
    """Every item of the briefing, and every point of one, with its field path."""
    for path, item in _items(briefing):
        yield path, item
        for index, point in enumerate(item.points):
            yield (*path, "points", index), point


def _items(briefing: Briefing) -> Iterator[tuple[FieldPath, Item]]:
    if briefing.summary:
        yield ("summary",), briefing.summary
    for name, spec in briefing.audiences.items():
        for index, item in enumerate(spec.actions):
            yield ("audiences", name, "actions", index), item
    for index, item in enumerate(briefing.key_messages):
        yield ("key_messages", index), item
    for s, section in enumerate(briefing.sections):
        yield from _section_items(("sections", s), section)


def _section_items(path: FieldPath, section: SectionBase) -> Iterator[tuple[FieldPath, Item]]:
    if section.intro:
        yield (*path, "intro"), section.intro
    for index, item in enumerate(section.items):
        yield (*path, "items", index), item
    if isinstance(section, TensionsSection):
        for side, pole in (("left", section.contrast.left), ("right", section.contrast.right)):
            for index, item in enumerate(pole.items):
                yield (*path, "contrast", side, "items", index), item


def _cross_check(document: LoadedDocument, briefing: Briefing) -> Iterator[Problem]:
    for name, spec in briefing.audiences.items():
        if name not in BUILTIN_AUDIENCES and not spec.include:
            yield document.problem(("audiences", name), f"audience {name!r} is the file's own: delete it rather "
                                                        "than leave it out", rule=AUDIENCE)
        elif name not in BUILTIN_AUDIENCES and spec.label is None:
            yield document.problem(("audiences", name, "label"),
                                   f"audience {name!r} is not built in, so it needs a label", rule=AUDIENCE)
    if not briefing.audience_keys():
        yield document.problem(("audiences",), "every audience is left out: a briefing needs at least one reader",
                               rule=AUDIENCE)
    for s, section in enumerate(briefing.sections):
        if section.annex and section.only == "slides":
            yield document.problem(("sections", s, "annex"), "the annex is part of the brief, and this section is "
                                                             "only in the slides (`only: slides`); drop one",
                                   rule=CONFLICTING_FIELDS)
    yield from _duplicate_ids(document, briefing)
    yield from _long_with_links(document, briefing)


def _long_with_links(document: LoadedDocument, briefing: Briefing) -> Iterator[Problem]:
    """A statement that its cross-references' titles make longer than a statement may be: the cap holds for the
    text a document makes, not only for what is written in the field."""
    found = targets(briefing)
    for path, item in _items(briefing):
        if item.see and (length := made_length(item, found, briefing.audience_label)) > MAX_STATEMENT_CHARS:
            yield document.problem((*path, "see"), f"with the titles of the statements and sections it refers to, "
                                                   f"this statement is {length:,} characters, over the limit of "
                                                   f"{MAX_STATEMENT_CHARS:,}: refer to fewer, or give them shorter "
                                                   "titles (`title:`)", rule=OVER_LIMIT)


def _figures(briefing: Briefing) -> Iterator[tuple[FieldPath, Figure]]:
    """Every figure of the briefing, a section's or a statement's, with its field path."""
    for s, section in enumerate(briefing.sections):
        if section.figure is not None:
            yield ("sections", s, "figure"), section.figure
        for index, figure in enumerate(section.figures):
            yield ("sections", s, "figures", index), figure
    for path, item in _items(briefing):
        for index, figure in enumerate(item.figures):
            yield (*path, "figures", index), figure


def _tables(briefing: Briefing) -> Iterator[tuple[FieldPath, Table]]:
    """Every table of the briefing, a section's or a statement's, with its field path."""
    for s, section in enumerate(briefing.sections):
        if section.table is not None:
            yield ("sections", s, "table"), section.table
    for path, item in _items(briefing):
        if item.table is not None:
            yield (*path, "table"), item.table


def _duplicate_ids(document: LoadedDocument, briefing: Briefing) -> Iterator[Problem]:
    owners: dict[str, FieldPath] = {}
    candidates: list[tuple[FieldPath, str | None]] = [
        *((("sections", i, "id"), section.id) for i, section in enumerate(briefing.sections)),
        *(((*path, "id"), item.id) for path, item in iter_items(briefing)),
        *(((*path, "id"), table.id) for path, table in _tables(briefing)),
        *(((*path, "id"), figure.id) for path, figure in _figures(briefing)),
        *(((field, i, "id"), ref.id) for field, works in (("references", briefing.references),
                                                         ("further_reading", briefing.further_reading))
          if not isinstance(works, str) for i, ref in enumerate(works)),
    ]
    for path, identifier in candidates:
        if identifier is None:
            continue
        if identifier in owners:
            first = document.locate(owners[identifier]).line
            yield document.problem(path, f"duplicate id {identifier!r} (first used on line {first})",
                                   rule=DUPLICATE_ID)
        else:
            owners[identifier] = path


def _uncited_works(document: LoadedDocument, briefing: Briefing, references: set[str]) -> Iterator[Problem]:
    """A warning for each work in `references` nothing cites (one for a reference file: a library exported
    whole holds many works a briefing does not cite, which are left out)."""
    cited = written.cited(document.data)
    if isinstance(briefing.references, str):
        if uncited := sorted(references - cited):
            shown = ", ".join(uncited[:5]) + (f" and {len(uncited) - 5} more" if len(uncited) > 5 else "")
            yield document.problem(("references",), f"{len(uncited)} of the works in {briefing.references!r} "
                                   f"are not cited anywhere ({shown}); they are left out", rule=UNCITED_WORK)
        return
    for index, reference in enumerate(briefing.references):
        if reference.id not in cited:
            yield document.problem(("references", index), f"{reference.id!r} is not cited anywhere: cite it "
                                   f"where it is used ([@{reference.id}]), or move it to `further_reading`",
                                   rule=UNCITED_WORK)


def _uncited_findings(document: LoadedDocument, briefing: Briefing) -> Iterator[Problem]:
    """With `require_citations`, a finding that some audience reads without a citation."""
    for s, section in enumerate(briefing.sections):
        required = briefing.require_citations if section.require_citations is None else section.require_citations
        if not required or section.kind != "findings":
            continue
        for index, item in enumerate(section.items):
            wordings = [item.text, *item.reworded.values()]
            if not item.cite and not all(written.keys_cited(text) for text in wordings):
                yield document.problem(("sections", s, "items", index),
                                       "this finding cites no work (`require_citations` is on): add [@id] to its "
                                       "text and every rewording, or a `cite:` list", rule=UNCITED_FINDING)


def _wording_warnings(document: LoadedDocument, briefing: Briefing) -> Iterator[Problem]:
    """Items reworded for every audience that reads them: their own text is never shown."""
    everyone = set(briefing.audience_keys())
    for path, item in _items(briefing):
        if path[0] == "audiences":
            readers = {str(path[1])}
        elif path[0] == "sections" and (limit := briefing.sections[int(path[1])].audiences) is not None:
            readers = everyone & set(limit)
        else:
            readers = everyone
        item_readers = _readers(item, readers)
        yield from _never_shown(document, path, item, item_readers)
        for index, point in enumerate(item.points):  # a point is read by those of its item's readers it is for
            yield from _never_shown(document, (*path, "points", index), point, _readers(point, item_readers))


def _readers(statement: Point, readers: set[str]) -> set[str]:
    """Which of `readers` read `statement`."""
    return readers & set(statement.audiences) if statement.audiences is not None else readers


def _never_shown(document: LoadedDocument, path: FieldPath, statement: Point, readers: set[str]) -> Iterator[Problem]:
    if statement.reworded and readers <= set(statement.reworded):
        yield document.problem((*path, "text"), "reworded (`for`) for every audience that reads this, so this text "
                                                "is never shown: make it the text most of them read, and reword it "
                                                "for the others", rule=NEVER_SHOWN)
