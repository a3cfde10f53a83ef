"""A validated briefing → what a `see:` cross-reference can point at: every section, statement, table and figure
with an id, with the title a link to it shows, the audiences who read it and the document it is shown in; and how
long a statement runs once its links are made from those titles."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from briefgen.content.figure_model import Figure
from briefgen.content.model import Briefing, Item, ItemsSection, SectionBase, TensionsSection
from briefgen.content.table_model import Table

_NUMBERED_LENGTH = len("Figure 999")
"""The longest a link to a table or figure runs where it is shown: its number."""


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    """What a link to it says where it cannot say its number: the statement's title, or else its section's; a
    table's or figure's caption (inline Markdown)."""
    audiences: frozenset[str] | None
    """Who reads it (None: every audience)."""
    only: str | None
    """`brief` or `slides` when it is shown in that document alone."""
    kind: str = "statement"
    """`statement`, `section`, `table` or `figure`: a link to a table or figure says its number."""

    def visible_to(self, audience: str) -> bool:
        return self.audiences is None or audience in self.audiences


def targets(briefing: Briefing) -> dict[str, Target]:
    """Every section, statement, table and figure with an id, by id."""
    found: dict[str, Target] = {}

    def add(item: Item, fallback_title: str, audiences: frozenset[str] | None, only: str | None) -> None:
        readers = _both(audiences, item.audiences)
        if item.id is not None:
            found[item.id] = Target(item.id, item.title or fallback_title, readers, only)
        add_shown(item.table, item.figures, readers, only)

    def add_shown(table: Table | None, figures: list[Figure], audiences: frozenset[str] | None,
                  only: str | None) -> None:
        """The table and figures shown with a statement or section its `audiences` read."""
        if table is not None and table.id is not None:
            found[table.id] = Target(table.id, table.caption, _both(audiences, table.audiences), only, "table")
        for figure in figures:
            if figure.id is not None:
                found[figure.id] = Target(figure.id, figure.caption or figure.alt or "the figure",
                                          _both(audiences, figure.audiences), only, "figure")

    for message in briefing.key_messages:
        add(message, "Key messages", None, None)
    for section in briefing.sections:
        audiences = frozenset(section.audiences) if section.audiences is not None else None
        only = _only(section)
        found[section.id] = Target(section.id, section.title, _readers(section, audiences), only, "section")
        for item in _statements(section):
            add(item, section.title, audiences, only)
        add_shown(section.table, section.all_figures, audiences, only)
    return found



def _readers(section: SectionBase, audiences: frozenset[str] | None) -> frozenset[str] | None:
    """Who reads anything of the section: its `audiences`, or where everything in a list of statements is for
    some audiences only, those (the others would find its heading alone, and no link should lead there)."""
    parts = [section.intro, *section.items, section.table, *section.callouts, *section.all_figures]
    if not isinstance(section, ItemsSection) or any(
            part is not None and part.audiences is None for part in parts):
        return audiences
    return _both(audiences, sorted({name for part in parts if part is not None for name in part.audiences or ()}))


def _statements(section: SectionBase) -> list[Item]:
    poles = (section.contrast.left.items + section.contrast.right.items
             if isinstance(section, TensionsSection) else [])
    return [*section.items, *poles]


def _only(section: SectionBase) -> str | None:
    return section.only or (None if section.slides.include else "brief")


def _both(outer: frozenset[str] | None, inner: list[str] | None) -> frozenset[str] | None:
    """Who reads an item limited to `inner` in a part limited to `outer`."""
    if inner is None:
        return outer
    return frozenset(inner) if outer is None else outer & frozenset(inner)


_SEE = len(" See .")
_LINK = len("“”; ")
_IN_EDITIONS = len(" (in the edition for )")
_IN_DOCUMENT = len(" (in the slides)")


def made_length(item: Item, found: Mapping[str, Target], label: Callable[[str], str]) -> int:
    """The most characters `item` runs to as a document makes it: its lead-in title, its longest wording with its
    longest addition, then "See “title” (in the edition for …); …." for each target of its `see` in `found`
    (templates/_macros.html.j2), whose length the item's own fields do not show. `label`: an audience's label."""
    wording = max(len(text) for text in [item.text, *item.reworded.values()])
    text = len(item.title or "") + wording + max(map(len, item.added.values()), default=0)
    links = [found[target] for target in item.see if target in found]
    return text + (_SEE if links else 0) + sum(_LINK + _title_length(target) + _where(target, label)
                                               for target in links)


def _title_length(target: Target) -> int:
    """The most a link to `target` says of it: its title, or a table's or figure's number or "the table " and
    caption where it cannot say its number."""
    if target.kind in ("table", "figure"):
        return max(_NUMBERED_LENGTH, len("the figure ") + len(target.title))
    return len(target.title)


def _where(target: Target, label: Callable[[str], str]) -> int:
    """The most a link says of where its target is, when this edition or document does not show it."""
    if target.audiences is None:
        return _IN_DOCUMENT
    return _IN_EDITIONS + len(", ".join(label(name) for name in target.audiences))
