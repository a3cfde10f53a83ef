"""Two tailored briefings (one reader's, before and after an edit) → what changed for that reader: statements,
tables, figures and sections added, removed or changed, each change's words marked."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from briefgen.content.citations import cited_keys
from briefgen.views.tailor import Statement, TailoredBriefing, TailoredFigure, TailoredSection, TailoredTable

Segment = tuple[str, str]
"""(`=`, `-` or `+`, words): words kept, removed or added."""

SIMILAR = 0.5
"""How alike (difflib's ratio) two statements without an id must read to count as one statement edited."""


@dataclass(frozen=True)
class Change:
    """One item that reads differently to one reader: what it is, how it changed, and the lines that say how."""

    item: str
    """How an author finds it: `statement km-evidence`, `table of statement trials`, `section evidence`."""
    status: str
    """`added`, `removed` or `changed`."""
    lines: tuple[tuple[Segment, ...], ...] = ()
    """Each a word diff, or a note as one kept segment ("row added: …")."""


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """`old` → `new` word by word (whitespace between words is not compared), runs of like segments merged."""
    before, after = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("=", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(after[j1:j2])))
    return tuple(segments)


def note(text: str) -> tuple[Segment, ...]:
    return (("=", text),)


def similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def matched(old: Sequence[Statement], new: Sequence[Statement], old_by_id: Mapping[str, Statement] | None = None,
            new_ids: Collection[str] | None = None) -> list[tuple[Statement | None, Statement | None]]:
    """Pairs of one statement before and after (None where it was added or removed), in the new order, then the
    removed: by `id` where they have one, else each old statement without an id with the most alike new one, if
    alike enough. `old_by_id` and `new_ids` are the whole versions' (a statement keeps its id when it moves to
    another section); by default, those of `old` and `new`."""
    if old_by_id is None:
        old_by_id = {statement.id: statement for statement in old if statement.id}
    if new_ids is None:
        new_ids = {statement.id for statement in new if statement.id}
    pairs = {index: old_by_id[statement.id] for index, statement in enumerate(new)
             if statement.id and statement.id in old_by_id}
    # The most alike pairs first (then the nearest), so that an inserted statement does not take its neighbour's.
    candidates = sorted(((similarity(before.text, after.text), -abs(position - index), position, index)
                         for position, before in enumerate(old) if not before.id
                         for index, after in enumerate(new) if not after.id), reverse=True)
    taken: set[int] = set()
    for ratio, _, position, index in candidates:
        if ratio >= SIMILAR and position not in taken and index not in pairs:
            pairs[index] = old[position]
            taken.add(position)
    kept = {id(statement) for statement in pairs.values()}
    return [*((pairs.get(index), statement) for index, statement in enumerate(new)),
            *((statement, None) for statement in old
              if id(statement) not in kept and not (statement.id and statement.id in new_ids))]


def changes(old: TailoredBriefing | None, new: TailoredBriefing | None) -> list[Change]:
    """What reads differently to one reader from `old` to `new` (None: the reader had, or has, no edition)."""
    old_sections = _sections(old)
    new_sections = _sections(new)
    old_by_id = {statement.id: statement for part in old_sections.values() for statement in part.items
                 if statement.id}
    new_ids = {statement.id for part in new_sections.values() for statement in part.items if statement.id}
    found: list[Change] = []
    for key in _union(old_sections, new_sections):
        before, after = old_sections.get(key), new_sections.get(key)
        found.extend(_section_changes(key, before, after))
        found.extend(_statement_changes(key, before.items if before else (), after.items if after else (),
                                        old_by_id, new_ids))
        found.extend(_table_changes(f"table of {key}", before.table if before else None,
                                    after.table if after else None))
        found.extend(_figure_changes(key, before.figures if before else (), after.figures if after else ()))
    return found


@dataclass(frozen=True)
class _Part:
    """A run of statements, with what belongs to the run as a whole (a section's title, table, figures)."""

    items: tuple[Statement, ...]
    heading: str | None = None
    text: str | None = None
    table: TailoredTable | None = None
    figures: tuple[TailoredFigure, ...] = ()


def _sections(briefing: TailoredBriefing | None) -> dict[str, _Part]:
    """Its key messages, actions and each section (with its contrast's sides) as parts, by how `Change` names them."""
    if briefing is None:
        return {}
    parts = {"key messages": _Part(briefing.key_messages), "actions": _Part(briefing.actions)}
    for section in briefing.sections:
        parts[f"section {section.id}"] = _Part(section.items, section.title, _section_text(section),
                                               section.table, section.figures)
        for side, pole in zip(("left", "right"), getattr(section, "contrast", ()), strict=False):
            parts[f"section {section.id} ({side}: {pole.label})"] = _Part(pole.items)
    return parts


def _section_text(section: TailoredSection) -> str:
    return "\n".join(text for text in (section.intro, getattr(section, "body", None)) if text)


def _union(old: dict[str, _Part], new: dict[str, _Part]) -> list[str]:
    return [*new, *(key for key in old if key not in new)]


