"""A build's outputs become visible together or not at all: a build killed by SIGKILL after any step of its
commit leaves the folder holding the previous build or the new one, never a mix, once the next run has
looked at it; a file the commit cannot change is an error naming it, never a traceback or a journal no run can
act on; two builds into one folder both stay recorded; no link is written through."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.errors import UsageError
from briefgen.pipeline import BuildRequest, BuildResult, build, journal
from briefgen.pipeline.journal import JOURNAL_NAME, MANIFEST_NAME
from tests.conftest import FIXTURES, ROOT, run_cli, untimed

Files = dict[str, bytes]


def files(out: Path) -> Files:
    """Every file in `out`, the manifest and any temporary file or journal included."""
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()}


def untimed_files(out: Path) -> dict[str, object]:
    return untimed_files_of(files(out))


def untimed_files_of(snapshot: Files) -> dict[str, object]:
    """`snapshot` with its manifest's render seconds left out."""
    return {name: untimed(data) if name == MANIFEST_NAME else data for name, data in snapshot.items()}


def visible(snapshot: Files) -> Files:
    return {name: data for name, data in snapshot.items() if not any(part.startswith(".") for part in name.split("/"))}


def in_child(work: Callable[[], object], timeout: float = 60) -> int:
    """Run `work` in a forked child (the modules imported already, so each run is quick); its wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise TimeoutError(f"the build ran past {timeout} s")


def killed_after_step(number: int, work: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        done: list[str] = []

        def step(name: str) -> None:
            done.append(name)
            if len(done) == number:
                os.kill(os.getpid(), signal.SIGKILL)

        journal.after_step = step
        return work()
    return run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "content")
    return tmp_path


def html_request(project: Path, out: Path, *audiences: str) -> BuildRequest:
    """HTML only, decks spread without laying them out: every output, in a fraction of a second."""
    return BuildRequest(sources=(project / "content" / "minimal.yaml",), out_dir=out, templates_dir=ROOT / "templates",
                        selection={"audience": frozenset(audiences)}, formats=("html",), check_fit=False, jobs=1)


def test_a_build_killed_at_any_step_of_its_commit_leaves_the_old_build_or_the_new(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = project / "content" / "minimal.yaml"
    text = {"A": content.read_text()}
    text["B"] = text["A"].replace("items: [a, b]", "items: [a, b, c]")
    before = tmp_path / "A"
    assert build(html_request(project, before)).rendered
    (before / "notes.txt").write_text("a user's own file")  # never briefgen's to remove
    expected = {"A": files(before)}

    steps: list[str] = []
    monkeypatch.setattr(journal, "after_step", steps.append)
    content.write_text(text["B"])
    shutil.copytree(before, tmp_path / "B")
    result = build(html_request(project, tmp_path / "B"))
    monkeypatch.undo()
    expected["B"] = files(tmp_path / "B")
    changed = {name for name in expected["B"] if expected["B"][name] != expected["A"].get(name)}
    assert len(result.written) == 6 and len(changed) == 7  # every brief and deck, and the manifest
    staged = sum(step.startswith("staged ") for step in steps)
    assert staged == 8 and steps[staged - 1] == "staged .briefgen-manifest.json"  # each output as it is rendered,
    assert steps[staged] == "journal of the renames in place"  # the index (unchanged), then the manifest
    assert sum(step.startswith("renamed ") for step in steps) == 7 and steps[-1] == "journal removed"
    assert len(steps) == staged + 9

    for number in range(1, len(steps) + 1):
        out = tmp_path / f"killed-{number}"
        shutil.copytree(before, out)
        content.write_text(text["B"])
        status = in_child(killed_after_step(number, lambda out=out: build(html_request(project, out))))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (number, steps[number - 1])
        state = "A" if number <= staged else "B"
        left = files(out)
        if JOURNAL_NAME not in left:  # no journal, no mix: only staged files and their build's lock file may be left
            assert visible(left) == visible(expected[state]), steps[number - 1]
        # The next run of the build that the folder holds completes or drops the commit, finds every output
        # current as the manifest says, and renders and writes nothing.
        content.write_text(text[state])
        again = build(html_request(project, out))
        assert (again.rendered, again.written) == ((), ()), steps[number - 1]
        # No temporary file, no journal; a commit completed from its journal holds the killed run's manifest,
        # which differs from the one compared with only in the seconds it records.
        assert untimed_files(out) == untimed_files_of(expected[state]), steps[number - 1]


def test_a_reader_completes_a_commit_left_midway(project: Path, tmp_path: Path) -> None:
    """`serve` (and `check`) read the folder through `consistent`: a journal is completed first."""
    content = project / "content" / "minimal.yaml"
    out = tmp_path / "out"
    build(html_request(project, out))
    content.write_text(content.read_text().replace("items: [a, b]", "items: [a, b, c]"))
    renames_journaled = 9  # eight files staged (six documents, the index, the manifest), the journal of the renames
    status = in_child(killed_after_step(renames_journaled + 1, lambda: build(html_request(project, out))))
    assert os.WIFSIGNALED(status)
    assert (out / JOURNAL_NAME).is_file()
    with journal.consistent(out):
        assert not (out / JOURNAL_NAME).exists() and not list(out.rglob("*.tmp"))
        assert all('-item-3">c</li>' in (out / f"minimal/{audience}/slides.html").read_text()
                   for audience in ("commissioner", "gp", "link_worker"))


def test_a_link_put_in_the_folder_after_a_kill_is_not_written_through(project: Path, tmp_path: Path) -> None:
    content = project / "content" / "minimal.yaml"
    out, outside = tmp_path / "out", tmp_path / "elsewhere"
    outside.mkdir()
    build(html_request(project, out))
    content.write_text(content.read_text().replace("items: [a, b]", "items: [a, b, c]"))
    status = in_child(killed_after_step(9, lambda: build(html_request(project, out))))  # renames journaled (above)
    assert os.WIFSIGNALED(status)
    folder = out / "minimal" / "link_worker"
    folder.rename(outside / "moved")  # with its staged files, which the journal would rename
    folder.symlink_to(outside / "moved", target_is_directory=True)
    there = files(outside)
    with pytest.raises(UsageError, match="link_worker is a link: briefgen writes only real files and folders"):
        build(html_request(project, out))
    assert files(outside) == there and (out / JOURNAL_NAME).is_file()  # kept until the link is gone
    folder.unlink()
    shutil.move(outside / "moved", folder)
    result = build(html_request(project, out))
    assert not (out / JOURNAL_NAME).exists() and list(outside.iterdir()) == []
    assert '-item-3">c</li>' in (folder / "slides.html").read_text() and result.rendered == ()


def test_two_builds_at_once_into_one_folder_both_stay_recorded(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    requests = [html_request(project, out, audience) for audience in ("gp", "commissioner")]
    children = []
    for request in requests:
        pid = os.fork()
        if pid == 0:
            try:
                build(request)
            finally:
                os._exit(0)
        children.append(pid)
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in children)
    again: list[BuildResult] = [build(request) for request in requests]
    assert all(result.rendered == () and result.current == 2 for result in again)  # both recorded, both current
    assert {"minimal/gp/brief.html", "minimal/commissioner/slides.html"} <= set(files(out))
    assert (out / MANIFEST_NAME).is_file() and not list(out.rglob("*.tmp"))


def test_a_file_the_switch_cannot_replace_is_an_error_each_run_retries_until_it_can(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As when a user makes an output immutable: the renames before it are done, the rest wait in the journal."""
    content, out = project / "content" / "minimal.yaml", tmp_path / "out"
    build(html_request(project, out))
    content.write_text(content.read_text().replace("items: [a, b]", "items: [a, b, c]"))
    locked, replace = out / "minimal" / "gp" / "slides.html", os.replace

    def refuse(source: str | Path, target: str | Path) -> None:
        if Path(target) == locked:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(source), None, str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", refuse)
    message = f"cannot replace {locked}: Operation not permitted"
    for _ in range(2):  # the build, then the next, which tries the switch again first
        with pytest.raises(UsageError, match=re.escape(message)):
            build(html_request(project, out))
        assert json.loads((out / JOURNAL_NAME).read_text())["state"] == "switching"
    checked = run_cli("check", out)
    assert (checked.code, checked.stderr.splitlines()[0]) == (2, f"error: {message}; the build's other files wait "
                                                                 "in the output folder's journal, and the next build "
                                                                 "or check puts them in place once it can be replaced")
    monkeypatch.undo()  # the file can be replaced again
    checked = run_cli("check", out)
    assert checked.code == 0 and not (out / JOURNAL_NAME).exists() and not list(out.rglob("*.tmp"))
    assert '-item-3">c</li>' in locked.read_text() and build(html_request(project, out)).rendered == ()


