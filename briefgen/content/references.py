"""The reference schema: a cited work of any kind, as written in a briefing, and its CSL-JSON item.

CSL-JSON (the Citation Style Language's data format, what Zotero exports) is what the citation formatter reads,
so a reference written in YAML and one loaded from a reference file meet there.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BeforeValidator, Field, StringConstraints, model_validator

from briefgen.content.fields import Doi, Id, StrictModel, Text, WebUrl

ReferenceType = Literal["article", "report", "webpage", "preprint", "book", "chapter", "podcast", "video",
                        "dataset", "legislation", "guidance", "press-release"]

CSL_TYPE_OF: dict[str, str] = {
    "article": "article-journal", "report": "report", "webpage": "webpage", "preprint": "article",
    "book": "book", "chapter": "chapter", "podcast": "broadcast", "video": "motion_picture",
    "dataset": "dataset", "legislation": "legislation", "guidance": "report", "press-release": "report",
}
"""Each reference type's CSL type (CSL 1.0.2 calls a preprint `article`; guidance is published as a report). CSL
has no press release: Zotero exports one as a report of genre "Press release", which both styles print as their
guides do ("[Press release]" in NLM, "Press release." in Harvard), where an `article` would be a preprint."""
GENRE_OF: dict[str, str] = {"press-release": "Press release"}
"""The CSL `genre` a reference type implies; no other type is given one, as the styles would print it."""

CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map",
    "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review", "review-book", "software",
    "song", "speech", "standard", "thesis", "treaty", "webpage",
})
"""The item types of CSL 1.0.2."""

CSL_NAME_VARIABLES = frozenset({
    "author", "collection-editor", "composer", "container-author", "editor", "editorial-director", "illustrator",
    "interviewer", "original-author", "recipient", "translator",
})
CSL_NAME_PARTS = frozenset({"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"})
CSL_DATE_VARIABLES = frozenset({"accessed", "container", "event-date", "issued", "original-date", "submitted"})
CSL_TEXT_VARIABLES = frozenset({
    "abstract", "annote", "archive", "archive_location", "archive-place", "authority", "call-number",
    "chapter-number", "collection-number", "collection-title", "container-title", "container-title-short",
    "dimensions", "DOI", "edition", "event", "event-place", "genre", "ISBN", "ISSN", "issue", "jurisdiction",
    "keyword", "language", "medium", "note", "number", "number-of-pages", "number-of-volumes",
    "original-publisher", "original-publisher-place", "original-title", "page", "page-first", "PMCID", "PMID",
    "publisher", "publisher-place", "references", "section", "source", "status", "title", "title-short", "URL",
    "version", "volume",
})
"""The CSL-JSON variables the citation formatter reads (text and numbers); other keys of an item are dropped."""

ET_AL = re.compile(r"^et\.? al\.?$", re.IGNORECASE)
"""A last author written "et al." (or "et al"): the work has more authors than are listed."""
_INITIALS = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4})$")


class Organisation(StrictModel):
    """An organisation as author, e.g. `{organisation: "NHS England"}`; printed as written."""

    organisation: Text
    """The organisation's name."""

    def __str__(self) -> str:
        return self.organisation


PersonOrOrganisation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | Organisation
"""A person as cited, "Gibson K" (family name, then initials) or "Gibson, Kate"; or an organisation."""


