"""A brand file (`_brand.yml`, the schema Quarto and Posit use) → a resolved `Brand`: colours as `#rrggbb`, its
typography (typography.py), the logo located and decoded; every text/background pair the templates use checked
for WCAG AA contrast before anything renders.

The schema is brand-yml's (unknown keys are errors); briefgen's own settings go under `defaults.briefgen`
(brand_schema.py checks both).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefgen.content import colour, figures, images, office, office_package
from briefgen.content.brand_schema import AudienceColours, BriefgenSettings, OfficeSettings, validate_schema
from briefgen.content.loader import LoadedDocument, load
from briefgen.content.typography import Typography, read_typography
from briefgen.errors import ContentError, FieldPath, Problem, Severity
from briefgen.rules import CONTRAST, FIGURE, INVALID_VALUE, OFFICE_TEMPLATE, TEMPLATE_TRIMMED, UNUSABLE_FILE

PRESETS_DIR = Path(__file__).parent / "brands"
PRESETS = ("default", "nhs")
BRAND_FILES = ("_brand.yml", "_brand.yaml")
"""The brand file a content file's folder may hold, used when the briefing names none."""

_BRAND_FILE = figures.FileKind({".yml": "", ".yaml": ""}, f"a preset ({', '.join(PRESETS)}) or a .yml brand file",
                               "brand", "_brand.yml")
_THEME_COLOURS = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info", "warning",
                  "danger", "light", "dark")


@dataclass(frozen=True)
class Palette:
    """The colours the templates use, as `#rrggbb`; each becomes a CSS custom property (`accent_tint` →
    `--accent-tint`)."""

    ink: str
    muted: str
    rule: str
    paper: str
    accent: str
    accent_tint: str
    accent_ink: str
    heading: str
    link: str
    note_tint: str


@dataclass(frozen=True)
class Logo:
    path: Path
    alt: str
    """Empty for a decorative logo (one that repeats text beside it)."""
    on_dark: Path | None = None
    """The variant for dark backgrounds (the title slide), if the brand gives one."""


@dataclass(frozen=True)
class Brand:
    """What a brand file decides, resolved: every format (HTML, PDF, and later Word and PowerPoint) reads this."""

    name: str
    file: Path
    palette: Palette
    audiences: tuple[tuple[str, Palette], ...]
    """Audiences with colours of their own, and their palettes."""
    typography: Typography
    """The families it names, what stands in for each where it is not installed, and its font files."""
    logo: Logo | None
    files: tuple[Path, ...]
    """Everything the brand was read from (its file, logo, fonts and templates): a change to any rebuilds what
    it styles."""
    office: office.OfficeTemplates
    """Its PowerPoint and Word templates (or the built-in ones) and the slide layouts chosen from them."""
    chart_colours: tuple[str, ...] = ()
    """The colours of a chart's series as the brand gives them (`defaults.briefgen.chart-colours`); if it gives
    none, `series_colours` draws them from each palette."""

    def palette_for(self, audience: str) -> Palette:
        """The palette of `audience` (a briefing's audience name), or the brand's own if it gives none."""
        return dict(self.audiences).get(audience, self.palette)

    def series_colours(self, palette: Palette) -> tuple[str, ...]:
        """The colours of a chart's series on `palette`'s background: the brand's, or the palette's accent, the
        lightest tint of it that keeps 3:1 contrast there, its muted colour and its foreground (the contrast gate
        holds those to 4.5:1), so that neighbouring series differ in lightness as well as hue."""
        if self.chart_colours:
            return self.chart_colours
        tints = (colour.mix(palette.accent, palette.paper, share / 20) for share in range(8, 20))
        tint = next((tint for tint in tints if colour.contrast(tint, palette.paper) >= colour.AA_GRAPHICS + 0.2),
                    palette.accent)
        return tuple(dict.fromkeys((palette.accent, tint, palette.muted, palette.ink)))


@dataclass(frozen=True)
class _Pair:
    text: str
    background: str
    minimum: float
    used_for: str


