"""A brand file's data → where it breaks a grammar its values are held to, or a shape brand-yml's own validators
take for granted: every font family it names against typography.FAMILY_NAME, and fonts and logos of the shapes
brand-yml's validators read without checking (they fail with a traceback on others).

The schema check (brand_schema.py) asks brand-yml about the rest only where these shapes hold.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from briefgen.content.typography import family_problem
from briefgen.errors import FieldPath

_LOGO_SIZES = ("small", "medium", "large")


def problems(data: dict[str, Any]) -> tuple[list[tuple[FieldPath, str]], bool]:
    """Each field of `data` that breaks a grammar or shape, with why; and whether brand-yml can read the file
    (False where a shape it takes for granted does not hold)."""
    shapes = [*_font_shapes(data), *_logo_shapes(data)]
    families = list(_families(data))
    found = [*shapes, *((path, message) for path, written in families
                        if (message := family_problem(written)) is not None)]
    return found, not shapes and all(isinstance(written, str) for _, written in families)


def _font_shapes(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """`typography.fonts` must be a list of mappings that each name a family (brand-yml drops a `fonts` that
    is not a list without a word, and reads each font's `family` unchecked)."""
    typography = data.get("typography")
    fonts = typography.get("fonts") if isinstance(typography, dict) else None
    if fonts is not None and not isinstance(fonts, list):
        yield ("typography", "fonts"), "must be a list of fonts, each a mapping with a family and a source"
        return
    for index, font in enumerate(fonts or []):
        if not isinstance(font, dict) or "family" not in font:
            yield ("typography", "fonts", index), "a font is a mapping with a family and a source"


def _logo_shapes(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """A logo's size given as a mapping must be an image (with a `path`) or a pair of them (`light`, `dark`):
    brand-yml cannot tell which member of its union any other mapping is meant for."""
    logo = data.get("logo")
    if not isinstance(logo, dict):
        return
    for size in _LOGO_SIZES:
        chosen = logo.get(size)
        if isinstance(chosen, dict) and not {"path", "light", "dark"} & set(chosen):
            yield ("logo", size), ("a logo is the name of an image, a mapping with a path (and alt), or one with "
                                   "light and dark")


def _families(data: dict[str, Any]) -> Iterator[tuple[FieldPath, Any]]:
    """Every font family the file names, at its field, as written: each font's, and that of each `typography`
    field that names one (base, headings, monospace…, as brand-yml declares them)."""
    typography = data.get("typography")
    if not isinstance(typography, dict):
        return
    fonts = typography.get("fonts")
    for index, font in enumerate(fonts if isinstance(fonts, list) else []):
        if isinstance(font, dict) and "family" in font:
            yield ("typography", "fonts", index, "family"), font["family"]
    for key in _family_fields():
        written = typography.get(key)
        if isinstance(written, dict) and "family" in written:
            yield ("typography", key, "family"), written["family"]
        elif written is not None and not isinstance(written, dict):
            yield ("typography", key), written


@cache
def _family_fields() -> tuple[str, ...]:
    """The keys of the `typography` fields whose brand-yml model has a `family` (base, headings, monospace,
    monospace-inline and monospace-block today, and any it adds), each as it may be written: brand-yml takes
    `monospace_inline` for `monospace-inline`."""
    from brand_yml.typography import BrandTypography

    return tuple(key for name, field in BrandTypography.model_fields.items()
                 if any("family" in getattr(part, "model_fields", {}) for part in typing.get_args(field.annotation))
                 for key in dict.fromkeys((field.alias or name, name)))
