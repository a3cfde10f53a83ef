"""Brand files → resolved brands, or errors and warnings at file:line:column: the schema, colours, contrast,
fonts and logos; and the CSS a brand becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content import colour, fontconfig, fonts
from briefgen.content.brand import brand_file, load_brand, preset
from briefgen.content.sources import load_sources
from briefgen.content.typography import Typeface, family_problem
from briefgen.errors import ContentError, Severity
from briefgen.render.brand_css import brand_css
from tests.conftest import FIXTURES, ROOT

BAD = ROOT / "tests" / "fixtures" / "brands" / "bad"


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_brand(path)
    return [problem.show() for problem in caught.value.problems]


def test_default_preset_is_todays_look() -> None:
    brand, warnings = load_brand(preset("default"))
    assert warnings == ()
    assert (brand.palette.ink, brand.palette.accent, brand.palette.muted) == ("#1b2430", "#27415e", "#4a5563")
    assert dict(brand.audiences)["gp"].accent == "#0b6253"
    assert brand.typography.base == Typeface("Inter") and brand.logo is None


def test_nhs_preset_uses_nhs_colours_and_arial() -> None:
    brand, notes = load_brand(preset("nhs"))
    assert (brand.palette.accent, brand.palette.heading) == ("#005eb8", "#003087")
    assert brand.typography.base.family == brand.typography.headings.family == "Arial"
    assert [problem.severity for problem in notes] == ([] if fonts.installed("Arial") else [Severity.INFO])


@pytest.fixture
def without_arial(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with Arial's metric twin, but not Arial, nor Times New Roman's twin."""
    monkeypatch.setattr(fontconfig, "installed_families",
                        lambda: frozenset({"dejavu sans", "liberation sans", "inter"}))


@pytest.mark.usefixtures("without_arial")
def test_a_font_with_a_metric_twin_is_named_and_set_in_the_twin_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "_brand.yml").write_text("typography:\n  base: Arial\n  headings:\n    family: arial\n")
    brand, [note] = load_brand(tmp_path / "_brand.yml")
    assert brand.typography.base == Typeface("Arial", "Liberation Sans")
    assert brand.typography.headings == brand.typography.base  # the same family, reported once
    assert note.severity is Severity.INFO
    assert note.show().startswith(f"{tmp_path / '_brand.yml'}:2:3: typography.base: [BG104] font 'Arial' is not "
                                  "installed: the PDFs are set in 'Liberation Sans', drawn to its widths; the HTML, "
                                  "Word and PowerPoint files name 'Arial'")
    css = brand_css(brand)
    assert '--font-base: "Arial", "Liberation Sans", "DejaVu Sans", sans-serif;' in css


@pytest.mark.usefixtures("without_arial")
def test_a_preset_font_is_noted_at_the_briefings_brand_field(tmp_path: Path) -> None:
    content = tmp_path / "briefing.yaml"
    content.write_text((FIXTURES / "minimal.yaml").read_text().replace("title:", "brand: nhs\ntitle:", 1))
    [source] = load_sources([content])
    [note] = source.warnings
    assert note.severity is Severity.INFO and note.location is not None
    assert (note.location.file, note.location.line, note.location.field) == (content, 1, ("brand",))
    assert note.message.startswith("preset 'nhs': font 'Arial' is not installed")


@pytest.mark.usefixtures("without_arial")
def test_a_font_whose_twin_is_missing_is_a_warning_saying_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "_brand.yml").write_text("typography:\n  base: Times New Roman\n")
    brand, [warning] = load_brand(tmp_path / "_brand.yml")
    assert brand.typography.base == Typeface("Times New Roman", "DejaVu Sans")
    assert warning.severity is Severity.WARNING
    assert "the PDFs are set in 'DejaVu Sans' instead (install it or 'Liberation Serif', drawn to its widths, or " \
           "give its files" in warning.message


def test_white_on_nhs_light_blue_is_refused_with_the_ratio() -> None:
    shown = "\n".join(errors_of(BAD / "light-blue-panels.yml"))
    assert "light-blue-panels.yml:5:3: color.light: [BG019] color.light #ffffff on color.primary #41b6e6" in shown
    assert "text on accent panels" in shown and "contrast of 2.32:1; WCAG AA needs 4.5:1" in shown


def test_unknown_key_is_an_error_at_its_line() -> None:
    assert errors_of(BAD / "unknown-key.yml") == [
        f"{BAD / 'unknown-key.yml'}:3:3: color.primry: [BG002] unknown key 'primry'\n"
        "      primry: \"#003087\"\n      ^"]


def test_a_colour_must_be_a_colour() -> None:
    [shown] = errors_of(BAD / "not-a-colour.yml")
    assert shown.startswith(f"{BAD / 'not-a-colour.yml'}:4:3: color.primary: [BG003] 'blurple' is not a colour")


def test_logo_outside_the_brand_folder_is_refused() -> None:
    [shown] = errors_of(BAD / "logo-outside.yml")
    assert ":3:5: logo.medium.path: [BG008] logo '../../assets/pathway.svg' must be a relative path inside the brand " \
           "file's folder" in shown


def test_a_font_name_cannot_carry_css() -> None:
    [shown] = errors_of(BAD / "css-in-font.yml")
    assert ":2:3: typography.base: [BG003] 'Inter; } body { color: red' is not a font family name" in shown


def test_a_missing_font_is_a_warning_naming_its_stand_in() -> None:
    brand, [warning] = load_brand(BAD / "missing-font.yml")
    assert brand.typography.base == Typeface("Frutiger Next", "DejaVu Sans")
    assert warning.severity is Severity.WARNING
    assert warning.show().startswith(f"{BAD / 'missing-font.yml'}:3:5: typography.base.family: [BG105] font 'Frutiger "
                                     "Next' is not installed")


