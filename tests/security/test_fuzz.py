"""Mutations of a valid briefing, with hostile text in some fields: every example exits 0 or 1 with no traceback
and no hang, adds no script, and most reach the renderer. Mutations of reference files (BibTeX and CSL-JSON)
validate, or are refused at their line in the file.

The strategy draws mostly valid text (citations of works that exist, Markdown, abbreviations, tables, points,
`see`, odd Unicode), with hostile or random text and citations of missing works mixed in. Derandomized: the same
25 examples every run, of which 20 build (HTML, PowerPoint and Word: Office files link only to the web or within
themselves) and 5 are refused as content errors; the test asserts that
at least half build, so a change that makes the strategy miss the renderer fails it. About 15 s of CPU
(30 s on a busy machine).

Reference files are mutated by setting variables or fields to values of any shape, LaTeX that pylatexenc cannot
read among them, and by inserting and deleting text anywhere; 100 examples, validated only (about 2 s), of which
some of each kind validate and some are refused.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, run_cli

VALID = ["A plain statement.", "Cited work [@r1].", "Two works [@r1; @r2, p. 12].", "Pages [@r2, pp. 3-5].",
         "**Bold**, _emphasis_ and `code`.", "The ICB and the PCN agreed with the ICB.",
         "Café, naïve, \u2018quotes\u2019 — "
         "日本語, עברית, 😀 and e\u0301.", "[A link](https://example.org/a?b=c&d=e).", "Pneumono" * 15,
         "NO", "1.10", "2024-01-05", "A & B < C > D"]
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "[x](data:text/html,x)", "![i](file:///etc/passwd)", '<a href="#" onclick="x()">a</a>', "- - - x",
           "&lt;b&gt;", "\u202e", "- a list\n- of two", "> a quote", "Cites a missing work [@nowhere].",
           "[@r1, zz. 9]", "[@]"]
valid_text = st.one_of(st.sampled_from(VALID), st.lists(st.sampled_from(VALID), min_size=2, max_size=3).map(" ".join))
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.lists(st.sampled_from(VALID + HOSTILE), min_size=2, max_size=3)
                         .map(" ".join), st.text(st.characters(codec="utf-8"), max_size=12))
text = st.sampled_from([True] + [False] * 39).flatmap(lambda hostile: hostile_text if hostile else valid_text)
"""Mostly valid: a briefing has a dozen or more text fields, and one bad one refuses it."""
plain = st.sampled_from(VALID)
statement = st.one_of(plain, st.fixed_dictionaries(
    {"text": text}, optional={"title": plain, "points": st.lists(plain, min_size=1, max_size=3),
                              "see": st.lists(st.sampled_from(["s0", "s1"] * 10 + ["nowhere"]), min_size=1, max_size=2),
                              "audiences": st.just(["gp"]), "for": st.fixed_dictionaries({"gp": text})}))
table = st.integers(1, 3).flatmap(lambda width: st.fixed_dictionaries(
    {"caption": plain, "header": st.lists(plain, min_size=width, max_size=width),
     "rows": st.lists(st.lists(st.one_of(plain, st.just(""), st.just("12%")), min_size=width, max_size=width),
                      min_size=1, max_size=4)}, optional={"source": st.just("[@r1]")}))
pole = st.fixed_dictionaries({"label": plain}, optional={"items": st.lists(statement, max_size=2)})
section = st.fixed_dictionaries(
    {"title": text, "items": st.lists(statement, min_size=1, max_size=3)},
    optional={"kind": st.just("findings"), "intro": statement, "table": table,
              "callouts": st.lists(st.fixed_dictionaries({"text": text}, optional={
                  "tone": st.sampled_from(["note", "caveat", "key_fact"])}), min_size=1, max_size=2)})
tensions = st.fixed_dictionaries({"title": plain, "kind": st.just("tensions"),
                                  "contrast": st.fixed_dictionaries({"left": pole, "right": pole})})
REFERENCES = [{"id": "r1", "authors": ["Gibson K", "Pollard TM"], "year": 2021, "title": "A study", "journal": "SSM"},
              {"id": "r2", "authors": ["Husk K"], "year": 2020, "title": "A book", "publisher": "Press"}]


def numbered(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": f"s{number}", **section} for number, section in enumerate(sections)]


document = st.fixed_dictionaries(
    {"title": text, "authors": st.lists(st.fixed_dictionaries({"name": plain}, optional={"affiliation": text}),
                                        min_size=1, max_size=2),
     "key_messages": st.lists(statement, min_size=1, max_size=3),
     "sections": st.lists(st.one_of(section, section, tensions), min_size=2, max_size=3).map(numbered),
     "references": st.just(REFERENCES)},
    optional={"subtitle": text, "organisation": plain, "contact": text, "summary": statement,
              "abbreviations": st.just({"ICB": "Integrated care board", "PCN": "Primary care network"}),
              "citation_style": st.sampled_from(["author-date", "numbered"])})


def test_mutated_briefings_build_or_are_refused_harmlessly() -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(document)
    def build(data: dict[str, object]) -> None:
        with TemporaryDirectory() as folder:
            source = Path(folder) / "fuzz.yaml"
            # JSON is YAML: every string arrives as generated
            source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            out = Path(folder) / "out"
            result = run_cli("build", source, "-a", "gp", "-f", "html", "-f", "pptx", "-f", "docx", "-j", "1",
                             "--out", out, "--templates", ROOT / "templates", timeout=60)
            assert result.code in (0, 1), result.stderr
            assert "Traceback" not in result.stderr
            outcomes["built" if result.code == 0 else "refused"] += 1
            if result.code == 1:
                assert not out.exists()
                return
            for page in out.rglob("*.html"):
                soup = BeautifulSoup(page.read_text(), "html.parser")
                assert len(soup.find_all("script")) == (1 if page.name == "slides.html" else 0)
                for element in soup.find_all(True):
                    assert not [name for name in element.attrs if name.lower().startswith("on")], element
                    assert element.name not in ("iframe", "object", "embed", "img", "link")
            for office in [*out.rglob("*.pptx"), *out.rglob("*.docx")]:  # links only to the web or within
                with zipfile.ZipFile(office) as package:
                    targets = [target for name in package.namelist() if name.endswith(".rels")
                               for target in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"',
                                                        package.read(name).decode())]
                assert all(target.startswith(("https://", "http://", "mailto:")) for target in targets), targets
                outcomes["office links"] += len(targets)

    build()
    assert outcomes["built"] >= outcomes["refused"] and outcomes["office links"], outcomes


REFERENCE_FILES = {suffix: (FIXTURES / "references" / name).read_text(encoding="utf-8")
                   for suffix, name in ((".bib", "library.bib"), (".json", "zotero.json"))}
CITING_NOTHING = (FIXTURES / "minimal.yaml").read_text().replace(" [@r1]", "").split("references:")[0]
"""A briefing whose works are in a reference file it does not cite: any error is the file's."""
SNIPPETS = [r"\href{x}", r"\href", r"\sqrt", r"\url", "{" * 60 + "x" + "}" * 60, r"\emph{" * 40, r"\item[" * 30,
            r"\begin{x}", r"\'e", "$", "%", "@", "@book{", "\\", '"', "{", "}", "[", "]", ",", "=", "\n", " and ",
            "--", "\x1b", "\u202e", "\ufeff", r"\u001b", r"\ud800", "1e999", "9" * 5000, "null", "true", "{}"]
