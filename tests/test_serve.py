"""`briefgen serve` as a user runs it: a real server process on 127.0.0.1 serving the built pages with a reload
script added, rebuilding and reloading after an edit, showing a content error in the terminal and over the last
good pages, refusing paths outside the output folder and foreign Host headers, and stopping cleanly.

One server is shared by most tests; each test writes the whole content file it needs, so they run in any order.
Only 127.0.0.1 is ever contacted, and every wait has a deadline.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

import pytest
from lxml import html

from briefgen.serve import server
from briefgen.serve.live_reload import LiveSite, inject
from tests.conftest import FIXTURES, ROOT, chromium, node, run_cli

MINIMAL = FIXTURES / "minimal.yaml"
TEMPLATES = ROOT / "templates"
START_SECONDS = 120.0
CHANGE_SECONDS = 90.0
STOP_SECONDS = 30.0
BUILT = re.compile(r"^\d\d:\d\d:\d\d .*: (?:wrote|up to date)", re.MULTILINE)
"""The line `serve` prints when a build is done."""
SERVING = re.compile(r"^serving http://127\.0\.0\.1:(\d+)/$", re.MULTILINE)
INJECTED = re.compile(r"<!-- briefgen serve: .*?<!-- /briefgen serve -->\n", re.DOTALL)
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n')


def as_built(page: str) -> str:
    """A served page without what serving adds: the reload script and banner, and their place in the policy."""
    return POLICY.sub("", INJECTED.sub("", page))
EPOCH = re.compile(r'data-epoch="(\d+)"')
BANNER = 'id="briefgen-serve-error"'
FINDINGS = 'id="briefgen-serve-findings"'
PAGE = "/minimal/gp/brief.html"
# A YAML syntax error on line 3 whose source line, shown with the error, is markup.
BROKEN_LINE = "  oops: <script>alert(1)</script>: y"


def content(first_item: str) -> str:
    """minimal.yaml with the first item of its first section replaced by `first_item`."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert "items: [a, b]" in text
    return text.replace("items: [a, b]", f"items: [{first_item}, b]")


def broken(first_item: str) -> str:
    """content(first_item) with a YAML syntax error on line 3."""
    lines = content(first_item).splitlines(keepends=True)
    assert lines[1].startswith("subtitle:")
    return "".join([*lines[:2], f"{BROKEN_LINE}\n", *lines[2:]])


def save(path: Path, text: str) -> None:
    """Replace the file at once, as editors do, so that the server never reads it half-written."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class Lines:
    """What a process writes to a pipe, read by a thread so that the process never blocks on a full pipe."""

    def __init__(self, stream: IO[str]) -> None:
        self._lines: list[str] = []
        self._ended = False
        self._condition = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        with stream:
            for line in stream:
                with self._condition:
                    self._lines.append(line)
                    self._condition.notify_all()
        with self._condition:
            self._ended = True
            self._condition.notify_all()

    @property
    def text(self) -> str:
        with self._condition:
            return "".join(self._lines)

    def mark(self) -> int:
        """Where the text ends now, for `wait_for(..., since=)`."""
        return len(self.text)

    def wait_for(self, pattern: re.Pattern[str], seconds: float, since: int = 0) -> re.Match[str]:
        """The first match of `pattern` in the text from `since` on, as soon as there is one."""
        deadline = time.monotonic() + seconds
        with self._condition:
            while True:
                text = "".join(self._lines)[since:]
                if match := pattern.search(text):
                    return match
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._ended:
                    raise AssertionError(f"no {pattern.pattern!r} after {seconds:.0f} s in:\n{text}")
                self._condition.wait(remaining)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    data: bytes

    @property
    def body(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Served:
    """A running `briefgen serve` and what it writes."""

    process: subprocess.Popen[str]
    port: int
    content: Path
    out: Path
    stdout: Lines
    stderr: Lines
    first_build: dict[str, str]
    """The HTML files of the first build, by path in the output folder."""

    def get(self, path: str, host: str | None = None, timeout: float = 30) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{self.port}"})
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Response(response.status, headers, response.read())
        finally:
            connection.close()

    def wait_for_page(self, path: str, wanted: Callable[[str], bool], seconds: float = CHANGE_SECONDS) -> str:
        """The page once `wanted(page)` holds; fails after `seconds`, or at once if the server has died."""
        deadline = time.monotonic() + seconds
        while True:
            assert self.process.poll() is None, f"the server stopped:\n{self.stderr.text}"
            page = self.get(path).body
            if wanted(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} not as wanted after {seconds:.0f} s; stdout:\n{self.stdout.text}\n"
                                     f"stderr:\n{self.stderr.text}\npage ends:\n{page[-1500:]}")
            time.sleep(0.2)

    def next_epoch(self, epoch: int, seconds: float = CHANGE_SECONDS) -> int:
        """Wait as a page does, asking again when the server's bounded wait ends, for an epoch after `epoch`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            answer = json.loads(self.get(f"/__briefgen/reload?epoch={epoch}", timeout=60).body)
            if answer["epoch"] != epoch:
                return int(answer["epoch"])
        raise AssertionError(f"epoch still {epoch} after {seconds:.0f} s")


