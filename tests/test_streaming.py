"""Documents end in any order when rendered in parallel: the warnings, the outputs and the manifest still come out
in job order, byte for byte as when they end in order (the manifest's render seconds aside, which vary)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen.pipeline import BuildRequest, build, plan
from briefgen.pipeline.jobs import RenderedDocument
from briefgen.pipeline.journal import MANIFEST_NAME
from tests.conftest import FIXTURES, ROOT, untimed


def test_documents_ending_in_reverse_order_make_the_same_build(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def request(out: str) -> BuildRequest:
        return BuildRequest(sources=(FIXTURES / "minimal.yaml",), out_dir=tmp_path / out,
                            templates_dir=ROOT / "templates", formats=("html",), check_fit=False, jobs=1)

    in_order = build(request("in-order"))
    render_all = plan.render_all

    def reversed_render_all(*args: Any) -> Iterator[RenderedDocument]:
        yield from reversed(list(render_all(*args)))

    monkeypatch.setattr(plan, "render_all", reversed_render_all)
    reversed_ = build(request("reversed"))
    assert (reversed_.rendered, reversed_.warnings) == (in_order.rendered, in_order.warnings)
    assert len(in_order.rendered) > 2

    def files(out: str) -> dict[str, bytes]:
        return {path.relative_to(tmp_path / out).as_posix(): path.read_bytes()
                for path in (tmp_path / out).rglob("*") if path.is_file()}

    reversed_files, in_order_files = files("reversed"), files("in-order")
    assert untimed(reversed_files.pop(MANIFEST_NAME)) == untimed(in_order_files.pop(MANIFEST_NAME))
    assert reversed_files == in_order_files
