"""A brand file's data → checked against the schema: brand-yml's (the one Quarto and Posit use: an unknown key is
an error), and briefgen's own settings under `defaults.briefgen`; every field that does not follow it reported at
once, where it is written.

Values that reach the outputs are held to grammars, so that nothing built from them needs escaping: every font
family to typography.FAMILY_NAME (brand_grammar.py, with the shapes brand-yml takes for granted), audience names
to the briefing's own (here); colours are normalised to `#rrggbb` as they are resolved (colour.py), and font
weights and styles come from fixed sets (typography.py).
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_core import ErrorDetails

from briefgen.content import brand_grammar
from briefgen.content.fields import AudienceName, StrictModel, schema_rule
from briefgen.content.loader import LoadedDocument
from briefgen.errors import ContentError, FieldPath, Problem
from briefgen.rules import INVALID_VALUE


class AudienceColours(StrictModel):
    """An audience's own accent, in place of the brand's primary colour."""

    accent: str
    """Headings, links and panels in this audience's documents."""
    tint: str | None = None
    """Background of its tinted panels (default: 8% of `accent` on the background)."""


class OfficeSettings(StrictModel):
    """`defaults.briefgen.office`: the organisation's own PowerPoint and Word templates."""

    pptx_template: str | None = None
    """A .pptx beside the brand file whose slide layouts, master and theme the decks are made from."""
    docx_template: str | None = None
    """A .docx beside the brand file whose styles, page set-up, headers and footers the briefs are made with."""
    layouts: dict[Literal["title", "bullets", "statement", "quote", "text", "references", "contrast", "figure",
                          "table"], str] = Field(default_factory=dict)
    """Which of the template's slide layouts (by name) each kind of slide is made from; the rest keep the
    names of PowerPoint's built-in template (docs/office.md)."""


class BriefgenSettings(StrictModel):
    """`defaults.briefgen`: what the brand-yml schema has no field for (colours, Office templates)."""

    muted: str | None = None
    """Secondary text: bylines, captions, page headers and footers (default: 80% foreground on background)."""
    rule: str | None = None
    """Dividing lines (default: 20% foreground on background)."""
    accent_tint: str | None = Field(None, alias="accent-tint")
    """Background of tinted panels: key messages, call-outs (default: 8% primary on background)."""
    note_tint: str | None = Field(None, alias="note-tint")
    """Background of caveat call-outs and speaker notes (default: 5% foreground on background)."""
    chart_colours: list[str] | None = Field(None, alias="chart-colours", min_length=1, max_length=8)
    """The colours of a chart's series, in order (default: the accent, the foreground, a mix of the two and the
    muted text colour); each needs 3:1 contrast against the background."""
    audiences: dict[AudienceName, AudienceColours] = Field(default_factory=dict)
    """Per audience (by its name in the briefing), its own accent."""
    office: OfficeSettings = Field(default_factory=OfficeSettings)
    """The organisation's own PowerPoint and Word templates."""


def validate_schema(document: LoadedDocument) -> BriefgenSettings:
    """The file's `defaults.briefgen` settings, once the whole file is found to follow the schema; else
    ContentError lists every field that does not."""
    import brand_yml  # only a build that loads brands needs it (it imports pydantic and ruamel.yaml)
    from brand_yml._defs import CircularReferenceError

    found, readable = brand_grammar.problems(document.data)
    problems = [document.problem(path, message, rule=INVALID_VALUE) for path, message in found]
    try:
        if readable:
            brand_yml.Brand.model_validate(copy.deepcopy(document.data))  # it rewrites shorthands in place
    except CircularReferenceError as exc:  # raised past pydantic: names that stand for each other
        section = ("logo", "images") if exc.name == "logo" else ("color", "palette")
        problems.append(document.problem((*section, *exc.path[:1]),
                                         f"names refer to each other in a loop: {' -> '.join(exc.seen)}",
                                         rule=INVALID_VALUE))
    except ValidationError as exc:
        problems += _schema_problems(document, exc.errors())
    except (TypeError, KeyError, AttributeError, IndexError) as exc:  # a shape brand_grammar does not foresee
        problems.append(document.problem((), f"brand-yml cannot read this file ({type(exc).__name__}: {exc})",
                                         rule=INVALID_VALUE))
    settings = BriefgenSettings()
    try:
        settings = BriefgenSettings.model_validate(_briefgen(document.data) or {})
    except ValidationError as exc:
        problems += [_problem(document, ("defaults", "briefgen", *error["loc"]), error) for error in exc.errors()]
    if problems:
        raise ContentError(problems)
    return settings


def _schema_problems(document: LoadedDocument, errors: list[ErrorDetails]) -> list[Problem]:
    """A problem per error brand-yml's schema finds, at the field it concerns. Of the errors pydantic gives for
    each member of a union that a value matches none of, only those of the member it came nearest to matching
    are kept, the one whose errors lie deepest in the data (and are about a value, not a key): a logo with an
    error in its `medium` is not also told that a logo needs a `path`."""
    walked = [(error, *_data_path(document.data, error["loc"])) for error in errors]
    scores: dict[tuple[FieldPath, str | int], tuple[int, bool]] = {}
    for error, path, members in walked:
        score = (len(path), error["type"] not in ("missing", "extra_forbidden"))
        for member in members:
            scores[member] = max(scores.get(member, score), score)
    nearest: dict[FieldPath, tuple[int, bool]] = {}
    for (place, _), score in scores.items():
        nearest[place] = max(nearest.get(place, score), score)
    problems = []
    for error, path, members in walked:
        if all(scores[member] == nearest[member[0]] for member in members):
            if error["type"] == "union_tag_invalid":  # at the key that names the member (a font's `source`)
                path = (*path, str(error.get("ctx", {}).get("discriminator", "")).strip("'"))
            problems.append(_problem(document, path, error))
    return problems


def _problem(document: LoadedDocument, path: FieldPath, error: ErrorDetails) -> Problem:
    """A pydantic error as a problem at the field `path`."""
    if error["type"] == "extra_forbidden":
        message = f"unknown key {error['loc'][-1]!r}"
    else:
        message = error["msg"].removeprefix("Value error, ").replace("Input should be", "must be")
    return document.problem(path, message, rule=schema_rule(error))


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[FieldPath, tuple[tuple[FieldPath, str | int], ...]]:
    """The fields of `data` a pydantic error location passes through, and what else it names on the way, each
    with the field it names it at: the member of a union it tried there, or a field that is missing."""
    path: list[str | int] = []
    members = []
    for part in loc:
        inside = isinstance(data, dict) and part in data
        if inside or (isinstance(data, list) and isinstance(part, int) and part < len(data)):
            data = data[part]
            path.append(part)
        else:
            members.append((tuple(path), part))
    return tuple(path), tuple(members)


def _briefgen(data: dict[str, Any]) -> Any:
    """What the file's `defaults.briefgen` holds, if it has one."""
    defaults = data.get("defaults")
    return defaults.get("briefgen") if isinstance(defaults, dict) else None
