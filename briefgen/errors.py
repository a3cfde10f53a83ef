"""What can go wrong, where and how badly: field paths, locations, problems with a severity, and the errors
a user can cause, each with its exit code. A leaf module: every stage imports it, it imports no stage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2

FieldPath = tuple[str | int, ...]
"""A field inside a content file: `("sections", 2, "items", 0)`."""


_EXCERPT = 100
"""Characters of a source line shown under a message: a long line is shown around the column."""


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """At most _EXCERPT characters of `line` around `column` (0-based), and the column within them."""
    if len(line) <= _EXCERPT:
        return line, column
    start = min(max(column - _EXCERPT // 4, 0), len(line) - _EXCERPT)
    excerpt = ("…" if start else "") + line[start:start + _EXCERPT] + ("…" if start + _EXCERPT < len(line) else "")
    return excerpt, column - start + (1 if start else 0)


QUOTED_CHARS = 40
"""Characters of a value a message quotes: a message names what it is about, it does not repeat it."""


def quoted(text: str) -> str:
    """`text` quoted for a message, cut to its first QUOTED_CHARS characters (marked …) if it is longer."""
    return repr(text) if len(text) <= QUOTED_CHARS else repr(text[:QUOTED_CHARS]) + "…"


def printable(text: str) -> str:
    """`text` with control, bidirectional and invisible characters escaped (`\\x1b`, `\\u202e`): what
    content puts in a message must not steer the terminal or reorder what it shows."""
    return _UNPRINTABLE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), text)


def format_path(path: FieldPath) -> str:
    """`sections[2].items[0].text`: how a field is named in messages. A key's control characters are shown
    escaped (`\\x1b`), never sent to the terminal."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{printable(part)}" if text else printable(part)
    return text


BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Bidirectional embeddings, overrides and isolates, as a regular-expression character range."""
_DECEPTIVE_CHARACTERS = f"{BIDI_CONTROLS}\u200b\u2060\ufeff"
DECEPTIVE = re.compile(f"[{_DECEPTIVE_CHARACTERS}]")
"""Characters that make text show other than it reads: bidirectional controls, and invisible characters no
script needs (the joiners U+200C and U+200D, which scripts and emoji need, are not among them)."""
NOT_TEXT = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff{_DECEPTIVE_CHARACTERS}]")
"""What no text may hold: control characters (tab and line breaks aside), lone surrogates, the noncharacters
U+FFFE and U+FFFF (which XML, and so Word and PowerPoint files, cannot hold), and DECEPTIVE ones."""
_NONCHARACTER = re.compile("[\\ufffe\\uffff]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def unreadable(character: str) -> str:
    """Why text may not hold `character`, one that NOT_TEXT finds."""
    if _BIDI.match(character):
        return (f"text contains a bidirectional control, U+{ord(character):04X}, which makes it show other than it "
                "reads; remove it")
    if DECEPTIVE.match(character):
        return (f"text contains an invisible character, U+{ord(character):04X}, which makes it show other than it "
                "reads; remove it")
    if _NONCHARACTER.match(character):
        return f"text contains U+{ord(character):04X}, which is not a character (a Unicode noncharacter); remove it"
    return f"text contains the control character U+{ord(character):04X}; remove it"


_UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_DECEPTIVE_CHARACTERS}]")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Location:
    """A place in a content file: a 1-based line and column, and the field written there."""

    file: Path
    line: int
    column: int
    field: FieldPath = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, or worth a warning: where (a content location, an output, or both) and how bad."""

    message: str
    location: Location | None = None
    severity: Severity = Severity.ERROR
    output: str | None = None
    """The output file it concerns, e.g. `slug/gp/slides.pdf`, when it arose while rendering."""
    source_line: str | None = None
    """The content line at `location`, shown under the message with a caret."""
    code: str | None = None
    """The code of the rule that found it (briefgen.rules): every problem briefgen makes has one; a record
    written before rules had codes has none."""

    def show(self) -> str:
        """`file:line:col: field.path: message` (or `output: message`), then the source line and a caret."""
        if self.location is not None:
            where = [str(self.location), format_path(self.location.field)]
        else:
            where = [self.output or ""]
        message = f"[{self.code}] {self.message}" if self.code else self.message
        text = ": ".join([part for part in where if part] + [message])
        if self.location is not None and self.source_line is not None and self.source_line.strip():
            line, column = _excerpt(printable(self.source_line.rstrip()), self.location.column - 1)
            text += f"\n    {line}\n    {' ' * column}^"
        return text

    def sort_key(self) -> tuple[str, int, int, str, str]:
        location = self.location
        if location is None:
            return ("", 0, 0, "", self.output or "")
        return (str(location.file), location.line, location.column, format_path(location.field), "")

    def as_record(self) -> dict[str, Any]:
        """Plain JSON data, for the manifest."""
        location = self.location
        return {"message": self.message, "severity": str(self.severity), "output": self.output,
                "source_line": self.source_line, "code": self.code,
                "location": None if location is None else
                [str(location.file), location.line, location.column, list(location.field)]}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Problem:
        """The inverse of `as_record`; a malformed record raises ValueError, KeyError or TypeError."""
        where = record["location"]
        location = None if where is None else Location(Path(where[0]), int(where[1]), int(where[2]),
                                                         tuple(_path_part(part) for part in where[3]))
        return cls(str(record["message"]), location, Severity(record["severity"]), _optional(record["output"]),
                   _optional(record["source_line"]), _optional(record.get("code")))


def _path_part(part: object) -> str | int:
    if isinstance(part, str | int) and not isinstance(part, bool):
        return part
    raise TypeError(f"not a field path part: {part!r}")


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def shown(problem: Problem, severity: Severity | None = None) -> str:
    """How the command line shows a problem: `error: …` or `warning: …` (or as `severity`, under --strict)."""
    return f"{severity or problem.severity}: {problem.show()}"


class BriefgenError(Exception):
    """Base of every error a user can cause; knows its exit code and how to show itself."""

    exit_code = EXIT_CONTENT

    def show(self) -> str:
        return f"error: {self}"


class ContentError(BriefgenError):
    """One or more problems in content files, all reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem(s) in content")

    def show(self) -> str:
        count = len(self.problems)
        body = "\n".join(shown(problem) for problem in self.problems)
        return f"{body}\n{count} error{'s' if count != 1 else ''} in content; nothing was written."


class RenderError(BriefgenError):
    """Rendering failed for a reason the content or templates can fix (not a bug in briefgen)."""


class UsageError(BriefgenError):
    """The command was asked for something that cannot be done (e.g. an unknown audience)."""

    exit_code = EXIT_USAGE


class StrictModeError(BriefgenError):
    """Warnings were raised and --strict makes them fatal."""

    def __init__(self, warnings: list[Problem]) -> None:
        self.warnings = warnings
        super().__init__(f"{len(warnings)} warning(s) with --strict")

    def show(self) -> str:
        body = "\n".join(shown(warning, Severity.ERROR) for warning in self.warnings)
        return f"{body}\n{len(self.warnings)} warning(s) are errors with --strict; nothing was written."
