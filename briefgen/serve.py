"""Live preview: content and template changes → a rebuilt output folder → reloaded pages on 127.0.0.1.

The built files are served as they are on disk; only the copy sent to the browser gets a small reload script
(and, while the last build failed, a banner with its error), so the output stays identical to `briefgen build`.
"""

from __future__ import annotations

import html
import json
import mimetypes
import signal
import socketserver
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

import watchfiles

from briefgen.build import CONTENT_SUFFIXES, BuildRequest, build, discover
from briefgen.errors import BriefgenError, UsageError
from briefgen.figures import MEDIA_TYPES

HOST = "127.0.0.1"
RELOAD_PATH = "/__briefgen/reload"
SCRIPT_PATH = "/__briefgen/reload.js"
LONG_POLL_SECONDS = 25.0
"""How long a reload request waits for a new epoch before answering with the current one."""

_MARKER = "<!-- briefgen serve: added when served, not in the built file -->"
_END_MARKER = "<!-- /briefgen serve -->"

_RELOAD_SCRIPT = """\
// briefgen serve: reload this page when a rebuild finishes (a long poll per page), and hide the error banner.
(() => {
  "use strict";
  let epoch = document.currentScript.dataset.epoch;
  const banner = document.getElementById("briefgen-serve-error");
  banner?.querySelector("button")?.addEventListener("click", () => banner.remove());
  let pause = 500;
  async function poll() {
    for (;;) {
      try {
        const query = `epoch=${epoch}&page=${encodeURIComponent(window.location.pathname)}`;
        const response = await fetch(`/__briefgen/reload?${query}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const answer = await response.json();
        if (answer.reload) {
          window.location.reload();
          return;
        }
        epoch = answer.epoch;  // other pages changed, or the wait timed out: wait past the latest epoch
        pause = 500;
      } catch {
        // The server is stopped or restarting: ask again, less and less often.
        await new Promise((resolve) => { setTimeout(resolve, pause); });
        pause = Math.min(pause * 2, 10000);
      }
    }
  }
  poll();
})();
"""

# Styled by id, and fully, so that neither the page's CSS changes the banner nor the banner the page.
_BANNER = """\
<style>
#briefgen-serve-error {{ position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; max-height: 45vh;
  overflow: auto; margin: 0; padding: 12px 16px; background: #7f1d1d; color: #ffffff; text-align: left;
  font: 16px/1.4 system-ui, sans-serif; box-shadow: 0 2px 8px rgb(0 0 0 / 40%); }}
#briefgen-serve-error p {{ margin: 0 0 8px; color: inherit; font: inherit; }}
#briefgen-serve-error pre {{ margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; color: inherit;
  background: none; font: 14px/1.4 ui-monospace, monospace; }}
#briefgen-serve-error button {{ float: right; margin: 0 0 8px 16px; padding: 2px 10px; font: inherit;
  color: #7f1d1d; background: #ffffff; border: 0; border-radius: 4px; cursor: pointer; }}
@media print {{ #briefgen-serve-error {{ display: none; }} }}
</style>
<div id="briefgen-serve-error" role="alert">
<button type="button">Hide</button>
<p><strong>briefgen: the last build failed.</strong> Pages show the last good output until the error is fixed,
then reload by themselves.</p>
<pre tabindex="0">{error}</pre>
</div>
"""

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · briefgen serve</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{text}</p>
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Status:
    """What pages are shown with: the build epoch they wait on, and the last build's error, if it failed."""

    epoch: int
    error: str | None = None


