"""A content file's data as written → the problems between its fields: citations that are malformed or name
a work in neither `references` nor `further_reading`, footnotes not closed, cross-references (`see:`) to ids
that name no section, statement, table or figure, tables whose rows or alignments do not match their header,
audiences that are not defined or that per-audience text names though its item is limited away from them.

Read from the data as written rather than from the typed briefing, so these are reported together with the
schema's problems: an author sees every mistake at once. Citations are read wherever the schema says text is
(content.schema), so each is reported at the field it is written in, whichever field that is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from briefgen.content import citations, schema
from briefgen.content.chart_checks import chart_problems
from briefgen.content.fields import Role
from briefgen.content.footnotes import FootnoteSyntaxError, footnotes
from briefgen.content.loader import LoadedDocument
from briefgen.content.model import BUILTIN_AUDIENCES
from briefgen.errors import FieldPath, Problem
from briefgen.rules import AUDIENCE, TABLE_SHAPE, UNKNOWN_CITATION, UNRESOLVED_SEE, UNSUPPORTED_MARKDOWN

WORK_LISTS = ("references", "further_reading")
"""The lists of works; the text of the rest of a briefing may cite them."""


def problems(document: LoadedDocument, works: Mapping[str, set[str]]) -> Iterator[Problem]:
    """Every problem of the kinds above; `works`: the ids in each of WORK_LISTS (from a reference file too)."""
    yield from _citation_problems(document, works)
    yield from _footnote_problems(document)
    yield from _see_problems(document)
    yield from _table_problems(document)
    yield from _audience_problems(document)


def cited(data: Any) -> set[str]:
    """The keys of every work the briefing's text cites."""
    found: set[str] = set()
    for _, text, role in _citing(data):
        found.update([text] if role is Role.CITE_KEY else keys_cited(text))
    return found


def keys_cited(text: str) -> list[str]:
    """The keys `text` cites, in order; none if a citation in it is malformed (`problems` reports that)."""
    try:
        return list(citations.cited_keys(text))
    except citations.CitationSyntaxError:
        return []


def written_ids(data: Any, field: str) -> set[str]:
    """The ids of the works written out in the list `field` (none if it names a file)."""
    works = data.get(field) if isinstance(data, dict) else None
    return {work["id"] for work in works or () if isinstance(work, dict) and isinstance(work.get("id"), str)} if (
        isinstance(works, list)) else set()


