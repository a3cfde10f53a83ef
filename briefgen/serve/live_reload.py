"""Build outcomes → what open pages are told: a build epoch per page, and the reload script, error banner and
findings panel added to HTML as it is served (never to the built files, which stay identical to `briefgen
build`)."""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass

RELOAD_PATH = "/__briefgen/reload"
SCRIPT_PATH = "/__briefgen/reload.js"
LONG_POLL_SECONDS = 25.0
"""How long a reload request waits for a new epoch before answering with the current one."""

_MARKER = "<!-- briefgen serve: added when served, not in the built file -->"
_END_MARKER = "<!-- /briefgen serve -->"

RELOAD_SCRIPT = """\
// briefgen serve: reload this page when a rebuild finishes (a long poll per page); hide the error banner and the
// findings panel when asked.
(() => {
  "use strict";
  let epoch = document.currentScript.dataset.epoch;
  for (const id of ["briefgen-serve-error", "briefgen-serve-findings"]) {
    const shown = document.getElementById(id);
    shown?.querySelector("button")?.addEventListener("click", () => shown.remove());
  }
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

# The findings of a build that succeeded: lint's and the build's warnings, in a corner, folded to one line if
# the author wants the page back. Styled as fully as the banner, for the same reason.
_FINDINGS = """\
<style>
#briefgen-serve-findings {{ position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; width: min(48rem,
  calc(100vw - 24px)); max-height: 40vh; overflow: auto; margin: 0; padding: 10px 14px; background: #713f12;
  color: #ffffff; text-align: left; font: 15px/1.4 system-ui, sans-serif; border-radius: 6px;
  box-shadow: 0 2px 8px rgb(0 0 0 / 40%); }}
#briefgen-serve-findings summary {{ cursor: pointer; color: inherit; font: inherit; }}
#briefgen-serve-findings pre {{ margin: 8px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; color: inherit;
  background: none; font: 13px/1.4 ui-monospace, monospace; }}
#briefgen-serve-findings button {{ float: right; margin: 0 0 4px 12px; padding: 1px 8px; font: inherit;
  color: #713f12; background: #ffffff; border: 0; border-radius: 4px; cursor: pointer; }}
@media print {{ #briefgen-serve-findings {{ display: none; }} }}
</style>
<aside id="briefgen-serve-findings" aria-label="briefgen findings">
<button type="button">Hide</button>
<details open><summary><strong>briefgen: {count} finding{plural}</strong> in the text and the build</summary>
<pre tabindex="0">{findings}</pre>
</details>
</aside>
"""

@dataclass(frozen=True)
class Status:
    """What pages are shown with: the build epoch they wait on, the last build's error, if it failed, and the
    findings of the last build that succeeded, each as the terminal shows it."""

    epoch: int
    error: str | None = None
    findings: tuple[str, ...] = ()


class LiveSite:
    """The status, shared by the thread that builds and the threads that answer requests."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._status = Status(1)
        self._changed_at: dict[str, int] = {}
        """Output file (relative path) → the epoch it last changed in."""
        self._shown_at = 0
        """The epoch the error banner or the findings panel last appeared, changed or went."""
        self._closed = False

    @property
    def status(self) -> Status:
        with self._condition:
            return self._status

    def publish(self, changed: set[str], error: str | None, findings: tuple[str, ...] | None = None) -> None:
        """Record a finished build, and its findings if it judged them (None: they stand as they were); a new
        epoch if some page would now look different."""
        with self._condition:
            findings = self._status.findings if findings is None else findings
            shown_changes = error is not None or self._status.error is not None or findings != self._status.findings
            if changed or shown_changes:
                epoch = self._status.epoch + 1
                self._status = Status(epoch, error, findings)
                self._changed_at.update(dict.fromkeys(changed, epoch))
                if shown_changes:
                    self._shown_at = epoch
                self._condition.notify_all()

    def wait_past(self, epoch: int, page: str | None, timeout: float) -> tuple[int, bool]:
        """Wait until `page` (an output file; None: any), the banner or the findings changed since `epoch`, for at most
        `timeout` seconds; the current epoch, and whether the page must reload. A deck waits for its own
        rebuild, not for the briefs'."""
        def news() -> bool:
            if self._closed or self._shown_at > epoch:
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


def inject(page: bytes, status: Status) -> bytes:
    """The page with the reload script, the error banner while the last build failed, and the findings panel
    while there are findings, before </body>."""
    banner = _BANNER.format(error=html.escape(status.error)) if status.error is not None else ""
    if status.findings:
        banner += _FINDINGS.format(count=len(status.findings), plural="s" if len(status.findings) != 1 else "",
                                   findings=html.escape("\n".join(status.findings)))
    script = f'<script src="{SCRIPT_PATH}" data-epoch="{status.epoch}"></script>\n'
    added = f"{_MARKER}\n{banner}{script}{_END_MARKER}\n".encode()
    end = page.lower().rfind(b"</body>")
    at = end if end >= 0 else len(page)
    return page[:at] + added + page[at:]
