"""The font families installed, as fontconfig's library lists them (no `fc-list` program needed), and the open
fonts drawn to proprietary families' widths."""

from __future__ import annotations

import ctypes.util

import pytest

from briefgen.content import fontconfig, fonts


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
