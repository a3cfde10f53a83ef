"""A document's CPU-time limit holds even where a library swallows the signal that enforces it: WeasyPrint's SVG
drawing catches every exception, BaseException included, and carries on."""

from __future__ import annotations

import contextlib
import time

import pytest

from briefgen.errors import RenderError
from briefgen.pipeline import jobs


def _spend(seconds: float) -> None:
    """Spend `seconds` of this thread's CPU time."""
    until = time.thread_time() + seconds
    while time.thread_time() < until:
        pass


def test_a_limit_a_library_swallows_fires_again_and_stops_the_render() -> None:
    with pytest.raises(RenderError, match=r"^slug/gp/slides: took more than 0\.01 s of CPU time"), \
            jobs._time_limit(0.01, "slug/gp/slides"):
        with contextlib.suppress(BaseException):  # as WeasyPrint drawing an SVG does
            _spend(0.05)
        _spend(5)


def test_a_render_within_its_limit_is_left_alone() -> None:
    with jobs._time_limit(5, "slug/gp/slides"):
        _spend(0.02)
