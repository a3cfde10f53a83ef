"""A format added through the registry alone is built end to end: CLI choice, output files, manifest, index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.pipeline.journal import MANIFEST_NAME
from briefgen.render.draft import Draft
from briefgen.render.registry import FORMATS, OutputFormat
from tests.conftest import AUDIENCES, FIXTURES, run_cli


def plain_text(draft: Draft) -> bytes:
    """A toy format: the text of the brief's main content, a line per block."""
    main = BeautifulSoup(draft.html, "html.parser").find("main")
    assert main is not None
    return main.get_text("\n", strip=True).encode()


@pytest.fixture
def text_format() -> Iterator[OutputFormat]:
    registered = FORMATS.register(OutputFormat("txt", "plain text", f"{__name__}:plain_text", ("brief",)))
    yield registered
    FORMATS.unregister("txt")


def test_a_registered_toy_format_builds_end_to_end(text_format: OutputFormat, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", FIXTURES / "minimal.yaml", "--format", "txt", "--format", "html", "--out", out)
    assert result.code == 0, result.stderr
    built = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.txt"))
    assert built == [f"minimal/{audience}/brief.txt" for audience in AUDIENCES]  # briefs only: as registered
    gp = (out / "minimal" / "gp" / "brief.txt").read_text()
    assert "Key messages" in gp and "For GPs only." in gp and "<" not in gp
    assert "For GPs only." not in (out / "minimal" / "commissioner" / "brief.txt").read_text()
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert "minimal/gp/brief.txt" in manifest["outputs"]
    index = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    links = {link["href"]: link.get_text(" ", strip=True) for link in index.find_all("a", href=True)}
    assert links["minimal/gp/brief.txt"] == "Brief (plain text) for GPs and primary care teams"
    again = run_cli("build", FIXTURES / "minimal.yaml", "--format", "txt", "--format", "html", "--out", out)
    assert again.stdout == "nothing to render: all 6 documents are current\n"


def test_an_unregistered_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", FIXTURES / "minimal.yaml", "--format", "txt", "--out", tmp_path)
    assert result.code == 2 and "'txt' is not one of 'html', 'pdf'" in result.stderr


def test_a_name_is_registered_once(text_format: OutputFormat) -> None:
    with pytest.raises(ValueError, match="a format named 'txt' is registered already"):
        FORMATS.register(text_format)
