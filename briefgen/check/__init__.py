"""Built outputs, read back → what keeps each from being accessible, file by file: `briefgen check`.

PDFs are checked for their tagged structure and metadata (`check/pdf.py`, and the independent PDF/UA-1
validator), HTML pages for the basics (`check/html.py`); PowerPoint and Word files for the rules of
`render/office/checks.py`, the ones every build of them applies too. Each failure names where it is: the
slide, the page or the section, or the whole file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.check.html import check_html
from briefgen.check.pdf import check_pdf
from briefgen.errors import BriefgenError
from briefgen.pipeline.journal import settle
from briefgen.render.failures import Failure
from briefgen.render.office import checks as office_checks

_CHECKS: dict[str, Callable[[Path], Iterable[Failure]]] = {
    ".pdf": check_pdf,
    ".html": check_html,
    ".pptx": lambda path: office_checks.pptx_failures(path.read_bytes()),
    ".docx": lambda path: office_checks.docx_failures(path.read_bytes()),
}
"""The check of each kind of file, by suffix."""


@dataclass(frozen=True)
class Report:
    """What was found wrong with one output file; nothing means it passed."""

    path: Path
    failures: tuple[Failure, ...]

    def messages(self) -> list[str]:
        """Each failure as it is shown: `slides.html: slide 4 ('Findings'): heading h4 follows h2: …`."""
        return [f"{self.path.name}: {failure}" for failure in self.failures]


class CheckFailed(BriefgenError):
    """One or more outputs failed an accessibility check."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        super().__init__(f"{len(reports)} output(s) failed the accessibility checks")


def check_outputs(out_dir: Path) -> list[Report]:
    """A report for every PDF, HTML, PowerPoint and Word file under `out_dir`, in path order."""
    settle(out_dir)  # a build killed while switching its files in: its update is completed first
    return [Report(path, tuple(_CHECKS[path.suffix](path)))
            for path in sorted(out_dir.rglob("*")) if path.suffix in _CHECKS]
