"""The font families installed, as fontconfig's library lists them (no `fc-list` program needed), the open
fonts drawn to proprietary families' widths, and a font file's size read from its header."""

from __future__ import annotations

import ctypes.util
import io
from pathlib import Path

import pytest

from briefgen.content import font_files, fontconfig, fonts
from tests.conftest import FONTS


def test_fontconfigs_library_lists_the_families_briefgen_installs_without_fc_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert {"dejavu sans", "liberation sans", "inter"} <= fontconfig.installed_families.__wrapped__()


def test_without_fontconfigs_library_no_family_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontconfig, "_LIBRARY_NAMES", ("libno-such-fontconfig.so.1",))
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert fontconfig.installed_families.__wrapped__() == frozenset()


def test_a_twin_stands_in_for_a_family_of_its_widths_where_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontconfig, "installed_families",
                        lambda: frozenset({"liberation sans", "liberation serif", "carlito"}))
    families = ("Helvetica", "Helvetica Neue", "Times New Roman", "CALIBRI", "Cambria", "Frutiger")
    assert [fonts.metric_twin(family) for family in families] == \
        ["Liberation Sans", None, "Liberation Serif", "Carlito", None, None]  # Caladea, for Cambria, is missing


@pytest.mark.parametrize("flavor", ["woff", "woff2"])
def test_a_woff_is_sized_from_its_header_as_the_font_it_unpacks_to(tmp_path: Path, flavor: str) -> None:
    """The test brand's TrueType font packed as WOFF (zlib) and WOFF2 (Brotli, its glyphs transformed): the size
    read from the header is at least that of the font the file unpacks to, and within a few per cent of it (the
    tables' padding; a WOFF2 encoder's own reckoning)."""
    from fontTools.ttLib import TTFont

    packed = tmp_path / f"BrandSans.{flavor}"
    font = TTFont(FONTS / "BrandSans.ttf")
    font.flavor = flavor
    font.save(packed)
    unpacked = TTFont(packed)
    unpacked.flavor = None
    buffer = io.BytesIO()
    unpacked.save(buffer, reorderTables=False)
    assert len(buffer.getvalue()) <= font_files.unpacked_size(packed) <= len(buffer.getvalue()) * 1.05


def test_a_file_that_is_no_font_or_whose_header_lies_about_the_file_is_refused(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.woff2"
    truncated.write_bytes(b"wOF2" + b"\0" * 20)
    text = tmp_path / "notes.ttf"
    text.write_text("not a font")
    for path, message in ((truncated, "cut short in its header"), (text, "is not a TrueType, OpenType or WOFF")):
        with pytest.raises(ValueError, match=message):
            font_files.unpacked_size(path)