def test_a_logo_needs_alt_text_or_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes((ROOT / "tests" / "fixtures" / "assets" / "pathway.svg").read_bytes())
    (tmp_path / "_brand.yml").write_text("logo: logo.svg\n")
    assert "the logo needs alt text" in errors_of(tmp_path / "_brand.yml")[0]
    (tmp_path / "_brand.yml").write_text("logo:\n  path: logo.svg\n  alt: ''\n")
    brand, _ = load_brand(tmp_path / "_brand.yml")
    assert brand.logo is not None and brand.logo.alt == ""


def test_which_brand_a_briefing_uses(tmp_path: Path) -> None:
    content = tmp_path / "briefing.yaml"
    assert brand_file(content, None) == preset("default")
    assert brand_file(content, "nhs") == preset("nhs")
    (tmp_path / "_brand.yml").write_text("color: {primary: '#003087'}\n")
    assert brand_file(content, None) == tmp_path / "_brand.yml"
    with pytest.raises(ValueError, match="inside the content file's folder"):
        brand_file(content, "../elsewhere.yml")


def test_derived_colours_and_audience_accents(tmp_path: Path) -> None:
    (tmp_path / "_brand.yml").write_text("color:\n  foreground: '#111111'\n  background: '#fafafa'\n"
                                         "  primary: '#7a1f5c'\ndefaults:\n  briefgen:\n    audiences:\n"
                                         "      gp: {accent: '#0b4f6c'}\n")
    brand, _ = load_brand(tmp_path / "_brand.yml")
    assert brand.palette.accent_tint == colour.mix("#7a1f5c", "#fafafa", 0.08)
    assert brand.palette.accent_ink == "#fafafa"
    gp = dict(brand.audiences)["gp"]
    assert (gp.accent, gp.heading, gp.link) == ("#0b4f6c", "#0b4f6c", "#0b4f6c")
    css = brand_css(brand)
    assert ":root {\n  --ink: #111111;" in css and "--font-base: \"Inter\", \"DejaVu Sans\", sans-serif;" in css
    assert ".audience-gp { --accent: #0b4f6c;" in css


@pytest.mark.parametrize(("written", "parsed"), [("#ABC", "#aabbcc"), ("#005EB8", "#005eb8"),
                                                  ("rgb(0, 94, 184)", "#005eb8"), ("White", "#ffffff")])
def test_colour_parsing(written: str, parsed: str) -> None:
    assert colour.parse(written) == parsed


@pytest.mark.parametrize("written", ["#12345", "rgb(300, 0, 0)", "red; background: url(x)", "blurple"])
def test_not_colours(written: str) -> None:
    with pytest.raises(ValueError, match="is not a colour"):
        colour.parse(written)


def test_an_error_inside_a_union_is_reported_once_at_its_field(tmp_path: Path) -> None:
    """A logo is an image or a set of sizes: an image named in `medium` that is no file is reported there, not
    also as a logo lacking a `path`; a font's unknown `source` is reported at that key."""
    (tmp_path / "_brand.yml").write_text("logo:\n  images:\n    mark: {path: logo.svg, alt: A}\n  medium:\n"
                                         "    light: nothing\ntypography:\n  fonts:\n"
                                         "    - {family: Arial, source: floppy}\n")
    assert [shown.splitlines()[0] for shown in errors_of(tmp_path / "_brand.yml")] == [
        f"{tmp_path / '_brand.yml'}:5:5: logo.medium.light: [BG003] must be a valid URL, relative URL without a base",
        f"{tmp_path / '_brand.yml'}:5:5: logo.medium.light: [BG003] Must be a path to a single file which must "
        "include an extension.",
        f"{tmp_path / '_brand.yml'}:8:23: typography.fonts[0].source: [BG003] Input tag 'floppy' found using 'source' "
        "does not match any of the expected tags: 'system', 'file', 'google', 'bunny'"]


@pytest.mark.parametrize(("name", "accepted"), [
    ("Source Sans 3", True), ("Noto Sans JP", True), ("Helvetica-Neue", True), ("A", True), ("X" * 64, True),
    ("X" * 65, False), ("O'Brien Sans", False), ("St. Ryde", False), ("Brand_Sans", False), ("Arial\n", False),
    (" Arial", False), ("Arial ", False), ("Ari\\al", False), ("Caf\u00e9", False), ("", False)])
def test_a_font_family_is_named_by_letters_digits_spaces_and_hyphens(name: str, accepted: bool) -> None:
    assert (family_problem(name) is None) is accepted


def test_a_second_file_for_a_face_is_not_used_and_said_so(tmp_path: Path) -> None:
    for name in ("BrandSans.ttf", "BrandSerif.ttf"):
        (tmp_path / name).write_bytes((FIXTURES / "fonts" / name).read_bytes())
    (tmp_path / "_brand.yml").write_text("typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n"
                                         "      files: [{path: BrandSans.ttf}, {path: BrandSans.ttf}, "
                                         "{path: BrandSerif.ttf, weight: normal}]\n  base: Brand Sans\n")
    brand, [warning] = load_brand(tmp_path / "_brand.yml")
    assert [face.path.name for face in brand.typography.faces] == ["BrandSans.ttf"]
    assert (warning.severity, warning.code) == (Severity.WARNING, "BG103")
    assert warning.show().startswith(f"{tmp_path / '_brand.yml'}:5:62: typography.fonts[0].files[2].path: [BG103] "
                                     "font file not used: 'Brand Sans' at weight 400, normal, already has its file at "
                                     "typography.fonts[0].files[0].path")
