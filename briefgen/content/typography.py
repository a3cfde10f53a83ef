"""A brand file's `typography` → its Typography: the families it names for text and headings, each with the open
font that sets it where it is not installed, and the font files beside the brand file.

The family named is what a reader's copy of the HTML, Word or PowerPoint file asks for, so a reader who has it
sees it; the stand-in sets only what must carry its glyphs, the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content import figures, font_files, fonts
from briefgen.content.loader import LoadedDocument
from briefgen.errors import FieldPath, Problem, format_path, quoted
from briefgen.rules import FONT_FILE_UNUSED, FONT_MISSING, FONT_STAND_IN, OVER_LIMIT, UNUSABLE_FILE

DEFAULT_FAMILY = "Inter"
"""The templates' own font, for a brand that names none."""
FAMILY_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 -]{0,62}[A-Za-z0-9])?")
"""A font family's name, whole: ASCII letters and digits, with spaces and hyphens between them, at most 64
characters. Every font has a name of this kind (its English one), and such a name is inert wherever it is
written: in a double-quoted CSS string, an XML attribute, a message. Quotes, backslashes, semicolons, braces,
`<`, line breaks and escapes, which could end the string or the rule it stands in, have no place in it."""
_WEIGHTS = {"normal": 400, "bold": 700, "auto": 400}
"""Weights brand-yml allows in words, as CSS numbers; `auto` (the font's own) is the weight CSS gives a face
that states none."""


def family_problem(written: Any) -> str | None:
    """Why `written` cannot name a font family (see FAMILY_NAME), or None if it can."""
    if isinstance(written, str) and FAMILY_NAME.fullmatch(written):
        return None
    shown = quoted(written) if isinstance(written, str) else "this"
    return (f"{shown} is not a font family name: ASCII letters and digits, with spaces and hyphens between them, "
            "at most 64 characters (the family's English name, e.g. Source Sans 3)")


@dataclass(frozen=True)
class Typeface:
    """A font family as a brand names it, and the installed font that sets it where it is not installed."""

    family: str
    """As the brand names it: the family the HTML asks for first, and the one Word's styles and PowerPoint's
    theme name."""
    stand_in: str | None = None
    """The installed open font the PDF is set in (and embeds) when `family` is neither installed nor given as
    files: its metric-compatible twin where it has one, so that lines break where they would in `family`."""


@dataclass(frozen=True)
class FontFace:
    """A font file beside the brand file, for an @font-face rule."""

    family: str
    path: Path
    weight: str
    style: str


@dataclass(frozen=True)
class Typography:
    """What a brand sets text in."""

    base: Typeface
    headings: Typeface
    faces: tuple[FontFace, ...]
    """Font files beside the brand file, embedded in every HTML page and PDF."""


def read_typography(document: LoadedDocument) -> tuple[Typography, tuple[Problem, ...]]:
    """The typography of a brand file the schema has accepted, and its problems: font files and family names
    that cannot be used (errors), and each family that is neither installed nor given as files (an info where a
    metric-compatible twin stands in for it, else a warning)."""
    reader = _Reader(document)
    return reader.typography(), tuple(reader.problems)