def _section_changes(key: str, before: _Part | None, after: _Part | None) -> Iterator[Change]:
    if before is None or after is None:
        shown = after or before
        if shown is not None and shown.heading is not None:  # a section, not a side of its contrast
            yield Change(key, "added" if before is None else "removed", (note(shown.heading),))
        return
    lines = [*_text_lines("title", before.heading, after.heading), *_text_lines("text", before.text, after.text)]
    if lines:
        yield Change(key, "changed", tuple(lines))


def _text_lines(name: str, old: str | None, new: str | None) -> list[tuple[Segment, ...]]:
    if (old or "") == (new or ""):
        return []
    return [(("=", f"{name}:"), *word_diff(old or "", new or ""))]


def _statement_changes(key: str, old: Sequence[Statement], new: Sequence[Statement],
                       old_by_id: Mapping[str, Statement], new_ids: Collection[str]) -> Iterator[Change]:
    # A statement without an id is named by its place in the version that has it (the new one if both do).
    places = {id(statement): place for items in (old, new) for place, statement in enumerate(items, start=1)}
    for before, after in matched(old, new, old_by_id, new_ids):
        statement = after or before
        assert statement is not None
        name = f"statement {statement.id}" if statement.id else f"statement {places[id(statement)]} of {key}"
        if before is None or after is None:
            yield Change(name, "added" if before is None else "removed", (note(_full_text(statement)),))
        else:
            lines = _text_lines("text", _full_text(before), _full_text(after))
            lines.extend(_citation_lines(before, after))
            if lines:
                yield Change(name, "changed", tuple(lines))
        yield from _table_changes(f"table of {name}", before.table if before else None,
                                  after.table if after else None)
        yield from _figure_changes(name, before.figures if before else (), after.figures if after else ())


def _full_text(statement: Statement) -> str:
    """Its text and its points, as one passage of words."""
    return " ".join([statement.title or "", statement.text, *(f"• {point.text}" for point in statement.points)]).strip()


def _citation_lines(before: Statement, after: Statement) -> list[tuple[Segment, ...]]:
    old, new = set(_cited(before)), set(_cited(after))
    return [*(note(f"cites {key} (added)") for key in sorted(new - old)),
            *(note(f"no longer cites {key}") for key in sorted(old - new))]


def _cited(statement: Statement) -> Iterator[str]:
    for text in (statement.text, *(point.text for point in statement.points)):
        yield from cited_keys(text)


def _table_changes(name: str, before: TailoredTable | None, after: TailoredTable | None) -> Iterator[Change]:
    if before is None and after is None:
        return
    if before is None or after is None:
        shown = after or before
        assert shown is not None
        yield Change(name, "added" if before is None else "removed", (note(shown.caption),))
        return
    lines = [*_text_lines("caption", before.caption, after.caption),
             *_text_lines("header", " | ".join(before.header), " | ".join(after.header))]
    for old_row, new_row in matched_rows(before.rows, after.rows):
        if old_row is None:
            lines.append(note(f"row added: {' | '.join(new_row or ())}"))
        elif new_row is None:
            lines.append(note(f"row removed: {' | '.join(old_row)}"))
        elif old_row != new_row:
            lines.append((("=", "row:"), *word_diff(" | ".join(old_row), " | ".join(new_row))))
    if lines:
        yield Change(name, "changed", tuple(lines))


Row = tuple[str, ...]


def matched_rows(old: Sequence[Row], new: Sequence[Row]) -> list[tuple[Row | None, Row | None]]:
    """Rows paired by their first cell (a row's label), else by position among those left."""
    firsts = {row[0] for row in new if row}
    by_first = {row[0]: row for row in old if row and row[0] in firsts}
    loose = [row for row in old if not row or row[0] not in by_first]
    pairs: list[tuple[Row | None, Row | None]] = []
    for row in new:
        if row and row[0] in by_first:
            pairs.append((by_first.pop(row[0]), row))
        else:
            pairs.append((loose.pop(0) if loose else None, row))
    return [*pairs, *((row, None) for row in loose)]


def _figure_changes(owner: str, old: Sequence[TailoredFigure], new: Sequence[TailoredFigure]) -> Iterator[Change]:
    def key(figure: TailoredFigure) -> str:
        return figure.id or figure.src

    before = {key(figure): figure for figure in old}
    after = {key(figure): figure for figure in new}
    for name in [*after, *(name for name in before if name not in after)]:
        old_figure, new_figure = before.get(name), after.get(name)
        item = f"figure {name} of {owner}"
        if old_figure is None or new_figure is None:
            yield Change(item, "added" if old_figure is None else "removed")
            continue
        lines = [*_text_lines("image", old_figure.src, new_figure.src),
                 *_text_lines("alt", old_figure.alt, new_figure.alt),
                 *_text_lines("caption", old_figure.caption, new_figure.caption),
                 *_text_lines("source", old_figure.source_note, new_figure.source_note)]
        if lines:
            yield Change(item, "changed", tuple(lines))

