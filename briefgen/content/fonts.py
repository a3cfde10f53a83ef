"""A font family a brand names → installed (fontconfig knows it), or the open font that stands in for it."""

from __future__ import annotations

from briefgen.content import fontconfig

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

