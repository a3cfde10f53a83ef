"""The content schema: typed classes a YAML briefing is validated into, one docstring per field."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Discriminator, Field, StringConstraints, Tag, model_validator

from briefgen.content.citations import CITE_KEY
from briefgen.content.deck_model import DeckOptions
from briefgen.content.edition_model import EditionAxisName, Editions
from briefgen.content.fields import (
    ID_PATTERN,
    MAX_NAME_CHARS,
    AudienceName,
    Body,
    Id,
    PublicationDate,
    RewordKey,
    Role,
    StrictModel,
    Text,
    matching,
)
from briefgen.content.figure_model import Callout, Figure
from briefgen.content.lint_model import LintOptions, Word
from briefgen.content.references import Reference
from briefgen.content.table_model import Table

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_BRAND = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,200}$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")


Abbreviation = Annotated[str, matching(re.compile(r"^[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9]$"),
                                       "an abbreviation (letters and digits, such as ICB or A&E)")]
Term = Annotated[str, matching(re.compile(r"^\w[\w '\u2019&/-]{0,78}\w$"),
                                "a term of one to a few words (letters, digits, spaces, hyphens), such as link worker")]
ReferenceFile = Annotated[str, StringConstraints(max_length=255),
                         matching(re.compile(r"^[^\n]+\.(?:bib|json)$", re.IGNORECASE),
                                  "a list of references, or the name of a BibTeX (.bib) or CSL-JSON (.json) file")]
"""A reference file beside the content file, such as Zotero exports (see content.reference_files)."""
Works = Annotated[Annotated[list[Reference], Tag("list")] | Annotated[ReferenceFile, Tag("file")],
                  Discriminator(lambda value: "file" if isinstance(value, str) else "list")]
"""References written out, or the reference file they are in (pydantic reports errors under the tag)."""
Slug = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                 matching(ID_PATTERN, "a valid slug (lower-case letters, digits, '-' or '_')")]


Cites = list[Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS),
                       matching(CITE_KEY, "a citation key (a reference's id)"), Role.CITE_KEY]]
"""Ids of works in `references`, cited as if written `[@id; @id]` at the end of the text."""


class Wording(StrictModel):
    """Text with per-audience rewordings. A bare string is shorthand for `text`."""

    SHORTHAND: ClassVar[str | None] = "text"

    text: Text
    """The text as every audience reads it, unless reworded in `for`."""
    reworded: dict[RewordKey, Text] = Field(default_factory=dict, alias="for")
    """Per-audience rewording: `for: {gp: "..."}` replaces `text` for that audience; `for: {icb=QHM: "..."}`
    replaces it in one edition (for every audience, who may each have a rewording of their own too)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {cls.SHORTHAND: data} if isinstance(data, str) else data


class Point(Wording):
    """One point of a statement's sub-list: audience-limited and reworded like any statement."""

    id: Id | None = None
    """Optional stable id, unique in the file."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see it (default: all that see the statement)."""
    added: dict[AudienceName, Text] = Field(default_factory=dict, alias="add")
    """Per-audience addition: `add: {commissioner: "..."}` appends a sentence for that audience to the text
    it reads (the base text, or its rewording in `for`)."""
    cite: Cites = Field(default_factory=list)
    """Works this text rests on, cited after it."""


MAX_SEE = 10
"""Statements, sections, tables and figures one statement may refer to (`see`): each is a link its target's title
makes, so the links are capped like the text (a document makes every one again for each edition)."""


def _few_enough(ids: list[str]) -> list[str]:
    if len(ids) > MAX_SEE:
        raise ValueError(f"refers to {len(ids)} statements, sections, tables or figures, over the limit of {MAX_SEE}: "
                         "refer to the few a reader needs, or to the section that holds the others")
    return ids


class Item(Point):
    """One statement: a key message, finding, action or pole factor. A bare string is shorthand for `text`."""

    title: Text | None = None
    """A short lead-in printed in bold before the text, e.g. "Provision has not followed need"."""
    points: list[Point] = Field(default_factory=list)
    """A one-level sub-list under the text: elements of a model, survey figures, odds ratios."""
    slide: Wording | None = None
    """Shorter text for slides (optionally reworded per audience in `for`); the brief keeps `text`."""
    see: Annotated[list[Id], AfterValidator(_few_enough)] = Field(default_factory=list)
    """Ids of statements, sections, tables or figures this one refers to (at most MAX_SEE), shown as links titled
    by their targets: a statement or section by its title, a table or figure by its number ("Table 2")."""
    table: Table | None = None
    """A table under the statement."""
    figures: list[Figure] = Field(default_factory=list)
    """Images shown with the statement, after its text."""


