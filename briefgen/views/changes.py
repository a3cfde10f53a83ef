"""Two tailored briefings (one reader's, before and after an edit) → what changed for that reader: the masthead's
fields, the summary and framing, statements (their slide wording, citations and cross-references), tables,
figures, call-outs, sections, glossary terms, abbreviations and the works the reader's reference list holds,
added, removed or changed, each change's words marked."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from briefgen.content.citations import cited_keys
from briefgen.content.library import Work
from briefgen.views.matching import Segment, matched, matched_rows, word_diff
from briefgen.views.tailored_briefing import (
    CrossReference,
    Statement,
    TailoredBriefing,
    TailoredCallout,
    TailoredFigure,
    TailoredSection,
    TailoredTable,
)


@dataclass(frozen=True)
class Change:
    """One item that reads differently to one reader: what it is, how it changed, and the lines that say how."""

    item: str
    """How an author finds it: `title`, `statement km-evidence`, `table of statement trials`, `section evidence`."""
    status: str
    """`added`, `removed` or `changed`."""
    lines: tuple[tuple[Segment, ...], ...] = ()
    """Each a word diff, or a note as one kept segment ("row added: …")."""


def note(text: str) -> tuple[Segment, ...]:
    return (("=", text),)


def changes(old: TailoredBriefing | None, new: TailoredBriefing | None) -> list[Change]:
    """What reads differently to one reader from `old` to `new` (None: the reader had, or has, no edition), in
    the order they read it: the masthead and lead, then the body, then the contact."""
    old_sections = _sections(old)
    new_sections = _sections(new)
    old_by_id = {statement.id: statement for part in old_sections.values() for statement in part.items
                 if statement.id}
    new_ids = {statement.id for part in new_sections.values() for statement in part.items if statement.id}
    old_fields, new_fields = _fields(old), _fields(new)
    found = [change for name in _FRONT for change in _field_changes(name, old_fields, new_fields)]
    for key in _union(old_sections, new_sections):
        before, after = old_sections.get(key), new_sections.get(key)
        found.extend(_section_changes(key, before, after))
        found.extend(_statement_changes(key, before.items if before else (), after.items if after else (),
                                        old_by_id, new_ids))
        found.extend(_table_changes(f"table of {key}", before.table if before else None,
                                    after.table if after else None))
        found.extend(_figure_changes(key, before.figures if before else (), after.figures if after else ()))
        found.extend(_callout_changes(key, before.callouts if before else (), after.callouts if after else ()))
    old_defined = {**_defined(old), **_works(old, old_sections.values())}
    new_defined = {**_defined(new), **_works(new, new_sections.values())}
    found.extend(change for name in _union(old_defined, new_defined)
                 for change in _field_changes(name, old_defined, new_defined))
    found.extend(_field_changes("contact", old_fields, new_fields))
    return found


_FRONT = ("audience", "organisation", "title", "subtitle", "authors", "date", "version", "figures as at",
          "review date", "summary", "framing")
"""The fields a reader reads before the key messages, in that order (`_fields` names them)."""


def _fields(briefing: TailoredBriefing | None) -> dict[str, str | None]:
    """What its masthead, lead and footer say, each field by how `Change` names it."""
    if briefing is None:
        return {}
    authors = "; ".join(", ".join(filter(None, (author.name, author.affiliation, author.email)))
                        for author in briefing.authors)
    return {"audience": briefing.audience.label, "organisation": briefing.organisation, "title": briefing.title,
            "subtitle": briefing.subtitle, "authors": authors, "date": briefing.date, "version": briefing.version,
            "figures as at": briefing.figures_as_at, "review date": briefing.review_date,
            "summary": briefing.summary, "framing": briefing.audience.framing, "contact": briefing.contact}


def _defined(briefing: TailoredBriefing | None) -> dict[str, str | None]:
    """Its glossary's terms and its abbreviations, each with what it means, by how `Change` names it."""
    if briefing is None:
        return {}
    return {**{f"glossary term {term}": meaning for term, meaning in briefing.glossary},
            **{f"abbreviation {short}": meaning for short, meaning in briefing.abbreviations}}


