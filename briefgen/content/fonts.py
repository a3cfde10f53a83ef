"""A font family a brand names → installed (fontconfig knows it), or the open font that stands in for it; a
brand's font file → accepted as a font, or the reason it is not."""

from __future__ import annotations

from pathlib import Path

from briefgen.content import fontconfig
from briefgen.content.figures import FileKind

FONT_FILE = FileKind({".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"},
                     "a TrueType, OpenType or WOFF font", "font", "fonts/Brand-Regular.ttf", "brand file")
_FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"wOFF", b"wOF2")

FALLBACK = "DejaVu Sans"
"""The open font that stands in for a missing family with no metric-compatible twin (it covers most scripts)."""
METRIC_COMPATIBLE = {"arial": "Liberation Sans", "helvetica": "Liberation Sans",
                     "times new roman": "Liberation Serif", "times": "Liberation Serif",
                     "courier new": "Liberation Mono", "courier": "Liberation Mono",
                     "calibri": "Carlito", "cambria": "Caladea"}
"""Proprietary families and the open fonts drawn to the same widths (Debian: fonts-liberation2,
fonts-crosextra-carlito, fonts-crosextra-caladea), so that text set in the stand-in breaks where it would in the
original."""


def installed(family: str) -> bool:
    """Whether fontconfig knows `family` (in any case)."""
    return family.lower() in fontconfig.installed_families()


def metric_twin(family: str) -> str | None:
    """The installed open font drawn to `family`'s widths, if it has one."""
    twin = METRIC_COMPATIBLE.get(family.lower())
    return twin if twin is not None and installed(twin) else None


def check_font_file(path: Path) -> None:
    """Raise ValueError if the file at `path` does not start as a TrueType, OpenType or WOFF font does."""
    if not path.read_bytes()[:4].startswith(_FONT_SIGNATURES):
        raise ValueError("is not a TrueType, OpenType or WOFF font file")
