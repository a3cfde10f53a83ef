"""Incremental builds: what is current is not rendered again; what changed is, and only that."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.errors import UsageError
from briefgen.pipeline import BuildRequest, journal
from briefgen.pipeline import build as build_in_process
from briefgen.pipeline.journal import MANIFEST_NAME
from briefgen.pipeline.output import OutputWriter
from tests.conftest import FIXTURES, ROOT, SHIPPED_DOCUMENTS, Run, run_cli

ALL_FILES = {f"minimal/{audience}/{document}.{fmt}" for audience in ("commissioner", "gp", "link_worker")
             for document in ("brief", "slides") for fmt in ("html", "pdf")}


def wrote(stdout: str, out: Path) -> set[str]:
    """The output files a build reports it wrote, relative to `out`."""
    return {Path(line.removeprefix("wrote ")).relative_to(out).as_posix()
            for line in stdout.splitlines() if line.startswith("wrote ")}


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {path.relative_to(out).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in out.rglob("*") if path.is_file() and not path.name.startswith(".")}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal briefing and a copy of the templates, built once for the module."""
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "content").mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", folder / "content" / "minimal.yaml")
    result = build(folder)
    assert result.code == 0, result.stderr
    assert wrote(result.stdout, folder / "out") == ALL_FILES | {"index.html"}
    return folder


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A built project of the test's own, free to edit. (The manifest names files by absolute path, so a
    copy elsewhere starts with no record of its content and templates: build it once more first.)"""
    shutil.copytree(built_project, tmp_path, dirs_exist_ok=True)
    assert build(tmp_path).code == 0
    return tmp_path


def build(project: Path, *options: str, timeout: float = 300) -> Run:
    return run_cli("build", project / "content", "--out", project / "out", "--templates", project / "templates",
                   *options, timeout=timeout)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_nothing_changed_renders_nothing_and_says_so(project: Path) -> None:
    before = snapshot(project / "out")
    result = build(project)
    assert result.code == 0, result.stderr
    assert result.stdout == "nothing to render: all 6 documents are current\n"
    assert snapshot(project / "out") == before  # same bytes, not even rewritten (same mtimes)


def test_edit_for_one_audience_rebuilds_exactly_its_files(project: Path) -> None:
    edit(project / "content" / "minimal.yaml", "Only commissioners", "Only commissioners, edited")
    result = build(project)
    assert result.code == 0, result.stderr
    assert wrote(result.stdout, project / "out") == {f for f in ALL_FILES if f.startswith("minimal/commissioner/")}
    assert "rendered 2 documents, 4 current" in result.stdout
    assert "Only commissioners, edited" in (project / "out/minimal/commissioner/brief.html").read_text()


def test_shared_edit_rebuilds_every_audience(project: Path) -> None:
    edit(project / "content" / "minimal.yaml", "items: [a, b]", "items: [a, b, c]")
    assert wrote(build(project).stdout, project / "out") == ALL_FILES


@pytest.mark.parametrize(("template", "document"), [("css/brief.css", "brief"), ("js/deck.js", "slides"),
                                                     ("slides.html.j2", "slides")])
def test_template_edit_rebuilds_the_documents_that_use_it(project: Path, template: str, document: str) -> None:
    path = project / "templates" / template
    path.write_text(path.read_text() + "\n/* edited */\n" if template.endswith((".css", ".js")) else
                    path.read_text() + "\n{# edited #}\n")
    result = build(project)
    assert result.code == 0, result.stderr
    assert "rendered 3 documents, 3 current" in result.stdout
    users = {f for f in ALL_FILES if f.split("/")[-1].startswith(document)}
    # A Jinja comment changes no output byte: rendered again, but nothing to write.
    assert wrote(result.stdout, project / "out") == (set() if template.endswith(".j2") else users)


def test_shared_template_edit_rebuilds_everything_that_uses_it(project: Path) -> None:
    edit(project / "templates" / "css" / "theme.css", "--accent", "--accent")  # no-op edit: same bytes
    assert wrote(build(project).stdout, project / "out") == set()
    (project / "templates" / "css" / "theme.css").write_text(
        (project / "templates" / "css" / "theme.css").read_text() + "\n.unused { color: red; }\n")
    assert wrote(build(project).stdout, project / "out") == ALL_FILES | {"index.html"}


def test_force_renders_everything_and_writes_only_what_differs(project: Path) -> None:
    result = build(project, "--force")
    assert result.code == 0, result.stderr
    assert "rendered 6 documents, 0 current" in result.stdout
    assert wrote(result.stdout, project / "out") == set()  # reproducible: the same bytes again


def test_deleted_or_altered_output_is_rebuilt(project: Path) -> None:
    (project / "out/minimal/gp/slides.pdf").unlink()
    (project / "out/minimal/gp/brief.html").write_text("tampered")
    result = build(project)
    assert wrote(result.stdout, project / "out") == {"minimal/gp/slides.pdf", "minimal/gp/brief.html"}
    assert "rendered 2 documents, 4 current" in result.stdout


@pytest.mark.parametrize("manifest", ["{not json", '{"format": 3, "outputs": {"x": 3}, "builds": []}',
                                      '{"format": 1, "outputs": {}, "builds": {}}'])
def test_missing_or_corrupt_manifest_means_a_full_rebuild(project: Path, manifest: str) -> None:
    (project / "out" / MANIFEST_NAME).write_text(manifest)
    result = build(project)
    assert result.code == 0, result.stderr
    assert "rendered 6 documents" in result.stdout
    assert json.loads((project / "out" / MANIFEST_NAME).read_text())["format"] == 3


def test_new_version_rebuilds_everything(project: Path) -> None:
    manifest_path = project / "out" / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text())
    assert len(manifest["outputs"]) == 12 + 1  # and the index
    # What another version recorded: different input hashes for the same bytes, and its own request keys.
    for entry in manifest["outputs"].values():
        entry["inputs"] = "0" * 64
    manifest["builds"] = {"0" * 64: next(iter(manifest["builds"].values()))}
    manifest_path.write_text(json.dumps(manifest))
    assert "rendered 6 documents, 0 current" in build(project).stdout


def test_strict_fails_on_warnings_of_current_outputs(tmp_path: Path) -> None:
    """A build that renders nothing must not hide the warnings of what it kept: CI runs --strict on it."""
    out = tmp_path / "out"
    overfull = FIXTURES / "overfull_contrast.yaml"
    first = run_cli("build", overfull, "-o", "slides", "-f", "html", "--out", out)
    assert first.code == 0 and "warning:" in first.stderr
    again = run_cli("build", overfull, "-o", "slides", "-f", "html", "--out", out)
    assert again.code == 0 and "nothing to render" in again.stdout
    assert again.stderr.count("warning:") == first.stderr.count("warning:")
    strict = run_cli("build", overfull, "-o", "slides", "-f", "html", "--out", out, "--strict")
    assert strict.code == 1 and "nothing was written" in strict.stderr


def test_parallel_and_serial_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    serial = tmp_path / "serial"
    result = run_cli("build", project / "content", "--out", serial, "--templates", project / "templates",
                     "--jobs", "1")
    assert result.code == 0, result.stderr
    assert {k: v[1] for k, v in snapshot(serial).items()} == {k: v[1] for k, v in snapshot(project / "out").items()}


def test_progress_is_one_plain_line_per_document_when_not_a_terminal(project: Path) -> None:
    result = build(project, "--force", "--jobs", "2")
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert sorted(line.split()[0] for line in lines) == [f"[{n}/6]" for n in range(1, 7)]
    assert {line.split()[1] for line in lines} == {f.rsplit(".", 1)[0] for f in ALL_FILES}
    assert "\r" not in result.stderr


def start_and_stop(out: Path, stop: signal.Signals) -> tuple[int, str, float]:
    """Start a build of the examples, send `stop` to it and its workers once one document is done; its exit
    code, what it wrote on stderr and the seconds it took to stop."""
    with subprocess.Popen(
            [sys.executable, "-m", "briefgen", "build", ROOT / "content", "--out", out, "--jobs", "2"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"}) as process:
        assert process.stderr is not None
        try:
            first = process.stderr.readline()  # one document is done; the others are still rendering
            assert first.startswith(f"[1/{SHIPPED_DOCUMENTS}]"), first
            os.killpg(process.pid, stop)  # as a terminal does: the build and its worker processes
            stopped = time.monotonic()
            code = process.wait(timeout=60)
            return code, process.stderr.read(), time.monotonic() - stopped
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=60)


def files_in(out: Path) -> list[Path]:
    return [path for path in out.rglob("*") if path.is_file()]


def test_build_killed_while_rendering_writes_nothing(tmp_path: Path) -> None:
    """What it staged is under dot-names nothing shows, and the next run to look at the folder removes it."""
    out = tmp_path / "out"
    code, _, _ = start_and_stop(out, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert all(path.name.startswith(".") for path in files_in(out))
    journal.settle(out)
    assert files_in(out) == []


def test_ctrl_c_stops_the_build_at_once_quietly_and_writes_nothing(tmp_path: Path) -> None:
    code, stderr, seconds = start_and_stop(tmp_path / "out", signal.SIGINT)
    assert code == 130
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert files_in(tmp_path / "out") == []
    assert seconds < 15  # at once, not once the other documents have rendered


def test_interrupted_write_keeps_the_old_file_and_no_temporary(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    writer = OutputWriter(tmp_path)
    writer.add("brief.pdf", b"new bytes", inputs="1")
    monkeypatch.setattr(os, "replace", interrupted)  # the first rename puts the journal in place
    with pytest.raises(KeyboardInterrupt):
        writer.commit()
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.pdf"]


def test_leftover_temporary_files_are_removed_by_the_next_build_that_writes(project: Path) -> None:
    """A build killed while writing left outputs that differ from the manifest, so the next one writes."""
    leftover = project / "out" / "minimal" / "gp" / ".brief.pdf.abc123.tmp"
    leftover.write_bytes(b"%PDF-1.7 half")
    (project / "out" / "minimal" / "gp" / "brief.html").write_text("half")
    assert build(project).code == 0
    assert not leftover.exists()


def test_builds_in_different_folders_on_different_days_are_byte_identical(tmp_path: Path) -> None:
    """The same inputs give the same bytes: no clock, no path, no random id reaches an output."""
    outputs = []
    for folder, day in (("first", "2001-02-03"), ("second/deeper", "2033-11-12")):
        project = tmp_path / folder
        shutil.copytree(ROOT / "templates", project / "templates")
        # The second example: its citations, tables and figures, and all four formats, as it asks for them.
        (project / "content").mkdir()
        for source in sorted((ROOT / "content").glob("virtual-wards-frailty.*")):
            shutil.copy(source, project / "content")
        clock = project / "clock"
        clock.mkdir()
        (clock / "sitecustomize.py").write_text(_FAKE_CLOCK.format(epoch=time.mktime(time.strptime(day, "%Y-%m-%d"))))
        # The clock first, then any path already given (so the briefgen under test is the one imported).
        path = os.pathsep.join(filter(None, (str(clock), os.environ.get("PYTHONPATH"))))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONWARNINGS": "ignore"}
        # One audience: what could differ (clock, folder) is the same for all, and its deck spreads a slide.
        command = [sys.executable, "-m", "briefgen", "build", "--jobs", "2", "-a", "commissioner"]
        completed = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600,
                                   check=False)
        assert completed.returncode == 0, completed.stderr
        assert set((clock / "sitecustomize.py.seen").read_text().split()) == {day}
        outputs.append({k: v[1] for k, v in snapshot(project / "output").items()})
    # The commissioners' brief and deck, as HTML, PDF, Word and PowerPoint, and the index.
    assert len(outputs[0]) == 2 + 2 + 2 + 1 and outputs[0] == outputs[1]


# Runs at interpreter start-up (and in worker processes), before anything reads the clock.
_FAKE_CLOCK = """
import datetime, time
_EPOCH = {epoch}
time.time = lambda: _EPOCH
time.time_ns = lambda: int(_EPOCH * 1e9)
class _Datetime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.fromtimestamp(_EPOCH, tz)
    utcnow = classmethod(lambda cls: datetime.datetime.utcfromtimestamp(_EPOCH))
    today = classmethod(lambda cls: datetime.datetime.fromtimestamp(_EPOCH))
