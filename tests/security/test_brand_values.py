"""A brand's values are held to grammars, not escaped after the fact: strings that would close a CSS rule, add a
fetch, end the `<style>` element or smuggle an escape, planted in every field of the brand file schema and every
name a brand chooses (tests/brand_fields.py finds them), are each an error at that field's line and column, or
inert: the brand they resolve to is the one the fixture resolves to, but for text that is only ever written
escaped (the logo's alt text, the name in messages). A page built with the inert ones has the same stylesheet,
rule for rule, as tinycss2 parses it."""

from __future__ import annotations

import copy
import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import tinycss2
import yaml
from bs4 import BeautifulSoup

from briefgen.content import office
from briefgen.content.brand import Brand, load_brand
from briefgen.errors import ContentError, format_path
from tests.brand_fields import Place, brand_folder, declared, written
from tests.conftest import FIXTURES, run_cli

INJECTIONS = (
    'X"; } h1::after { content: "INJECTED" } x { a: "',
    'X"; src: url(http://127.0.0.1:9/f.woff); x: "',
    "X'; } h1 { color: white } x { a: '",
    "</style><script>alert(1)</script>",
    "X\\22 ; } h1 { color: white }",
    "X\\",
    "\\000022",
    "Arial\n",
    "Ari\nal; } h1 {",
    "Arial\u2028",
    "url(http://127.0.0.1:9/x)",
    '@import "http://127.0.0.1:9/x.css";',
    "Arial; color: white",
    "Arial { }",
    "Arial }",
    "\uff21\uff52\uff49\uff41\uff4c",  # Arial in full-width letters
    "A" * 5000,
)
"""What a hostile brand file writes: the probe's two CSS injections, the same with single quotes, the end of the
style element, CSS escapes (of `"`, of the closing quote, as a Unicode escape), line breaks, `url(`, `@import`,
`;`, `{`, `}`, look-alike letters, and a name too long for anything."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return brand_folder(tmp_path_factory.mktemp("brand") / "every_field")


@pytest.fixture(scope="module")
def baseline(folder: Path) -> Brand:
    brand, _ = load_brand(folder / "_brand.yml")
    return brand


def test_the_fixture_writes_every_field_the_brand_schema_declares() -> None:
    kinds, _ = written()
    assert sorted(declared() - kinds) == [], "add these fields to tests/fixtures/brands/every_field/_brand.yml"


def planted(data: Any, places: list[Place], value: str) -> Any:
    """The brand's data with `value` in each of `places`: the field's value, or beside a chosen name as another
    name."""
    changed = copy.deepcopy(data)
    for place in places:
        *parents, last = place.path
        parent = functools.reduce(lambda node, part: node[part], parents, changed)
        if place.key:
            parent[value] = copy.deepcopy(parent[last])
        else:
            parent[last] = value
    return changed


def positions(text: str) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Where each field of a YAML text is written (its key, or its item in a list), as PyYAML finds it."""
    found = {}
    waiting = [((), yaml.compose(text, Loader=yaml.CSafeLoader))]
    while waiting:
        path, node = waiting.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                waiting.append(((*path, key.value), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found[(*path, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
                waiting.append(((*path, index), item))
    return found


def test_every_value_planted_in_every_field_is_an_error_there_or_inert(
        folder: Path, baseline: Brand, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each value is planted in every field at once (then as every name at once, so that a name and a field
    holding it cannot meet), and the fields it is refused in are emptied of it until the brand loads: a schema
    error hides the checks that follow the schema, so it takes a few rounds. What loads must resolve to the
    fixture's brand, but for text only ever written escaped."""
    # The templates are opened once for each distinct question, not once for each brand.
    pptx_problems = functools.cache(lambda template, layouts, check=office.pptx_problems: check(template,
                                                                                                dict(layouts)))
    monkeypatch.setattr(office, "pptx_problems", lambda template, layouts: pptx_problems(template,
                                                                                         tuple(layouts.items())))
    monkeypatch.setattr(office, "docx_problems", functools.cache(office.docx_problems))
    data = yaml.safe_load((folder / "_brand.yml").read_text(encoding="utf-8"))
    _, places = written()
    wrong = [f"{injection[:40]!r}: {problem}" for injection in INJECTIONS for names in (False, True)
             for problem in refused_or_inert(folder / "_brand.yml", data, baseline, injection,
                                             [place for place in places if place.key is names])]
    (folder / "_brand.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert wrong == [], "\n".join(wrong)


def refused_or_inert(brand_file: Path, data: Any, baseline: Brand, injection: str, places: list[Place]) -> list[str]:
    """What is wrong with how `injection` planted in `places` is taken: refused at no place it is in, or
    accepted and changing the brand."""
    while True:
        text = yaml.dump(planted(data, places, injection), Dumper=yaml.CSafeDumper, allow_unicode=True,
                         sort_keys=False)
        brand_file.write_text(text, encoding="utf-8")
        try:
            brand, _ = load_brand(brand_file)
        except ContentError as exc:
            written_at = positions(text)
            errors = {(problem.location.line, problem.location.column) for problem in exc.problems
                      if problem.location is not None}
            refused = [place for place in places if errors & {written_at[field] for field in fields(place, injection)}]
            if not refused:
                return [f"refused at no place it is in: {[problem.show() for problem in exc.problems]}"]
            places = [place for place in places if place not in refused]
            continue
        if _unescaped(brand, baseline) != baseline:
            return [f"accepted at {[format_path(place.path) for place in places]}, and the brand changed"]
        return []


def fields(place: Place, injection: str) -> list[tuple[Any, ...]]:
    """Where an error about `injection` planted in `place` may be: at it or, if it is a name or an item of a
    list, at the mapping it names an entry of or at the list (whose check may see the whole)."""
    at = (*place.path[:-1], injection) if place.key else place.path
    return [at, place.path[:-1]] if place.key or isinstance(place.path[-1], int) else [at]


def _unescaped(brand: Brand, baseline: Brand) -> Brand:
    """`brand` with the text that is only ever written escaped (an attribute's value in HTML, Word and
    PowerPoint; a message) as `baseline` has it."""
    logo = brand.logo and baseline.logo and replace(brand.logo, alt=baseline.logo.alt)
    return replace(brand, name=baseline.name, logo=logo)


def stylesheet(page: str) -> list[str]:
    """The rules of a page's style elements as tinycss2 parses them, each serialised on its own."""
    soup = BeautifulSoup(page, "html.parser")
    return [rule.serialize() for style in soup.find_all("style")
            for rule in tinycss2.parse_stylesheet(style.string or "", skip_comments=True, skip_whitespace=True)]


def test_a_page_in_a_brand_of_hostile_text_has_the_same_stylesheet_and_holds_the_text_as_text(
        folder: Path, tmp_path: Path) -> None:
    """The logo's alt text and the other fields that take any text, all hostile, in one brand: the page's
    stylesheet is the fixture's, rule for rule, and the alt text is an attribute's value, as written."""
    hostile = INJECTIONS[0] + INJECTIONS[3]
    data = yaml.safe_load((folder / "_brand.yml").read_text(encoding="utf-8"))
    pages = {}
    for name, brand in (("plain", data), ("hostile", _with_text(data, hostile))):
        project = tmp_path / name
        brand_folder(project)
        (project / "_brand.yml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
        (project / "b.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
        result = run_cli("build", project / "b.yaml", "-a", "gp", "-o", "brief", "-f", "html", "--out",
                         project / "out")
        assert result.code == 0, result.stderr
        pages[name] = (project / "out" / "b" / "gp" / "brief.html").read_text()
    assert stylesheet(pages["hostile"]) == stylesheet(pages["plain"])
    soup = BeautifulSoup(pages["hostile"], "html.parser")
    assert soup.find("img", class_="logo")["alt"] == hostile
    assert soup.find_all("script") == [] and "INJECTED" not in "".join(stylesheet(pages["hostile"]))


def _with_text(data: Any, text: str) -> Any:
    """The brand's data with `text` in each field that takes any text."""
    changed = copy.deepcopy(data)
    for image in changed["logo"]["images"].values():
        image["alt"] = text
    changed["logo"]["images"]["mark"]["attrs"]["title"] = text
    changed["meta"]["name"] = {"full": text, "short": text}
    for key in ("base", "monospace"):
        changed["typography"][key]["size"] = text
    changed["typography"]["link"]["decoration"] = text
    changed["defaults"]["bootstrap"] = {text[:60]: text}
    return changed
