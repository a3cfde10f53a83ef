"""References: the schema's checks, CSL-JSON items, and reference files (CSL-JSON, BibTeX) with their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from briefgen.content import latex
from briefgen.content.reference_files import ReferenceFileError, load_reference_file, locate
from briefgen.content.references import Reference, to_csl

FIXTURES = Path(__file__).parent.parent / "fixtures" / "references"


def reference(**fields: object) -> Reference:
    return Reference.model_validate({"id": "r1", "title": "Title", **fields})


def test_the_existing_form_still_validates_an_article_with_journal() -> None:
    ref = reference(authors=["Gibson K", "Pollard TM", "et al"], year="2021", journal="SSM", volume="280")
    assert (ref.type, ref.container) == ("article", "SSM")
    assert to_csl(ref) == {
        "id": "r1", "type": "article-journal", "title": "Title", "container-title": "SSM", "volume": "280",
        "issued": {"date-parts": [[2021]]},
        "author": [{"family": "Gibson", "given": "K"}, {"family": "Pollard", "given": "T M"}, {"literal": "et al."}]}


@pytest.mark.parametrize(("fields", "expected"), [
    ({"short_title": "Short"}, {"title-short": "Short"}),
    # Guidance in a series is numbered there; a report's number stays its own, beside its series.
    ({"type": "guidance", "series": "NICE guideline", "number": "NG56"},
     {"type": "report", "collection-title": "NICE guideline", "collection-number": "NG56"}),
    ({"type": "guidance", "number": "NG56"}, {"type": "report", "number": "NG56"}),
    ({"type": "report", "series": "Research paper", "number": 7},
     {"type": "report", "collection-title": "Research paper", "number": "7"}),
    ({"type": "press-release"}, {"type": "report", "genre": "Press release"}),
    ({"type": "report"}, {"type": "report"}),  # no genre the author did not give
])
def test_short_titles_series_and_press_releases_reach_the_item(fields: dict[str, object],
                                                               expected: dict[str, str]) -> None:
    assert to_csl(reference(**fields)) == {"id": "r1", "title": "Title", "type": "article-journal", **expected}


def test_names_people_organisations_and_names_in_neither_form() -> None:
    ref = reference(authors=["Gibson, Kate", {"organisation": "NHS England"}, "Plato"], editors=["Bertotti M"])
    assert to_csl(ref)["author"] == [{"family": "Gibson", "given": "Kate"}, {"literal": "NHS England"},
                                     {"literal": "Plato"}]
    assert to_csl(ref)["editor"] == [{"family": "Bertotti", "given": "M"}]


def test_dates_doi_url_accessed_and_note_reach_the_item() -> None:
    item = to_csl(reference(type="webpage", year=2024, month=2, day=29, doi="10.1000/x", url="https://a.example/",
                            accessed="2025-01-15", note="authors not confirmed", edition=2, number="NG44"))
    assert item["issued"] == {"date-parts": [[2024, 2, 29]]}
    assert item["accessed"] == {"date-parts": [[2025, 1, 15]]}
    assert (item["DOI"], item["URL"], item["note"], item["edition"], item["number"]) == (
        "10.1000/x", "https://a.example/", "authors not confirmed", "2", "NG44")


@pytest.mark.parametrize(("fields", "message"), [
    ({"type": "chapter"}, "a chapter needs a `container`"),
    ({"type": "webpage"}, "a webpage needs a `url`"),
    ({"year": 2023, "month": 2, "day": 29}, "2023-02-29 is not a date"),
    ({"day": 3, "month": 2}, "a `month` needs a `year`"),
    ({"year": 2020, "day": 3}, "a `day` needs a `month`"),
    ({"authors": ["et al.", "Gibson K"]}, '"et al." can only be the last author'),
    ({"type": "novel"}, "Input should be 'article', 'report'"),
    ({"accessed": "2025-13-01"}, "accessed"),
    ({"url": "javascript:alert(1)"}, "is not a web address"),
    ({"journal": "A", "container": "B"}, "journal"),
])
def test_inconsistent_references_are_refused_saying_why(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace("`", "`")):
        reference(**fields)


def test_a_csl_json_file_keeps_csl_variables_and_drops_zoteros_own() -> None:
    items = load_reference_file(FIXTURES / "zotero.json")
    assert items == [
        {"id": "wilding-2024", "type": "report", "title": "Link workers <b>in</b> practice",
         "author": [{"family": "Wilding", "given": "Alex"}, {"literal": "NHS England"}],
         "issued": {"date-parts": [[2024, 5]]}, "publisher": "University of Leeds"},
        {"id": "42", "type": "article-journal", "title": "A numbered id", "container-title": "BMJ"}]


def test_a_bibtex_file_becomes_csl_json_with_latex_decoded() -> None:
    gibson, report = load_reference_file(FIXTURES / "library.bib")
    assert gibson == {
        "id": "gibson2021", "type": "article-journal",
        "author": [{"family": "Gibson", "given": "Kate"}, {"family": "Pollard", "given": "Tessa M."},
                   {"literal": "NHS England"}, {"literal": "et al."}],
        "title": "Social prescribing and Classed inequality: café & Müller",
        "container-title": "Social Science and Medicine", "volume": "280", "issue": "3", "page": "114037\u2013114045",
        "DOI": "10.1016/j.socscimed.2021.114037", "issued": {"date-parts": [[2021, 3]]}}
    assert report == {
        "id": "nhse2023", "type": "report", "author": [{"literal": "NHS England"}], "title": "Summary guide",
        "publisher": "NHS England", "publisher-place": "London", "number": "PR1234",
        "URL": "https://www.england.nhs.uk/x", "issued": {"date-parts": [[2023]]},
        "accessed": {"date-parts": [[2025, 1, 15]]}}


def test_a_bibtex_short_title_is_csls_title_short() -> None:
    works = {work["id"]: work for work in load_reference_file(FIXTURES / "every_type.bib")}
    assert works["uec-plan-2023"]["title-short"] == "Delivery plan for recovering urgent and emergency care services"
    assert works["virtual-wards-page"]["title-short"] == "Virtual wards"


@pytest.mark.parametrize(("name", "line", "column", "message"), [
    ("bad_syntax.json", 4, 3, "not valid JSON: Expecting ',' delimiter"),
    ("unknown_type.json", 3, 15, "unknown CSL type 'boook'"),
    ("no_id.json", 2, 3, 'an item needs an "id"'),
    ("bad_syntax.bib", 3, None, "this entry does not parse"),
    ("no_key.bib", 3, None, "this entry has no key"),
])
def test_a_broken_reference_file_names_the_line(name: str, line: int, column: int | None, message: str) -> None:
    with pytest.raises(ReferenceFileError, match=message) as raised:
        load_reference_file(FIXTURES / name)
    assert (raised.value.line, raised.value.column if column else None) == (line, column)


@pytest.mark.parametrize(("author", "message"), [
    (r"\href{https://example.org}, Ann", r"'author': macro '\\href' is missing its arguments"),
    (r"\sqrt, Bob", r"'author': macro '\\sqrt' is missing its arguments"),
    (r"\url and Smith, Ann", r"'author': macro '\\url' is missing its arguments"),
    ("{" * 60 + "x" + "}" * 60 + ", Ann", "'author': braces, brackets, environments or math nest more than 10 deep"),
    (r"\emph{" * 200 + "x" + "}" * 200, "nest more than 10 deep"),
    (r"\item[" * 200, "nest more than 10 deep"),
    (r"\begin{x}" * 100, "nest more than 10 deep"),
    (r"\'e" * 1_500, "'author': the field is 4,500 characters long, over the limit of 4,000"),
])
def test_latex_that_cannot_be_read_is_an_error_at_its_entry(tmp_path: Path, author: str, message: str) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(f"@book{{fine, title={{Fine}}}}\n\n@book{{odd,\n  title={{T}},\n  author={{{author}}}}}\n")
    with pytest.raises(ReferenceFileError, match=message) as raised:
        load_reference_file(path)
    assert raised.value.line == 3


def test_latex_decoding_is_bounded_for_a_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latex, "MAX_FILE_CHARS", 20_000)  # the same rule, in a tenth of the time
    path = tmp_path / "refs.bib"
    plain, dense = "A title in plain words, the {NHS} protected", r"\'e" * 1_000  # plain text costs nothing
    path.write_text("".join(f"@book{{p{n}, title={{{plain}}}, author={{Smith, Ann}}}}\n" for n in range(500))
                    + "".join(f"@book{{k{n}, title={{{dense}}}}}\n" for n in range(10)))
    with pytest.raises(ReferenceFileError, match="the file holds more than 20,000 characters of LaTeX") as raised:
        load_reference_file(path)
    assert raised.value.line == 507  # the entry that ran over


def test_addresses_are_verbatim_and_only_fields_used_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(r"@misc{k, title={A--B $x$ \url{https://a.org}}, url={https://a.org/a%20b_c~d}, doi={10.1/a_b%c},"
                    r" abstract={\sqrt}, year=2020}")
    [item] = load_reference_file(path)
    assert (item["title"], item["URL"], item["DOI"]) == ("A\u2013B $x$ https://a.org", "https://a.org/a%20b_c~d",
                                                         "10.1/a_b%c")


def test_a_key_used_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('[{"id": "a", "type": "book"},\n {"id": "A", "type": "book"}]', encoding="utf-8")
    with pytest.raises(ReferenceFileError, match="the key 'A' is used twice") as raised:
        load_reference_file(path)
    assert raised.value.line == 2


@pytest.mark.parametrize(("name", "message"), [
    ("../outside.bib", "must be a relative path"), ("/etc/refs.bib", "must be a relative path"),
    ("refs.txt", "is not a CSL-JSON"), ("missing.bib", "no such reference file"),
])
def test_locate_keeps_reference_files_inside_the_content_folder(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        locate(tmp_path / "briefing.yaml", name)


def test_locate_finds_a_reference_file_beside_the_content_file() -> None:
    assert locate(FIXTURES / "briefing.yaml", "library.bib") == (FIXTURES / "library.bib").resolve()
