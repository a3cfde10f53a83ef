"""Citation clusters and CSL-JSON items → in-text citations and reference lists in HTML, formatted by citeproc-py.

A `Citer` is made per rendered document: every cluster is registered in document order first (so numbers follow
first appearance), then each is rendered, each cited work linked to its entry (`#ref-{id}`), then the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from briefgen.content import richtext
from briefgen.content.citations import Cite, Mode, locator
from briefgen.content.references import (
    CSL_DATE_VARIABLES,
    CSL_NAME_PARTS,
    CSL_NAME_VARIABLES,
    CSL_TEXT_VARIABLES,
    ET_AL,
)
from briefgen.render import citation_forms, csl

Cluster = tuple[Cite, ...]
"""The works cited together at one place in the text, e.g. `[@wilding-2024; @husk-2020, p. 312]`."""


@dataclass(frozen=True)
class _Cited:
    """A registered cluster as citeproc-py's citations."""

    together: Citation
    """Its works in one citation, as the style orders and joins them."""
    each: tuple[Citation, ...]
    """Each work alone, if the cluster has words around its works ("see", "and passim"): kept in their order."""
    author: Citation | None
    """The author alone, not linked, if the cluster names it in the sentence (`@a`)."""


class Citer:
    """One document's citations in one style: register every cluster, in order, then render them and the list."""

    def __init__(self, items: Sequence[dict[str, Any]], style: str, language: str) -> None:
        """`items`: CSL-JSON, each with a unique `id`; `style`: a key of CITATION_STYLES; `language`: a BCP 47 tag."""
        self._works = _Works(csl.style(style, csl.locale_of(language)), items)
        self._collapses = self._works.style.root.citation.get("collapse") == "citation-number"
        # A citation that shows only a number has its work's short form as its link's title.
        self._numbered = next(self._works.style.root.citation.iterfind(
            f".//{{{_CSL}}}text[@variable='citation-number']"), None) is not None
        self._bibliography = self._works.bibliography()
        self._cited: dict[Cluster, _Cited] = {}
        self._forms = citation_forms.forms(self._works.style)

    def register(self, cluster: Cluster) -> None:
        """Note a cluster's works as cited, in document order. KeyError names a key with no reference: validation
        refuses such a citation in every text field (content.written), so one reaching here is a bug."""
        if unknown := [cite.key for cite in cluster if cite.key.lower() not in self._works.ids]:
            raise KeyError(f"no reference has the id {unknown[0]!r}")
        cited = self._cited.get(cluster)
        if cited is None:
            worded = len(cluster) > 1 and any(cite.prefix or cite.suffix for cite in cluster)
            cited = self._cited[cluster] = _Cited(
                Citation([_citation_item(cite, n) for n, cite in enumerate(cluster)]),
                tuple(Citation([_citation_item(cite, n)]) for n, cite in enumerate(cluster)) if worded else (),
                Citation([CitationItem(cluster[0].key)]) if cluster[0].mode is Mode.AUTHOR_IN_TEXT else None)
        for citation in (cited.together, *cited.each, *filter(None, [cited.author])):
            self._bibliography.register(citation)

    def render(self, cluster: Cluster) -> Markup:
        """A registered cluster as in-text HTML, each work linked to its entry: "(Wilding, 2024; Husk et al., 2020,
        p. 312)", "[1,3]"; three or more consecutive numbers as a range (en dash), its ends linked. Without the
        author (`[-@a]`): "(2024)"; the author in the sentence (`@a`): "Wilding (2024)", "Wilding [3]"."""
        cited = self._cited[cluster]
        # One mode for the cluster: content.citations refuses brackets that mix them.
        form = None if cluster[0].mode is Mode.NORMAL else self._forms.without_author
        marked = self._in_written_order(cited.each, form) if cited.each else self._rendered(cited.together, form)
        if cited.author is not None:
            author = self._rendered(cited.author, self._forms.author)
            marked = _linked_alone(author, marked) or f"{author} {marked}"
        if self._collapses:
            marked = _collapse_ranges(marked)
        keys = [cite.key.lower() for cite in cluster]
        return csl.to_html(marked, [(self._works.ids[key], _short_form(self._works.items[key]) if self._numbered
                                     else "") for key in keys])

    def _rendered(self, citation: Citation, form: Any = None) -> str:
        """A registered citation rendered by the style's citation, or by one of its other `form`s. One rendered in
        another form is not counted among the works cited before the next (as `cite` counts them): neither style
        words a citation by its position."""
        if form is None:
            return csl.plain(self._bibliography.cite(citation, _unregistered))
        return csl.plain(form.render(citation, [], _unregistered))

    def _in_written_order(self, each: tuple[Citation, ...], form: Any) -> str:
        """A cluster's works, each rendered alone, joined in the order written as the style joins them (with a
        space after): the words around them ("see …; also …") read in that order, which the style's sort would
        change."""
        layout = (form if form is not None else self._works.style.root.citation).layout
        before, after, delimiter = (str(layout.get(name, "")) for name in ("prefix", "suffix", "delimiter"))
        alone = [self._rendered(citation, form) for citation in each]
        # Words between works need a space after the delimiter, as "[1,2]" does not: "[see 1, also 2]".
        spaced = delimiter if delimiter.endswith(" ") else f"{delimiter} "
        return before + spaced.join(text[len(before):len(text) - len(after)] for text in alone) + after

    def bibliography(self) -> list[tuple[str, Markup]]:
        """(id, entry HTML) for each cited work, in the style's order. Entries carry no number: in a numbered style
        entry n is work number n, so a template lists them in an `<ol>`."""
        self._bibliography.sort()
        return self._works.entries(self._bibliography)

    def further_reading(self, items: Iterable[dict[str, Any]]) -> list[tuple[str, Markup]]:
        """(id, entry HTML) for works recommended but not cited, in the same style, unnumbered: in the style's
        order, or alphabetical if it has none (a numbered style lists works as they are cited)."""
        recommended = _Works(self._works.style, list(items))
        bibliography = recommended.bibliography()
        for key in recommended.ids:
            bibliography.register(Citation([CitationItem(key)]))
        bibliography.sort()
        entries = recommended.entries(bibliography)
        if self._works.style.root.bibliography.find(f"{{{_CSL}}}sort") is None:
            entries.sort(key=lambda entry: entry[1].striptags().casefold())
        return entries


