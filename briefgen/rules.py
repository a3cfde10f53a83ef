"""Every check briefgen makes of content and outputs, registered once: its code (`BG101`), its default severity,
what it finds in a line, and where docs/lint.md explains it. A Problem carries its rule's code, so that
`--strict`, a briefing's `lint: {ignore: [...]}` and a `# briefgen: ignore BG101` comment act by code.

The hundreds say what a rule judges (GROUPS). Content errors (a citation of no work, a row of the wrong width)
stop every build and cannot be ignored; nor can output checks, which fail `briefgen check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.errors import Location, Problem, Severity

DOCS = "docs/lint.md"

GROUPS = {"0": "Content errors", "1": "Content warnings", "2": "Text (`briefgen lint`)", "3": "Build warnings",
          "4": "Output checks (`briefgen check`)"}
"""Each group of rules, by its codes' hundreds digit: how --list-rules and docs/lint.md order them."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str

    @property
    def anchor(self) -> str:
        """Where the docs explain it: `docs/lint.md#bg101-uncited-work`."""
        return f"{DOCS}#{self.code.lower()}-{self.name}"

    @property
    def group(self) -> str:
        return GROUPS[self.code[2]]

    @property
    def ignorable(self) -> bool:
        """Whether a briefing may set its findings aside: an error stops the build whatever the author weighs."""
        return self.severity is not Severity.ERROR

    def found(self, message: str, location: Location | None = None, *, output: str | None = None,
              source_line: str | None = None) -> Problem:
        """A finding of this rule, with its code and severity."""
        return Problem(message, location, self.severity, output, source_line, code=self.code)


RULES: dict[str, Rule] = {}
"""Every rule, by code."""


def rule_of(problem: Problem) -> Rule:
    """The rule whose finding `problem` is: every problem briefgen makes has one (tests/test_rules.py)."""
    assert problem.code is not None, problem
    return RULES[problem.code]


def _rule(code: str, name: str, severity: Severity, summary: str) -> Rule:
    RULES[code] = Rule(code, name, severity, summary)
    return RULES[code]


def _error(code: str, name: str, summary: str) -> Rule:
    return _rule(code, name, Severity.ERROR, summary)


YAML_SYNTAX = _error("BG001", "yaml-syntax", "a file that is not YAML briefgen reads: a syntax error, an alias, "
                                             "anchor or tag, a key written twice, an empty file")
UNKNOWN_FIELD = _error("BG002", "unknown-field", "a key the schema has no field for there")
INVALID_VALUE = _error("BG003", "invalid-value", "a value the schema does not take, or a required field missing")
UNKNOWN_CITATION = _error("BG004", "unknown-citation",
                          "a citation of a work in neither `references` nor `further_reading`, or a malformed one")
UNRESOLVED_SEE = _error("BG005", "unresolved-see", "a `see:` naming no section, statement, table or figure")
TABLE_SHAPE = _error("BG006", "table-shape", "a row, total, alignment list or record of another width than its "
                                             "table's header")
UNSAFE_TEXT = _error("BG007", "unsafe-text", "text holding control, bidirectional or invisible characters")
UNUSABLE_FILE = _error("BG008", "unusable-file", "a file that is missing, outside its folder, a link, too large, "
                                                 "not UTF-8 or not of its kind")
VAGUE_LINK = _error("BG009", "vague-link", "a link whose text does not say where it goes")
UNSUPPORTED_MARKDOWN = _error("BG010", "unsupported-markdown", "Markdown the documents cannot lay out: images, "
                                                               "headings, blocks where one paragraph goes, deep "
                                                               "nesting, an open footnote")
OVER_LIMIT = _error("BG011", "over-limit", "a file, text, list or nesting larger than briefgen's limits")
DUPLICATE_ID = _error("BG012", "duplicate-id", "one id, edition key or output folder given to two things")
AUDIENCE = _error("BG013", "audience", "an audience not defined, text for one its item is not shown to, or "
                                       "audiences no one can read")
FIGURE = _error("BG014", "figure", "a figure or logo without alt text, or one where no figure is shown")
CHART_DATA = _error("BG015", "chart-data", "a chart of columns its table lacks, of cells that are not numbers, "
                                           "or of numbers in more than one unit")
EDITION_DATA = _error("BG016", "edition-data", "editions, or their columns or keys, that text quotes, rewords for "
                                               "or matches but the briefing does not declare")
DATA_FILE = _error("BG017", "data-file", "a CSV file without the rows, columns, numbers, keys or labels its "
                                         "declaration asks for")
