"""Shared fixtures: the repository, a CLI runner that really runs the command, the example built once."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "social-prescribing.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AUDIENCES = ("commissioner", "gp", "link_worker")


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, cwd: Path = ROOT, timeout: float = 300) -> Run:
    """Run `python -m briefgen ARGS` as a user would, in `cwd`."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    completed = subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(scope="session")
def example_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example built once, with every audience and format."""
    out = tmp_path_factory.mktemp("example") / "output"
    result = run_cli("build", EXAMPLE, "--out", out)
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every briefing in content/ (when there is one) and the figure fixture, built with every output."""
    out = tmp_path_factory.mktemp("site") / "output"
    shipped = sorted((ROOT / "content").glob("*.yaml"))
    result = run_cli("build", *shipped, FIXTURES / "figure.yaml", "--out", out)
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out
