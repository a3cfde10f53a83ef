"""Mutations of a valid briefing, with hostile text in some fields: every example exits 0 or 1 with no traceback
and no hang, adds no script, and most reach the renderer.

The strategy draws mostly valid text (citations of works that exist, Markdown, abbreviations, tables, points,
`see`, odd Unicode), with hostile or random text and citations of missing works mixed in. Derandomized: the same
25 examples every run, of which 20 build (HTML, PowerPoint and Word: Office files link only to the web or within
themselves) and 5 are refused as content errors; the test asserts that
at least half build, so a change that makes the strategy miss the renderer fails it. About 15 s of CPU
(30 s on a busy machine).
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

from tests.conftest import ROOT, run_cli

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