class Pole(StrictModel):
    """One end of a tension: what pulls the intervention towards it."""

    label: Text
    """The pole's name, e.g. "Relational; holistic"."""
    caption: Text | None = None
    """A short line under the label, e.g. "supported by"."""
    items: list[Item] = Field(default_factory=list)
    """The factors pulling towards this pole."""


class Contrast(StrictModel):
    """A two-sided balance, such as relational/holistic versus transactional/light touch."""

    left: Pole
    """The pole drawn on the left."""
    right: Pole
    """The pole drawn on the right."""


class SlideOptions(StrictModel):
    """How a section becomes slides (default: one slide, laid out by the section's kind)."""

    layout: Literal["bullets", "contrast", "statement", "quote"] | None = None
    """`bullets` (default), `contrast` (default for tensions: two poles side by side),
    `statement` (each item large, one slide each) or `quote` (items as pull quotes)."""
    title: Text | None = None
    """A shorter title for the slide, if the section title is too long."""
    per_slide: int | None = Field(default=None, ge=1, le=50)
    """Split the items into slides of at most this many."""
    text: Wording | None = None
    """What the section's slides show of its own text: in place of a text section's body, or of another
    section's introduction (the brief keeps them). Reworded per audience with `for`, as a statement is."""
    notes: Text | None = None
    """Speaker notes: shown in the HTML deck with Alt+N; in the PDF only with --speaker-notes."""
    include: bool = True
    """Set to false to leave the section out of the deck (it stays in the brief)."""


class SectionBase(StrictModel):
    """What every section has, whatever its kind."""

    id: Id
    """Stable id, unique in the file (used in anchors and slide names)."""
    kind: str
    """How the section is laid out: `findings` (the default), `impact`, `implications`, `tensions` or `text`;
    each kind's class below says which fields it takes."""
    title: Text
    """The section heading."""
    intro: Item | None = None
    """A lead paragraph (may be reworded per audience)."""
    audiences: list[AudienceName] | None = None
    """Only these audiences see the section (default: all)."""
    items: list[Item] = Field(default_factory=list)
    """Statements, in order: after the contrast of a `tensions` section, after the body of a `text` section."""
    only: Literal["brief", "slides"] | None = None
    """Show the section only in the brief or only in the slide deck (default: both). `slides: {include: false}`
    is the same as `only: brief`."""
    annex: bool = False
    """Print the section in the brief's annex, after the references, outside its page budget."""
    table: Table | None = None
    """A table after the section's statements."""
    callouts: list[Callout] = Field(default_factory=list)
    """Boxed notes at the end of the section."""
    require_citations: bool | None = None
    """Whether every statement of the section must cite a work (default: the briefing's setting)."""
    figure: Figure | None = None
    """An image shown with the section: shorthand for a `figures` list of one (shown before those in the list)."""
    figures: list[Figure] = Field(default_factory=list)
    """Images shown with the section, after its statements and table; in the deck, the first on the section's
    first slide, each other on a slide of its own."""
    slides: SlideOptions = Field(default_factory=SlideOptions)
    """How the section appears in the slide deck."""

    @property
    def all_figures(self) -> list[Figure]:
        """Its figures in the order they are shown: `figure` (shorthand for a list of one), then `figures`."""
        return [*([self.figure] if self.figure is not None else []), *self.figures]


class ItemsSection(SectionBase):
    """A list of statements: findings, impact, or implications (numbered, as actions to take)."""

    kind: Literal["findings", "impact", "implications"] = "findings"
    items: list[Item] = Field(min_length=1)
    """The section's statements, in order (at least one)."""


class TensionsSection(SectionBase):
    """A balance between two poles, with what pulls towards each; statements may follow the contrast."""

    kind: Literal["tensions"]
    contrast: Contrast
    """The two poles and what pulls towards each."""


class TextSection(SectionBase):
    """Free text: Markdown paragraphs and lists, optionally followed by statements."""

    kind: Literal["text"]
    body: Body
    """Markdown paragraphs and lists."""


