"""Mutations of a valid briefing, with hostile text in some fields, and of a valid brand file: every example
exits 0 or 1 with no traceback and no hang, adds no script or style rule, and most reach the renderer.

The briefing strategy draws mostly valid text (citations of works that exist, Markdown, abbreviations, tables,
points, `see`, odd Unicode), with hostile or random text and citations of missing works mixed in. Derandomized:
the same 25 examples every run, of which 20 build (HTML, PowerPoint and Word: Office files link only to the web
or within themselves) and 5 are refused as content errors; the test asserts that at least half build, so a
change that makes the strategy miss the renderer fails it. About 15 s of CPU (30 s on a busy machine).

The brand strategy draws brand files of every section, mostly valid, with hostile values (CSS that would close
a rule, paths out of the folder, values of the wrong type, text of any kind) in some fields and keys dropped or
added; each is validated and built as HTML only, a few seconds for 25 examples.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import tinycss2
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, bold_brand, run_cli

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


BRAND_HOSTILE = ['X"; } h1::after { content: "INJECTED" } x { a: "', "</style><script>alert(1)</script>",
                 "Arial\n", "X\\22 ", "url(http://127.0.0.1:9/f.woff)", "@import 'x.css';", "../outside.svg",
                 "/etc/passwd", "logo.svg/", "fonts", "a" * 300, "", " ", "#fff; color: red", "rgb(999, 0, 0)",
                 "Brand Sans\u202e", "\u00e9l\u00e8ve"]
odd_name = st.one_of(st.sampled_from(BRAND_HOSTILE), st.text(max_size=8))
odd = st.one_of(odd_name, st.integers(-5, 1000).map(str), st.none(),
                st.lists(st.sampled_from(["a", "400", "#fff"]), max_size=2), st.just({"x": "y"}))


def mostly(valid: st.SearchStrategy[Any], instead: st.SearchStrategy[Any] = odd) -> st.SearchStrategy[Any]:
    """`valid`, or one time in ten something odd in its place (`instead`: a name, for a key)."""
    return st.sampled_from([False] * 9 + [True]).flatmap(lambda hostile: instead if hostile else valid)


DARK, LIGHT = ["#2b0a3d", "#b3003c", "black", "rgb(0, 48, 135)"], ["#fffbea", "white", "#fff", "rgb(255, 255, 255)"]
dark, light = mostly(st.sampled_from([*DARK, "plum", "crimson"])), mostly(st.sampled_from([*LIGHT, "cream"]))
"""Colours for text, and for what it is set on (a random pair would mostly fail the contrast gate), written out
or named in the palette, which names each."""
family = mostly(st.sampled_from(["Brand Sans", "Brand Serif", "Arial", "Inter", "DejaVu Sans"]))
image = st.fixed_dictionaries({"path": mostly(st.sampled_from(["logo.svg", "logo-white.svg"])),
                               "alt": mostly(st.sampled_from(["Bold Institute", ""]))})
font_file = st.one_of(mostly(st.sampled_from(["fonts/BrandSans.ttf", "fonts/BrandSerif.ttf"])), st.fixed_dictionaries(
    {"path": mostly(st.sampled_from(["fonts/BrandSans.ttf", "fonts/BrandSerif.ttf"]))},
    optional={"weight": mostly(st.sampled_from(["400", "bold", "100..900", "auto"])),
              "style": mostly(st.sampled_from(["normal", "italic"]))}))
sections = st.fixed_dictionaries({}, optional={
    "meta": st.fixed_dictionaries({}, optional={"name": mostly(st.just("Bold Institute")),
                                                "link": mostly(st.just("https://example.org/"))}),
    "logo": st.one_of(image, st.fixed_dictionaries(
        {"images": st.dictionaries(mostly(st.sampled_from(["mark", "mark-white"]), odd_name), image, min_size=1,
                                   max_size=2)},
        optional={"medium": st.one_of(mostly(st.just("mark")), st.fixed_dictionaries(
            {"light": mostly(st.just("mark"))}, optional={"dark": mostly(st.just("mark-white"))}))})),
    "color": st.fixed_dictionaries({}, optional={
        "palette": st.tuples(st.fixed_dictionaries({"plum": mostly(st.sampled_from(DARK)),
                                                    "cream": mostly(st.sampled_from(LIGHT)),
                                                    "crimson": mostly(st.sampled_from(DARK))}),
                             mostly(st.just({}), st.dictionaries(odd_name, dark, max_size=1)))
        .map(lambda parts: {**parts[0], **parts[1]}),
        "foreground": dark, "background": light, "primary": dark, "light": light}),
    "typography": st.fixed_dictionaries({}, optional={
        "fonts": st.lists(st.fixed_dictionaries({"family": family, "source": mostly(st.just("file"))},
                                                optional={"files": st.lists(font_file, max_size=3)}), max_size=2),
        "base": st.one_of(family, st.fixed_dictionaries({"family": family})),
        "headings": st.fixed_dictionaries({}, optional={"family": family, "color": dark}),
        "monospace": family, "link": st.fixed_dictionaries({"color": dark})}),
    "defaults": st.fixed_dictionaries({"briefgen": st.fixed_dictionaries({}, optional={
        "muted": dark, "audiences": st.dictionaries(
            mostly(st.sampled_from(["gp", "commissioner"]), odd_name), st.fixed_dictionaries({"accent": dark}),
            max_size=2)})})})
brand = st.tuples(sections, mostly(st.just({}), st.fixed_dictionaries({"unknown": odd}))).map(
    lambda parts: {**parts[0], **parts[1]})


def test_mutated_brand_files_build_or_are_refused_harmlessly(tmp_path: Path) -> None:
    """Each mutant validates and builds as HTML, its stylesheet holding no rule but the templates', :root,
    @font-face and an audience's, or is refused with exit 1 and errors at file:line:col."""
    folder = bold_brand(tmp_path / "brand")
    (folder / "b.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
    outcomes: Counter[str] = Counter()
    allowed = {*rule_preludes(build_page(folder, outcomes)), "@font-face"}

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(brand)
    def build(data: dict[str, Any]) -> None:
        (folder / "_brand.yml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        page = build_page(folder, outcomes)
        if page is not None:
            added = [prelude for prelude in rule_preludes(page) if prelude not in allowed
                     and not re.fullmatch(r"\.audience-[a-z][a-z0-9_]*", prelude)]
            assert added == [], added
            assert len(BeautifulSoup(page, "html.parser").find_all("script")) == 0

    build()
    assert outcomes["built"] >= 10 and outcomes["refused"] >= 5, outcomes


def build_page(folder: Path, outcomes: Counter[str]) -> str | None:
    """The brief built in `folder`'s brand, or None if the build is refused (cleanly: the test fails otherwise)."""
    out = folder / "out"
    result = run_cli("build", folder / "b.yaml", "-a", "gp", "-o", "brief", "-f", "html", "--out", out, "-j", "1",
                     timeout=60)
    assert result.code in (0, 1) and "Traceback" not in result.stderr, result.stderr
    outcomes["built" if result.code == 0 else "refused"] += 1
    if result.code == 1:
        assert re.match(r"error: \S+:\d+:\d+: ", result.stderr) and not out.exists(), result.stderr
        return None
    page = (out / "b" / "gp" / "brief.html").read_text()
    shutil.rmtree(out)
    return page


def rule_preludes(page: str) -> list[str]:
    """The selectors and at-rules of a page's stylesheets; a part tinycss2 cannot parse fails the test."""
    preludes = []
    for style in BeautifulSoup(page, "html.parser").find_all("style"):
        for rule in tinycss2.parse_stylesheet(style.string or "", skip_comments=True, skip_whitespace=True):
            assert rule.type != "error", rule
            preludes.append(f"@{rule.at_keyword}" if rule.type == "at-rule"
                            else tinycss2.serialize(rule.prelude).strip())
    return preludes