# Every text/background pair the templates draw: a brand must keep each readable (WCAG 2 AA).
PAIRS = (
    _Pair("ink", "paper", colour.AA_TEXT, "body text and table headers"),
    _Pair("muted", "paper", colour.AA_TEXT, "muted text (bylines, captions, page headers and footers)"),
    _Pair("link", "paper", colour.AA_TEXT, "links"),
    _Pair("heading", "paper", colour.AA_TEXT, "headings"),
    _Pair("accent", "paper", colour.AA_TEXT, "accent text (audience tag, list numbers)"),
    _Pair("ink", "accent_tint", colour.AA_TEXT, "text on tinted panels (key messages, call-outs)"),
    _Pair("muted", "accent_tint", colour.AA_TEXT, "muted text on tinted panels"),
    _Pair("heading", "accent_tint", colour.AA_TEXT, "headings on tinted panels"),
    _Pair("link", "accent_tint", colour.AA_TEXT, "links on tinted panels"),
    _Pair("accent", "accent_tint", colour.AA_TEXT, "numbers on tinted panels"),
    _Pair("accent_ink", "accent", colour.AA_TEXT, "text on accent panels (what to do) and title slides"),
    _Pair("ink", "note_tint", colour.AA_TEXT, "caveat call-outs and speaker notes"),
    _Pair("muted", "note_tint", colour.AA_TEXT, "headings of speaker notes"),
    _Pair("heading", "paper", colour.AA_LARGE_TEXT, "slide titles (large text)"),
)


def preset(name: str) -> Path:
    """The file of a preset brand (see PRESETS)."""
    return PRESETS_DIR / f"{name}.yml"


def brand_file(content_file: Path, named: str | None) -> Path:
    """The brand file a briefing uses: the preset or file its `brand:` names, else a `_brand.yml` beside it,
    else the default preset. ValueError says why a named one cannot be used."""
    if named in PRESETS:
        return preset(named)
    if named is not None:
        return figures.locate(content_file, named, _BRAND_FILE)
    for name in BRAND_FILES:
        if os.path.lexists(content_file.parent / name):  # a link out of the folder, a FIFO or folder: refused
            return figures.locate(content_file, name, _BRAND_FILE)
    return preset("default")


def load_brand(path: Path) -> tuple[Brand, tuple[Problem, ...]]:
    """The brand at `path`, and its warnings and notes (a font that is not installed), each at its field;
    ContentError lists every error."""
    document = load(path)
    if not isinstance(document.data, dict):
        raise ContentError([document.problem((), "a brand file is a mapping of meta, logo, color, typography "
                                                 "and defaults", rule=INVALID_VALUE)])
    settings = validate_schema(document)
    resolver = _Resolver(document)
    brand = resolver.brand(settings)
    problems = [*resolver.problems, *_contrast_problems(document, brand, resolver.origin)]
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        raise ContentError(errors)
    return brand, tuple(problems)


