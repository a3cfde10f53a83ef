"""Read a YAML content file into plain data (dicts, lists, strings) with the position of every field.

Safe by construction: only PyYAML's composer runs (no constructors, so no code and no implicit
typing: every scalar arrives as the text the author wrote), aliases and anchors are refused before
anything is walked, and size, depth, list length and field length are capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from briefgen.errors import NOT_TEXT, ContentError, FieldPath, Location, Problem, printable, unreadable
from briefgen.rules import INVALID_VALUE, OVER_LIMIT, UNSAFE_TEXT, UNUSABLE_FILE, YAML_SYNTAX, Rule

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 12
MAX_LIST_ITEMS = 500
MAX_FIELD_CHARS = 20_000

# Text is refused where errors.NOT_TEXT finds a character: control characters and lone surrogates (which a
# quoted scalar can smuggle in as escapes, "\x1b", "\ud800"), and the deceptive ones ("evil.exe" shown as
# "exe.live"; right-to-left text is set by the language, not by hidden marks).
MAX_KEY_CHARS = 64
"""Mapping keys (audience names, field names) become output folder names and messages: kept short."""

_TEXT_LINES = 400
"""How far below its field's start a needle is looked for: well past the longest text MAX_FIELD_CHARS allows."""
_PLAIN_TAGS = {BaseResolver.DEFAULT_SCALAR_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG,
               BaseResolver.DEFAULT_MAPPING_TAG}


@dataclass(frozen=True)
class LoadedDocument:
    """A content file's data, with where each field was written."""

    path: Path
    data: Any
    positions: dict[FieldPath, tuple[int, int]]
    lines: list[str]

    def locate(self, path: FieldPath) -> Location:
        """Where the field at `path` is written or, if it is absent, its nearest written parent."""
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.positions:
                line, column = self.positions[path[:depth]]
                return Location(self.path, line, column, path)
        return Location(self.path, 1, 1, path)

    def problem(self, path: FieldPath, message: str, *, rule: Rule) -> Problem:
        """A finding of `rule` at `path` (see `locate`), shown with its source line."""
        location = self.locate(path)
        return problem_at(self.path, self.lines, location.line, location.column, path, message, rule=rule)

    def problem_in_text(self, path: FieldPath, needle: str, message: str, *, rule: Rule) -> Problem:
        """A problem at `needle`, where it is written in the text at `path` starting a word of its own (not the
        end of a longer one: "ther" is not found in "other"), or at the field, if the text is folded so that
        `needle` spans lines. `needle` may be the start of what is written, cut short."""
        start = self.locate(path)
        written = re.compile((r"(?<!\w)" if needle[:1].isalnum() else "") + re.escape(needle))
        for number in range(start.line, min(start.line + _TEXT_LINES, len(self.lines)) + 1):
            found = written.search(self.lines[number - 1], start.column - 1 if number == start.line else 0)
            if found:
                return problem_at(self.path, self.lines, number, found.start() + 1, path, message, rule=rule)
        return self.problem(path, message, rule=rule)


def problem_at(path: Path, lines: list[str], line: int, column: int, field: FieldPath, message: str, *,
               rule: Rule) -> Problem:
    """A finding of `rule` at `line` and `column` of the file at `path`, shown with that line of `lines`."""
    source = lines[line - 1] if 0 < line <= len(lines) else None
    return rule.found(message, Location(path, line, column, field), source_line=source)


class _LoadFailure(Exception):
    def __init__(self, mark: Any, path: list[str | int], message: str, rule: Rule) -> None:
        super().__init__(message)
        self.mark = mark
        self.field: FieldPath = tuple(path[1:])  # path[0] stands for the root
        self.message = message
        self.rule = rule


class _SafeComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's parse-and-compose stages only; refuses aliases, anchors and excessive depth."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.path: list[str | int] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # `index` is the key node of a mapping value, the position of a list item, None for the root and keys.
        part = index.value if isinstance(index, ScalarNode) else index if isinstance(index, int) else "?"
        self.path.append(part)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            raise _LoadFailure(event.start_mark, self.path, "YAML aliases (*name) are not allowed; write the text out",
                               YAML_SYNTAX)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _LoadFailure(event.start_mark, self.path, "YAML anchors (&name) are not allowed; write the text out",
                               YAML_SYNTAX)
        if len(self.path) > MAX_DEPTH:
            raise _LoadFailure(event.start_mark, self.path, f"nesting deeper than {MAX_DEPTH} levels", OVER_LIMIT)
        node = super().compose_node(parent, index)
        self.path.pop()
        return node


