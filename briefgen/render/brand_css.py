"""A resolved Brand → the CSS that styles every page with it: custom properties for its colours and fonts, a
rule per audience with colours of its own, and @font-face rules for fonts shipped beside the brand file.

Built from validated values only (colours are `#rrggbb`, families match a strict name pattern), never pasted
from the brand file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from functools import cache

from briefgen.content import figures, fonts
from briefgen.content.brand import Brand, Palette

GENERIC_FALLBACK = '"DejaVu Sans", sans-serif'
"""After a brand's family: an open font with wide script coverage, then the generic family."""


@cache
def brand_css(brand: Brand) -> str:
    """The stylesheet text for `brand` (the same brand always gives the same bytes)."""
    root = [*_properties(brand.palette, None),
            f"  --font-base: {_family(brand.base_font)};",
            f"  --font-heading: {_family(brand.heading_font)};"]
    rules = [*_font_faces(brand), ":root {", *root, "}"]
    for audience, palette in brand.audiences:
        own = " ".join(line.strip() for line in _properties(palette, brand.palette))
        rules.append(f".audience-{audience} {{ {own} }}")
    return "\n".join(rules) + "\n"


def _properties(palette: Palette, base: Palette | None) -> Iterator[str]:
    """`  --name: #rrggbb;` for each colour of `palette` (only those that differ from `base`, if given)."""
    for field in fields(palette):
        value = getattr(palette, field.name)
        if base is None or value != getattr(base, field.name):
            yield f"  --{field.name.replace('_', '-')}: {value};"


def _family(name: str) -> str:
    return f'"{name}", {GENERIC_FALLBACK}' if name != "DejaVu Sans" else f'"{name}", sans-serif'


def _font_faces(brand: Brand) -> Iterator[str]:
    for face in brand.font_faces:
        yield (f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; font-style: {face.style}; '
               f'src: url("{figures.data_uri(face.path, fonts.FONT_FILE)}"); }}')
