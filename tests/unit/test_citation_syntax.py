"""Citations read the way Pandoc reads them: every form, with its locator, prefix and suffix; an @ that is text;
a malformed citation refused where it starts; citations taken out of titles and added from `cite:`."""

from __future__ import annotations

import re

import pytest

from briefgen.content.citations import CitationSyntaxError, Cite, Mode, appended, clusters, removed
from briefgen.content.richtext import escaped, inline

NARRATIVE, SUPPRESSED = Mode.AUTHOR_IN_TEXT, Mode.SUPPRESS_AUTHOR


@pytest.mark.parametrize(("text", "cites", "span"), [
    ("Text [@a].", (Cite("a"),), (5, 9)),
    ("[@a, p. 3]", (Cite("a", "p. 3"),), (0, 10)),
    ("[@a; @b]", (Cite("a"), Cite("b")), (0, 8)),
    ("Smith says [-@a].", (Cite("a", mode=SUPPRESSED),), (11, 16)),
    ("[see @a, p. 3; also @b]", (Cite("a", "p. 3", prefix="see"), Cite("b", prefix="also")), (0, 23)),
    ("[@a, pp. 33-35 and passim]", (Cite("a", "pp. 33-35", suffix=" and passim"),), (0, 26)),
    ("[@a, chap. 1]", (Cite("a", "chap. 1"),), (0, 13)),
    ("[@a, pp. 33, 35-37, and nowhere else]", (Cite("a", "pp. 33, 35-37", suffix=", and nowhere else"),), (0, 37)),
    ("[@a, 89]", (Cite("a", "89"),), (0, 8)),
    ("[@a, pp. xi-xiv, 3]", (Cite("a", "pp. xi-xiv, 3"),), (0, 19)),
    ("[@a, p. 3, i.e. the summary]", (Cite("a", "p. 3", suffix=", i.e. the summary"),), (0, 28)),
    ("[@a and nowhere else]", (Cite("a", suffix=" and nowhere else"),), (0, 21)),
    ("[@a, vol. 2; @b, \u00a7 4]", (Cite("a", "vol. 2"), Cite("b", "\u00a7 4")), (0, 21)),
    ("@wilding-2024 found", (Cite("wilding-2024", mode=NARRATIVE),), (0, 13)),
    ("As @a.", (Cite("a", mode=NARRATIVE),), (3, 5)),
    ("@a [p. 33] says", (Cite("a", "p. 33", mode=NARRATIVE),), (0, 10)),
    ("@a [p. 30, with others] says", (Cite("a", "p. 30", suffix=", with others", mode=NARRATIVE),), (0, 23)),
    ("(@a)", (Cite("a", mode=NARRATIVE),), (1, 3)),
    ("@a's work", (Cite("a", mode=NARRATIVE),), (0, 2)),
])
def test_every_form_pandoc_writes(text: str, cites: tuple[Cite, ...], span: tuple[int, int]) -> None:
    [cluster] = clusters(text)
    assert (cluster.cites, (cluster.start, cluster.end)) == (cites, span)


def test_a_narrative_citation_and_a_bracket_after_it_are_two() -> None:
    assert [cluster.cites for cluster in clusters("@a [@b] say")] == [(Cite("a", mode=NARRATIVE),), (Cite("b"),)]


@pytest.mark.parametrize("text", [
    "Write to a.b@nhs.net or nhs@example.org.",  # after a word character: an email address
    "The `@a` and `[@a]` in code.",
    "```\n[@a] @a\n```",
    "A [link](https://example.org/@a) and <https://example.org/@a>.",
    "At https://mastodon.social/@a or www.example.org/@a today.",
    "A [link naming @a](https://example.org) and ![a picture of @a](a.png).",
    "Written \\@a, as text.",
    "An @ alone, @@, @- and @.",
    "[in brackets, a.b@nhs.net]",
])
def test_an_at_that_is_text(text: str) -> None:
    assert list(clusters(text)) == []


@pytest.mark.parametrize(("text", "start", "message"), [
    ("See [@a p3; smith].", 4, "'[@a p3; smith]' is not a citation: write [@id]"),
    ("Text [@r1, zz. 4].", 5, "in '[@r1, zz. 4]': 'zz. 4' is not a locator such as 'p. 312'"),
    ("Text [@r\u00e9].", 5, "'[@r\u00e9]' is not a citation: an `id` is ASCII"),
    ("Then @\u00e9lan.", 5, "'@\u00e9lan' is not a citation"),
    ("Mixed [@a; -@b].", 6, "give a citation without its author ([-@id]) brackets of its own"),
    ("Two [@a @b].", 4, "is not a citation"),
])
def test_a_malformed_citation_is_refused_where_it_starts(text: str, start: int, message: str) -> None:
    with pytest.raises(CitationSyntaxError, match=re.escape(message)) as caught:
        list(clusters(text))
    assert caught.value.start == start


def test_titles_lose_their_citations_in_every_form() -> None:
    assert removed("What @a [p. 2] found [see @b, p. 3; also @c] and [-@d].") == "What found and."
    assert removed("Email a.b@nhs.net [@a]") == "Email a.b@nhs.net"


def test_cite_adds_to_the_bracketed_citation_at_the_end_or_after_it() -> None:
    assert appended("Text [see @a].", ["b", "a"]) == "Text [see @a; @b]."
    assert appended("As @a said.", ["b"]) == "As @a said [@b]."
    assert appended("Smith [-@a].", ["b"]) == "Smith [-@a] [@b]."
    assert appended("Text @a.", ["a"]) == "Text @a."


def test_a_value_from_a_data_file_is_never_a_citation() -> None:
    value = escaped("@nhs_england [@a] a.b@nhs.net")
    assert list(clusters(value)) == []
    assert str(inline(value)) == "@nhs_england [@a] a.b@nhs.net"