def test_a_folder_that_cannot_be_written_leaves_the_old_build_and_no_journal(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a read-only mount: the build stops at the first file it cannot stage, and removes those it did."""
    content, out = project / "content" / "minimal.yaml", tmp_path / "out"
    build(html_request(project, out))
    before = files(out)
    content.write_text(content.read_text().replace("items: [a, b]", "items: [a, b, c]"))
    read_only, write_new = out / "minimal" / "commissioner", journal.write_new

    def refuse(path: Path, data: bytes) -> None:
        if path.parent == read_only:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        write_new(path, data)

    monkeypatch.setattr(journal, "write_new", refuse)
    with pytest.raises(UsageError, match=re.escape(f"cannot write {read_only / 'brief.html'}: Read-only file "
                                                   "system; nothing was written")):
        build(html_request(project, out))
    assert files(out) == before  # no journal, no staged file: the previous build
    monkeypatch.undo()
    assert build(html_request(project, out)).written


def test_a_manifest_that_is_a_folder_is_an_error_before_anything_is_written(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / MANIFEST_NAME).mkdir(parents=True)  # a rename cannot replace it, as it does a link or a FIFO
    with pytest.raises(UsageError, match=re.escape(f"{out / MANIFEST_NAME} is a folder: briefgen keeps its manifest")):
        build(html_request(project, out))
    assert [path.name for path in out.iterdir()] == [MANIFEST_NAME]