def _text_of_number(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Number = Annotated[str, BeforeValidator(_text_of_number), StringConstraints(strip_whitespace=True, min_length=1)]
"""A volume, issue, page range, edition or report number: written as text or a whole number."""


class Reference(StrictModel):
    """A work cited or recommended: an article (the default), report, web page, preprint, book, chapter, podcast,
    video, data set, legislation, guidance or press release; printed in the briefing's citation style."""

    id: Id
    """Stable id, unique in the file; text cites it as `[@id]`."""
    type: ReferenceType = "article"
    """What kind of work it is: `article` (a journal article), `report`, `webpage`, `preprint`, `book`,
    `chapter` (in an edited book), `podcast`, `video`, `dataset`, `legislation`, `guidance` or `press-release`."""
    authors: list[PersonOrOrganisation] = Field(default_factory=list)
    """Authors in order: "Gibson K" or "Gibson, Kate" for a person, `{organisation: "NHS England"}` for an
    organisation; end with "et al." when there are more. Without authors the title leads."""
    editors: list[PersonOrOrganisation] = Field(default_factory=list)
    """Editors of the book a chapter is in, written as authors are."""
    title: Text
    """Title of the work (printed as written: Markdown and HTML are shown as text)."""
    short_title: Text | None = None
    """The title as the text cites a work with no author, e.g. "Fit for Frailty" (CSL's `title-short`); without it
    the text cites the whole title."""
    year: int | None = Field(default=None, ge=1000, le=2999)
    """Year of publication; without it Harvard prints "no date", as Cite Them Right does, and NLM no date."""
    month: int | None = Field(default=None, ge=1, le=12)
    """Month of publication (1 to 12), for news, web pages and reports."""
    day: int | None = Field(default=None, ge=1, le=31)
    """Day of the month of publication."""
    container: Text | None = Field(default=None, validation_alias=AliasChoices("container", "journal"))
    """Where the work appeared: the journal, the book a chapter is in, the website, the podcast or series.
    `journal` is accepted as another name for it."""
    volume: Number | None = None
    """Volume."""
    issue: Number | None = None
    """Issue."""
    pages: Number | None = None
    """Pages (e.g. 309-24) or article number."""
    publisher: Text | None = None
    """Publisher, or the organisation issuing a report or guidance."""
    place: Text | None = None
    """Place of publication, e.g. London."""
    series: Text | None = None
    """The series the work is numbered in, e.g. "NICE guideline"; a guidance's `number` is printed with it."""
    number: Number | None = None
    """Report, guidance or bill number, e.g. NG44."""
    edition: Number | None = None
    """Edition, e.g. 2."""
    doi: Doi | None = None
    """Digital Object Identifier, without https://doi.org/."""
    url: WebUrl | None = None
    """Web address; printed when there is no DOI (both styles give a work's DOI rather than its address)."""
    accessed: datetime.date | None = None
    """When a web page was read, YYYY-MM-DD."""
    note: Text | None = None
    """A remark printed after the entry, e.g. "preprint, not peer reviewed" or "authors not confirmed"."""

    @model_validator(mode="after")
    def _consistent(self) -> Reference:
        if self.type == "chapter" and self.container is None:
            raise ValueError("a chapter needs a `container`: the title of the book it is in")
        if self.type == "webpage" and self.url is None:
            raise ValueError("a webpage needs a `url`")
        if self.day is not None and self.month is None:
            raise ValueError("a `day` needs a `month`")
        if self.month is not None and self.year is None:
            raise ValueError("a `month` needs a `year`")
        if self.year and self.month and self.day and self.day > calendar.monthrange(self.year, self.month)[1]:
            raise ValueError(f"{self.year}-{self.month:02}-{self.day:02} is not a date")
        if any(ET_AL.match(str(name)) for name in self.authors[:-1]):
            raise ValueError('"et al." can only be the last author')
        return self


def to_csl(reference: Reference) -> dict[str, Any]:
    """The reference as a CSL-JSON item."""
    item: dict[str, Any] = {"id": reference.id, "type": CSL_TYPE_OF[reference.type], "title": reference.title}
    if genre := GENRE_OF.get(reference.type):
        item["genre"] = genre
    if reference.authors:
        item["author"] = csl_names(reference.authors)
    if reference.editors:
        item["editor"] = csl_names(reference.editors)
    if reference.year is not None:
        parts = [reference.year, reference.month, reference.day]
        item["issued"] = {"date-parts": [[part for part in parts if part is not None]]}
    if reference.accessed is not None:
        accessed = reference.accessed
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    # Guidance in a series is known by its number there ("NICE guideline NG56"), not a report number.
    number = "collection-number" if reference.type == "guidance" and reference.series else "number"
    fields = {"title-short": reference.short_title, "container-title": reference.container,
              "volume": reference.volume, "issue": reference.issue, "page": reference.pages,
              "publisher": reference.publisher, "publisher-place": reference.place,
              "collection-title": reference.series, number: reference.number, "edition": reference.edition,
              "DOI": reference.doi, "URL": reference.url, "note": reference.note}
    item.update((key, value) for key, value in fields.items() if value is not None)
    return item


def csl_names(names: list[str | Organisation]) -> list[dict[str, str]]:
    """CSL name objects: "Gibson K" → family Gibson, given "K"; "Gibson, Kate" → Gibson, Kate; an organisation,
    or a name in neither form, printed as written ("literal"); a last "et al." kept as a literal "et al."."""
    return [_csl_name(name) for name in names]


def _csl_name(name: str | Organisation) -> dict[str, str]:
    if isinstance(name, Organisation) or ET_AL.match(name):
        return {"literal": "et al." if isinstance(name, str) else name.organisation}
    family, comma, given = name.partition(",")
    if comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    if match := _INITIALS.match(name):
        # One letter per initial, so a style that writes "T.M." finds two initials in "TM".
        return {"family": match["family"], "given": " ".join(match["initials"])}
    return {"literal": name}
