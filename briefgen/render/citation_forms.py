"""A CSL style's citation → the citations of Pandoc's other forms: without the author (`[-@a]`: "(2024)", "[3]")
and the author alone (`@a` reads "Wilding" before the first: "Wilding (2024)", "Wilding [3]").

citeproc-py renders only the citation a style gives, so each form is a copy of it changed, added to the style
beside it: there, it finds the style's macros, terms and options as the style's own citation does.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Any

from citeproc import CitationStylesStyle
from lxml import etree

_CSL = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": _CSL}
_SHORT_NAMES = f"""<citation xmlns="{_CSL}" et-al-min="3" et-al-use-first="1"><layout>
  <names variable="author"><name form="short" and="text" delimiter=", " delimiter-precedes-last="never"/><et-al/>
    <substitute><names variable="editor"/><text variable="title"/></substitute></names>
</layout></citation>"""
"""The author as a sentence names one, for a style whose citation names no one (a numbered style): "Wilding",
"Gibson and Pollard", "Husk et al.", or an editor, or the title."""


@dataclass(frozen=True)
class Forms:
    """A style's citation in Pandoc's other forms: `cs:citation` elements, each rendered as the style's own is."""

    without_author: Any
    author: Any


@functools.cache
def forms(style: CitationStylesStyle) -> Forms:
    """The forms of `style`'s citation, added to it once (a style is parsed once per process, csl.style)."""
    root = style.root
    without_author = copy.deepcopy(root.citation)
    if (author := _author(without_author, root)) is not None:
        named = copy.deepcopy(author)
        author.getparent().remove(author)
        alone = etree.fromstring(f'<citation xmlns="{_CSL}"><layout/></citation>', style.parser)
        alone.attrib.update(root.citation.attrib)
        alone.layout.append(named)
    else:
        alone = etree.fromstring(_SHORT_NAMES, style.parser)
    root.extend([without_author, alone])
    return Forms(without_author, alone)


def _author(citation: Any, root: Any) -> Any:
    """The first element of `citation`'s layout that names the author: a `cs:names`, or a call of a macro that
    holds one (Harvard's "author-short"); None if it names no one."""
    with_names = {macro.get("name") for macro in root.xpath("cs:macro[.//cs:names]", namespaces=_NS)}
    return next((element for element in citation.layout.iter(f"{{{_CSL}}}names", f"{{{_CSL}}}text")
                 if element.tag == f"{{{_CSL}}}names" or element.get("macro") in with_names), None)