SECTION_KINDS: dict[str, type[SectionBase]] = {
    "findings": ItemsSection, "impact": ItemsSection, "implications": ItemsSection,
    "tensions": TensionsSection, "text": TextSection,
}
"""Every section kind and the class that declares its fields."""


def section_kind(data: Any) -> str | None:
    """The tag a section is validated by: its `kind`, `findings` when not given; None for a non-mapping."""
    if isinstance(data, dict):
        return data.get("kind", "findings") if isinstance(data.get("kind", "findings"), str) else None
    return getattr(data, "kind", None)


Section = Annotated[
    Annotated[ItemsSection, Tag("findings")] | Annotated[ItemsSection, Tag("impact")]
    | Annotated[ItemsSection, Tag("implications")] | Annotated[TensionsSection, Tag("tensions")]
    | Annotated[TextSection, Tag("text")],
    Discriminator(section_kind),
]
"""A section, validated by the class its `kind` names (pydantic reports errors under the tag: see validate)."""


class Author(StrictModel):
    """A person the briefing is by."""

    name: Text
    """Full name as it should be printed, e.g. "Prof Tessa Pollard"."""
    affiliation: Text | None = None
    """Department and institution."""
    email: Annotated[str, matching(_EMAIL, "an e-mail address")] | None = None
    """Contact address, shown as a mailto: link."""


class AudienceSpec(StrictModel):
    """An audience: a built-in one refined, or left out (`false`), or one of the file's own (which needs a
    `label`)."""

    SHORTHAND: ClassVar[str | None] = "include"

    include: bool = True
    """Set to false (or write `false` for the whole audience: `link_worker: false`) to make no edition for a
    built-in audience the briefing is not for. Text may still be written for it: nobody reads it here."""
    label: Text | None = None
    """Plural name of the readers, e.g. "Commissioners"."""
    heading: Text | None = None
    """Heading of the "what this means for you" panel."""
    framing: Text | None = None
    """A lead paragraph for this audience, at the top of the brief."""
    actions: list[Item] = Field(default_factory=list)
    """What these readers can do, shown in the "what this means for you" panel."""
    max_pages: int | None = Field(default=None, ge=1, le=100)
    """This audience's page budget for the brief, if not the briefing's `max_pages`."""
    max_slides: int | None = Field(default=None, ge=1, le=200)
    """This audience's slide budget for the deck, if not the briefing's `deck.max_slides`."""
    reading_age: int | None = Field(default=None, ge=6, le=30)
    """The reading age its text is written for (`briefgen lint`): 9 for the public, as GOV.UK and NHS guidance
    ask; default 21, a graduate's, for a professional audience (built in or the file's own)."""
    jargon: list[Word] = Field(default_factory=list)
    """Words and phrases these readers are not to be given, though others may be (`briefgen lint`): `[PCN,
    QOF]` for the public, say, whom a GP's terms would lose."""

    @model_validator(mode="before")
    @classmethod
    def _left_out(cls, data: Any) -> Any:
        # The loader reads every scalar as text, as pydantic then reads `include: false`.
        return {"include": data} if str(data).lower() in ("false", "true") else data