REFERENCE_FILE = _error("BG018", "reference-file", "a BibTeX or CSL-JSON file that cannot be read as works")
CONTRAST = _error("BG019", "contrast", "brand colours that fall short of WCAG AA contrast where they are used")
OFFICE_TEMPLATE = _error("BG020", "office-template", "a PowerPoint or Word template without the layouts, "
                                                     "placeholders or styles briefgen fills")
UNCITED_FINDING = _error("BG021", "uncited-finding", "a finding that cites no work, with `require_citations` on")
CONFLICTING_FIELDS = _error("BG022", "conflicting-fields", "fields that ask for opposite things: an annex shown "
                                                           "only in the slides")

UNCITED_WORK = _rule("BG101", "uncited-work", Severity.WARNING, "a work in `references` that no text cites")
NEVER_SHOWN = _rule("BG102", "never-shown", Severity.WARNING,
                    "text reworded for every audience that reads it, so that it is never shown")
FONT_FILE_UNUSED = _rule("BG103", "font-file-unused", Severity.WARNING,
                         "a brand's font file for a face another file already gives")
FONT_STAND_IN = _rule("BG104", "font-stand-in", Severity.INFO,
                      "a brand font not installed, whose metric-compatible twin sets the PDFs")
FONT_MISSING = _rule("BG105", "font-missing", Severity.WARNING,
                     "a brand font not installed, nor given as files: the PDFs are set in another")
TEMPLATE_TRIMMED = _rule("BG106", "template-trimmed", Severity.WARNING,
                         "parts of an Office template that briefgen drops when it rebuilds it")
READING_LEVEL = _rule("BG201", "reading-level", Severity.WARNING,
                      "a sentence above its audience's reading age (Flesch-Kincaid grade + 5)")
LONG_SENTENCE = _rule("BG202", "long-sentence", Severity.WARNING, "a sentence longer than the word limit")
JARGON = _rule("BG203", "jargon", Severity.WARNING, "a word plain-English guidance asks writers to avoid")
UNDEFINED_ABBREVIATION = _rule("BG204", "undefined-abbreviation", Severity.WARNING,
                               "an abbreviation used but not in `abbreviations`")
SPELLING = _rule("BG205", "spelling", Severity.WARNING,
                 "a word not spelt as British English writes it (Hunspell's en_GB dictionary)")
TITLE_CASE = _rule("BG206", "title-case", Severity.WARNING,
                   "a heading in Title Case, which GOV.UK and NHS style write as a sentence")
PAGE_BUDGET = _rule("BG301", "page-budget", Severity.WARNING, "a brief longer than its page budget")
SLIDE_BUDGET = _rule("BG302", "slide-budget", Severity.WARNING, "a deck longer than its slide budget")
CUT_OFF = _rule("BG303", "cut-off", Severity.WARNING, "a slide that does not fit even at its smallest size")
LAYOUT_WARNING = _rule("BG304", "layout-warning", Severity.WARNING, "what WeasyPrint warns of, laying out a PDF")
PROPERTY_CUT = _rule("BG305", "property-cut", Severity.INFO,
                     "a title or description longer than an Office file's property holds")

UNREADABLE_OUTPUT = _error("BG401", "unreadable-output", "an output that cannot be read as the kind of file its "
                                                         "name says")
NO_LANGUAGE = _error("BG402", "no-language", "an output that does not say its language")
NO_TITLE = _error("BG403", "no-title", "an output without a title, or a PDF that viewers are not told to show it")
UNTAGGED = _error("BG404", "untagged", "a PDF without a structure tree, or content outside it that is not an "
                                       "artifact")
NOT_PDF_UA = _error("BG405", "not-pdf-ua", "a PDF not identified as PDF/UA-1, or one the PDF/UA-1 validator fails")
NO_BOOKMARKS = _error("BG406", "no-bookmarks", "a PDF without bookmarks")
HEADING_ORDER = _error("BG407", "heading-order", "headings that skip a level, or a PDF without any")
NO_ALT = _error("BG408", "no-alt", "an image, drawing or chart without alt text, and not marked decorative")
LINK_NO_TEXT = _error("BG409", "link-no-text", "a PDF link without text")
LANDMARKS = _error("BG410", "landmarks", "an HTML page without one main landmark and a skip link to it")
SLIDE_TITLE = _error("BG411", "slide-title", "a slide without a title, or with another slide's")
TABLE_NO_HEADER = _error("BG412", "table-no-header", "a table without a header row")
TEXT_OVERFLOW = _error("BG413", "text-overflow", "slide text that runs past the foot of its box")
READING_ORDER = _error("BG414", "reading-order", "shapes read in another order than the slide shows them")