def start(content_dir: Path, out: Path) -> Served:
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", str(content_dir), "--out", str(out), "--templates",
         str(TEMPLATES), "--port", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    assert process.stdout is not None and process.stderr is not None
    stdout, stderr = Lines(process.stdout), Lines(process.stderr)
    try:
        port = int(stdout.wait_for(SERVING, START_SECONDS)[1])
    except BaseException:
        stop(process)
        raise AssertionError(f"the server did not start:\n{stderr.text}") from None
    (content_file,) = content_dir.glob("*.yaml")
    pages = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.html")}
    return Served(process, port, content_file, out, stdout, stderr, pages)


def stop(process: subprocess.Popen[str], signum: int = signal.SIGTERM) -> int:
    """Stop the server with `signum`; its exit status. Killed, and a failure, if it does not stop in time."""
    if process.poll() is None:
        process.send_signal(signum)
        try:
            return process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_SECONDS)
            raise AssertionError(f"the server did not stop within {STOP_SECONDS:.0f} s of signal {signum}") from None
    return process.returncode


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("serve")
    (root / "content").mkdir()
    shutil.copy(MINIMAL, root / "content" / "minimal.yaml")
    server = start(root / "content", root / "output")
    try:
        yield server
    finally:
        code = stop(server.process)
    assert code == 0, f"SIGTERM: exit status {code}\n{server.stderr.text}"
    assert "Traceback" not in server.stderr.text


