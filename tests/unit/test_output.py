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


def test_an_added_output_is_staged_on_disk_and_not_held_in_memory(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path)
    writer.add("a/brief.html", b"A" * 1000, inputs=digest(b"in-a"))
    staged = [path for path in (tmp_path / "a").iterdir()]
    assert [path.read_bytes() for path in staged] == [b"A" * 1000] and staged[0].name.startswith(".brief.html.")
    assert not any(isinstance(value, bytes) for entry in writer._pending.values() for value in vars(entry).values())
    writer.discard()  # as when the build fails: nothing it staged is left, nor the folder it made for it
    assert list(tmp_path.iterdir()) == []


def test_two_builds_staging_one_file_at_once_each_switch_in_their_own(tmp_path: Path) -> None:
    first, second = OutputWriter(tmp_path), OutputWriter(tmp_path)
    first.add("brief.html", b"first", inputs=digest(b"1"))
    second.add("brief.html", b"second", inputs=digest(b"2"))
    first.commit()  # its sweep leaves the files of the build still running
    assert (tmp_path / "brief.html").read_bytes() == b"first"
    second.commit()
    assert (tmp_path / "brief.html").read_bytes() == b"second"
    assert sorted(path.name for path in tmp_path.iterdir()) == [MANIFEST_NAME, "brief.html"]
