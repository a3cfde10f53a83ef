"""Mutations of a valid briefing, with hostile text in some fields, and of a valid brand file: every example exits
0 or 1 with no traceback and no hang, adds no script or style rule, and most reach the renderer. Mutations of
reference files (BibTeX and CSL-JSON) validate, or are refused at their line in the file. Then mutations of an
organisation's PowerPoint and Word templates: each is refused at the brand file's field or rebuilt with nothing
hostile (see the last test).

The strategy draws mostly valid text (citations of works that exist, Markdown, abbreviations, tables, points,
`see`, odd Unicode), with hostile or random text and citations of missing works mixed in. Derandomized: the same
16 examples every run, of which 13 build (HTML, PowerPoint and Word: Office files link only to the web or within
themselves) and 3 are refused as content errors; the test asserts that
at least half build, so a change that makes the strategy miss the renderer fails it. About 10 s of CPU
(20 s on a busy machine).

Reference files are mutated by setting variables or fields to values of any shape, LaTeX that pylatexenc cannot
read among them, and by inserting and deleting text anywhere; 100 examples, validated only (about 2 s), of which
some of each kind validate and some are refused.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.content.brand import load_brand
from briefgen.errors import ContentError
from tests.conftest import ROOT, run_cli
from tests.security.hostile_office import ATTACKER, Package, combined, traces
from tests.test_office import organisation_folder

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
OFFICE_FIELD = ("defaults", "briefgen", "office")
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

    @settings(max_examples=16, deadline=None, derandomize=True, database=None,
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


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:rr="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TEMPLATE_ELEMENTS = [f'<w:altChunk {_W} {_R} rr:id="rId1"/>',
                     f'<w:fldSimple {_W} w:instr="INCLUDETEXT x"><w:r/></w:fldSimple>',
                     f'<w:r {_W}><w:fldChar w:fldCharType="begin"/></w:r>',
                     f"<w:r {_W}><w:instrText>DDEAUTO x</w:instrText></w:r>",
                     f'<w:hyperlink {_W} {_R} rr:id="rId2"><w:r><w:t>x</w:t></w:r></w:hyperlink>',
                     '<a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" action="ppaction://'
                     'macro?name=x"/>', '<Relationship Id="rId99" Type="x" Target="y"/>',
                     '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", "<"]
"""Put between a part's tags: what a hostile or damaged part holds (each declaring its namespaces, so that
many parts still parse and reach the cleaning)."""
TEMPLATE_ATTRIBUTES = [f' {_R} rr:id="rId1"', f' {_R} rr:embed="rId3"', f' {_R} rr:link="rId2"',
                       ' action="ppaction://macro?name=x"', ' TargetMode="External"',
                       ' xmlns:oo="urn:schemas-microsoft-com:office:office" oo:href="file:///etc/passwd"', ' id="1"']
"""Put into a part's tags."""
TEMPLATE_TARGETS = ["../../../../etc/passwd", f"http://{ATTACKER}/x", "file:///etc/passwd", "missing.xml",
                    "/[Content_Types].xml", "media/image1.png", "theme/theme1.xml", "slideLayouts/slideLayout1.xml"]


