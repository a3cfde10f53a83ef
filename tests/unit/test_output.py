"""The one writer: a manifest written under the folder's lock keeps what another build recorded meanwhile."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.pipeline.journal import MANIFEST_NAME
from briefgen.pipeline.output import OutputWriter, digest


def test_two_builds_into_one_folder_both_stay_recorded(tmp_path: Path) -> None:
    first, second = OutputWriter(tmp_path), OutputWriter(tmp_path)  # both read the (empty) folder first
    first.add("a/brief.html", b"A", inputs=digest(b"in-a"))
    first.record_build("request-a", {"/content/a.yaml": "1"}, ("a/brief.html",))
    second.add("b/brief.html", b"B", inputs=digest(b"in-b"))
    second.record_build("request-b", {"/content/b.yaml": "2"}, ("b/brief.html",))
    first.commit()
    second.commit()  # written last, from a reading that predates the first build's manifest
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert set(manifest["outputs"]) == {"a/brief.html", "b/brief.html"}
    assert set(manifest["builds"]) == {"request-a", "request-b"}
    again = OutputWriter(tmp_path)
    assert again.holds("a/brief.html") and again.holds("b/brief.html")