def _citation_problems(document: LoadedDocument, works: Mapping[str, set[str]]) -> Iterator[Problem]:
    references, further = works["references"], works["further_reading"]

    def check(path: FieldPath, key: str, written: str, in_text: bool = False) -> Iterator[Problem]:
        if key not in references and key not in further:  # a work recommended may be cited too
            close = difflib.get_close_matches(key, sorted(references), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else (
                " (no work has that id in `references`)" if references else "; add it to `references`")
            # An @ in the sentence may have been meant as text: a handle, not a citation.
            as_text = "; to write an @ that cites nothing, write \\@" if in_text else ""
            yield document.problem_in_text(path, written, f"cites unknown work {key!r}{hint}{as_text}",
                                           rule=UNKNOWN_CITATION)

    for path, text, role in _citing(document.data):
        if role is Role.CITE_KEY:
            yield from check(path, text, text)
            continue
        try:
            for cluster in citations.clusters(text):
                for cite in cluster.cites:
                    yield from check(path, cite.key, f"@{cite.key}", cite.mode is citations.Mode.AUTHOR_IN_TEXT)
        except citations.CitationSyntaxError as exc:
            yield document.problem_in_text(path, text[exc.start:exc.start + 20], str(exc), rule=UNKNOWN_CITATION)


def _footnote_problems(document: LoadedDocument) -> Iterator[Problem]:
    """Footnotes (`^[…]`) whose brackets are not closed."""
    for path, text, role in _citing(document.data):
        if role is not Role.CITE_KEY and "^[" in text:
            try:
                list(footnotes(text))
            except FootnoteSyntaxError as exc:
                yield document.problem_in_text(path, text[exc.start:exc.start + 20], str(exc),
                                               rule=UNSUPPORTED_MARKDOWN)


def _citing(data: Any) -> Iterator[tuple[FieldPath, str, Role]]:
    """Every text of the briefing, and every key of a `cite:` list, with its path and role: not the lists of
    works, whose text is printed as written and cites nothing."""
    return ((path, text, role) for path, text, role in schema.texts(data) if path[0] not in WORK_LISTS)


def _see_problems(document: LoadedDocument) -> Iterator[Problem]:
    body = _body(document.data)
    known = {value for path, value in strings(body, ()) if _is_target(path)}
    for path, target in strings(body, ()):
        if path[-2:-1] == ("see",) and target not in known:
            close = difflib.get_close_matches(target, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else (
                " (give the statement, section, table or figure that id)")
            yield document.problem(path, f"no section, statement, table or figure has the id {target!r}{hint}",
                                   rule=UNRESOLVED_SEE)


_STATEMENTS = {("key_messages", 0), ("sections", 0, "items", 0), ("sections", 0, "contrast", "left", "items", 0),
               ("sections", 0, "contrast", "right", "items", 0)}
"""Where the statements `see:` can point at are written (content.targets)."""
_SHOWING = {*_STATEMENTS, ("sections", 0)}
"""Where the statements and sections whose tables and figures `see:` can point at are written."""


def _is_target(path: FieldPath) -> bool:
    """Whether `path` is the id of something `see:` can point at (content.targets): a key message, a section,
    a statement of a section or of one of its poles, or a table or figure of one of them."""
    shape = tuple(part if isinstance(part, str) else 0 for part in path)
    if shape[-1:] != ("id",):
        return False
    owner = shape[:-1]
    return owner in _SHOWING or (owner[:-1] in _SHOWING and owner[-1:] == ("table",)) or (
        owner[:-2] in _SHOWING and owner[-2:] == ("figures", 0)) or owner == ("sections", 0, "figure")


def _table_problems(document: LoadedDocument) -> Iterator[Problem]:
    for path, table in mappings(document.data, ()):
        if path[-1:] != ("table",):
            continue
        header, align, rows = table.get("header"), table.get("align"), table.get("rows")
        if not isinstance(header, list):
            continue
        columns = len(header)
        if isinstance(align, list) and len(align) != columns:
            yield document.problem((*path, "align"), f"gives {len(align)} alignments for {columns} columns",
                                   rule=TABLE_SHAPE)
        for index, row in enumerate(rows if isinstance(rows, list) else ()):
            cells = row.get("cells") if isinstance(row, dict) else row
            if isinstance(cells, list) and len(cells) != columns:
                yield document.problem((*path, "rows", index), f"row has {len(cells)} of the header's {columns} "
                                                               f"columns; give every row {columns} cells",
                                       rule=TABLE_SHAPE)
        if isinstance(total := table.get("total"), list) and len(total) != columns:
            yield document.problem((*path, "total"), f"the total row has {len(total)} of the header's {columns} "
                                                     f"columns; give it {columns} cells (or write `total: sum`)",
                                   rule=TABLE_SHAPE)
        yield from chart_problems(document, path, table)


_PER_AUDIENCE = (("for",), ("add",), ("slide", "for"))
"""The fields that map audience names to text, in an item."""


def _audience_problems(document: LoadedDocument) -> Iterator[Problem]:
    """Audience names that are not built in or defined, and per-audience text for audiences an item is not
    shown to, wherever they are written (items, points, rows, call-outs, sections)."""
    defined = document.data.get("audiences") if isinstance(document.data, dict) else None
    known = set(BUILTIN_AUDIENCES) | (set(defined) if isinstance(defined, dict) else set())

    def unknown(path: FieldPath, name: str) -> Problem | None:
        if name in known:
            return None
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(sorted(known))})"
        return document.problem(path, f"unknown audience {name!r}{hint}", rule=AUDIENCE)

    for path, mapping in mappings(_body(document.data), ()):
        written = mapping.get("audiences")
        limited = [name for name in written if isinstance(name, str)] if isinstance(written, list) else None
        for index, name in enumerate(limited or ()):
            if problem := unknown((*path, "audiences", index), name):
                yield problem
        for field in _PER_AUDIENCE:
            texts: Any = mapping
            for key in field:
                texts = texts.get(key) if isinstance(texts, dict) else None
            for name in texts if isinstance(texts, dict) else ():
                if "=" in name and field[-1] == "for":  # an edition's rewording: edition_data checks it
                    continue
                if problem := unknown((*path, *field, name), name):
                    yield problem
                elif limited is not None and name not in limited:
                    what = "reworded" if field == ("for",) else repr(field[0])
                    yield document.problem((*path, *field, name),
                                           f"{what} for {name!r}, but the item is limited to {limited}", rule=AUDIENCE)


def mappings(data: Any, path: FieldPath) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Every mapping below `data`, with its path."""
    if isinstance(data, dict):
        yield path, data
        for key, value in data.items():
            yield from mappings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from mappings(value, (*path, index))


def _body(data: Any) -> Any:
    """The briefing without its lists of works (they hold no statements or audiences) and its audiences'
    definitions (whose keys are audience names, not fields); their actions are kept."""
    if not isinstance(data, dict):
        return data
    body = {key: value for key, value in data.items() if key not in (*WORK_LISTS, "audiences")}
    defined = data.get("audiences")
    if isinstance(defined, dict):
        body["audiences"] = {name: {"actions": spec["actions"]} for name, spec in defined.items()
                             if isinstance(spec, dict) and "actions" in spec}
    return body


def strings(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text field below `data`, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
