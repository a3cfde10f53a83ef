"""Security fixtures: a planted secret outside the project and a local HTTP server that counts requests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SECRET = "S3CRET-7f2c9e41-do-not-leak"


class CountingServer(ThreadingHTTPServer):
    requests: int = 0


class _Handler(BaseHTTPRequestHandler):
    server: CountingServer

    def do_GET(self) -> None:
        self.server.requests += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(SECRET.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingServer]:
    """Listens on 127.0.0.1 only and is every process's HTTP proxy, so a request to any host is counted."""
    httpd = CountingServer(("127.0.0.1", 0), _Handler)
    httpd.timeout = 5
    # A short poll interval: shutdown() waits up to one interval, at the end of every test that uses it.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    proxy = f"http://127.0.0.1:{httpd.server_address[1]}"
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def pdf_leaks(pdf: bytes) -> list[str]:
    """What of the secret a PDF holds: in its bytes, its decompressed streams, its text or its attachments."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    found = []
    if SECRET.encode() in pdf:
        found.append("raw bytes")
    reader = PdfReader(BytesIO(pdf))
    if reader.attachments:
        found.append(f"attachments {list(reader.attachments)}")
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject) and SECRET.encode() in obj.get_data():
            found.append(f"stream {number}")
    if any(SECRET in page.extract_text() for page in reader.pages):
        found.append("page text")
    return found
