"""Every field of the brand file schema, found two ways: declared, by walking brand-yml's models (and briefgen's
`defaults.briefgen` settings); and written, in a brand file that fills each one (fixtures/brands/every_field). A
test plants hostile values in each field and each name a brand chooses, so that a field brand-yml or briefgen
adds is checked without a list of fields to update."""

from __future__ import annotations

import sys
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, ForwardRef, Literal

import yaml
from pydantic import BaseModel, RootModel

from briefgen.content.brand_schema import BriefgenSettings
from briefgen.errors import FieldPath
from tests.conftest import FIXTURES, FONTS

EVERY_FIELD = FIXTURES / "brands" / "every_field"

Kind = tuple[str, str]
"""A field of the schema: the model that declares it and its key as written, e.g. ("BrandColor", "primary")."""


@dataclass(frozen=True)
class Place:
    """Somewhere a brand file holds a value of its own: a field's value, or a name it gives as a key (a palette
    colour's, an audience's, a logo image's)."""

    path: FieldPath
    key: bool


def brand_folder(folder: Path) -> Path:
    """The every-field brand in `folder` (which must not exist), with its font file and Office templates."""
    import shutil

    from docx import Document
    from pptx import Presentation

    shutil.copytree(EVERY_FIELD, folder)
    shutil.copytree(FONTS, folder / "fonts", ignore=shutil.ignore_patterns("*.md"))
    Presentation().save(str(folder / "template.pptx"))
    Document().save(str(folder / "template.docx"))
    return folder


def declared() -> set[Kind]:
    """Every field of brand-yml's `Brand`, down through its models, and of briefgen's settings; fields brand-yml
    keeps to itself (excluded from its output, such as the path it was read from) aside."""
    import brand_yml

    found: set[Kind] = set()
    models: list[type[BaseModel]] = [brand_yml.Brand, BriefgenSettings]
    seen: set[type[BaseModel]] = set()
    while models:
        model = models.pop()
        seen.add(model)
        for name, field in model.model_fields.items():
            if field.exclude:
                continue
            found.add((model.__name__, field.alias or name))
            models += [part for part in _parts(_resolved(field.annotation, model)) if _is_model(part)
                       and part not in seen]
    return found


def written() -> tuple[set[Kind], list[Place]]:
    """The fields the fixture writes, and every place in it holding a value or a chosen name."""
    import brand_yml

    data = yaml.safe_load((EVERY_FIELD / "_brand.yml").read_text(encoding="utf-8"))
    kinds: set[Kind] = set()
    places: list[Place] = []
    _walk(brand_yml.Brand, data, (), kinds, places)
    return kinds, places


def _walk(annotation: Any, value: Any, path: FieldPath, kinds: set[Kind], places: list[Place]) -> None:
    if path == ("defaults", "briefgen"):
        annotation = BriefgenSettings
    chosen = next((part for part in _alternatives(annotation) if _fits(part, value)), Any)
    if _is_model(chosen):
        fields = {field.alias or name: field for name, field in chosen.model_fields.items()}
        for key, item in value.items():
            kinds.add((chosen.__name__, key))
            _walk(_resolved(fields[key].annotation, chosen), item, (*path, key), kinds, places)
    elif isinstance(value, dict):  # a mapping of names the brand chooses (palette, audiences, images, defaults)
        items = typing.get_args(chosen)[1] if typing.get_origin(chosen) is dict else Any
        for key, item in value.items():
            places.append(Place((*path, key), key=True))
            _walk(items, item, (*path, key), kinds, places)
    elif isinstance(value, list):
        items = typing.get_args(chosen)[0] if typing.get_origin(chosen) is list else Any
        for index, item in enumerate(value):
            _walk(items, item, (*path, index), kinds, places)
    else:
        places.append(Place(path, key=False))


def _alternatives(annotation: Any) -> list[Any]:
    """The types a value of `annotation` may take, models first: a model is chosen over a mapping that fits."""
    if typing.get_origin(annotation) in (typing.Union, UnionType):
        options = [part for argument in typing.get_args(annotation) for part in _alternatives(argument)]
        return sorted(options, key=lambda part: not _is_model(part))
    if typing.get_origin(annotation) is typing.Annotated:
        return _alternatives(typing.get_args(annotation)[0])
    return [annotation]


def _fits(annotation: Any, value: Any) -> bool:
    """Whether `value` as written could be a value of `annotation` (a model: its keys are the model's, and its
    Literal fields, such as a font's `source`, hold one of their values)."""
    if _is_model(annotation):
        if not isinstance(value, dict):
            return False
        fields = {field.alias or name: field for name, field in annotation.model_fields.items()}
        return set(value) <= set(fields) and all(
            value[key] in typing.get_args(field.annotation) for key, field in fields.items()
            if key in value and typing.get_origin(field.annotation) is Literal)
    origin = typing.get_origin(annotation) or annotation
    return origin in (dict, list) and isinstance(value, origin)


def _resolved(annotation: Any, model: type[BaseModel]) -> Any:
    """`annotation`, its forward references (brand-yml writes some as strings) looked up in `model`'s module."""
    if isinstance(annotation, ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        return eval(annotation, vars(sys.modules[model.__module__]))
    return annotation


def _parts(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _parts(argument)


def _is_model(annotation: Any) -> bool:
    """A model with fields of its own (a RootModel, such as a weight or a file location, is one value)."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel) and not issubclass(annotation, RootModel)