def _works(briefing: TailoredBriefing | None, parts: Iterable[_Part]) -> dict[str, str | None]:
    """The works its reader's reference list holds, those its text (its `parts`, as `_sections` made them) cites,
    each described on one line (authors, year, title, where published, its link), by how `Change` names it."""
    if briefing is None:
        return {}
    texts = [briefing.summary, briefing.audience.framing]
    cited: set[str] = set()
    for part in parts:
        texts += [part.text, *(cell for row in (part.table.rows if part.table else ()) for cell in row),
                  *(text for callout in part.callouts for text in (callout.text, callout.slide_text)),
                  *(statement.slide_text for statement in part.items)]
        cited.update(key.lower() for statement in part.items for key in _cited(statement))
    cited.update(key.lower() for text in texts if text for key in cited_keys(text))
    return {f"reference {work['id']}": _described(work) for work in briefing.references
            if str(work["id"]).lower() in cited}


def _described(work: Work) -> str:
    authors = "; ".join(" ".join(filter(None, (name.get("given"), name.get("family")))) or name.get("literal", "")
                        for name in work.get("author", []))
    year = (work.get("issued", {}).get("date-parts") or [[None]])[0][0]
    return " · ".join(str(part) for part in (authors, year, work.get("title"), work.get("container-title"),
                                             work.get("volume"), work.get("page"), work.get("DOI") or work.get("URL"))
                      if part)


def _field_changes(name: str, old: Mapping[str, str | None], new: Mapping[str, str | None]) -> Iterator[Change]:
    before, after = old.get(name), new.get(name)
    if (before or "") == (after or ""):
        return
    if not before or not after:
        yield Change(name, "added" if not before else "removed", (note(before or after or ""),))
        return
    yield Change(name, "changed", (word_diff(before, after), *_keyed_lines("cites", cited_keys(before),
                                                                           cited_keys(after))))


@dataclass(frozen=True)
class _Part:
    """A run of statements, with what belongs to the run as a whole (a section's title, table, figures)."""

    items: tuple[Statement, ...]
    heading: str | None = None
    text: str | None = None
    slide_text: str | None = None
    table: TailoredTable | None = None
    figures: tuple[TailoredFigure, ...] = ()
    callouts: tuple[TailoredCallout, ...] = ()


def _sections(briefing: TailoredBriefing | None) -> dict[str, _Part]:
    """Its key messages, actions (headed as the panel that shows them is) and each section (with its contrast's
    sides, each headed by its label and captioned) as parts, by how `Change` names them."""
    if briefing is None:
        return {}
    actions_heading = briefing.audience.heading if briefing.actions else None
    parts = {"key messages": _Part(briefing.key_messages), "actions": _Part(briefing.actions, actions_heading)}
    for section in briefing.sections:
        parts[f"section {section.id}"] = _Part(section.items, section.title, _section_text(section),
                                               section.slide_text, section.table, section.figures,
                                               section.callouts)
        for side, pole in zip(("left", "right"), getattr(section, "contrast", ()), strict=False):
            parts[f"section {section.id} ({side})"] = _Part(pole.items, pole.label, pole.caption)
    return parts


def _section_text(section: TailoredSection) -> str:
    return "\n".join(text for text in (section.intro, getattr(section, "body", None)) if text)


def _union(old: Mapping[str, object], new: Mapping[str, object]) -> list[str]:
    return [*new, *(key for key in old if key not in new)]


def _section_changes(key: str, before: _Part | None, after: _Part | None) -> Iterator[Change]:
    if before is None or after is None:
        shown = after or before
        if shown is not None and shown.heading is not None:  # not the key messages, nor actions none had
            yield Change(key, "added" if before is None else "removed", (note(shown.heading),))
        return
    lines = [*_text_lines("title", before.heading, after.heading), *_text_lines("text", before.text, after.text),
             *_text_lines("slide", before.slide_text, after.slide_text)]
    if lines:
        yield Change(key, "changed", tuple(lines))


def _text_lines(name: str, old: str | None, new: str | None) -> list[tuple[Segment, ...]]:
    if (old or "") == (new or ""):
        return []
    return [(("=", f"{name}:"), *word_diff(old or "", new or ""))]