def mutated_template(data: st.DataObject, package: Package) -> bytes:
    """`package` with one or two of its parts changed (tags or attributes put in, a relationship retargeted,
    bytes spliced, the part dropped), and now and then its zip itself flipped. Parts are drawn last name first
    (hypothesis leans to the first): its masters, layouts, document and header before its content types."""
    for _ in range(data.draw(st.integers(1, 2))):
        name = data.draw(st.sampled_from(sorted(package.parts, reverse=True)))
        part = package.parts[name]
        action = data.draw(st.sampled_from(["element", "element", "attribute", "attribute", "target", "splice",
                                            "drop"]))
        if action == "drop":
            del package.parts[name]
            continue
        if action == "target" and b"Target=" in part:
            target = data.draw(st.sampled_from(TEMPLATE_TARGETS))
            mode = ' TargetMode="External"' if data.draw(st.booleans()) else ""
            targets = list(re.finditer(rb'Target="[^"]*"', part))
            found = targets[data.draw(st.integers(0, len(targets) - 1))]
            package.parts[name] = part[:found.start()] + f'Target="{target}"{mode}'.encode() + part[found.end():]
            continue
        # Inside the root element: after a tag's end (not the XML declaration's, not the root's), or before it.
        ends = [match.start() if action == "attribute" else match.end()
                for match in re.finditer(rb"(?<=[\w\"])/?>" if action == "attribute" else rb"(?<!\?)>", part)][:-1]
        if action == "splice" or not ends:
            start = data.draw(st.integers(0, len(part)))
            end = data.draw(st.integers(start, min(len(part), start + 40)))
            package.parts[name] = part[:start] + data.draw(st.binary(max_size=8)) + part[end:]
            continue
        at = data.draw(st.sampled_from(ends))
        put = data.draw(st.sampled_from(TEMPLATE_ATTRIBUTES if action == "attribute" else TEMPLATE_ELEMENTS))
        package.parts[name] = part[:at] + put.encode() + part[at:]
    packed = package.bytes()
    if data.draw(st.integers(0, 9)) == 7:
        at = data.draw(st.integers(0, len(packed) - 1))
        packed = packed[:at] + bytes([packed[at] ^ 0xFF]) + packed[at + 1:]
    return packed


def test_mutated_templates_are_refused_at_the_brand_field_or_rebuilt_harmlessly(tmp_path: Path) -> None:
    """Derandomized: 24 templates (the organisation's own deck or brief, or either with every hostile case in it),
    mutated, each read by a brand that names it alone; the brand either refuses it with errors at its template
    field (6 of 24) or holds a rebuilt package with nothing hostile. The last deck and brief that loaded are then
    built, through the renderers. About 4 s."""
    source = organisation_folder(tmp_path)
    documented = yaml.safe_load((tmp_path / "_brand.yml").read_text(encoding="utf-8"))
    bases = {}
    for suffix, other in (("pptx", "docx"), ("docx", "pptx")):
        plain = Package((tmp_path / f"ours.{suffix}").read_bytes())
        bases[suffix] = {False: plain, True: Package(combined(plain.bytes(), suffix))}
        brand = copy.deepcopy(documented)
        del brand["defaults"]["briefgen"]["office"][f"{other}_template"]
        if suffix == "docx":
            del brand["defaults"]["briefgen"]["office"]["layouts"]
        (tmp_path / f"{suffix}.yml").write_text(yaml.safe_dump(brand), encoding="utf-8")
    outcomes: Counter[str] = Counter()
    loaded: dict[str, bytes] = {}

    @settings(max_examples=24, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def load(data: st.DataObject) -> None:
        suffix = data.draw(st.sampled_from(["pptx", "docx"]))
        template = mutated_template(data, bases[suffix][data.draw(st.booleans(), label="hostile")].copy())
        (tmp_path / f"ours.{suffix}").write_bytes(template)
        try:
            brand, _ = load_brand(tmp_path / f"{suffix}.yml")
        except ContentError as exc:
            assert exc.problems and all(problem.location and problem.location.field[:3] == OFFICE_FIELD
                                        for problem in exc.problems), exc.problems
            outcomes["refused"] += 1
            return
        rebuilt = brand.office.pptx if suffix == "pptx" else brand.office.docx
        assert rebuilt is not None and traces(rebuilt.package) == []
        loaded[suffix] = template
        outcomes["loaded"] += 1

    load()
    assert outcomes["loaded"] >= 5 and outcomes["refused"] >= 5 and len(loaded) == 2, outcomes
    for suffix, template in loaded.items():
        (tmp_path / f"ours.{suffix}").write_bytes(template)
    result = run_cli("build", source, "-a", "gp", "-f", "pptx", "-f", "docx", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    for output in (tmp_path / "out").rglob("*.*x"):
        assert traces(output.read_bytes(), web_links=True) == [], output
