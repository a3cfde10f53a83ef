"""LaTeX in a BibTeX field → plain Unicode text, read as data within bounds: nothing is run or expanded, and
what pylatexenc cannot read is a reason, never its exception.

pylatexenc parses by recursion and trusts its macro table: `\\emph{` nested a few hundred deep exhausts Python's
stack, `\\sqrt` or `\\href` without their arguments raise KeyError or IndexError, `\\url` without one leaves
`<%s>` in the text. So a field is capped in length and in nesting before it is parsed, a file in how much LaTeX
it has decoded, and a macro whose replacement cannot be filled is refused.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import get_default_latex_context_db as parse_context

MAX_CHARS = 4_000
"""Characters of LaTeX in one field (a name, a title, a journal): as many as a statement may hold, far more
than any reference needs."""
MAX_FILE_CHARS = 400_000
"""Characters of LaTeX decoded for one file: pylatexenc takes about 12 µs a character of dense LaTeX, so a
file's decoding takes seconds at most, where its 2 MB would take half a minute. A library of 2,000 works with
accents, dashes or `\\&` in every name, title, journal and page range holds about 250,000."""
MAX_DEPTH = 10
"""Groups (`{`), options (`[`), environments and math opened inside one another: accents and protected
capitals take two or three."""

_LATEX = re.compile(r"[\\$%~&#^_`]|--|''")
"""What pylatexenc reads as other than its characters: without any, a text is its characters, braces aside."""
_NESTING = re.compile(r"\\(?:begin|end)(?![A-Za-z])|\\[(\[)\]]|\\.|[{}[\]]", re.DOTALL)
"""What opens or closes a level of nesting; any other escaped character (`\\{`) is skipped."""
_OPENS = {"{", "[", "\\(", "\\[", "\\begin"}
_CLOSES = {"}", "]", "\\)", "\\]", "\\end"}

# A macro pylatexenc cannot fill is a reason here (see `_Decoder`); its log of the same is not for the user.
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)


class LatexError(ValueError):
    """Why a field's LaTeX cannot be read as text."""


class _Decoder(LatexNodes2Text):  # type: ignore[misc]
    """pylatexenc's decoder, refusing a macro whose replacement it cannot fill from its arguments: pylatexenc
    then raises IndexError or KeyError, or logs a warning and returns the replacement unfilled (`<%s>`)."""

    def apply_simplify_repl(self, node: Any, simplify_repl: Any, what: Any) -> Any:
        missing = LatexError(f"{what} is missing its arguments; write the text itself")
        try:
            text = super().apply_simplify_repl(node, simplify_repl, what)
        except (IndexError, KeyError):
            raise missing from None
        # Unfilled: the template itself came back (a literal "%" alone is a template that is not one).
        if isinstance(simplify_repl, str) and "%" in simplify_repl and simplify_repl != "%" and text is simplify_repl:
            raise missing
        return text


def _decoder() -> _Decoder:
    """The decoder bibtexparser uses for BibTeX fields: `\\url{x}` is x, math is kept as written."""
    context = text_context()
    context.add_context_category("bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")])
    return _Decoder(latex_context=context, math_mode="verbatim", keep_braced_groups=False)


_DECODER = _decoder()
_PARSING = parse_context()
"""The macros' arguments, for parsing: built once (pylatexenc builds it anew for every text it is not given)."""


class Decoder:
    """Decodes the LaTeX of one file's fields, at most MAX_FILE_CHARS characters of it in all."""

    def __init__(self) -> None:
        self.left = MAX_FILE_CHARS

    def text(self, latex: str) -> str:
        """`latex` as the Unicode text it stands for (`caf\\'e` → café, `{NHS} England` → NHS England);
        LatexError says why it cannot be read."""
        if len(latex) > MAX_CHARS:
            raise LatexError(f"the field is {len(latex):,} characters long, over the limit of {MAX_CHARS:,}")
        if depth(latex) > MAX_DEPTH:
            raise LatexError(f"braces, brackets, environments or math nest more than {MAX_DEPTH} deep")
        if not _LATEX.search(latex):  # the common case, with no need for the parser
            return latex.replace("{", "").replace("}", "")
        self.left -= len(latex)
        if self.left < 0:
            raise LatexError(f"the file holds more than {MAX_FILE_CHARS:,} characters of LaTeX to decode; write "
                             "accents and dashes as the characters themselves (é rather than \\'e)")
        try:
            return str(_DECODER.latex_to_text(latex, latex_context=_PARSING))
        except LatexError:
            raise
        except Exception as exc:  # pylatexenc raises what its macro table's replacements raise
            raise LatexError(f"the LaTeX cannot be read as text ({type(exc).__name__} in pylatexenc): write the "
                             "characters themselves, or drop the command") from None


def depth(latex: str) -> int:
    """How deep `latex` nests groups, options, environments and math: what pylatexenc's recursion follows."""
    level = deepest = 0
    for token in _NESTING.findall(latex):
        if token in _OPENS:
            level += 1
            deepest = max(deepest, level)
        elif token in _CLOSES:
            level = max(level - 1, 0)
    return deepest