class _Date(datetime.date):
    today = classmethod(lambda cls: datetime.date.fromtimestamp(_EPOCH))
datetime.datetime, datetime.date = _Datetime, _Date
with open(__file__ + ".seen", "a") as seen:  # proof that the fake clock was in force, in every process
    seen.write(datetime.date.today().isoformat() + "\\n")
"""


def test_decks_rebuilt_after_an_edit_match_a_cold_build(example_output: Path, tmp_path: Path) -> None:
    """A rebuild spreads slides as the last build did (the manifest remembers), and gets the same bytes as
    a build from scratch, which finds the overflow by laying the deck out."""
    manifest = json.loads((example_output / MANIFEST_NAME).read_text())
    runs = manifest["outputs"]["social-prescribing/commissioner/slides.pdf"]["slide_runs"]
    assert runs  # the example's commissioner deck spreads a slide, or sets one smaller
    incremental = tmp_path / "incremental"
    shutil.copytree(example_output, incremental)
    content = tmp_path / "social-prescribing.yaml"
    text = (ROOT / "content" / "social-prescribing.yaml").read_text()
    edited = "    text: Some service users found social prescribing a highly valued source of support at challenging"
    assert text.count(edited) == 1
    content.write_text(text.replace(edited, edited.replace("challenging", "hard")))
    result = run_cli("build", content, "--out", incremental, "-a", "commissioner")
    assert result.code == 0, result.stderr
    assert "rendered 2 documents" in result.stdout  # a key message: the brief and the deck
    cold = tmp_path / "cold"
    assert run_cli("build", content, "--out", cold, "-a", "commissioner").code == 0
    commissioner = {k: v[1] for k, v in snapshot(cold).items() if "/commissioner/" in k}
    assert len(commissioner) == 4
    assert commissioner == {k: v[1] for k, v in snapshot(incremental).items() if "/commissioner/" in k}
    assert "hard times" in (cold / "social-prescribing/commissioner/slides.html").read_text()


def test_an_unchanged_request_stops_before_loading_anything(project: Path) -> None:
    """Nothing changed since the same request last ran: no YAML, schema, template or layout code is run."""
    script = ("import sys; from pathlib import Path; from briefgen.pipeline import BuildRequest, build; "
              "p = Path(sys.argv[1]); "
              "result = build(BuildRequest(sources=(p / 'content' / 'minimal.yaml',), out_dir=p / 'out', "
              "templates_dir=p / 'templates')); "
              "heavy = {'yaml', 'pydantic', 'jinja2', 'markdown', 'weasyprint'} & set(sys.modules); "
              "print(result.rendered, result.current, sorted(heavy))")
    completed = subprocess.run([sys.executable, "-c", script, project], capture_output=True, text=True, check=True,
                               cwd=ROOT, timeout=120)
    assert completed.stdout.strip() == "() 6 []"
    (project / "content" / "minimal.yaml").touch()  # a new mtime, the same bytes: still nothing to do
    assert build(project).stdout.startswith("nothing to render")


def test_a_changed_figure_image_rebuilds_the_documents_showing_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content, ignore=shutil.ignore_patterns("bad", "*.yaml"))
    shutil.copy(FIXTURES / "figure.yaml", content)
    out = tmp_path / "out"
    first = run_cli("build", content / "figure.yaml", "--out", out, "-a", "gp", "-f", "html")
    assert first.code == 0, first.stderr
    image = next(path for path in (content / "assets").iterdir() if path.suffix == ".svg")
    image.write_text(image.read_text().replace("</svg>", "<!-- changed --></svg>"))
    again = run_cli("build", content / "figure.yaml", "--out", out, "-a", "gp", "-f", "html")
    assert again.code == 0, again.stderr
    assert "rendered 2 documents, 0 current" in again.stdout


def test_unchecked_decks_are_quick_html_that_the_next_checked_build_lays_out(project: Path) -> None:
    """`serve` shows an edit first with decks spread as last time, not laid out; a checked build follows and
    renders those decks again, as their manifest records say they are unchecked."""
    def recorded_inputs(name: str) -> str:
        return str(json.loads((project / "out" / MANIFEST_NAME).read_text())["outputs"][name]["inputs"])

    edit(project / "content" / "minimal.yaml", "items: [a, b]", "items: [a, b, c]")
    request = BuildRequest(sources=(project / "content" / "minimal.yaml",), out_dir=project / "out",
                           templates_dir=project / "templates")
    quick = build_in_process(replace(request, formats=("html",), check_fit=False))
    assert len(quick.rendered) == 6 and len(quick.written) == 6  # every brief and deck shows the edit
    assert '-item-3">c</li>' in (project / "out/minimal/gp/slides.html").read_text()
    unchecked = recorded_inputs("minimal/gp/slides.html"), recorded_inputs("minimal/gp/brief.html")
    checked = build(project)
    assert checked.code == 0 and "rendered 6 documents" in checked.stdout  # decks laid out, PDFs made
    assert recorded_inputs("minimal/gp/slides.html") != unchecked[0]
    assert recorded_inputs("minimal/gp/brief.html") == unchecked[1]
    with pytest.raises(UsageError, match="PDF is always laid out"):
        build_in_process(replace(request, check_fit=False))


def test_an_output_folder_replaced_by_a_link_is_refused_and_nothing_written_outside(project: Path,
                                                                                      tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    gp = project / "out" / "minimal" / "gp"
    shutil.rmtree(gp)
    gp.symlink_to(outside, target_is_directory=True)
    edit(project / "content" / "minimal.yaml", "items: [a, b]", "items: [a, b, c]")
    result = build(project)
    assert result.code == 2 and f"{gp} is a link: briefgen writes only real files and folders" in result.stderr
    assert list(outside.iterdir()) == [] and "Traceback" not in result.stderr


@pytest.mark.parametrize("manifest", ['{"format": 2, "outputs": {}, "builds": {}}' + " " * 10,
                                      "[" * 100_000 + "]" * 100_000])
def test_a_hostile_or_emptied_manifest_means_a_full_rebuild(project: Path, manifest: str) -> None:
    (project / "out" / MANIFEST_NAME).write_text(manifest)
    (project / "out" / "minimal" / "gp" / "slides.pdf").unlink()
    result = build(project)
    assert result.code == 0, result.stderr
    assert "rendered 6 documents" in result.stdout and (project / "out" / "minimal" / "gp" / "slides.pdf").is_file()


def test_a_manifest_that_is_a_fifo_or_names_a_device_is_not_read(project: Path) -> None:
    manifest_path = project / "out" / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text())
    for record in manifest["builds"].values():
        record["inputs"]["/dev/zero"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    result = build(project, timeout=60)  # the device counts as changed, and is never read
    assert result.code == 0 and "all 6 documents are current" in result.stdout, result.stderr
    manifest_path.unlink()
    os.mkfifo(manifest_path)
    result = build(project)
    assert result.code == 0 and "rendered 6 documents" in result.stdout, result.stderr
    assert manifest_path.is_file()  # replaced by the new manifest


def test_a_full_disk_is_an_error_naming_the_file_not_a_traceback(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_new = journal.write_new

    def full(path: Path, data: bytes) -> None:  # room for the journal, none for the outputs
        if path != journal.temporary_of(project / "out" / journal.JOURNAL_NAME):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        write_new(path, data)

    before = {path: path.read_bytes() for path in (project / "out").rglob("*") if path.is_file()}
    monkeypatch.setattr(journal, "write_new", full)
    edit(project / "content" / "minimal.yaml", "items: [a, b]", "items: [a, b, c]")
    result = build(project)
    assert result.code == 2 and "Traceback" not in result.stderr
    assert re.search(r"error: cannot write \S+/out/minimal/\w+/\w+\.\w+: No space left on device", result.stderr)
    assert {path: path.read_bytes() for path in (project / "out").rglob("*") if path.is_file()} == before
