"""Shared fixtures: the repository, the command line run in this process or in its own, the example built once."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import cli
from tests.briefings import generated

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "social-prescribing.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AUDIENCES = ("commissioner", "gp", "link_worker")
SECOND_EXAMPLE = ROOT / "content" / "virtual-wards-frailty.yaml"
"""The second shipped example: numbered citations, further reading in a BibTeX file, an audience of its own."""
LOCALITIES_EXAMPLE = ROOT / "content" / "social-prescribing-localities.yaml"
"""The third shipped example: an edition per local authority, a row each of the CSV file beside it."""
LOCALITIES_SLUG = "social-prescribing-localities"
LOCALITIES = ("E08000025", "E08000035", "E08000003")
"""Its local authorities' ONS codes, in the CSV file's order."""
SITE_CONTENT = tuple(sorted(set((ROOT / "content").glob("*.yaml")) - {LOCALITIES_EXAMPLE}))
"""The shipped briefings the shared site (`built_site`) builds: all but the localities example."""
SHIPPED_EDITIONS = {"social-prescribing": AUDIENCES, "virtual-wards-frailty": (*AUDIENCES, "community_nurse"),
                    LOCALITIES_SLUG: tuple(f"{code}/{audience}" for code in LOCALITIES
                                                           for audience in AUDIENCES)}
"""Each shipped briefing in content/ and the folders of the editions it builds: one per audience (and locality)."""
SHIPPED_DOCUMENTS = 2 * sum(map(len, SHIPPED_EDITIONS.values()))
"""How many documents (a brief and a deck per edition) building content/ renders."""
FONTS = FIXTURES / "fonts"
"""Open font files (see its README.md): no test depends on a font the machine happens to have."""


def chromium() -> str:
    """The Chromium the browser tests drive: $CHROMIUM, else the one on the PATH (`make test` installs Debian's)."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed for the browser tests: run scripts/install-system-deps.sh (or set CHROMIUM)"
    return found


def node() -> str:
    """Node.js, for axe-core and playwright-core (`make test` installs both and Node itself)."""
    found = shutil.which("node")
    assert found, "Node.js is needed for the browser tests: install it (Node 20+), then run `make test`"
    return found


def bold_brand(folder: Path) -> Path:
    """The bold test brand in `folder` (which must not exist), with the font files it names."""
    shutil.copytree(FIXTURES / "brands" / "bold", folder)
    shutil.copytree(FONTS, folder / "fonts", ignore=shutil.ignore_patterns("*.md"))
    return folder


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def uncoded(text: str) -> str:
    """`text` without the rule codes shown before messages (`[BG004] `): for tests about what a message says,
    not which rule found it (tests/test_rules.py holds every problem to its rule)."""
    return re.sub(r"\[BG\d{3}\] ", "", text)


def run_cli(*args: str | Path, cwd: Path = ROOT, timeout: float = 300) -> Run:
    """Run `briefgen ARGS` in `cwd`, in this process (click's CliRunner): output and exit code as a user sees
    them, and a failure's traceback names the function at fault. Render workers are real processes. A run
    past `timeout` seconds fails with TimeoutError."""
    with contextlib.chdir(cwd), _deadline(timeout):
        result = CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"the command ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_process(*args: str | Path, cwd: Path = ROOT, timeout: float = 300) -> Run:
    """Run `python -m briefgen ARGS` in a process of its own, as a user would, in `cwd`: for what only a
    process shows (signals, imports, the environment of every process)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    completed = subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def untimed(manifest: bytes) -> dict[str, object]:
    """A manifest's outputs without the seconds each took to render, which differ from run to run."""
    outputs = json.loads(manifest)["outputs"]
    return {name: {key: value for key, value in entry.items() if key != "seconds"} for name, entry in outputs.items()}


def made_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
              make: Callable[[Path], None]) -> Path:
    """A folder `make` fills once per test run, however many of pytest-xdist's workers ask for it: the first
    makes it under a lock while the others wait, then all read it (tests copy it before changing anything)."""
    if worker_id == "master":  # not under xdist
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    folder, made = shared / name, shared / f"{name}.made"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed to make it left
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def example_output(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The shipped example built once, with every audience and format."""
    def make(folder: Path) -> None:
        result = run_cli("build", EXAMPLE, "--out", folder / "output")
        assert result.code == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr

    return made_once(tmp_path_factory, worker_id, "example", make) / "output"


@pytest.fixture(scope="session")
def built_site(example_output: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The example's build (every audience), to which this adds the shipped briefings of `SITE_CONTENT` and the
    figure fixture for GPs, with every output: the example is not rendered twice, and already varies the
    audience. The localities example is left to `documented_build`: its editions are pages of the same
    templates, and the browser tests read its index and one edition there."""
    def make(folder: Path) -> None:
        shutil.copytree(example_output, folder / "output")
        result = run_cli("build", *SITE_CONTENT, FIXTURES / "figure.yaml", "-a", "gp", "--out", folder / "output")
        assert result.code == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr

    return made_once(tmp_path_factory, worker_id, "site", make) / "output"


AUTHORING = FIXTURES / "authoring.yaml"
"""The authoring features a reader meets (glossary, footnotes, total rows, the briefing's status) in one briefing."""


@pytest.fixture(scope="session")
def authoring_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """`AUTHORING` built once in every format for each of its audiences, for the test files of its features: the
    briefing's folder of editions."""
    def make(folder: Path) -> None:
        result = run_cli("build", AUTHORING, "-f", "html", "-f", "pdf", "-f", "docx", "-f", "pptx", "--out", folder)
        assert result.code == 0 and "warning" not in result.stderr, result.stderr

    return made_once(tmp_path_factory, worker_id, "authoring", make) / AUTHORING.stem


OFFICE_SEEDS = (3, 17)
"""The generated briefings the Office tests build beside the shipped ones."""


@pytest.fixture(scope="session")
def office_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Both examples, the figure fixture and generated briefings, for GPs, as HTML, pptx and docx, built once for
    every test file that reads Office files."""
    def make(root: Path) -> None:
        shutil.copytree(FIXTURES / "assets", root / "assets")
        shutil.copy(FIXTURES / "figure.yaml", root / "figure.yaml")
        sources = [EXAMPLE, SECOND_EXAMPLE, root / "figure.yaml"]
        for seed in OFFICE_SEEDS:
            path = root / f"generated-{seed}.yaml"
            path.write_text(yaml.safe_dump(generated(seed), allow_unicode=True), encoding="utf-8")
            sources.append(path)
        result = run_cli("build", *sources, "-a", "gp", "-f", "html", "-f", "pptx", "-f", "docx", "--out",
                         root / "out")
        assert result.code == 0, result.stderr
        # Every rule of the Office checks holds on every file, generated content included.
        assert ".pptx:" not in result.stderr and ".docx:" not in result.stderr, result.stderr

    return made_once(tmp_path_factory, worker_id, "office", make) / "out"


CI_WORKFLOW = ROOT / "docs" / "ci" / "build-briefs.yml"
"""The CI workflow docs/ci.md offers: its briefgen steps are run as written by `documented_build`."""


def documented_commands() -> list[str]:
    """The briefgen steps of the documented CI workflow, as written."""
    workflow = yaml.safe_load(CI_WORKFLOW.read_text(encoding="utf-8"))
    return [step["run"] for step in workflow["jobs"]["build"]["steps"] if "briefgen" in step.get("run", "")]


@pytest.fixture(scope="session")
def documented_build(example_output: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A copy of the project (content/ and templates/) built by the documented CI workflow's build step, run as
    written (`--jobs "$(nproc)"` as 2), once: the folder the copy is in, its output in `output/`. Its `output/`
    starts as the example's build, as the workflow's restored cache would have it: the example's editions are
    current (the same bytes a build from nothing writes), so they are not rendered twice."""
    def make(project: Path) -> None:
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "templates", project / "templates")
        shutil.copytree(example_output, project / "output")
        build = shlex.split(documented_commands()[0].replace('"$(nproc)"', "2"))
        assert build[0] == ".venv/bin/briefgen"
        result = run_cli(*build[1:], cwd=project)
        assert result.code == 0, (build, result.stderr)

    return made_once(tmp_path_factory, worker_id, "documented", make)
