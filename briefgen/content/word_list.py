"""A briefing's word list file → the words it vouches for: names of people, places and services that a team's
briefings share (`lint: {word_list: words.txt}`), one a line, `#` starting a comment, beside the briefing."""

from __future__ import annotations

from pathlib import Path

from briefgen.content import figures
from briefgen.content.loader import LoadedDocument
from briefgen.content.model import Briefing
from briefgen.errors import Problem
from briefgen.rules import UNUSABLE_FILE

WORD_LIST = figures.FileKind({".txt": "text/plain"}, "a text file (.txt)", "word list", "words.txt",
                             max_bytes=1_000_000)
_FIELD = ("lint", "word_list")


def with_word_list(document: LoadedDocument, briefing: Briefing) -> tuple[Briefing, Path | None, list[Problem]]:
    """`briefing` with its word list's words among `lint.words`, the file read (None if it names none), and the
    problem that kept it from being read."""
    name = briefing.lint.word_list
    if name is None:
        return briefing, None, []
    try:
        path = figures.locate(document.path, name, WORD_LIST)
        text = path.read_bytes().decode("utf-8-sig")
    except (ValueError, OSError) as exc:  # not found, not a file, outside the folder, unreadable, not UTF-8
        return briefing, None, [document.problem(_FIELD, _reason(name, exc), rule=UNUSABLE_FILE)]
    words = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    lint = briefing.lint.model_copy(update={"words": [*briefing.lint.words, *filter(None, words)]})
    return briefing.model_copy(update={"lint": lint}), path, []


def _reason(name: str, exc: ValueError | OSError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"{name!r} is not UTF-8 text; save it as UTF-8"
    if isinstance(exc, OSError):
        return f"{name!r} cannot be read: {exc.strerror or exc}"
    return str(exc)