def test_pages_are_served_with_the_reload_script_which_the_built_files_never_contain(served: Served) -> None:
    response = served.get(PAGE)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "Minimal" in response.body and "For GPs only." in response.body
    assert '<script src="/__briefgen/reload.js" data-epoch="' in response.body
    assert response.body.rstrip().endswith("</body>\n</html>")
    assert BANNER not in response.body

    for path in (PAGE, "/minimal/gp/slides.html", "/"):
        page = served.get(path).body
        on_disk = (served.out / (path.strip("/") or "index.html")).read_text(encoding="utf-8")
        assert "__briefgen" not in on_disk
        assert as_built(page) == POLICY.sub("", on_disk), path  # nothing else differs
        # The built page's policy allows its own inline styles and scripts only; the served one the reload
        # script too, in the page and as a header.
        built_policy, served_policy = POLICY.search(on_disk), POLICY.search(page)
        assert built_policy and served_policy and "'self'" not in built_policy[1]
        assert served.get(path).headers["content-security-policy"] == served_policy[1]
        assert served_policy[1].split("script-src")[0] == built_policy[1].split("script-src")[0]  # styles
        assert "'self'; connect-src 'self';" in served_policy[1]

    deck = served.get("/minimal/gp/slides.html").body
    assert deck.index('<nav class="deck-controls"') < deck.index("<!-- briefgen serve") < deck.rindex("</body>")

    script = served.get("/__briefgen/reload.js")
    assert script.status == 200 and script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "/__briefgen/reload?" in script.body and "location.reload()" in script.body

    pdf = served.get("/minimal/gp/brief.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.data == (served.out / "minimal" / "gp" / "brief.pdf").read_bytes()
    # Word and PowerPoint files go with their own types, known or not to the system's mime.types.
    for suffix, kind in (("docx", "wordprocessingml.document"), ("pptx", "presentationml.presentation")):
        office = served.out / "minimal" / "gp" / f"served.{suffix}"
        office.write_bytes(b"PK")
        try:
            assert served.get(f"/minimal/gp/served.{suffix}").headers["content-type"] == \
                   f"application/vnd.openxmlformats-officedocument.{kind}"
        finally:
            office.unlink()

    folder = served.get("/minimal")
    assert folder.status == 301 and folder.headers["location"] == "/minimal/"


def test_the_output_is_what_briefgen_build_writes(served: Served, tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_cli("build", MINIMAL, "--out", out, "--templates", TEMPLATES)
    assert result.code == 0, result.stderr
    built = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.html")}
    assert built == served.first_build


def test_an_edit_is_rebuilt_and_open_pages_are_told_to_reload(served: Served) -> None:
    page = served.wait_for_page(PAGE, lambda page: BANNER not in page)
    assert "Edited in place" not in page
    epoch = int(EPOCH.findall(page)[-1])
    answers: list[tuple[int, float]] = []
    waiting = threading.Thread(target=lambda: answers.append((served.next_epoch(epoch), time.monotonic())))
    waiting.start()
    time.sleep(1)  # the page's reload request is waiting before the edit
    edited_at, since = time.monotonic(), served.stdout.mark()
    save(served.content, content("Edited in place"))

    page = served.wait_for_page(PAGE, lambda page: "Edited in place" in page)
    assert BANNER not in page
    waiting.join(CHANGE_SECONDS + 60)
    assert answers, "the reload request never answered"
    new_epoch, answered_at = answers[0]
    assert new_epoch > epoch
    assert answered_at > edited_at  # it waited for the rebuild rather than answering at once
    # The page as a reload fetches it, after the answer, waits past that epoch: it will not reload again for
    # this edit. (The page fetched above may predate a later stage of the rebuild: HTML first, then PDFs.)
    reloaded = served.get(PAGE).body
    assert "Edited in place" in reloaded and int(EPOCH.findall(reloaded)[-1]) >= new_epoch
    assert served.next_epoch(epoch, seconds=5) >= new_epoch  # an old page asking now reloads at once
    served.stdout.wait_for(re.compile(r"minimal\.yaml changed: wrote minimal/"), CHANGE_SECONDS, since)
    assert "Edited in place" in (served.out / "minimal" / "gp" / "brief.html").read_text(encoding="utf-8")


def test_a_content_error_shows_in_the_terminal_and_over_the_last_good_pages(served: Served) -> None:
    last_good = served.wait_for_page(PAGE, lambda page: BANNER not in page)
    on_disk = (served.out / "minimal" / "gp" / "brief.html").read_bytes()
    assert as_built(last_good).encode() == POLICY.sub("", on_disk.decode()).encode()

    since_out, since_err = served.stdout.mark(), served.stderr.mark()
    save(served.content, broken("Never built"))
    error = re.compile(re.escape(f"{served.content}:3:") + r"\d+: \[BG001\] YAML syntax error")
    served.stderr.wait_for(error, CHANGE_SECONDS, since_err)
    served.stdout.wait_for(re.compile(r"build failed \(.*\); still serving the last good output"), 10, since_out)
    page = served.wait_for_page(PAGE, lambda page: BANNER in page)
    assert as_built(page).encode() == POLICY.sub("", on_disk.decode()).encode()  # the last good page, as it was
    assert "Never built" not in page
    banner = page[page.index(BANNER):]
    assert f"{served.content}:3:" in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner
    assert "<script>alert(1)" not in page
    assert BANNER in served.get("/").body  # on every page
    assert (served.out / "minimal" / "gp" / "brief.html").read_bytes() == on_disk
    assert served.process.poll() is None

    save(served.content, content("Fixed again"))
    served.wait_for_page(PAGE, lambda page: "Fixed again" in page and BANNER not in page)


def test_lint_findings_show_in_the_terminal_and_over_the_pages_until_they_are_fixed(served: Served) -> None:
    since = served.stderr.mark()
    save(served.content, content("Reviewd wekly"))
    served.stderr.wait_for(re.compile(r"minimal\.yaml:\d+:\d+: sections\[0\]\.items\[0\]: \[BG205\] 'wekly'"),
                           CHANGE_SECONDS, since)
    page = served.wait_for_page(PAGE, lambda page: FINDINGS in page)
    assert BANNER not in page and "Reviewd wekly" in page
    panel = html.fromstring(page).get_element_by_id("briefgen-serve-findings")
    assert "2 findings" in panel.find(".//summary").text_content()
    assert re.search(r"\[BG205\] 'Reviewd' .* did you mean ", panel.find(".//pre").text_content())
    assert FINDINGS in served.get("/minimal/commissioner/slides.html").body  # on every page

    save(served.content, content("Reviewed weekly"))
    served.wait_for_page(PAGE, lambda page: "Reviewed weekly" in page and FINDINGS not in page)


def test_an_edited_reference_file_is_rebuilt_and_reloaded(served: Served) -> None:
    """A file the content names (here a BibTeX file) is watched once a build has read it: an edit to it alone
    rebuilds the pages that cite it."""
    bib = served.content.with_name("refs.bib")
    bib.write_text("@article{r1, author = {Gibson, K}, title = {Before the edit}, journal = {SSM}, year = 2021}\n",
                   encoding="utf-8")
    text = content("Cites a file")
    references = text.index("references:")
    since = served.stdout.mark()
    save(served.content, f"{text[:references]}references: refs.bib\n")
    # Both stages of the rebuild (HTML, then PDFs) done: the edit below is seen by the watcher, not read by
    # a build still running.
    served.stdout.wait_for(re.compile(r"minimal\.yaml changed:.*\n.*minimal\.yaml changed:"), CHANGE_SECONDS, since)
    page = served.wait_for_page(PAGE, lambda page: "Before the edit" in page and BANNER not in page)
    epoch = int(EPOCH.findall(page)[-1])
    since = served.stdout.mark()
    save(bib, bib.read_text(encoding="utf-8").replace("Before the edit", "After the edit"))
    served.wait_for_page(PAGE, lambda page: "After the edit" in page)
    # Reported as the bib's change, or with a late event of the content file's save in the same batch.
    served.stdout.wait_for(re.compile(r"(refs\.bib|\d+ files) changed: wrote minimal/"), CHANGE_SECONDS, since)
    assert served.next_epoch(epoch, seconds=5) > epoch
    save(served.content, content("Fixed again"))


def test_two_hundred_concurrent_requests_are_all_answered(served: Served) -> None:
    """A burst from one browser (or many tabs) is queued, not dropped: 200 connections opened at the same
    instant each get the page, or a 503 with Retry-After, within a bounded time."""
    answers: list[bytes] = []
    lock = threading.Lock()
    together = threading.Barrier(200)
    request = f"GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nConnection: close\r\n\r\n".encode()

    def fetch() -> None:
        together.wait(30)
        with socket.create_connection(("127.0.0.1", served.port), timeout=5) as connection:
            connection.sendall(request)
            status = connection.makefile("rb").readline()
        with lock:
            answers.append(status)

    clients = [threading.Thread(target=fetch) for _ in range(200)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(60)
    assert len(answers) == 200
    assert all(status in (b"HTTP/1.0 200 OK\r\n", b"HTTP/1.1 503 Service Unavailable\r\n") for status in answers), \
        sorted(set(answers))


def test_past_its_connections_the_server_says_come_back_later(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "MAX_CONNECTIONS", 2)
    http_server = server.Server((server.HOST, 0), partial(server.Handler, site=LiveSite(), out_dir=tmp_path))
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    silent = [socket.create_connection((server.HOST, http_server.server_port), timeout=10) for _ in range(2)]
    try:
        time.sleep(0.5)  # both are being answered (each handler waits for its request line)
        with socket.create_connection((server.HOST, http_server.server_port), timeout=10) as third:
            third.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert third.recv(200).startswith(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n")
    finally:
        for connection in silent:
            connection.close()
        http_server.shutdown()
        http_server.server_close()


def test_paths_outside_the_output_folder_are_not_found(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser")
    links = [served.out / "leak.txt", served.out / "leak"]
    links[0].symlink_to(secret)
    links[1].symlink_to(tmp_path, target_is_directory=True)
    escape = os.path.relpath(secret, served.out)
    try:
        for path in (f"/{escape}", f"/minimal/gp/../../{escape}", "/../../../../etc/passwd",
                     "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                     "/minimal/..%2f..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd", "//etc/passwd",
                     "/leak.txt", "/leak/secret.txt", "/.briefgen-manifest.json", "/%ff"):
            response = served.get(path)
            assert response.status == 404, path
            assert "not for the browser" not in response.body and "root:" not in response.body, path
            assert response.headers["x-content-type-options"] == "nosniff", path
    finally:
        for link in links:
            link.unlink()


def test_only_our_own_host_names_are_answered(served: Served) -> None:
    port = served.port
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", f"127.0.0.1:{port + 1}",
                 "127.0.0.1", f"localhost.:{port}", f"[::1]:{port}"):
        for path in ("/", PAGE, "/__briefgen/reload?epoch=0", "/__briefgen/reload.js"):
            response = served.get(path, host=host)
            assert response.status == 403, (host, path)
            assert "Minimal" not in response.body
            assert response.headers["cache-control"] == "no-store"
    assert served.get(PAGE, host=f"localhost:{port}").status == 200
    assert served.get(PAGE, host=f"LOCALHOST:{port}").status == 200

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        connection.endheaders()
        assert connection.getresponse().status == 403
    finally:
        connection.close()


BROWSER_SCRIPT = """
import { createRequire } from "node:module";
const require = createRequire(`${process.cwd()}/`);
const { chromium } = require("playwright-core");
const [url, marker, executablePath] = process.argv.slice(1);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const state = (page) => page.evaluate((marker) => ({
  hash: window.location.hash,
  shown: [...document.querySelectorAll(".slide")].filter((slide) => !slide.hidden).map((slide) => slide.id),
  counter: document.querySelector(".deck-controls .counter").textContent,
  marker: document.body.textContent.includes(marker),
}), marker);
const browser = await chromium.launch({ executablePath, args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1"
    ? route.continue() : route.abort()));
  await page.goto(url);
  await page.keyboard.press("ArrowRight");
  const before = await state(page);
  const reloaded = page.waitForEvent("load", { timeout: 120000 });
  console.log("ready");
  await reloaded;
  const after = await state(page);
  await page.keyboard.press("ArrowRight");
  const next = await state(page);
  console.log(JSON.stringify({ before, after, next, errors }));
} finally {
  await browser.close();
}
"""


def test_a_deck_in_a_browser_keeps_its_keyboard_and_reloads_itself_after_an_edit(served: Served) -> None:
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), "run `npm ci` (or `make test`)"
    url = f"http://127.0.0.1:{served.port}/minimal/gp/slides.html"
    # Decks are rebuilt after the briefs: wait for this deck to be current, so only the edit below reloads it.
    save(served.content, content("Before the browser edit"))
    served.wait_for_page("/minimal/gp/slides.html", lambda page: "Before the browser edit" in page)
    browser = subprocess.Popen([node(), "--input-type=module", "-e", BROWSER_SCRIPT, url, "After the browser edit",
                                chromium()], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert browser.stdout is not None and browser.stderr is not None
    stdout, stderr = Lines(browser.stdout), Lines(browser.stderr)
    try:
        stdout.wait_for(re.compile("^ready$", re.MULTILINE), 120)
        save(served.content, content("After the browser edit"))
        report = json.loads(stdout.wait_for(re.compile(r"^\{.*\}$", re.MULTILINE), CHANGE_SECONDS + 60)[0])
    except AssertionError as exc:
        raise AssertionError(f"{exc}\nbrowser stderr:\n{stderr.text}") from None
    finally:
        if browser.poll() is None:
            browser.terminate()
        browser.wait(STOP_SECONDS)
    count = int(report["before"]["counter"].split()[-1])
    assert report["before"] == {"hash": "#slide-2", "shown": ["slide-2"], "counter": f"Slide 2 of {count}",
                                "marker": False}
    assert report["after"] == {"hash": "#slide-2", "shown": ["slide-2"], "counter": f"Slide 2 of {count}",
                               "marker": True}
    assert report["next"]["shown"] == ["slide-3"]
    assert report["errors"] == []


def test_a_failed_first_build_is_served_as_an_error_page_and_ctrl_c_stops(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    content_file = tmp_path / "content" / "minimal.yaml"
    content_file.write_text(broken("First"), encoding="utf-8")
    server = start(tmp_path / "content", tmp_path / "output")
    try:
        # stderr is read by its own thread: the error may be printed before "serving" yet not read in.
        server.stderr.wait_for(re.compile(re.escape(f"{content_file}:3:")), 30)
        home = server.get("/")
        assert home.status == 503
        assert "The build failed" in home.body and BANNER in home.body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home.body and "<script>alert(1)" not in home.body
        assert server.get(PAGE).status == 404

        since = server.stdout.mark()
        save(content_file, content("First"))
        index = server.wait_for_page("/", lambda page: "minimal/gp/brief.html" in page and BANNER not in page)
        assert "Minimal" in index
        assert server.get(PAGE).status == 200
        # The PDFs follow the HTML: Ctrl-C during their build would wait for it, which is not what this tests.
        html = server.stdout.wait_for(BUILT, CHANGE_SECONDS, since)
        server.stdout.wait_for(BUILT, CHANGE_SECONDS, since + html.end())
    finally:
        code = stop(server.process, signal.SIGINT)
    assert code == 0, server.stderr.text
    assert "Traceback" not in server.stderr.text


def test_a_page_reloads_for_its_own_rebuild_or_the_banner_not_for_other_pages() -> None:
    """The briefs' HTML is written before the decks: an open deck must wait for its own rebuild."""
    site = LiveSite()
    site.publish({"m/gp/brief.html"}, None)
    assert site.wait_past(1, "m/gp/slides.html", timeout=0.05) == (2, False)
    assert site.wait_past(1, "m/gp/brief.html", timeout=0.05) == (2, True)
    assert site.wait_past(1, None, timeout=0.05) == (2, True)
    site.publish({"m/gp/slides.html"}, None)
    assert site.wait_past(2, "m/gp/slides.html", timeout=0.05) == (3, True)
    site.publish(set(), "error: broken")
    assert site.wait_past(3, "m/gp/slides.html", timeout=0.05) == (4, True)
    site.publish(set(), None)  # the banner goes
    assert site.wait_past(4, "m/gp/brief.html", timeout=0.05) == (5, True)
    site.publish(set(), None)  # nothing changed: no new epoch
    assert site.wait_past(5, None, timeout=0.05) == (5, False)
    site.publish(set(), None, ("warning: <b>found</b>",))  # findings appear: every page reloads
    assert site.wait_past(5, "m/gp/slides.html", timeout=0.05) == (6, True)
    assert "warning: &lt;b&gt;found&lt;/b&gt;" in inject(b"<body></body>", site.status).decode()
    site.publish(set(), None)  # a build that did not judge them: they stand
    site.publish(set(), None, ("warning: <b>found</b>",))
    assert site.wait_past(6, None, timeout=0.05) == (6, False) and site.status.findings
    site.publish(set(), None, ())  # fixed
    assert site.wait_past(6, "m/gp/brief.html", timeout=0.05) == (7, True)
    assert FINDINGS not in inject(b"<body></body>", site.status).decode()
