"""What a briefing says of its own state (its version, the date of its figures, its review date), as the page's
head carries it (templates/_pdf_meta.html.j2), for each format to write into its own properties, where a reader's
file manager, a records system or a search shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusProperty:
    meta: str
    """The `<meta name>` the page's head gives it under."""
    pdf: str
    """Its key in a PDF's document information (a PDF name: letters only)."""
    office: str
    """Its name among an Office file's custom properties."""


STATUS_PROPERTIES = (
    StatusProperty("version", "Version", "Version"),
    StatusProperty("figures-as-at", "FiguresAsAt", "Figures as at"),
    StatusProperty("review-date", "ReviewDate", "Review date"),
)
