"""Every process briefgen starts ends when briefgen ends, even by SIGKILL, which no handler sees: the worker
forkserver and the workers die with their parent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import FIXTURES, ROOT, SHIPPED_DOCUMENTS


def descendants(pid: int) -> set[int]:
    """Every living process below `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def kill_and_wait(process: subprocess.Popen[str], seconds: float = 20) -> set[int]:
    """SIGKILL the main process alone (not its group); the processes below it still alive after `seconds`."""
    below = descendants(process.pid)
    assert below, "the command started no process to check"
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + seconds
    while alive(below) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(below)


def start(*args: str | Path, cwd: Path = ROOT) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_a_killed_build_leaves_no_worker_running(tmp_path: Path) -> None:
    with start("build", ROOT / "content", "--out", tmp_path / "out", "--jobs", "2") as process:
        try:
            assert process.stderr is not None
            # one document is done; workers are rendering the others
            assert process.stderr.readline().startswith(f"[1/{SHIPPED_DOCUMENTS}]")
            left = kill_and_wait(process)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
    assert left == set()


def test_a_killed_serve_leaves_no_worker_running(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", content)
    command = ("serve", content, "--out", tmp_path / "out", "--templates", ROOT / "templates", "--port", "0")
    with start(*command) as process:
        try:
            assert process.stdout is not None
            deadline = time.monotonic() + 120
            while not process.stdout.readline().startswith("serving ") and time.monotonic() < deadline:
                pass
            left = kill_and_wait(process)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
    assert left == set()