def _place(thing: Statement | TailoredCallout) -> int:
    """Its place (from 1) in its list as written, in the version that has it (the new one if both do): how a thing
    without an id is named, the same for every audience whatever each is shown of the list."""
    place = thing.source[-1]
    assert isinstance(place, int)
    return place + 1


def _statement_changes(key: str, old: Sequence[Statement], new: Sequence[Statement],
                       old_by_id: Mapping[str, Statement], new_ids: Collection[str]) -> Iterator[Change]:
    for before, after in matched(old, new, _text, _id, old_by_id, new_ids):
        statement = after or before
        assert statement is not None
        name = f"statement {statement.id}" if statement.id else f"statement {_place(statement)} of {key}"
        if before is None or after is None:
            yield Change(name, "added" if before is None else "removed", (note(_full_text(statement)),))
        else:
            lines = [*_text_lines("text", _full_text(before), _full_text(after)),
                     *_text_lines("slide", before.slide_text, after.slide_text),
                     *_keyed_lines("cites", _cited(before), _cited(after)),
                     *_reference_lines(before.see, after.see)]
            if lines:
                yield Change(name, "changed", tuple(lines))
        yield from _table_changes(f"table of {name}", before.table if before else None,
                                  after.table if after else None)
        yield from _figure_changes(name, before.figures if before else (), after.figures if after else ())


def _text(statement: Statement) -> str:
    return statement.text


def _id(statement: Statement) -> str | None:
    return statement.id


def _full_text(statement: Statement) -> str:
    """Its text and its points, as one passage of words."""
    return " ".join([statement.title or "", statement.text, *(f"• {point.text}" for point in statement.points)]).strip()


def _cited(statement: Statement) -> Iterator[str]:
    for text in (statement.text, *(point.text for point in statement.points)):
        yield from cited_keys(text)


def _keyed_lines(verb: str, old: Iterable[str], new: Iterable[str]) -> list[tuple[Segment, ...]]:
    """The keys (works cited, targets referred to) one version names and the other does not."""
    before, after = set(old), set(new)
    return [*(note(f"{verb} {key} (added)") for key in sorted(after - before)),
            *(note(f"no longer {verb} {key}") for key in sorted(before - after))]


def _reference_lines(old: Sequence[CrossReference], new: Sequence[CrossReference]) -> list[tuple[Segment, ...]]:
    """`see:` targets added or dropped, and those a reader finds elsewhere (another edition, one document) now."""
    before = {reference.target: _whereabouts(reference) for reference in old}
    after = {reference.target: _whereabouts(reference) for reference in new}
    return [*(note(f"refers to {target} (added){where and ', ' + where}") for target, where in after.items()
              if target not in before),
            *(note(f"no longer refers to {target}") for target in before if target not in after),
            *(note(f"refers to {target}, now {where or 'in this edition'}") for target, where in after.items()
              if target in before and before[target] != where)]


def _whereabouts(reference: CrossReference) -> str:
    """Where its reader finds the target when not in this document, as the link says (templates/_macros.html.j2)."""
    if reference.elsewhere:
        return f"in the edition for {', '.join(label.lower() for label in reference.elsewhere)}"
    return f"in the {reference.only} alone" if reference.only else ""


def _callout_changes(key: str, old: Sequence[TailoredCallout], new: Sequence[TailoredCallout]) -> Iterator[Change]:
    for before, after in matched(old, new, _callout_text):
        callout = after or before
        assert callout is not None
        name = f"call-out {_place(callout)} of {key}"
        if before is None or after is None:
            yield Change(name, "added" if before is None else "removed", (note(_callout_text(callout)),))
            continue
        lines = [*_text_lines("tone", before.tone, after.tone), *_text_lines("title", before.title, after.title),
                 *_text_lines("text", before.text, after.text),
                 *_text_lines("slide", before.slide_text, after.slide_text)]
        if lines:
            yield Change(name, "changed", tuple(lines))


def _callout_text(callout: TailoredCallout) -> str:
    return " ".join(filter(None, (callout.title, callout.text)))


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