_CSL = "http://purl.org/net/xbiblio/csl"
"""The CSL XML namespace."""


class _Works:
    """CSL-JSON items as citeproc-py takes them, and their entries in a style with what it leaves out added."""

    def __init__(self, style: CitationStylesStyle, items: Sequence[dict[str, Any]]) -> None:
        self.style = style
        self.ids = {str(item["id"]).lower(): str(item["id"]) for item in items}  # citeproc lower-cases keys
        self.items = {key: _engine_item(item) for key, item in zip(self.ids, items, strict=True)}
        self.notes = {key: _text(item["note"]) for key, item in zip(self.ids, items, strict=True)
                      if item.get("note")}

    def bibliography(self, items: Iterable[dict[str, Any]] | None = None) -> CitationStylesBibliography:
        """A citeproc-py bibliography of these works (or of `items`), nothing registered yet."""
        source = CiteProcJSON(list(self.items.values()) if items is None else list(items))
        return CitationStylesBibliography(self.style, source, csl.MarkingFormatter)

    def entries(self, bibliography: CitationStylesBibliography) -> list[tuple[str, Markup]]:
        """(id, entry HTML) for each registered work in the bibliography's order."""
        return [(self.ids[key], csl.to_html(self._completed(key, csl.plain(rendered)),
                                            about=self.items[key].get("title", "")))
                for key, rendered in zip(bibliography.keys, bibliography.bibliography(), strict=True)]

    def _completed(self, key: str, marked: str) -> str:
        """The entry with the title leading once, and the note."""
        item = self.items[key]
        if not CSL_NAME_VARIABLES & item.keys():
            marked = _lead_once(marked, [item.get("title", ""), item.get("container-title", "")])
        elif "author" not in item and "editor" in item:
            marked = _editors_once(marked, [name.get("family") or name.get("literal", "") for name in item["editor"]])
        if note := self.notes.get(key):
            marked = f"{marked} {note[0].upper()}{note[1:]}{'' if note[-1] in '.?!' else '.'}"
        return marked


def _short_form(item: dict[str, Any]) -> str:
    """A work as a reader knows it at a glance: its first author's (or editor's) family name, both names of two,
    "et al." after the first of more, or its short title if it names no one; then its year, unless the title gave it.
    "Wilding et al. 2024", "Husk & Elston 2020", "NHS England 2019", "Health and Care Act 2022"."""
    names = item.get("author") or item.get("editor") or []
    named = [name.get("family") or name.get("literal") or name.get("given", "") for name in names
             if name.get("literal") != csl.ET_AL]
    if not named:
        who = item.get("title-short") or item.get("title", "")
    elif len(names) == 2 and len(named) == 2:
        who = " & ".join(named)
    else:
        who = f"{named[0]} et al." if len(names) > 1 else named[0]
    year = "".join(str(part) for part in item.get("issued", {}).get("date-parts", [[]])[0][:1])
    return f"{who} {year}" if who and year and year not in who else who or year


