"""A briefing's tables of editions (content/edition_data.py) → an axis each: one value per row, and the briefing
as that row's edition reads it, each `{table.column}` in its text replaced by the row's value; text as it reads
for all editions at once (the index's title)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from briefgen.content.edition_data import PLACEHOLDER, EditionTable
from briefgen.content.model import Briefing, Wording
from briefgen.content.richtext import escaped
from briefgen.content.table_model import Row
from briefgen.views.axes import Axis, mid_sentence


@dataclass(frozen=True)
class Edition:
    """One row of a table of editions, as a value of its axis."""

    axis: str
    key: str
    label: str
    values: tuple[tuple[str, str], ...]
    """Column → value, as printed."""


def edition_axis(table: EditionTable) -> Axis[Edition]:
    """The axis a table of editions declares: its rows in the file's order."""
    editions = [Edition(table.axis, row.key, row.label, row.values) for row in table.rows]
    return Axis(table.axis, lambda _briefing: editions, with_edition)


def with_edition(briefing: Briefing, edition: Edition) -> Briefing:
    """The briefing with every quote of the edition's table in its text replaced by the edition's value (as
    text, never markup: validation checked each quote names a column, and that the text stays short enough),
    its rewordings for this edition (`for: {icb=QHM: …}`) in place of the text they reword, and only the table
    rows this edition sees (`editions: {icb: QHM}`, as rows read from a file with `match` are)."""
    values = {column: escaped(value) for column, value in edition.values}

    def fill(text: str) -> str:
        return PLACEHOLDER.sub(lambda quote: values[quote[2]] if quote[1] == edition.axis else quote[0], text)

    filled = _filled(briefing, fill, edition)
    assert isinstance(filled, Briefing)
    return filled


def for_every_edition(text: str, tables: Sequence[EditionTable]) -> str:
    """`text` as it reads for all the editions of `tables` at once: each quote of a table as "each" and what one
    edition is ("Social prescribing in each local authority"), never the quote itself."""
    titles = {table.axis: f"each {mid_sentence(table.title)}" for table in tables}
    return PLACEHOLDER.sub(lambda quote: titles.get(quote[1], quote[0]), text)


def _elsewhere(value: Any, edition: Edition) -> bool:
    """Whether `value` is a table row for other editions of the edition's table than this one."""
    return isinstance(value, Row) and value.editions is not None and \
        value.editions.get(edition.axis, edition.key) != edition.key


def _filled(value: Any, fill: Callable[[str], str], edition: Edition) -> Any:
    """`value` with `fill` applied to every string below it that quotes a table, and each wording's text
    replaced by its rewording for `edition` (`for: {icb=QHM: …}`), whose rewordings for the other editions of
    its table are then dropped; models are copied only where something changed (a briefing without either
    comes back as it is)."""
    if isinstance(value, str):
        return fill(value) if "{" in value else value
    if isinstance(value, Wording) and any(key.partition("=")[0] == edition.axis for key in value.reworded):
        value = value.model_copy(update={
            "text": value.reworded.get(f"{edition.axis}={edition.key}", value.text),
            "reworded": {key: text for key, text in value.reworded.items()
                         if key.partition("=")[0] != edition.axis}})
    if isinstance(value, BaseModel):
        changed = {name: new for name in type(value).model_fields
                   if (new := _filled(old := getattr(value, name), fill, edition)) is not old}
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, list | tuple):
        kept = [item for item in value if not _elsewhere(item, edition)]
        items = [_filled(item, fill, edition) for item in kept]
        unchanged = len(kept) == len(value) and all(new is old for new, old in zip(items, value, strict=True))
        return value if unchanged else type(value)(items)
    if isinstance(value, Mapping):
        entries = {key: _filled(item, fill, edition) for key, item in value.items()}
        return entries if any(entries[key] is not value[key] for key in value) else value
    return value
