"""Every process briefgen starts ends when briefgen ends, even by SIGKILL, which no handler sees, at any instant:
the worker forkserver and the workers die with their parent, and the resource tracker once they have."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from briefgen.pipeline.lifeline import PARENT, die_with_parent, lead
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


MARK = "BRIEFGEN_TEST_MARK"
"""Set in a build's environment, which every process it starts inherits: found in /proc whatever parent a
process has by then (one whose parent died is init's). /proc shows a process's environment as it was started,
so the build itself, forked and then marked, is known by its pid."""
ZYGOTE = f"""
import json, os, sys
from pathlib import Path
import briefgen.cli, briefgen.content.sources, briefgen.pipeline.plan, briefgen.pipeline.parallel
briefgen.content.sources.load_sources([Path(sys.argv[1])])  # what a build imports as it reads its content
for line in sys.stdin:  # a build to start: its mark and its command line
    request = json.loads(line)
    child = os.fork()
    if child == 0:
        try:
            os.environ["{MARK}"] = request["mark"]
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            sys.argv = ["briefgen", *request["args"]]
            briefgen.cli.main()
        finally:
            os._exit(1)
    print(child, flush=True)
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass
"""
"""Starts builds as `briefgen build` runs them, forked from a process that has imported briefgen and read the
content once: each starts its first process within a tenth of a second rather than half a second, so that the
test can kill many."""


def marked(mark: str) -> dict[int, str]:
    """Every living process whose environment holds MARK=`mark`, with its command line."""
    found = {}
    needle = f"{MARK}={mark}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0") and \
                        (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    found[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
    return found


def killed_during_start_up(args: list[str], offsets: list[float]) -> tuple[set[str], bool]:
    """Start `briefgen ARGS` for each offset in turn, SIGKILL it that long after it started its first process,
    and wait (bounded) for every process it started to end; what outlived a kill, and whether a kill reached
    the build once its workers had started (the forkserver and two forked from it), where the sweep stops."""
    left: set[str] = set()
    with subprocess.Popen([sys.executable, "-c", ZYGOTE, args[1]], cwd=ROOT, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True, start_new_session=True) as zygote:
        assert zygote.stdin is not None and zygote.stdout is not None
        for offset in offsets:
            mark = uuid.uuid4().hex
            zygote.stdin.write(json.dumps({"mark": mark, "args": args}) + "\n")
            zygote.stdin.flush()
            build = int(zygote.stdout.readline())
            deadline = time.monotonic() + 30
            while not marked(mark) and alive({build}) and time.monotonic() < deadline:  # its first process
                time.sleep(0.01)
            time.sleep(offset)
            started = marked(mark)
            os.kill(build, signal.SIGKILL)
            deadline = time.monotonic() + 5
            while marked(mark) and time.monotonic() < deadline:
                time.sleep(0.02)
            for pid, command in marked(mark).items():
                left.add(command)
                os.kill(pid, signal.SIGKILL)
            if sum("forkserver" in command for command in started.values()) >= 3:
                return left, True
        zygote.stdin.close()
    return left, False


def test_a_build_killed_at_any_instant_of_its_start_up_leaves_no_process(tmp_path: Path) -> None:
    """SIGKILL at 0.1 s steps from the moment the build starts its first process through its workers' start,
    two builds at a time: a worker forked as its parent died, or the forkserver started as its parent died,
    once outlived it (a process's request to die with its parent covers only a parent still alive)."""
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path)
    steps = [step / 10 for step in range(31)]

    def lane(number: int) -> tuple[set[str], bool]:
        args = ["build", str(tmp_path / "minimal.yaml"), "-a", "gp", "-f", "pdf", "-j", "2", "--force",
                "--out", str(tmp_path / f"out{number}")]
        return killed_during_start_up(args, steps[number::2])

    with ThreadPoolExecutor(2) as lanes:
        runs = list(lanes.map(lane, range(2)))
    assert [left for left, _ in runs] == [set(), set()]
    assert any(reached for _, reached in runs), "no kill came after the workers had started"


def test_a_process_whose_parent_died_before_it_asked_to_die_with_it_ends_at_once() -> None:
    reader, writer = os.pipe()
    parent = os.fork()
    if parent == 0:  # the parent, killed before its child asks
        try:
            lead()
            if os.fork() == 0:  # the child: starting while its parent dies
                deadline = time.monotonic() + 5
                while os.getppid() == int(os.environ[PARENT]) and time.monotonic() < deadline:
                    time.sleep(0.01)
                die_with_parent()
                os.write(writer, b"outlived its parent")
        finally:
            os._exit(0)
    os.close(writer)
    os.waitpid(parent, 0)
    with os.fdopen(reader, "rb") as said:
        assert said.read() == b""  # the child ended without a word
