"""Serve: content and template changes → a rebuilt output folder → reloaded pages on 127.0.0.1.

watch (which changes matter) → this module's Builder (one build at a time, reported, its text linted) →
live_reload (which open pages must reload) → server (HTTP answers to the browser, with the reload script added).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import FrameType

from briefgen.content.files import discover
from briefgen.errors import BriefgenError, UsageError, shown
from briefgen.lint import lint_files
from briefgen.pipeline import BuildRequest, build
from briefgen.pipeline.parallel import worker_context
from briefgen.serve.live_reload import LiveSite
from briefgen.serve.server import HOST, Handler, Server
from briefgen.serve.watch import ChangeFilter, watch


class Builder:
    """Runs one build at a time, reports it on one line, and publishes the outcome."""

    def __init__(self, paths: tuple[Path, ...], request: BuildRequest, site: LiveSite, changes: ChangeFilter) -> None:
        self.paths = paths
        self.request = request
        self.site = site
        self.changes = changes
        """Told after each build which files it read, so that an edit to any of them rebuilds."""
        self.lock = threading.RLock()
        self.stopped = threading.Event()
        """Set on Ctrl-C or SIGTERM: no build starts after it."""
        self.building = False

    def run(self, reason: str) -> None:
        with self.lock:
            if self.stopped.is_set():
                return
            try:
                # Discover again so that content files added since the last build are picked up.
                request = replace(self.request, sources=tuple(discover(self.paths)))
            except BriefgenError as exc:
                self._report(reason, time.monotonic(), (), exc.show())
                return
            # HTML first, decks spread as last time without laying them out: a fraction of a second, so
            # open pages show an edit at once. Then decks are laid out to check that every slide fits, and
            # the PDFs made; a deck whose spread changes reloads again.
            # The findings come with the second: lint takes as long as validating the content again.
            for stage, judged in ((replace(request, formats=("html",), check_fit=False), False), (request, True)):
                if not self._build(stage, reason, judged):
                    return

    def _build(self, request: BuildRequest, reason: str, judged: bool) -> bool:
        """Build, report and publish (with the findings, if `judged`: the build's warnings and lint's); whether
        it succeeded."""
        self.building = True
        started = time.monotonic()
        error: str | None = None
        written: tuple[Path, ...] = ()
        read: frozenset[Path] | None = None
        findings: tuple[str, ...] | None = None
        try:
            result = build(request)
            written, read = result.written, frozenset(result.inputs)
            linted = lint_files(request.sources) if judged else []
            warnings = tuple(dict.fromkeys(map(shown, [*result.warnings, *linted])))
            for warning in warnings:
                _echo(warning, err=True)
            findings = warnings if judged else None
        except BriefgenError as exc:
            error = exc.show()
        except Exception:  # a bug rather than a content mistake: show it all, and keep serving
            error = f"error: unexpected failure while building\n{traceback.format_exc()}"
        except KeyboardInterrupt:
            if threading.current_thread() is threading.main_thread():
                raise
            # From a render worker process: Ctrl-C in a terminal reaches every process of its group.
            error = "error: the build was interrupted"
        finally:
            self.building = False
        self.changes.inputs = read
        if error is not None and self.stopped.is_set():
            return False  # stopping: a build cut short is no news
        self._report(reason, started, written, error, findings)
        return error is None

    def _report(self, reason: str, started: float, written: tuple[Path, ...], error: str | None,
                findings: tuple[str, ...] | None = None) -> None:
        seconds = f"{time.monotonic() - started:.1f} s"
        if error is not None:
            _echo(error, err=True)
            _echo(f"{_now()} {reason}: build failed ({seconds}); still serving the last good output")
        elif written:
            _echo(f"{_now()} {reason}: wrote {self._describe(written)} ({seconds})")
        else:
            _echo(f"{_now()} {reason}: up to date ({seconds})")
        self.site.publish({path.relative_to(self.request.out_dir).as_posix() for path in written}, error, findings)

    def _describe(self, written: tuple[Path, ...]) -> str:
        names = []
        for path in written:
            try:
                names.append(path.relative_to(self.request.out_dir).as_posix())
            except ValueError:
                names.append(str(path))
        listed = ", ".join(names[:3])
        return listed if len(names) <= 3 else f"{listed} and {len(names) - 3} more"


def serve(paths: tuple[Path, ...], request: BuildRequest, port: int) -> None:
    """Build, then serve `request.out_dir` on 127.0.0.1:`port` (0: any free port), rebuilding on every change
    to the content or templates until Ctrl-C or SIGTERM."""
    site = LiveSite()
    changes = ChangeFilter(paths, request.templates_dir, request.out_dir)
    builder = Builder(paths, request, site, changes)
    try:
        server = Server((HOST, port), partial(Handler, site=site, out_dir=request.out_dir))
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    worker_context()  # now, from the main thread, not later from the watcher's (see parallel.worker_context)
    # Watch from before the first build, so that an edit made while it runs is not missed.
    watcher = threading.Thread(target=watch, args=(builder.run, changes, builder.stopped), name="briefgen-watch",
                               daemon=True)
    with server, _stopped_by_signals(builder.stopped):
        try:
            watcher.start()
            with builder.lock:  # a rebuild the watcher asks for meanwhile is reported after the address
                builder.run("first build")
                _echo(f"serving http://{HOST}:{server.server_port}/")
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            site.close()
        _finish_build(builder, watcher)


def _finish_build(builder: Builder, watcher: threading.Thread) -> None:
    """Let a build that is writing finish, so the output folder is left whole; a second Ctrl-C skips this."""
    try:
        if builder.building:
            _echo("stopping once the build in progress is done (Ctrl-C again to stop now)", err=True)
        if watcher.is_alive():
            watcher.join(timeout=120)
    except KeyboardInterrupt:
        pass


@contextmanager
def _stopped_by_signals(stopped: threading.Event) -> Iterator[None]:
    """Ctrl-C and SIGTERM set `stopped` (before any other thread can start a build), then stop the server
    with exit status 0 rather than a traceback."""
    if threading.current_thread() is not threading.main_thread():  # signals only reach the main thread
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        stopped.set()
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _echo(line: str, err: bool = False) -> None:
    print(line, file=sys.stderr if err else sys.stdout, flush=True)


def _now() -> str:
    return time.strftime("%H:%M:%S")