class LiveSite:
    """The status, shared by the thread that builds and the threads that answer requests."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._status = Status(1)
        self._changed_at: dict[str, int] = {}
        """Output file (relative path) → the epoch it last changed in."""
        self._error_at = 0
        """The epoch the error banner last appeared, changed or went."""
        self._closed = False

    @property
    def status(self) -> Status:
        with self._condition:
            return self._status

    def publish(self, changed: set[str], error: str | None) -> None:
        """Record a finished build; a new epoch if some page would now look different."""
        with self._condition:
            banner_changes = error is not None or self._status.error is not None
            if changed or banner_changes:
                epoch = self._status.epoch + 1
                self._status = Status(epoch, error)
                self._changed_at.update(dict.fromkeys(changed, epoch))
                if banner_changes:
                    self._error_at = epoch
                self._condition.notify_all()

    def wait_past(self, epoch: int, page: str | None, timeout: float) -> tuple[int, bool]:
        """Wait until `page` (an output file; None: any) or the banner changed since `epoch`, for at most
        `timeout` seconds; the current epoch, and whether the page must reload. A deck waits for its own
        rebuild, not for the briefs'."""
        def news() -> bool:
            if self._closed or self._error_at > epoch:
                return True
            if page is None:
                return self._status.epoch != epoch
            return self._changed_at.get(page, 0) > epoch

        with self._condition:
            changed = self._condition.wait_for(news, timeout) and not self._closed
            return self._status.epoch, changed

    def close(self) -> None:
        """Let every waiting reload request answer now."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()


class Builder:
    """Runs one build at a time, reports it on one line, and publishes the outcome."""

    def __init__(self, paths: tuple[Path, ...], request: BuildRequest, site: LiveSite) -> None:
        self.paths = paths
        self.request = request
        self.site = site
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
            # The briefs' HTML first: it takes a fraction of a second, so open briefs show an edit at once,
            # while slide decks (laid out to fit) and PDFs follow.
            for stage in (replace(request, formats=("html",), outputs=("brief",)), request):
                if not self._build(stage, reason):
                    return

    def _build(self, request: BuildRequest, reason: str) -> bool:
        """Build, report and publish; whether it succeeded."""
        self.building = True
        started = time.monotonic()
        error: str | None = None
        written: tuple[Path, ...] = ()
        try:
            result = build(request)
            written = result.written
            for message in result.warnings:
                _echo(f"warning: {message}", err=True)
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
        if error is not None and self.stopped.is_set():
            return False  # stopping: a build cut short is no news
        self._report(reason, started, written, error)
        return error is None

    def _report(self, reason: str, started: float, written: tuple[Path, ...], error: str | None) -> None:
        seconds = f"{time.monotonic() - started:.1f} s"
        if error is not None:
            _echo(error, err=True)
            _echo(f"{_now()} {reason}: build failed ({seconds}); still serving the last good output")
        elif written:
            _echo(f"{_now()} {reason}: wrote {self._describe(written)} ({seconds})")
        else:
            _echo(f"{_now()} {reason}: up to date ({seconds})")
        self.site.publish({path.relative_to(self.request.out_dir).as_posix() for path in written}, error)

    def _describe(self, written: tuple[Path, ...]) -> str:
        names = []
        for path in written:
            try:
                names.append(path.relative_to(self.request.out_dir).as_posix())
            except ValueError:
                names.append(str(path))
        shown = ", ".join(names[:3])
        return shown if len(names) <= 3 else f"{shown} and {len(names) - 3} more"


class ChangeFilter(watchfiles.DefaultFilter):
    """Changes that can alter the output: content files, figures beside them, templates; never the output,
    nor an editor's or a tool's temporary files beside the content."""

    def __init__(self, paths: tuple[Path, ...], templates_dir: Path, out_dir: Path) -> None:
        super().__init__()
        self.content_folders = {path.resolve() for path in paths if path.is_dir()}
        self.content_files = {path.resolve() for path in paths if not path.is_dir()}
        self.templates_dir = templates_dir.resolve()
        self.out_dir = out_dir.resolve()

    def roots(self) -> list[Path]:
        """Folders to watch (recursively: figures may sit in a subfolder beside their content file)."""
        parents = {path.parent for path in self.content_files}
        return sorted(self.content_folders | parents | {self.templates_dir})

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if not super().__call__(change, path) or changed.is_relative_to(self.out_dir):
            return False
        if changed.is_relative_to(self.templates_dir) or changed in self.content_files:
            return True
        if changed.suffix in CONTENT_SUFFIXES and changed.parent in self.content_folders:
            return True  # a content file changed, added or removed: folders are searched as `discover` does
        folders = self.content_folders | {path.parent for path in self.content_files}
        return changed.suffix.lower() in MEDIA_TYPES and any(changed.is_relative_to(folder) for folder in folders)


def _watch(builder: Builder, changes_filter: ChangeFilter) -> None:
    try:
        for changes in watchfiles.watch(*changes_filter.roots(), watch_filter=changes_filter,
                                        stop_event=builder.stopped, raise_interrupt=False):
            builder.run(_reason(changes))
    except Exception as exc:  # e.g. a watched folder was removed: say so, and keep serving what was built
        _echo(f"error: stopped watching for changes ({type(exc).__name__}: {exc}); restart `briefgen serve`",
              err=True)


def _reason(changes: set[tuple[watchfiles.Change, str]]) -> str:
    names = sorted({Path(path).name for _, path in changes})
    return f"{names[0]} changed" if len(names) == 1 else f"{len(names)} files changed"


class Server(ThreadingHTTPServer):
    """The HTTP server on 127.0.0.1, quiet about clients that leave mid-answer (e.g. a page reloading)."""

    daemon_threads = True
    block_on_close = False  # stopping never waits for a slow or stalled client

    def server_bind(self) -> None:
        # Not HTTPServer.server_bind: it looks up the host's name, which can stall on a misconfigured resolver.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.socket.getsockname()[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for files inside the output folder, with the reload script added to HTML pages."""

    server_version = "briefgen-serve"
    sys_version = ""  # no Python version in the Server header
    timeout = 60  # seconds a client may stay silent before its connection is dropped

    def __init__(self, *args: Any, site: LiveSite, out_dir: Path, **kwargs: Any) -> None:
        self.site = site
        self.out_dir = out_dir
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for builds."""

    def end_headers(self) -> None:
        # On every response, including the server's own error pages.
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _answer(self, with_body: bool) -> None:
        port = self.connection.getsockname()[1]
        # A page on another site may point its own name at 127.0.0.1 (DNS rebinding): answer only our names.
        if self.headers.get("Host", "").lower() not in (f"{HOST}:{port}", f"localhost:{port}"):
            self._send(403, b"Forbidden: unexpected Host header\n", "text/plain; charset=utf-8", with_body)
            return
        path, _, query = self.path.partition("#")[0].partition("?")
        status = self.site.status
        if path == RELOAD_PATH:
            self._reload(query, with_body)
        elif path == SCRIPT_PATH:
            self._send(200, _RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8", with_body)
        else:
            self._output(path, status, with_body)

    def _output(self, path: str, status: Status, with_body: bool) -> None:
        target = _inside(self.out_dir, path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                # From the folder found, not the path asked: "//name" would send the browser to another host.
                folder = target.relative_to(self.out_dir.resolve()).as_posix()
                self.send_response(301)
                self.send_header("Location", urllib.parse.quote(f"/{folder}/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html" if (target / "index.html").is_file() else None
        if target is not None:
            self._file(target, status, with_body)
        elif path == "/" and status.error is not None:  # the first build failed: nothing to show but the error
            self._page(503, "The build failed", "Fix the error shown above: this page reloads when the build "
                       "succeeds.", status, with_body)
        else:
            self._page(404, "Not found", "There is no such page in the output folder.", status, with_body)

    def _reload(self, query: str, with_body: bool) -> None:
        fields = urllib.parse.parse_qs(query)
        try:
            seen = int(fields.get("epoch", [""])[0])
        except ValueError:
            seen = -1
        target = _inside(self.out_dir, fields.get("page", [""])[0])
        if target is not None and target.is_dir():
            target = target / "index.html"
        page = target.relative_to(self.out_dir.resolve()).as_posix() if target is not None else None
        epoch, reload = self.site.wait_past(seen, page, LONG_POLL_SECONDS)
        self._send(200, json.dumps({"epoch": epoch, "reload": reload}).encode(), "application/json", with_body)

    def _file(self, target: Path, status: Status, with_body: bool) -> None:
        try:
            data = target.read_bytes()
        except OSError:  # removed since it was found
            self._page(404, "Not found", "There is no such page in the output folder.", status, with_body)
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            data = inject(data, status)
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        self._send(200, data, content_type, with_body)

    def _page(self, code: int, title: str, text: str, status: Status, with_body: bool) -> None:
        page = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        self._send(code, inject(page, status), "text/html; charset=utf-8", with_body)

    def _send(self, code: int, data: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if with_body:
            self.wfile.write(data)


def _inside(out_dir: Path, path: str) -> Path | None:
    """The file or folder the URL path names inside `out_dir`, or None: never outside it, never hidden."""
    if not path.startswith("/"):
        return None
    try:
        segments = [segment for segment in urllib.parse.unquote(path, errors="strict").split("/") if segment]
    except UnicodeDecodeError:
        return None
    # Dot-names cover "." and "..", and hide the build's manifest and temporary files.
    if any(segment.startswith(".") or "\\" in segment or "\0" in segment for segment in segments):
        return None
    root = out_dir.resolve()
    try:
        target = root.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return target if target.is_relative_to(root) else None  # not through a symlink leading out


def inject(page: bytes, status: Status) -> bytes:
    """The page with the reload script, and the error banner while the last build failed, before </body>."""
    banner = _BANNER.format(error=html.escape(status.error)) if status.error is not None else ""
    script = f'<script src="{SCRIPT_PATH}" data-epoch="{status.epoch}"></script>\n'
    added = f"{_MARKER}\n{banner}{script}{_END_MARKER}\n".encode()
    end = page.lower().rfind(b"</body>")
    at = end if end >= 0 else len(page)
    return page[:at] + added + page[at:]


def serve(paths: tuple[Path, ...], request: BuildRequest, port: int) -> None:
    """Build, then serve `request.out_dir` on 127.0.0.1:`port` (0: any free port), rebuilding on every change
    to the content or templates until Ctrl-C or SIGTERM."""
    site = LiveSite()
    builder = Builder(paths, request, site)
    try:
        server = Server((HOST, port), partial(Handler, site=site, out_dir=request.out_dir))
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    changes = ChangeFilter(paths, request.templates_dir, request.out_dir)
    # Watch from before the first build, so that an edit made while it runs is not missed.
    watcher = threading.Thread(target=_watch, args=(builder, changes), name="briefgen-watch", daemon=True)
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