class Briefing(StrictModel):
    """A briefing: the single source every audience's brief is made from."""

    slug: Slug | None = None
    """Output folder name (default: the file name without .yaml)."""
    title: Wording
    """Title of the briefing (may be reworded per audience with `for`)."""
    subtitle: Wording | None = None
    """A line under the title (may be reworded per audience)."""
    date: PublicationDate | None = None
    """Publication date; also the date written into PDF metadata."""
    version: Text | None = None
    """Which version of the briefing this is, e.g. "3" or "Board version 2": printed with the date and written
    into each file's properties."""
    figures_as_at: PublicationDate | None = None
    """The date the briefing's figures describe, printed "Figures as at …" and written into each file's
    properties."""
    review_date: PublicationDate | None = None
    """When the briefing is next to be reviewed, printed "Review by …" and written into each file's properties."""
    date_format: Literal["long", "medium", "short", "iso"] = "long"
    """How the brief prints `date`, in the conventions of its `language`: `long` ("25 November 2026" in en-GB),
    `medium` ("25 Nov 2026"), `short` ("25/11/2026"), or `iso` (as written)."""
    language: Annotated[str, matching(_LANGUAGE, "a language tag such as en-GB")] = "en-GB"
    """Language of the text (BCP 47 tag)."""
    organisation: Text | None = None
    """Publishing organisation."""
    authors: list[Author] = Field(min_length=1)
    """Who the briefing is by."""
    contact: Wording | None = None
    """How to get in touch (inline Markdown; may be reworded per audience, e.g. a named lead for each)."""
    summary: Item | None = None
    """A short summary paragraph under the title (may be reworded per audience)."""
    audiences: dict[AudienceName, AudienceSpec] = Field(default_factory=dict)
    """Refinements of the built-in audiences, and audiences of this file's own."""
    key_messages: list[Item] = Field(min_length=1)
    """The few statements every reader must take away."""
    sections: list[Section] = Field(min_length=1)
    """The body of the briefing, in order."""
    references: Works = Field(default_factory=list)
    """Works cited: a list, or the name of a BibTeX or CSL-JSON file beside the content file."""
    further_reading: Works = Field(default_factory=list)
    """Works recommended but not cited: a list, or the name of a BibTeX or CSL-JSON file."""
    citation_style: Literal["author-date", "numbered"] = "author-date"
    """How works are cited: `author-date` (Harvard: "(Wilding, 2024)") or `numbered` (Vancouver: "[1]")."""
    require_citations: bool = False
    """Whether every finding must cite at least one work (a section may say otherwise)."""
    abbreviations: dict[Abbreviation, Text] = Field(default_factory=dict)
    """Abbreviations and what they stand for, e.g. `ICB: Integrated care board`: expanded at their first use
    in each document and listed at the end of the brief."""
    glossary: dict[Term, Text] = Field(default_factory=dict)
    """Terms that are not abbreviations and what they mean, e.g. `link worker: A practitioner who …`: a brief
    links each term's first use to its entry in the glossary it ends with."""
    brand: Annotated[str, matching(_BRAND, "a preset (default, nhs) or a brand file's name, e.g. brands/ours.yml")] \
        | None = None
    """The look of every output: a preset (`default`, `nhs`) or a brand file beside this one (default: the
    `_brand.yml` beside it if there is one, else `default`). See docs/branding.md."""
    formats: list[Annotated[str, matching(ID_PATTERN, "a format's name, e.g. pptx")]] | None = None
    """The formats a build makes of it when the command line names none (default: `html` and `pdf`); add
    `pptx` and `docx` for PowerPoint decks and Word briefs."""
    deck: DeckOptions = Field(default_factory=DeckOptions)
    """Options for the slide deck as a whole."""
    editions: dict[EditionAxisName, Editions] = Field(default_factory=dict)
    """One edition per row of a table, each for every audience: `editions: {icb: {from: icbs.csv, key: code,
    label: name}}`; any text may quote the edition's columns, `{icb.name}`. Several tables multiply: an edition
    per combination of their rows."""
    max_pages: int = Field(default=4, ge=1, le=100)
    """The brief's page budget, annex not counted: a longer brief is a warning (an error with --strict)."""
    lint: LintOptions = Field(default_factory=LintOptions)
    """What `briefgen lint` judges the text by, and the findings the author has weighed and set aside."""
    budget_references: bool = True
    """`false`: the reference list and further reading are not counted against `max_pages` either (the page the
    body ends on still is)."""

    def audience_keys(self) -> list[str]:
        """The audiences the briefing is for: the built-in ones it does not leave out, then its own."""
        return [key for key in [*BUILTIN_AUDIENCES, *(k for k in self.audiences if k not in BUILTIN_AUDIENCES)]
                if key not in self.audiences or self.audiences[key].include]

    def audience_label(self, key: str) -> str:
        """How the readers of audience `key` are named: its label here, else the built-in one, else its key."""
        spec, builtin = self.audiences.get(key), BUILTIN_AUDIENCES.get(key)
        return (spec and spec.label) or (builtin and builtin.label) or key


BUILTIN_AUDIENCES: dict[str, AudienceSpec] = {
    "commissioner": AudienceSpec(label="Commissioners", heading="What this means for commissioners"),
    "gp": AudienceSpec(label="GPs and primary care teams", heading="What this means for general practice"),
    "link_worker": AudienceSpec(label="Link workers", heading="What this means for link workers"),
}
