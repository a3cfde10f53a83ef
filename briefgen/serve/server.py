"""HTTP on 127.0.0.1 → files inside the output folder, read whole, with live reload added to the pages served."""

from __future__ import annotations

import contextlib
import html
import json
import mimetypes
import socketserver
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.pipeline.journal import consistent
from briefgen.render.csp import with_policy
from briefgen.serve.live_reload import (
    LONG_POLL_SECONDS,
    RELOAD_PATH,
    RELOAD_SCRIPT,
    SCRIPT_PATH,
    LiveSite,
    Status,
    inject,
)

HOST = "127.0.0.1"
_OFFICE_TYPES = {".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
"""Media types of the Office formats, which Python knows only from the system's mime.types, if it has one."""

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


MAX_CONNECTIONS = 256
"""Connections answered at once (each in a thread of its own; open pages hold one each, waiting to reload)."""
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n"
         b"\r\n")


class Server(ThreadingHTTPServer):
    """The HTTP server on 127.0.0.1, quiet about clients that leave mid-answer (e.g. a page reloading). Every
    connection is answered: queued by the kernel while the server accepts (a backlog as large as a browser's
    burst of requests, not the default 5, past which connections went unanswered for seconds), and past
    MAX_CONNECTIONS told to come back (503, Retry-After) rather than given a thread more."""

    daemon_threads = True
    block_on_close = False  # stopping never waits for a slow or stalled client
    request_queue_size = 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):  # a client already gone
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread was started to give the slot back
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

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
            self._send(200, RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8", with_body)
        else:
            self._output(path, status, with_body)

    def _output(self, path: str, status: Status, with_body: bool) -> None:
        try:
            with consistent(self.out_dir):  # never a folder half switched from one build to the next
                target = _inside(self.out_dir, path)
                redirect = target is not None and target.is_dir() and not path.endswith("/")
                if target is not None and target.is_dir() and not redirect:
                    target = target / "index.html" if (target / "index.html").is_file() else None
                data = _read(target) if target is not None and not redirect else None
        except BriefgenError as exc:  # a build killed midway left an update that cannot be completed
            self._page(503, "The output folder needs attention", exc.show(), status, with_body)
            return
        if redirect and target is not None:
            # From the folder found, not the path asked: "//name" would send the browser to another host.
            folder = target.relative_to(self.out_dir.resolve()).as_posix()
            self.send_response(301)
            self.send_header("Location", urllib.parse.quote(f"/{folder}/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif target is not None and data is not None:
            self._file(target, data, status, with_body)
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

    def _file(self, target: Path, data: bytes, status: Status, with_body: bool) -> None:
        content_type = (_OFFICE_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
                        or "application/octet-stream")
        if content_type == "text/html":
            self._html(200, data, status, with_body)
            return
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        self._send(200, data, content_type, with_body)

    def _page(self, code: int, title: str, text: str, status: Status, with_body: bool) -> None:
        self._html(code, _PAGE.format(title=html.escape(title), text=html.escape(text)).encode(), status, with_body)

    def _html(self, code: int, page: bytes, status: Status, with_body: bool) -> None:
        """A page with the reload script (and the error banner and findings panel) added, under a policy
        allowing them too, sent in the page and as a header."""
        served, page_policy = with_policy(inject(page, status).decode("utf-8", errors="replace"), same_origin=True)
        self._send(code, served.encode(), "text/html; charset=utf-8", with_body, page_policy)

    def _send(self, code: int, data: bytes, content_type: str, with_body: bool, policy: str | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if policy is not None:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if with_body:
            self.wfile.write(data)


def _read(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:  # removed since it was found
        return None


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