class _Reader:
    """Walks the `typography` of a brand file into a Typography, collecting problems with their field paths."""

    def __init__(self, document: LoadedDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.with_files: set[str] = set()
        self.typefaces: dict[str, Typeface] = {}
        """Each family named, by its lower-cased name: resolved, and reported, once."""

    def typography(self) -> Typography:
        written = self.document.data.get("typography") or {}
        faces = tuple(self._faces(written.get("fonts") or []))
        self.with_files = {face.family.lower() for face in faces}
        base = self._typeface(written, "base") or self._resolved(DEFAULT_FAMILY, None)
        return Typography(base, self._typeface(written, "headings") or base, faces)

    def _faces(self, declared: list[dict[str, Any]]) -> list[FontFace]:
        """One face per family, weight and style: a file named again for a face is embedded once. Each file is
        sized from its header before anything reads more of it, and all together are held to
        MAX_BRAND_FONT_BYTES."""
        faces: dict[tuple[str, str, str], tuple[FontFace, FieldPath]] = {}
        total = 0
        for index, font in enumerate(declared):
            for number, file in enumerate(font.get("files") or []) if font.get("source") == "file" else ():
                given = file if isinstance(file, dict) else {"path": file}
                path: FieldPath = ("typography", "fonts", index, "files", number, *(["path"] if file is given else []))
                weight = _weight(given.get("weight", "400"))
                style = "italic" if given.get("style") == "italic" else "normal"
                key = (font["family"].lower(), weight, style)
                located = self._font_file(given["path"], path)
                if located is None:
                    continue
                if key in faces:
                    self._named_again(faces[key], located[0], path)
                    continue
                total += located[1]
                if total > font_files.MAX_BRAND_FONT_BYTES:
                    self.problems.append(self.document.problem(path, (
                        f"font file {given['path']!r} takes the brand's fonts past "
                        f"{font_files.MAX_BRAND_FONT_BYTES:,} bytes unpacked, the limit for them together: each is "
                        "embedded in every HTML page and PDF"), rule=OVER_LIMIT))
                    return []
                faces[key] = (FontFace(font["family"], located[0], weight, style), path)
        return [face for face, _ in faces.values()]

    def _font_file(self, written: str, path: FieldPath) -> tuple[Path, int] | None:
        """The font file the brand names at `path`, and what it unpacks to; None, and a problem, if it cannot be
        used."""
        try:
            located = figures.locate(self.document.path, written, font_files.FONT_FILE)
        except ValueError as exc:
            self.problems.append(self.document.problem(path, f"font file {exc}", rule=UNUSABLE_FILE))
            return None
        try:
            return located, font_files.unpacked_size(located)
        except ValueError as exc:  # says what the file is: "is not a TrueType…"
            self.problems.append(self.document.problem(path, f"font file {written!r} {exc}", rule=UNUSABLE_FILE))
            return None

    def _named_again(self, first: tuple[FontFace, FieldPath], located: Path, path: FieldPath) -> None:
        """A face named a second time: embedded once, and a warning if the second names another file (CSS
        would take only one of them)."""
        face, where = first
        if located != face.path:
            self.problems.append(self.document.problem(path, (
                f"font file not used: {face.family!r} at weight {face.weight}, {face.style}, already has its file "
                f"at {format_path(where)}"), rule=FONT_FILE_UNUSED))

    def _typeface(self, typography: dict[str, Any], key: str) -> Typeface | None:
        """The family `typography.<key>` names (written as `key: Arial` or `key: {family: Arial}`), if any; the
        schema check has held it to FAMILY_NAME."""
        written = typography.get(key)
        family = written.get("family") if isinstance(written, dict) else written
        path: FieldPath = ("typography", key, "family") if isinstance(written, dict) else ("typography", key)
        if not isinstance(family, str) or not family:
            return None
        return self._resolved(family, path)

    def _resolved(self, family: str, path: FieldPath | None) -> Typeface:
        """`family` with what stands in for it, if it is missing: reported at `path` (None: the default, quietly)."""
        if family.lower() in self.typefaces:
            return self.typefaces[family.lower()]
        if family.lower() in self.with_files or fonts.installed(family):
            typeface = Typeface(family)
        else:
            twin = fonts.metric_twin(family)
            typeface = Typeface(family, twin or fonts.FALLBACK)
            if path is not None:
                self.problems.append(_not_installed(self.document, path, typeface, twin is not None))
        self.typefaces[family.lower()] = typeface
        return typeface


def _not_installed(document: LoadedDocument, path: FieldPath, typeface: Typeface, metric: bool) -> Problem:
    """An info where a `metric`-compatible twin sets the PDFs, so that their lines break as the family's would;
    else a warning, as the PDFs are set in a font of other widths."""
    family, stand_in = typeface.family, typeface.stand_in
    named = f"the HTML, Word and PowerPoint files name {family!r}, for readers who have it"
    if metric:
        return document.problem(path, f"font {family!r} is not installed: the PDFs are set in {stand_in!r}, drawn to "
                                      f"its widths; {named}", rule=FONT_STAND_IN)
    twin = fonts.METRIC_COMPATIBLE.get(family.lower())
    also = f" or {twin!r}, drawn to its widths," if twin else ""
    return document.problem(path, f"font {family!r} is not installed: the PDFs are set in {stand_in!r} instead "
                                  f"(install it{also} or give its files: typography.fonts, source: file); {named}",
                            rule=FONT_MISSING)


def _weight(written: Any) -> str:
    """A font file's weight as CSS writes it, in numbers only: `bold` → `700`, a variable font's `100..900` →
    `100 900` (the schema has checked it is one brand-yml allows)."""
    from brand_yml.typography import BrandTypographyFontFileWeight

    weight = BrandTypographyFontFileWeight.model_validate(written).root
    parts = weight if isinstance(weight, tuple) else (weight,)
    return " ".join(str(_WEIGHTS[part] if isinstance(part, str) else part) for part in parts)
