"""Colour contrast of the preset brands: every text colour on every background the templates use it on reaches
WCAG AA, in every audience's colours (the gate in content/brand.py; here, that the presets pass it); and the
slide viewer's own fixed colours do too."""

from __future__ import annotations

import re

import pytest

from briefgen.content import colour
from briefgen.content.brand import PAIRS, PRESETS, Palette, load_brand, preset
from tests.conftest import ROOT


def palettes() -> dict[str, Palette]:
    """Per preset, its palette and each audience's."""
    found = {}
    for name in PRESETS:
        brand, _ = load_brand(preset(name))
        found[name] = brand.palette
        found.update({f"{name}/{audience}": palette for audience, palette in brand.audiences})
    return found


def test_default_brand_has_the_built_in_audiences() -> None:
    assert set(palettes()) == {"default", "default/commissioner", "default/gp", "default/link_worker", "nhs"}


@pytest.mark.parametrize("name", sorted(palettes()))
@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: f"{pair.text}-on-{pair.background}")
def test_preset_text_contrast(name: str, pair: object) -> None:
    palette = palettes()[name]
    text, background = getattr(palette, pair.text), getattr(palette, pair.background)  # type: ignore[attr-defined]
    ratio = colour.contrast(text, background)
    assert ratio >= pair.minimum, f"{name}: {text} on {background} is {ratio:.2f}:1"  # type: ignore[attr-defined]


# The slide viewer's controls, drawn in fixed colours whatever the brand.
FIXED = [("#ffffff", "#111827"), ("#ffffff", "#374151"), ("#111827", "#ffffff")]


@pytest.mark.parametrize(("text", "background"), FIXED)
def test_viewer_contrast(text: str, background: str) -> None:
    assert colour.contrast(text, background) >= colour.AA_TEXT


def test_templates_draw_text_only_in_brand_colours() -> None:
    """Every colour of the page CSS is a brand property, or one of the viewer's fixed colours: a colour written
    into a template would escape the contrast gate."""
    # Plus the button borders, the backdrop around slides and the overflow warning of the preview.
    fixed = {colour for pair in FIXED for colour in pair} | {"#9ca3af", "#1b2430", "#b42318"}
    for sheet in ("brief.css", "slides.css", "index.css", "theme.css", "screen.css", "slides-screen.css"):
        written = set(re.findall(r"#[0-9a-fA-F]{6}\b", (ROOT / "templates" / "css" / sheet).read_text()))
        assert written <= fixed, f"{sheet}: {written - fixed}"


def test_contrast_formula() -> None:
    assert colour.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colour.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
