"""The command line on good content: build, validate, audiences, version, help."""

from __future__ import annotations

from pathlib import Path

from briefgen import __version__
from tests.conftest import AUDIENCES, FIXTURES, run_cli

MINIMAL = FIXTURES / "minimal.yaml"


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.strip() == f"briefgen, version {__version__}"
    help_text = run_cli("--help").stdout
    for command in ("build", "validate", "audiences"):
        assert command in help_text
    assert "--audience" in run_cli("build", "--help").stdout


def test_validate_ok() -> None:
    result = run_cli("validate", MINIMAL)
    assert result.code == 0
    assert "minimal.yaml: ok (minimal, 3 audiences)" in result.stdout


def test_audiences_lists_labels() -> None:
    result = run_cli("audiences", MINIMAL)
    assert result.code == 0
    assert "commissioner     Commissioners" in result.stdout
    assert "link_worker      Link workers" in result.stdout


def test_build_selected_audience_and_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", MINIMAL, "--audience", "gp", "--format", "html", "--output", "brief", "--out", out)
    assert result.code == 0, result.stderr
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert built == [".briefgen-manifest.json", "index.html", "minimal/gp/brief.html"]


def test_build_slides_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", MINIMAL, "-a", "commissioner", "-o", "slides", "--out", out)
    assert result.code == 0, result.stderr
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert built == [".briefgen-manifest.json", "index.html", "minimal/commissioner/slides.html",
                     "minimal/commissioner/slides.pdf"]


def test_build_defaults_to_content_folder(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "minimal.yaml").write_text(MINIMAL.read_text())
    templates = Path(__file__).resolve().parent.parent / "templates"
    result = run_cli("build", "--templates", templates, "--format", "html", cwd=tmp_path)
    assert result.code == 0, result.stderr
    for audience in AUDIENCES:
        assert (tmp_path / "output" / "minimal" / audience / "brief.html").is_file()