def _engine_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as citeproc-py can take it: only the variables it reads (it warns about others), its text as the
    briefing's text is printed (curly apostrophes) and without the marks used in formatting, an author "et al." as
    its mark; no note (styles differ in printing it, so it is added to every entry alike)."""
    engine: dict[str, Any] = {"id": str(item["id"]), "type": item["type"]}
    for key, value in item.items():
        if key in _VERBATIM:
            engine[key] = _unmarked(value)
        elif key in CSL_TEXT_VARIABLES and key != "note":
            engine[key] = _text(value)
        elif key in CSL_NAME_VARIABLES:
            engine[key] = [_engine_name(name) for name in value]
        elif key in CSL_DATE_VARIABLES:
            engine[key] = value
    return engine


_VERBATIM = frozenset({"DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID"})
"""Variables that identify a work, taken as written."""


def _engine_name(name: dict[str, Any]) -> dict[str, str]:
    if "literal" in name:
        literal = _text(name["literal"])
        return {"literal": csl.ET_AL if ET_AL.match(literal) else literal}
    return {part: _text(value) for part, value in name.items() if part in CSL_NAME_PARTS}


def _text(value: Any) -> str:
    return richtext.typographic(_unmarked(value))


def _unmarked(value: Any) -> str:
    return csl.UNMARKED.sub("", str(value))


def _citation_item(cite: Cite, index: int) -> CitationItem:
    """A cited work, its rendering marked as linked to the cluster's work number `index`; the words written before
    and after it outside the link."""
    extra = {"locator": Locator(*locator(cite.locator))} if cite.locator else {}
    before = f"{_words(cite.prefix)} " if cite.prefix else ""
    return CitationItem(cite.key, prefix=f"{before}{csl.LINK_START}{index}{csl.LINK_END}",
                        suffix=f"{csl.LINK_CLOSE}{_words(cite.suffix)}", **extra)


def _words(text: str) -> str:
    """Words written around a cited work, in Markdown, as citeproc-py takes text: their emphasis marked as the
    style marks its own ("and *passim*"), other markup dropped, a space they start with kept."""
    if not text:
        return text
    rendered = str(richtext.inline(_unmarked(text.lstrip())))
    while (marked := _EMPHASIS.sub(_emphasis, rendered)) != rendered:  # again for emphasis inside emphasis
        rendered = marked
    return text[:len(text) - len(text.lstrip())] + Markup(rendered).striptags()


_EMPHASIS = re.compile(r"<(em|strong)>(.*?)</\1>", re.DOTALL)


def _emphasis(match: re.Match[str]) -> str:
    return (csl.MarkingFormatter.Italic if match[1] == "em" else csl.MarkingFormatter.Bold)(match[2])


def _unregistered(item: CitationItem) -> str:
    raise KeyError(f"{item.key!r} was not registered before rendering")


_LINKED = re.compile(f"{csl.LINK_START}\\d+{csl.LINK_END}(?P<text>[^{csl.LINK_CLOSE}]*){csl.LINK_CLOSE}")


def _linked_alone(author: str, marked: str) -> str | None:
    """The author in the sentence made the link to the work (the cluster's one), where the citation after it says
    nothing: an Act is cited by its title alone (csl._acts_by_title_and_chapter), so "Health and Care Act 2022",
    not "Health and Care Act 2022 ()". None where the citation says something, a year or a page."""
    if _LINKED.sub(lambda link: link["text"], marked).strip("()[] "):
        return None
    return f"{csl.LINK_START}0{csl.LINK_END}{author}{csl.LINK_CLOSE}"


def _collapse_ranges(marked: str) -> str:
    """Three or more consecutive numbers → the first, an en dash, the last: "[1,2,3,5]" → "[1-3,5]" (with an en
    dash); the style asks for it and citeproc-py does not do it."""
    links = list(_LINKED.finditer(marked))
    runs: list[list[re.Match[str]]] = []
    for link in links:
        number = int(link["text"]) if link["text"].isdigit() else None
        previous = runs[-1][-1]["text"] if runs else ""
        if number is not None and previous.isdigit() and int(previous) + 1 == number:
            runs[-1].append(link)
        else:
            runs.append([link])
    for run in reversed(runs):
        if len(run) >= 3:
            marked = f"{marked[:run[0].start()]}{run[0][0]}\u2013{run[-1][0]}{marked[run[-1].end():]}"
    return marked


def _editors_once(marked: str, names: list[str]) -> str:
    """An entry whose editors stand in for its author, without a later sentence naming them again ("Edited by
    H.M. Fillit, K. Rockwood, and J. Young.", "Fillit HM, Rockwood K, Young J, editors."): citeproc-py prints
    the substituted editors twice. A sentence names them if it holds every family name, in order, and little
    else."""
    sentences = re.split(r"(?<=[a-z0-9)\]]\.) (?=\S)", marked)  # not after an initial: "H.M. Fillit"
    names_pattern = re.compile(".*?".join(map(re.escape, names)), re.DOTALL)
    kept = sentences[:1] + [sentence for sentence in sentences[1:]
                            if not ((found := names_pattern.search(sentence))
                                    and len(sentence) - len(found[0]) < _FEW_WORDS)]
    return " ".join(kept)


_FEW_WORDS = 24
"""Characters besides the names in a sentence that only names editors: "Edited by", "editors", initials."""


def _lead_once(marked: str, substitutes: list[str]) -> str:
    """An entry whose title (or journal) stands in for its author, without it printed again after the date:
    citeproc-py does not suppress a variable a substitute printed, as CSL says it should. The lead is the text up
    to the parenthesis after the title or journal the entry starts with."""
    for substitute in filter(None, substitutes):
        start = marked.lower().find(substitute.lower())
        lead_end = marked.find(" (", start + len(substitute)) if 0 <= start <= 2 else -1  # after a quote or mark
        if lead_end > 0:
            lead = marked[:lead_end]
            match = re.compile(f",? {re.escape(lead)}").search(marked, lead_end)
            return marked[:match.start()] + marked[match.end():] if match else marked
    return marked
