"""Turn author Markdown into sanitised HTML: the one place where content becomes trusted markup.

Raw HTML written in content is escaped (shown as text), never interpreted; the Markdown output is then
cleaned by nh3 against an explicit allow-list, so neither a bug here nor in Markdown can inject script.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3
from markupsafe import Markup

from briefgen.content import citations

_INLINE_TAGS = {"a", "em", "strong", "code", "br", "sup", "sub", "abbr"}
_BLOCK_TAGS = _INLINE_TAGS | {"p", "ul", "ol", "li", "blockquote"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
MAX_NESTING = 16
"""How deeply rendered Markdown may nest elements: deeper input exhausts Markdown's and WeasyPrint's recursion."""
# Block markers opening a line ("> - > 1. x"): each nests at least one element, and a long chain of them
# makes Markdown recurse until it fails, slowly; counting them first refuses such text in linear time.
_MARKER_CHAIN = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)]")
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*?(/?)>")
_MARKUP = re.compile(r"[*_>+\-\[`]|\d[.)]")


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["smarty"], output_format="html")
    # Raw HTML in content is text, not markup: drop the stages that pass it through.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.ESCAPED_CHARS.append("@")  # `\@` writes an @ that is not a citation, as in Pandoc
    return converter


_MARKDOWN = _converter()


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not _SAFE_HREF.match(value.strip()):
        return None
    return value


def _clean(html: str, tags: set[str]) -> str:
    return nh3.clean(html, tags=tags, attributes=_ATTRIBUTES, attribute_filter=_keep_attribute,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer",
                     strip_comments=True)


def _render(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


def inline(text: str) -> Markup:
    """One line of Markdown (emphasis, links, code) as sanitised inline HTML."""
    rendered = _render(text)
    match = _SINGLE_PARAGRAPH.match(rendered)
    if match and "<p>" not in match.group(1):
        return Markup(_clean(match.group(1), _INLINE_TAGS))
    return Markup(_clean(rendered, _BLOCK_TAGS))


def block(text: str) -> Markup:
    """Markdown paragraphs and lists as sanitised HTML."""
    return Markup(_clean(_render(text), _BLOCK_TAGS))


def too_deep(text: str) -> bool:
    """Whether `text`, rendered as Markdown, nests elements more than MAX_NESTING deep."""
    # Each markup character opens at most three levels (a loose list item: ul, li, p) and the innermost may
    # add two (pre, code), so text with few of them is shallow for sure; most fields end here, unrendered.
    if 3 * len(_MARKUP.findall(text)) + 2 <= MAX_NESTING:
        return False
    for chain in _MARKER_CHAIN.finditer(text):
        if len(_MARKER.findall(chain[0])) > MAX_NESTING:
            return True
    try:
        rendered = str(block(text))
    except RecursionError:
        return True
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(rendered):
        if name == "br" or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest > MAX_NESTING


_MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!>@])")
"""Characters Markdown may read as markup and lets a backslash escape."""


def escaped(text: str) -> str:
    """Text (a value from a data file) as Markdown that shows it as written: its marks escaped, `&` and `<` as
    entities, so it is never markup."""
    return _MARKDOWN_MARKS.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


@functools.lru_cache(maxsize=4096)
def typographic(text: str) -> str:
    """Text (a value from a data file) with curly quotes and apostrophes, as Markdown prints a statement's: the
    same typography in a reference as in the text that cites it. Nothing else in it is read as markup."""
    return html.unescape(nh3.clean(_render(escaped(text)), tags=set())).strip()


def plain(text: str) -> str:
    """The text a reader sees, without markup or citations: for <title>, PDF metadata and running heads."""
    return html.unescape(nh3.clean(_render(citations.removed(text)), tags=set())).strip()
