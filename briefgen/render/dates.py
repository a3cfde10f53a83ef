"""A date as written in content (YYYY, YYYY-MM or YYYY-MM-DD) → as a reader of the content's language writes it,
from the Unicode CLDR's data (Babel): "25 November 2026" in en-GB, "November 25, 2026" in en-US."""

from __future__ import annotations

import datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

_SKELETONS = {"long": "yMMMM", "medium": "yMMM", "short": "yMM"}
"""A year and month in each style (a date has no day): "November 2026", "Nov 2026", "11/2026"."""


def printed(written: str, language: str, style: str = "long") -> str:
    """`written` in `style` (`long`, `medium`, `short`, or `iso` for the date as written), in `language`'s
    conventions (its language's alone if the region is unknown; English if the language is)."""
    if style == "iso" or len(written) == 4:
        return written
    parts = [int(part) for part in written.split("-")]
    if len(parts) == 2:
        return format_skeleton(_SKELETONS[style], datetime.date(parts[0], parts[1], 1), locale=_locale(language))
    return format_date(datetime.date(*parts), style, locale=_locale(language))


@cache
def _locale(language: str) -> Locale:
    for tag in (language, language.split("-")[0], "en"):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("Babel always knows English")
