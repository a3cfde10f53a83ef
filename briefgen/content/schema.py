"""The schema laid over data as written: each value with the type it is validated as, the keys a mapping
takes, and every string the schema marks as text or as a cited work's key (`fields.Role`).

Driven by model.py's annotations from `Briefing` down, so a field added there is walked too: no list of fields
is kept here. Read from the data as written rather than a validated Briefing, so that what is found there is
reported together with the schema's own problems.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import AliasChoices, Discriminator, Tag
from pydantic.fields import FieldInfo

from briefgen.content.fields import Role, StrictModel
from briefgen.content.model import Briefing
from briefgen.errors import FieldPath

_UNIONS = (typing.Union, types.UnionType)


@dataclass(frozen=True)
class Node:
    """A value of the data as written, and what the schema validates it as."""

    path: FieldPath
    value: Any
    kind: Any
    """Its type, without `Annotated` and with unions resolved: a model class, `list[…]`, `dict[…]`, `str`…"""
    metadata: tuple[Any, ...]
    """What `Annotated` adds to the type: constraints, validators, a Role."""

    @property
    def role(self) -> Role | None:
        """What a string holds when the schema marks it (text, a cite key); None for any other value."""
        if not isinstance(self.value, str):
            return None
        return next((mark for mark in self.metadata if isinstance(mark, Role)), None)


def nodes(data: Any) -> Iterator[Node]:
    """Every value of a briefing as written, parents first and in the order written, with its type. Left out,
    as the schema reports them: an unknown key and what is below it, a section of an unknown kind, and what is
    below a value of the wrong shape (a list where a mapping should be)."""
    yield from _walk(Briefing, (), data, ())


def texts(data: Any) -> Iterator[tuple[FieldPath, str, Role]]:
    """Every string of a briefing as written that the schema marks with a Role: its path, text and role."""
    for node in nodes(data):
        if (role := node.role) is not None:
            yield node.path, node.value, role


@functools.cache
def model_keys(model: type[StrictModel]) -> Mapping[str, FieldInfo]:
    """The keys `model` takes as written (a field's alias, else its name, and any other name it accepts)."""
    keys: dict[str, FieldInfo] = {}
    for name, field in model.model_fields.items():
        keys[field.alias or name] = field
        if isinstance(field.validation_alias, AliasChoices):
            keys.update((choice, field) for choice in field.validation_alias.choices if isinstance(choice, str))
    return keys


def allowed_keys(data: Any, path: FieldPath) -> list[str]:
    """The keys the schema takes in the mapping at `path` of `data` (none where it expects no mapping)."""
    model = next((node.kind for node in nodes(data)
                  if node.path == path and _is_model(node.kind) and isinstance(node.value, dict)), None)
    return list(model_keys(model)) if model else []


def _walk(kind: Any, metadata: tuple[Any, ...], value: Any, path: FieldPath) -> Iterator[Node]:
    """The nodes of `value` and below, validated as `kind` (with `metadata` from the `Annotated` around it)."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        inner, *marks = typing.get_args(kind)
        yield from _walk(inner, (*metadata, *marks), value, path)
    elif origin in _UNIONS:
        for member in _members(kind, metadata, value):
            yield from _walk(member, metadata, value, path)
    elif _is_model(kind):
        yield from _model(kind, metadata, value, path)
    elif origin is list:
        if isinstance(value, list):
            yield Node(path, value, kind, metadata)
            for index, item in enumerate(value):
                yield from _walk(typing.get_args(kind)[0], (), item, (*path, index))
    elif origin is dict:
        if isinstance(value, dict):
            yield Node(path, value, kind, metadata)
            for key, item in value.items():
                yield from _walk(typing.get_args(kind)[1], (), item, (*path, key))
    else:
        yield Node(path, value, kind, metadata)


def _model(model: type[StrictModel], metadata: tuple[Any, ...], value: Any, path: FieldPath) -> Iterator[Node]:
    """A mapping and its fields, each with its declared type; a value written in place of the mapping (a
    shorthand), and below it the same value as the field it stands for."""
    keys = model_keys(model)
    if isinstance(value, dict):
        yield Node(path, value, model, metadata)
        for key, item in value.items():
            if (field := keys.get(key)) is not None:
                yield from _walk(field.annotation, tuple(field.metadata), item, (*path, key))
    elif model.SHORTHAND is not None:
        yield Node(path, value, model, metadata)
        field = keys[model.SHORTHAND]
        yield from _walk(field.annotation, tuple(field.metadata), value, path)


def _members(union: Any, metadata: tuple[Any, ...], value: Any) -> list[Any]:
    """The types of a union `value` may be: the one its tag names, if the union is tagged (a section's kind,
    a list of works or a file's name); else every one but None, which differ in shape (`str | Organisation`)."""
    members = [member for member in typing.get_args(union) if member is not type(None)]
    tagged = next((mark.discriminator for mark in metadata if isinstance(mark, Discriminator)), None)
    if not callable(tagged):
        return members
    tag = tagged(value)
    return [member for member in members
            if any(isinstance(mark, Tag) and mark.tag == tag for mark in typing.get_args(member)[1:])]


def _is_model(kind: Any) -> typing.TypeGuard[type[StrictModel]]:
    return isinstance(kind, type) and issubclass(kind, StrictModel)
