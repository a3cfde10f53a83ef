"""The Markdown of every text field → its problems: link text that does not say where a link goes, images and
headings smuggled in through Markdown, blocks where a field is one paragraph, nesting deeper than the renderers
lay out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.content import richtext, written
from briefgen.content.loader import LoadedDocument
from briefgen.errors import FieldPath, Problem
from briefgen.rules import UNSUPPORTED_MARKDOWN, VAGUE_LINK

_MARKDOWN_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)
_MARKDOWN_BLOCK = re.compile(r"\n[ \t]*\n|^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]", re.MULTILINE)
"""A paragraph break, or a line opening a list item or a quote: Markdown blocks."""
_VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "read more", "more", "click", "this", "go",
                    "website", "this page", "page", "more info", "find out more", "learn more"}
_URL_LIKE = re.compile(r"^(?:https?://|www\.|mailto:)\S*$|^\S+\.(?:org|com|uk|net|gov|nhs)(?:/\S*)?$",
                       re.IGNORECASE)


def problems(document: LoadedDocument) -> Iterator[Problem]:
    """The problems of the Markdown in every text field of `document` (every one may hold Markdown)."""
    for path, value in written.strings(document.data):
        yield from _text_problems(document, path, value)
        if richtext.too_deep(value):
            yield document.problem(path, f"Markdown nests lists, quotes or emphasis more than "
                                         f"{richtext.MAX_NESTING} levels deep; flatten it", rule=UNSUPPORTED_MARKDOWN)


def _text_problems(document: LoadedDocument, path: FieldPath, value: str) -> Iterator[Problem]:
    """Meaningful link text, no images, no headings, blocks only where allowed."""
    for match in _MARKDOWN_LINK.finditer(value):
        image, text, url = match.groups()
        if image:
            yield document.problem(path, f"images in text (![{text}](…)) are not shown; give the statement or "
                                         "section a figure (`figures`) with alt text instead",
                                   rule=UNSUPPORTED_MARKDOWN)
        elif (reason := _vague_link(text, url)) is not None:
            yield document.problem(path, f"link text {text!r} {reason}", rule=VAGUE_LINK)
    for match in _AUTOLINK.finditer(value):
        yield document.problem(path, f"link {match.group(0)} shows a bare address; write "
                                     f"[what it is]({match.group(1)}) so the link says where it goes", rule=VAGUE_LINK)
    if _MARKDOWN_HEADING.search(value):
        yield document.problem(path, "Markdown headings (#) are not allowed in text: headings come from sections, so "
                                     "their levels follow the structure; start a new section",
                               rule=UNSUPPORTED_MARKDOWN)
    elif not _takes_blocks(path) and _MARKDOWN_BLOCK.search(value.strip()):
        yield document.problem(path, "this field is one paragraph of inline Markdown: for a sub-list, give the "
                                     "statement `points:`; paragraphs, lists and quotes belong in a text section's "
                                     "`body` or a call-out's `text`", rule=UNSUPPORTED_MARKDOWN)


def _takes_blocks(path: FieldPath) -> bool:
    """Whether the field at `path` is one where paragraphs and lists are allowed: a text section's `body`, a
    call-out's `text`."""
    return (len(path) == 3 and path[0] == "sections" and path[2] == "body") or path[-3:-2] == ("callouts",)


def _vague_link(text: str, url: str) -> str | None:
    """Why `text` does not tell a reader where a link goes, or None if it does."""
    words = " ".join(re.sub(r"[*_`]", "", text).split()).strip(" .:!").lower()
    if not words:
        return "is empty; say where the link goes"
    if words in _VAGUE_LINK_TEXT:
        return "does not say where the link goes out of context; name the page or document instead"
    if not url.lower().startswith("mailto:") and (_URL_LIKE.match(words) or words == url.lower()):
        return "is a bare address; name the page or document instead"
    return None
