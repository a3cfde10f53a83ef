"""Colour contrast of the theme, computed from the CSS custom properties: every text colour on every background
it is used on reaches WCAG's 4.5:1 for normal text, in every audience's colours."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

THEME = re.sub(r"/\*.*?\*/", "", (ROOT / "templates" / "css" / "theme.css").read_text(), flags=re.DOTALL)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
PROPERTY = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})")


def palettes() -> dict[str, dict[str, str]]:
    """The base palette, and per audience class the base palette with its overrides."""
    rules = {selector.strip(): dict(PROPERTY.findall(body)) for selector, body in RULE.findall(THEME)}
    base = rules[":root"]
    audiences = {selector.removeprefix(".audience-"): {**base, **values}
                 for selector, values in rules.items() if selector.startswith(".audience-")}
    return {"default": base, **audiences}


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# (text, background) as the templates use them: headings, links and numbers in the accent colour on paper
# and on the tinted panels; muted text (bylines, captions, footers); the accent panels (for-you, title slide).
PAIRS = [
    ("ink", "paper"), ("muted", "paper"), ("accent", "paper"),
    ("ink", "accent-tint"), ("accent", "accent-tint"), ("muted", "accent-tint"),
    ("accent-ink", "accent"),
]
# Fixed colours outside the palette: speaker notes and the slide viewer's controls.
FIXED = [("ink", "#f3f4f6"), ("muted", "#f3f4f6"), ("#ffffff", "#111827"), ("#ffffff", "#374151"),
         ("#111827", "#ffffff")]


def test_theme_has_the_expected_audiences() -> None:
    assert set(palettes()) == {"default", "commissioner", "gp", "link_worker"}


@pytest.mark.parametrize("audience", sorted(palettes()))
@pytest.mark.parametrize(("text", "background"), PAIRS + FIXED)
def test_text_contrast_is_at_least_4_5(audience: str, text: str, background: str) -> None:
    palette = palettes()[audience]
    foreground = palette.get(text, text)
    behind = palette.get(background, background)
    ratio = contrast(foreground, behind)
    assert ratio >= 4.5, f"{audience}: {text} {foreground} on {background} {behind} is {ratio:.2f}:1"


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
