"""A resolved Brand → the CSS that styles every page with it: custom properties for its colours and fonts, a
rule per audience with colours of its own, and @font-face rules for fonts shipped beside the brand file.

Built from validated values only, never pasted from the brand file: colours are `#rrggbb`, families match
typography.FAMILY_NAME (written as double-quoted strings), audience names the briefing's grammar, weights and
styles come from fixed sets. Nothing here escapes, because nothing needs to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from functools import cache

from briefgen.content import figures, font_files, fonts
from briefgen.content.brand import Brand, Palette
from briefgen.content.typography import Typeface


@cache
def brand_css(brand: Brand) -> str:
    """The stylesheet text for `brand` (the same brand always gives the same bytes)."""
    root = [*_properties(brand.palette, None),
            f"  --font-base: {font_families(brand.typography.base)};",
            f"  --font-heading: {font_families(brand.typography.headings)};"]
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


def font_families(typeface: Typeface) -> str:
    """A font-family list: the brand's family first, so a reader who has it sees it (and the PDF, where it is
    installed); then its stand-in, which WeasyPrint falls through to where it is not; then an open font with wide
    script coverage, and the generic family."""
    names = dict.fromkeys((typeface.family, typeface.stand_in or typeface.family, fonts.FALLBACK))  # each once
    return ", ".join(f'"{name}"' for name in names) + ", sans-serif"


def _font_faces(brand: Brand) -> Iterator[str]:
    for face in brand.typography.faces:
        yield (f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; font-style: {face.style}; '
               f'src: url("{figures.data_uri(face.path, font_files.FONT_FILE)}"); }}')
