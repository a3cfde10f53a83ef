"""fontconfig, asked through its C library → the font families installed, and the file that sets a family.

The library is the one WeasyPrint's Pango finds fonts with, so the answer is the one the PDF will get, and no
`fc-list` program is needed (a machine can have the library without its tools).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator
from functools import cache
from typing import Any

_LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")
"""fontconfig's library as Linux, macOS and Windows (MSYS2) name it; WeasyPrint loads it by the same names."""
_FAMILY = b"family"
"""FC_FAMILY: the property holding a font's family names (several: "DejaVu Sans", "DejaVu Sans Condensed")."""
_FILE = b"file"
_WEIGHT = b"weight"
_SLANT = b"slant"
_BOLD, _REGULAR = 200, 80
"""FC_WEIGHT_BOLD and FC_WEIGHT_REGULAR."""
_ITALIC, _ROMAN = 100, 0
"""FC_SLANT_ITALIC and FC_SLANT_ROMAN."""
_MATCH = 0
"""FcResultMatch: the property has a value at the index asked for."""
_SUBSTITUTE_PATTERN = 0
"""FcMatchPattern: the substitutions (aliases such as Arial → Liberation Sans) made to a pattern asked for."""


class _FontSet(ctypes.Structure):
    """fontconfig's FcFontSet: how many fonts, the room for them, and each font's pattern."""

    _fields_ = (("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p)))


_SIGNATURES: dict[str, tuple[Any, ...]] = {
    "FcPatternCreate": (ctypes.c_void_p,),
    "FcPatternDestroy": (None, ctypes.c_void_p),
    "FcObjectSetCreate": (ctypes.c_void_p,),
    "FcObjectSetAdd": (ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p),
    "FcObjectSetDestroy": (None, ctypes.c_void_p),
    "FcFontList": (ctypes.POINTER(_FontSet), ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p),
    "FcFontSetDestroy": (None, ctypes.POINTER(_FontSet)),
    "FcPatternGetString": (ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                           ctypes.POINTER(ctypes.c_char_p)),
    "FcPatternAddString": (ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p),
    "FcPatternAddInteger": (ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int),
    "FcConfigSubstitute": (ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int),
    "FcDefaultSubstitute": (None, ctypes.c_void_p),
    "FcFontMatch": (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)),
}
"""The functions used here: their result type, then their arguments' (ctypes would otherwise take every
pointer for an int, and cut it to 32 bits)."""


@cache
def installed_families() -> frozenset[str]:
    """Every family name of every font fontconfig knows, lower-cased (as `fc-list : family` lists them); empty
    where its library cannot be loaded."""
    library = _library()
    return frozenset(name.lower() for name in _families(library)) if library is not None else frozenset()


@cache
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    """The file fontconfig sets `family` in, in that weight and slant: the font itself, its alias (Arial →
    Liberation Sans) or, for a family it does not know, its default; None where its library cannot be loaded."""
    library = _library()
    if library is None:
        return None
    pattern = library.FcPatternCreate()
    library.FcPatternAddString(pattern, _FAMILY, family.encode())
    library.FcPatternAddInteger(pattern, _WEIGHT, _BOLD if bold else _REGULAR)
    library.FcPatternAddInteger(pattern, _SLANT, _ITALIC if italic else _ROMAN)
    library.FcConfigSubstitute(None, pattern, _SUBSTITUTE_PATTERN)
    library.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    matched = library.FcFontMatch(None, pattern, ctypes.byref(result))
    library.FcPatternDestroy(pattern)
    if not matched:
        return None
    value = ctypes.c_char_p()
    found = library.FcPatternGetString(matched, _FILE, 0, ctypes.byref(value)) == _MATCH and value.value
    path = value.value.decode() if found and value.value else None
    library.FcPatternDestroy(matched)
    return path


def _library() -> ctypes.CDLL | None:
    """fontconfig's library with the functions used here declared, or None where it cannot be found."""
    for name in _candidates():
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        for function, (result, *arguments) in _SIGNATURES.items():
            declared = getattr(library, function)
            declared.restype, declared.argtypes = result, arguments
        return library
    return None


def _candidates() -> Iterator[str]:
    yield from _LIBRARY_NAMES
    found = ctypes.util.find_library("fontconfig")  # the system's search, only when the usual names fail
    if found:
        yield found


def _families(library: ctypes.CDLL) -> list[str]:
    """The family names of the fonts the current configuration lists (fontconfig loads it on first use)."""
    pattern = library.FcPatternCreate()  # matches every font
    wanted = library.FcObjectSetCreate()
    library.FcObjectSetAdd(wanted, _FAMILY)
    listed = library.FcFontList(None, pattern, wanted)
    names = []
    if listed:
        value = ctypes.c_char_p()
        for index in range(listed.contents.nfont):
            font = listed.contents.fonts[index]
            number = 0
            while library.FcPatternGetString(font, _FAMILY, number, ctypes.byref(value)) == _MATCH and value.value:
                names.append(value.value.decode("utf-8", "replace"))
                number += 1
        library.FcFontSetDestroy(listed)
    library.FcObjectSetDestroy(wanted)
    library.FcPatternDestroy(pattern)
    return names