edit = st.tuples(st.floats(0, 1), st.integers(0, 12),
                 st.one_of(st.sampled_from(SNIPPETS), st.text(st.characters(codec="utf-8"), max_size=8)))
"""Where in the file (a fraction of its length), how many characters to delete there, and what to put there."""
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(SNIPPETS) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["family", "given", "literal", "date-parts"]) | st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
value = st.tuples(st.integers(0, 1), st.sampled_from(["author"] * 4 + ["editor"] * 2 + [
    "id", "type", "title", "issued", "page", "container-title", "journal", "pages", "year", "month", "url", "number",
    "note", "x"]), st.one_of(json_value, st.sampled_from(SNIPPETS), st.lists(
        st.sampled_from([*SNIPPETS, "Smith, Ann", "and"]), min_size=2, max_size=4).map(" ".join)))
"""A value of any shape for a CSL-JSON item's variable (the file stays JSON), or for a field of one of two
BibTeX entries added to the file: (which item or entry, which variable or field, what value)."""


def mutated(suffix: str, values: list[tuple[int, str, Any]], edits: list[tuple[float, int, str]]) -> str:
    """A reference file with `values` set, then `edits` made."""
    text = REFERENCE_FILES[suffix]
    if suffix == ".json" and values:
        items = json.loads(text)
        for index, key, written in values:
            items[index][key] = written
        text = json.dumps(items, indent=1, ensure_ascii=False)
    elif values:
        entries: dict[int, dict[str, str]] = {}
        for index, key, written in values:
            entries.setdefault(index, {})[key] = written if isinstance(written, str) else json.dumps(written)
        text += "".join(f"\n@article{{fuzz{index},\n" + "".join(f"  {key} = {{{written}}},\n"
                                                                 for key, written in fields.items()) + "}\n"
                        for index, fields in entries.items())
    for where, deleted, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + deleted:]
    return text


def test_mutated_reference_files_validate_or_are_refused_at_their_line() -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=100, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(sorted(REFERENCE_FILES)), st.lists(value, max_size=3),
           st.just([]) | st.lists(edit, min_size=1, max_size=2))  # half whole, so that some JSON stays JSON
    def validate(suffix: str, values: list[tuple[int, str, Any]], edits: list[tuple[float, int, str]]) -> None:
        text = mutated(suffix, values, edits)
        with TemporaryDirectory() as folder:
            references = Path(folder) / f"refs{suffix}"
            references.write_text(text, encoding="utf-8", errors="surrogatepass")
            (Path(folder) / "b.yaml").write_text(f"{CITING_NOTHING}references: refs{suffix}\n")
            result = run_cli("validate", Path(folder) / "b.yaml", timeout=30)
            assert result.code in (0, 1) and "Traceback" not in result.stderr, result.stderr
            errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
            placed = [re.match(rf"error: {re.escape(str(references))}:(\d+):\d+: ", line) for line in errors]
            assert all(at and 1 <= int(at[1]) <= text.count("\n") + 1 for at in placed), result.stderr
            assert bool(errors) == (result.code == 1), result.stderr
            outcomes[f"{suffix} {'refused' if errors else 'valid'}"] += 1

    validate()
    assert min(outcomes.values()) >= 3 and len(outcomes) == 4, outcomes  # each kind valid, and refused