def load(path: Path) -> LoadedDocument:
    """Load one content file, or raise ContentError naming every problem found."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError([OVER_LIMIT.found(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}",
                                             Location(path, 1, 1))])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise ContentError([UNUSABLE_FILE.found(message, Location(path, line, column))]) from None
    lines = text.splitlines()
    try:
        root = _SafeComposer(text).get_single_node()
    except ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"character U+{exc.character:04X} is not allowed in a content file; remove it"
        raise ContentError([problem_at(path, lines, line, column, (), message, rule=UNSAFE_TEXT)]) from None
    except _LoadFailure as exc:
        raise ContentError([problem_at(path, lines, exc.mark.line + 1, exc.mark.column + 1, exc.field,
                                       exc.message, rule=exc.rule)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_syntax_problem(path, lines, exc)]) from None
    if root is None:
        raise ContentError([YAML_SYNTAX.found("file is empty", Location(path, 1, 1))])
    converter = _Converter(path, lines)
    data = converter.convert(root, ())
    if converter.problems:
        raise ContentError(converter.problems)
    return LoadedDocument(path, data, converter.positions, lines)


def _syntax_problem(path: Path, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML syntax error: {exc.problem or exc.context}"
    start = exc.context_mark
    if exc.problem and exc.context and start and (start.line, start.column) != (line - 1, column - 1):
        message += f" {exc.context} that starts at line {start.line + 1}, column {start.column + 1}"
    if "\\t" in (exc.problem or "") or "\t" in (lines[line - 1] if 0 < line <= len(lines) else ""):
        message += " (hint: indent with spaces; YAML does not allow tabs for indentation)"
    return problem_at(path, lines, line, column, (), message, rule=YAML_SYNTAX)


_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _paired(text: str) -> str:
    """`text` with each pair of surrogate escapes ("\\ud83d\\ude00", as JSON writes an emoji) made the one
    character it stands for: PyYAML reads the two escapes as two lone surrogates. A lone one stays, refused."""
    return _SURROGATE_PAIR.sub(lambda pair: pair[0].encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)


class _Converter:
    """Turns composed nodes into dicts, lists and strings, recording positions and problems."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.positions: dict[FieldPath, tuple[int, int]] = {(): (1, 1)}
        self.problems: list[Problem] = []

    def _report(self, node: Node, path: FieldPath, message: str, rule: Rule) -> None:
        mark = node.start_mark
        self.problems.append(problem_at(self.path, self.lines, mark.line + 1, mark.column + 1, path, message,
                                        rule=rule))

    def convert(self, node: Node, path: FieldPath) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self._report(node, path, f"YAML tags such as {node.tag!r} are not allowed", YAML_SYNTAX)
            return None
        if isinstance(node, ScalarNode):
            value = _paired(node.value)
            if len(value) > MAX_FIELD_CHARS:
                self._report(node, path, f"text is {len(value)} characters; the limit is {MAX_FIELD_CHARS}",
                             OVER_LIMIT)
            elif match := NOT_TEXT.search(value):
                self._report(node, path, unreadable(match[0]), UNSAFE_TEXT)
            return value
        if isinstance(node, SequenceNode):
            if len(node.value) > MAX_LIST_ITEMS:
                self._report(node, path, f"list has {len(node.value)} items; the limit is {MAX_LIST_ITEMS}",
                             OVER_LIMIT)
                return []
            items = []
            for index, child in enumerate(node.value):
                self.positions[(*path, index)] = (child.start_mark.line + 1, child.start_mark.column + 1)
                items.append(self.convert(child, (*path, index)))
            return items
        assert isinstance(node, MappingNode)
        return self._convert_mapping(node, path)

    def _convert_mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if len(node.value) > MAX_LIST_ITEMS:
            self._report(node, path, f"mapping has {len(node.value)} keys; the limit is {MAX_LIST_ITEMS}",
                         OVER_LIMIT)
            return result
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != BaseResolver.DEFAULT_SCALAR_TAG:
                self._report(key_node, path, "keys must be plain text", YAML_SYNTAX)
                continue
            key = key_node.value
            if len(key) > MAX_KEY_CHARS or NOT_TEXT.search(key):
                shown = printable(key[:40]) + ("…" if len(key) > 40 else "")
                self._report(key_node, path, f"key '{shown}' is not a usable key: at most {MAX_KEY_CHARS} "
                                             "characters, no control or invisible characters", INVALID_VALUE)
                continue
            child_path = (*path, key)
            if key in result:
                first_line = self.positions[child_path][0]
                self._report(key_node, child_path, f"duplicate key {key!r} (first written on line {first_line})",
                             YAML_SYNTAX)
                continue
            self.positions[child_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child_path)
        return result