class _Resolver:
    """Walks a schema-valid brand file's data into a Brand, collecting problems with their field paths."""

    def __init__(self, document: LoadedDocument) -> None:
        self.document = document
        self.data: dict[str, Any] = document.data
        self.problems: list[Problem] = []
        self.origin: dict[str, FieldPath] = {}
        """Each palette colour → the field it comes from, for contrast messages."""
        self.files: list[Path] = [document.path.resolve()]

    def brand(self, settings: BriefgenSettings) -> Brand:
        colours = self.data.get("color") or {}
        named = self._named_colours(colours)
        theme = {name: self._colour(("color", name), colours[name], named) for name in _THEME_COLOURS
                 if isinstance(colours.get(name), str)}
        typography = self.data.get("typography") or {}
        ink = self._pick("ink", theme, "foreground", "#1b2430")
        paper = self._pick("paper", theme, "background", "#ffffff")
        accent = self._pick("accent", theme, "primary", ink)
        values = {"ink": ink, "paper": paper, "accent": accent,
                  "accent_ink": self._pick("accent_ink", theme, "light", paper)}
        for role, share, base in (("muted", 0.8, "ink"), ("rule", 0.2, "ink"), ("accent_tint", 0.08, "accent"),
                                  ("note_tint", 0.05, "ink")):
            written = getattr(settings, role)
            field = ("defaults", "briefgen", role.replace("_", "-"))
            if written is not None:
                values[role] = self._colour(field, written, named)
                self.origin[role] = field
            else:
                values[role] = colour.mix(values[base], paper, share)
                self.origin[role] = self.origin[base]
        for role, key in (("heading", "headings"), ("link", "link")):
            written = typography.get(key, {}).get("color") if isinstance(typography.get(key), dict) else None
            if written is not None:
                values[role] = self._colour(("typography", key, "color"), written, named)
                self.origin[role] = ("typography", key, "color")
            else:
                values[role] = accent
                self.origin[role] = self.origin["accent"]
        palette = Palette(**values)
        audiences = tuple((name, self._audience(palette, name, given, named))
                          for name, given in settings.audiences.items())
        fonts, problems = read_typography(self.document)
        self.problems += problems
        self.files += [face.path for face in fonts.faces]
        logo, templates = self._logo(), self._office(settings.office)  # each adds the files it reads
        chart_colours = tuple(self._colour(("defaults", "briefgen", "chart-colours", index), written, named)
                              for index, written in enumerate(settings.chart_colours or ()))
        return Brand(self._name(), self.document.path, palette, audiences, fonts, logo, tuple(self.files), templates,
                     chart_colours)

    def _office(self, settings: OfficeSettings) -> office.OfficeTemplates:
        layouts = {**office.DEFAULT_LAYOUTS, **{str(kind): name for kind, name in settings.layouts.items()}}
        field = ("defaults", "briefgen", "office")
        pptx = self._template(settings.pptx_template, (*field, "pptx_template"), office.PPTX_TEMPLATE,
                              office_package.PRESENTATION)
        docx = self._template(settings.docx_template, (*field, "docx_template"), office.DOCX_TEMPLATE,
                              office_package.WORD)
        if pptx is not None or (settings.layouts and settings.pptx_template is None):  # layouts renamed for the
            # built-in template are checked too; a template refused above is not checked again
            for kind, message in office.pptx_problems(pptx, layouts):
                where = (*field, "layouts", kind) if kind in settings.layouts else \
                    (*field, "pptx_template") if pptx is not None else (*field, "layouts")
                self.problems.append(self.document.problem(where, message, rule=OFFICE_TEMPLATE))
        if docx is not None:
            self.problems += [self.document.problem((*field, "docx_template"), message, rule=OFFICE_TEMPLATE)
                              for message in office.docx_problems(docx)]
        return office.OfficeTemplates(pptx, docx, tuple(layouts.items()))

    def _template(self, written: str | None, path: FieldPath, kind: figures.FileKind,
                  package_format: office_package.PackageFormat) -> office.Template | None:
        """The template a field names, rebuilt; a warning at the field says what was dropped from it."""
        if written is None:
            return None
        try:
            located = figures.locate(self.document.path, written, kind)
        except ValueError as exc:
            self.problems.append(self.document.problem(path, f"template {exc}", rule=UNUSABLE_FILE))
            return None
        self.files.append(located)
        try:
            template, dropped = office.read_template(located, package_format)
        except ValueError as exc:
            self.problems.append(self.document.problem(path, str(exc), rule=UNUSABLE_FILE))
            return None
        if dropped:
            self.problems.append(self.document.problem(path, dropped, rule=TEMPLATE_TRIMMED))
        return template

    def _named_colours(self, colours: dict[str, Any]) -> dict[str, str]:
        palette = colours.get("palette") or {}
        named = {}
        for name, value in palette.items():
            resolved = palette.get(value, value) if isinstance(value, str) else value  # one level of reference
            named[name] = self._colour(("color", "palette", name), resolved, {})
        return named

    def _colour(self, path: FieldPath, written: str, named: dict[str, str]) -> str:
        try:
            return named[written] if written in named else colour.parse(written)
        except ValueError as exc:
            self.problems.append(self.document.problem(path, str(exc), rule=INVALID_VALUE))
            return "#000000"

    def _pick(self, role: str, theme: dict[str, str], field: str, default: str) -> str:
        if field in theme:
            self.origin[role] = ("color", field)
            return theme[field]
        self.origin.setdefault(role, ("color", field))
        return default

    def _audience(self, base: Palette, name: str, given: AudienceColours, named: dict[str, str]) -> Palette:
        field = ("defaults", "briefgen", "audiences", name)
        accent = self._colour((*field, "accent"), given.accent, named)
        tint = self._colour((*field, "tint"), given.tint, named) if given.tint else colour.mix(accent, base.paper, 0.08)
        follows = {role: accent for role in ("heading", "link") if self.origin[role] == self.origin["accent"]}
        return replace(base, accent=accent, accent_tint=tint, **follows)

    def _name(self) -> str:
        meta = self.data.get("meta") or {}
        name = meta.get("name")
        if isinstance(name, dict):
            name = name.get("short") or name.get("full")
        return str(name) if name else self.document.path.stem

    def _logo(self) -> Logo | None:
        logo = self.data.get("logo")
        if logo is None:
            return None
        if isinstance(logo, str | list) or "path" in logo:  # a single resource
            return self._resource(("logo",), logo, None)
        images_ = logo.get("images") or {}
        for size in ("medium", "large", "small"):
            chosen = logo.get(size)
            if chosen is None:
                continue
            if isinstance(chosen, dict) and ("light" in chosen or "dark" in chosen):
                light = self._resource(("logo", size, "light"), chosen.get("light") or chosen["dark"], images_)
                dark = self._resource(("logo", size, "dark"), chosen["dark"], images_) if "dark" in chosen else None
                return light and replace(light, on_dark=dark.path if dark else None)
            return self._resource(("logo", size), chosen, images_)
        return None

    def _resource(self, path: FieldPath, written: Any, images_: dict[str, Any] | None) -> Logo | None:
        if isinstance(written, str) and images_ and written in images_:
            path, written = ("logo", "images", written), images_[written]
        resource = written if isinstance(written, dict) else {"path": written}
        if "alt" not in resource:
            self.problems.append(self.document.problem(
                path, "the logo needs alt text, e.g. alt: 'NHS England' (or alt: '' if it is decorative, "
                      "repeating text written beside it)", rule=FIGURE))
        where = (*path, "path") if isinstance(written, dict) else path
        try:
            located = figures.locate(self.document.path, resource["path"],
                                     replace(figures.IMAGE, folder_of="brand file", example="logo.svg"))
        except ValueError as exc:
            self.problems.append(self.document.problem(where, f"logo {exc}", rule=UNUSABLE_FILE))
            return None
        try:
            images.check(located)
        except ValueError as exc:  # says what the file is: "is an empty file"
            self.problems.append(self.document.problem(where, f"logo {resource['path']!r} {exc}", rule=UNUSABLE_FILE))
            return None
        self.files.append(located)
        return Logo(located, str(resource.get("alt", "")))


