"""Built outputs, read back → what keeps each from being accessible, file by file: `briefgen check`.

PDFs are checked for their tagged structure and metadata (`check/pdf.py`, and the independent PDF/UA-1
validator), HTML pages for the basics (`check/html.py`); PowerPoint and Word files for the rules of
`render/office/checks.py`, the ones every build of them applies too. Each failure names where it is: the
slide, the page or the section, or the whole file.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.check.html import check_html
from briefgen.check.pdf import check_pdf
from briefgen.errors import BriefgenError
from briefgen.pipeline.journal import MAX_READ_BYTES, read_regular, settle
from briefgen.render.failures import WHOLE_FILE, Failure
from briefgen.render.office import checks as office_checks
from briefgen.rules import UNREADABLE_OUTPUT

_CHECKS: dict[str, Callable[[bytes], Iterable[Failure]]] = {
    ".pdf": check_pdf,
    ".html": check_html,
    ".pptx": office_checks.pptx_failures,
    ".docx": office_checks.docx_failures,
}
"""The check of each kind of file, by suffix: each reads the file's bytes, read once here."""


@dataclass(frozen=True)
class Report:
    """What was found wrong with one output file; nothing means it passed."""

    path: Path
    failures: tuple[Failure, ...]

    def messages(self) -> list[str]:
        """Each failure as it is shown: `slides.html: slide 4 ('Findings'): [BG407] heading h4 follows h2: …`."""
        return [f"{self.path.name}: {failure}" for failure in self.failures]


class CheckFailed(BriefgenError):
    """One or more outputs failed an accessibility check."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        super().__init__(f"{len(reports)} output(s) failed the accessibility checks")


def check_outputs(out_dir: Path) -> list[Report]:
    """A report for every PDF, HTML, PowerPoint and Word file under `out_dir`, in path order: whatever is at
    such a name (a folder, a FIFO, a link, a file that cannot be read) is a failure naming it."""
    settle(out_dir)  # a build killed while switching its files in: its update is completed first
    return [Report(path, tuple(_failures(path))) for path in sorted(out_dir.rglob("*")) if path.suffix in _CHECKS]


def _failures(path: Path) -> Iterable[Failure]:
    """What the check of its kind finds in the file at `path`, read without following a link or waiting on a
    FIFO; or why it is no file to check."""
    data = read_regular(path)
    if data is None:
        return [Failure(UNREADABLE_OUTPUT, WHOLE_FILE, f"cannot be checked: {_what_is(path)}, not a file briefgen "
                                                       "wrote")]
    return _CHECKS[path.suffix](data)


def _what_is(path: Path) -> str:
    """What is at `path`, when it is not a regular file `read_regular` could read."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    kinds = ((stat.S_ISLNK, "a link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    kind = next((name for test, name in kinds if test(info.st_mode)), None)
    if kind is not None:
        return f"it is {kind}"
    if info.st_size > MAX_READ_BYTES:
        return f"it is larger than {MAX_READ_BYTES // 1_000_000} MB"
    return "it cannot be read (its permissions?)"
