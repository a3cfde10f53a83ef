"""User-facing errors: where in which file, which field, what is wrong, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a content file."""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a content file."""

    location: Location
    field: str
    message: str
    source_line: str | None = None

    def show(self) -> str:
        prefix = f"{self.location}: {self.field}: " if self.field else f"{self.location}: "
        text = prefix + self.message
        if self.source_line is not None and self.source_line.strip():
            caret = " " * (self.location.column - 1) + "^"
            text += f"\n    {self.source_line.rstrip()}\n    {caret}"
        return text


class BriefgenError(Exception):
    """Base of every error a user can cause; knows its exit code and how to show itself."""

    exit_code = EXIT_CONTENT

    def show(self) -> str:
        return f"error: {self}"


class ContentError(BriefgenError):
    """One or more problems in content files, all reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.location, p.field))
        super().__init__(f"{len(self.problems)} problem(s) in content")

    def show(self) -> str:
        count = len(self.problems)
        body = "\n".join(f"error: {problem.show()}" for problem in self.problems)
        return f"{body}\n{count} error{'s' if count != 1 else ''} in content; nothing was written."


class RenderError(BriefgenError):
    """Rendering failed for a reason the content or templates can fix (not a bug in briefgen)."""


class UsageError(BriefgenError):
    """The command was asked for something that cannot be done (e.g. an unknown audience)."""

    exit_code = EXIT_USAGE


class StrictModeError(BriefgenError):
    """Warnings were raised and --strict makes them fatal."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        super().__init__(f"{len(warnings)} warning(s) with --strict")

    def show(self) -> str:
        body = "\n".join(f"error: {warning}" for warning in self.warnings)
        return f"{body}\n{len(self.warnings)} warning(s) are errors with --strict; nothing was written."
