"""The content schema → a JSON Schema of it, for editors: with `# yaml-language-server: $schema=…` at the top of
a briefing, VS Code's YAML extension (and any editor using the YAML language server) completes its fields,
shows each field's documentation and flags an unknown key as the author types.

The schema is pydantic's, made to accept what briefgen accepts as written: a value in place of a mapping (a
bare string for `{text: …}`, a list for a row's `{cells: …}`, `false` for an audience left out), every name a
field may be written under (`journal` for `container`), a table's rows read from a file (`rows: {from: …}`),
and any scalar where text is wanted (briefgen reads every value as text: `version: 2` is "2"). Each field's
description is its docstring, read from the source here rather than by pydantic on every run.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from pydantic import AliasChoices
from pydantic.json_schema import models_json_schema

from briefgen.content.edition_model import RowsFrom
from briefgen.content.fields import StrictModel
from briefgen.content.model import Briefing

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"
_SCALAR = ["string", "number", "boolean"]
"""What an editor's YAML may read a text value as: briefgen reads each as text."""


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a briefing as written."""
    _, generated = models_json_schema([(Briefing, "validation"), (RowsFrom, "validation")],
                                      ref_template="#/$defs/{model}")
    definitions: dict[str, Any] = generated["$defs"]
    for model in _models():
        definition = definitions.get(model.__name__)
        if definition is not None and definition.get("type") == "object":
            _describe(model, definition)
            _alias_choices(model, definition)
            _one_for_a_list(model, definition)
            definitions[model.__name__] = _with_shorthand(model, definition)
    rows = definitions["Table"]["properties"]["rows"]
    definitions["Table"]["properties"]["rows"] = {"anyOf": [rows, {"$ref": "#/$defs/RowsFrom"}],
                                                 "description": rows.get("description", "")}
    schema = {"$schema": SCHEMA_ID, "title": "briefgen briefing", "$defs": definitions,
              **{key: value for key, value in definitions.pop("Briefing").items() if key != "title"}}
    widened: dict[str, Any] = _lenient_scalars(schema)
    return widened


def _models() -> list[type[StrictModel]]:
    found, pending = [], [StrictModel]
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def _describe(model: type[StrictModel], definition: dict[str, Any]) -> None:
    """Each property described by its field's docstring (the string under its annotation in the class)."""
    for name, text in _field_docstrings(model).items():
        field = model.model_fields.get(name)
        key = field.alias if field is not None and field.alias else name
        if key in definition.get("properties", {}):
            definition["properties"][key]["description"] = text


def _field_docstrings(model: type) -> dict[str, str]:
    """The docstrings of the fields `model` and the classes it inherits declare."""
    found: dict[str, str] = {}
    for cls in reversed([cls for cls in model.__mro__ if issubclass(cls, StrictModel)]):
        body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
        assert isinstance(body, ast.ClassDef)
        for statement, after in zip(body.body, body.body[1:], strict=False):
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                found[statement.target.id] = inspect.cleandoc(after.value.value)
    return found


def _alias_choices(model: type[StrictModel], definition: dict[str, Any]) -> None:
    """Every name a field may be written under, as a property of its own."""
    properties = definition.get("properties", {})
    for name, field in model.model_fields.items():
        if isinstance(field.validation_alias, AliasChoices):
            written = [choice for choice in field.validation_alias.choices if isinstance(choice, str)]
            shown = next((choice for choice in written if choice in properties), name)
            for choice in written:
                properties.setdefault(choice, properties.get(shown, {}))


def _one_for_a_list(model: type[StrictModel], definition: dict[str, Any]) -> None:
    """Each list field one value may be written for (`ONE_OR_MORE`) taking that value too."""
    for key in model.ONE_OR_MORE:
        listed = definition["properties"][key]
        definition["properties"][key] = {"anyOf": [listed["items"], listed],
                                         "description": listed.get("description", "")}


def _with_shorthand(model: type[StrictModel], definition: dict[str, Any]) -> dict[str, Any]:
    """A model's definition that also takes the value its shorthand stands for (`SHORTHAND`)."""
    if model.SHORTHAND is None:
        return definition
    short = definition["properties"][model.SHORTHAND]
    return {"title": definition.get("title"), "description": definition.get("description", ""),
            "anyOf": [short, definition]}


def _lenient_scalars(node: Any) -> Any:
    """`node` with every `"type": "string"` widened to any scalar (see the module's docstring)."""
    if isinstance(node, list):
        return [_lenient_scalars(item) for item in node]
    if not isinstance(node, dict):
        return node
    widened = {key: _lenient_scalars(value) for key, value in node.items()}
    if widened.get("type") == "string":
        widened["type"] = _SCALAR
    return widened