def _contrast_problems(document: LoadedDocument, brand: Brand, origin: dict[str, FieldPath]) -> Iterator[Problem]:
    """An error for every pair `PAIRS` names that falls short of its contrast, in any audience's palette."""
    seen: set[tuple[str, str]] = set()
    for audience, palette in (("", brand.palette), *brand.audiences):
        where = dict(origin)
        if audience:
            field = ("defaults", "briefgen", "audiences", audience)
            where.update(accent=(*field, "accent"), accent_tint=(*field, "tint"))
            where.update({role: where["accent"] for role in ("heading", "link") if origin[role] == origin["accent"]})
        for pair in PAIRS:
            text, background = getattr(palette, pair.text), getattr(palette, pair.background)
            ratio = colour.contrast(text, background)
            if ratio >= pair.minimum or (text, background) in seen:
                continue
            seen.add((text, background))
            blame = where[pair.text] if where[pair.text] in document.positions else where[pair.background]
            yield document.problem(blame, f"{_shown(where[pair.text])} {text} on {_shown(where[pair.background])} "
                                          f"{background}, used for {pair.used_for}"
                                          f"{f' for {audience}' if audience else ''}, has a contrast of "
                                          f"{ratio:.2f}:1; WCAG AA needs {pair.minimum:g}:1", rule=CONTRAST)


    for index, series in enumerate(brand.chart_colours):
        for audience, palette in (("", brand.palette), *brand.audiences):
            ratio = colour.contrast(series, palette.paper)
            if ratio < colour.AA_GRAPHICS:
                yield document.problem(("defaults", "briefgen", "chart-colours", index),
                                       f"{series} on the background {palette.paper}"
                                       f"{f' for {audience}' if audience else ''}, used for a chart's series "
                                       f"{index + 1}, has a contrast of {ratio:.2f}:1; WCAG AA needs "
                                       f"{colour.AA_GRAPHICS:g}:1 for graphics", rule=CONTRAST)
                break


def _shown(path: FieldPath) -> str:
    return ".".join(str(part) for part in path)
