"""Every field of the schema that holds text or a cite key, found two ways: declared, by reading model.py's
annotations; and written, in a briefing that fills each one (fixtures/every_text_field.yaml). A test plants a bad
citation in each in turn, so a field added to the schema is checked without a list of fields to update."""

from __future__ import annotations

import copy
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from briefgen.content import schema
from briefgen.content.fields import Role, StrictModel
from briefgen.content.model import Briefing
from briefgen.content.written import WORK_LISTS
from briefgen.errors import FieldPath
from tests.conftest import FIXTURES

EVERY_TEXT_FIELD = FIXTURES / "every_text_field.yaml"
BAD_KEY = "nobody-1999"
"""A key no work has, and close to none of the fixture's ids (so the message suggests none)."""
UNKNOWN = f"cites unknown work {BAD_KEY!r} (no work has that id in `references`)"

Kind = tuple[str, str]
"""A field of the schema: the model that declares it and its key as written, e.g. ("AudienceSpec", "framing")."""


def declared() -> set[Kind]:
    """Every field of the schema from `Briefing` down (but the lists of works, whose text cites nothing) whose
    type, or a type inside it (a list's items, a mapping's values, `| None`), carries a Role."""
    found: set[Kind] = set()
    models: list[type[StrictModel]] = [Briefing]
    seen: set[type[StrictModel]] = set()
    while models:
        model = models.pop()
        seen.add(model)
        for key, field in schema.model_keys(model).items():
            if model is Briefing and key in WORK_LISTS:
                continue
            inside = [part for annotation in (field.annotation, *field.metadata) for part in _parts(annotation)]
            if any(isinstance(part, Role) for part in inside):
                found.add((model.__name__, key))
            models += [part for part in inside if isinstance(part, type) and issubclass(part, StrictModel)
                       and part not in seen]
    return found


def _parts(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _parts(argument)


def written() -> dict[FieldPath, tuple[Kind, Role]]:
    """Every text and cite key of the fixture outside the lists of works, by path: the field it is and its role."""
    data = yaml.safe_load(EVERY_TEXT_FIELD.read_text(encoding="utf-8"))
    models = {node.path: node for node in schema.nodes(data) if isinstance(node.kind, type)
              and issubclass(node.kind, StrictModel)}
    found: dict[FieldPath, tuple[Kind, Role]] = {}
    for path, _, role in schema.texts(data):
        if path[0] in WORK_LISTS:
            continue
        owner = next(models[path[:depth]] for depth in range(len(path), -1, -1) if path[:depth] in models)
        key = owner.kind.SHORTHAND if not isinstance(owner.value, dict) else path[len(owner.path)]
        found[path] = ((owner.kind.__name__, str(key)), role)
    return found


def one_of_each() -> dict[Kind, FieldPath]:
    """For each field written in the fixture, the first place it is written."""
    first: dict[Kind, FieldPath] = {}
    for path, (kind, _) in written().items():
        first.setdefault(kind, path)
    return first


def planted(folder: Path, path: FieldPath) -> tuple[Path, int, int]:
    """The fixture written into `folder` with BAD_KEY cited in the text at `path` (or in place of the key a
    `cite:` list has there), and the line and column of the citation as the file then reads."""
    data = yaml.safe_load(EVERY_TEXT_FIELD.read_text(encoding="utf-8"))
    planted_data = copy.deepcopy(data)
    *parents, last = path
    holder = planted_data
    for part in parents:
        holder = holder[part]
    role = written()[path][1]
    holder[last] = BAD_KEY if role is Role.CITE_KEY else f"{holder[last].rstrip()} [@{BAD_KEY}]"
    source = folder / "planted.yaml"
    text = yaml.safe_dump(planted_data, sort_keys=False, allow_unicode=True, width=10_000)
    source.write_text(text, encoding="utf-8")
    shutil.copytree(FIXTURES / "assets", folder / "assets", dirs_exist_ok=True)
    needle = BAD_KEY if role is Role.CITE_KEY else f"@{BAD_KEY}"
    [(line, column)] = [(number, row.index(needle) + 1) for number, row in enumerate(text.splitlines(), start=1)
                        if needle in row]
    return source, line, column
