"""Every check is a registered rule, once: each problem and output failure briefgen makes names its rule (read
from the source, so a new call cannot forget), each rule is explained in docs/lint.md under the heading its
anchor names and is found somewhere (no dead rules), and a briefing can set aside a warning but not an error."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from briefgen.content.loader import load
from briefgen.content.sources import load_sources
from briefgen.content.validate import validate
from briefgen.errors import ContentError, Severity
from briefgen.rules import GROUPS, RULES, Rule
from tests.conftest import FIXTURES, ROOT

PACKAGE = ROOT / "briefgen"
MAKERS = ("problem", "problem_in_text", "problem_at")
"""The helpers that make a problem at a content file's field or line: each is given the rule as `rule=`."""


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        found += [(f"{where}:{node.lineno}", node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Call)]
    return found


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def test_every_problem_is_made_by_a_rule() -> None:
    """A Problem is made only by Rule.found (errors.py reads recorded ones back), and each helper that makes one
    is given its rule by keyword."""
    made = [where for where, call in _calls() if _name(call) == "Problem"]
    assert len(made) == 1 and made[0].startswith("briefgen/rules.py:"), made
    unnamed = [where for where, call in _calls() if _name(call) in MAKERS
               and not any(keyword.arg == "rule" for keyword in call.keywords)]
    assert unnamed == []


def test_every_output_failure_names_its_rule() -> None:
    """Failure(rule, place, message): the rule first, a registered constant (or `rule`, chosen from them)."""
    named = {*_constants(), "rule"}
    failures = [(where, call) for where, call in _calls() if _name(call) == "Failure"]
    assert failures
    assert [where for where, call in failures if len(call.args) != 3 or not isinstance(call.args[0], ast.Name)
            or call.args[0].id not in named] == []


def _constants() -> dict[str, str]:
    """Each rule's constant in briefgen/rules.py → its code."""
    tree = ast.parse((PACKAGE / "rules.py").read_text(encoding="utf-8"))
    return {node.targets[0].id: node.value.args[0].value for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call) and isinstance(node.value.args[0], ast.Constant)
            and str(node.value.args[0].value).startswith("BG")}


def test_every_rule_is_used_somewhere() -> None:
    constants = _constants()
    assert sorted(constants.values()) == sorted(RULES)
    used = {node.id for path in PACKAGE.rglob("*.py") if path.name != "rules.py"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Name)}
    assert sorted(name for name in constants if name not in used) == []


def test_codes_and_names_are_one_each_and_grouped_by_their_hundreds() -> None:
    assert all(re.fullmatch(r"BG\d{3}", code) and rule.code == code for code, rule in RULES.items())
    assert len({rule.name for rule in RULES.values()}) == len(RULES)
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name) for rule in RULES.values())
    assert {rule.code[2] for rule in RULES.values()} == set(GROUPS)
    errors = {rule.code[2] for rule in RULES.values() if rule.severity is Severity.ERROR}
    assert errors == {"0", "4"}  # content errors and output checks; the rest an author may set aside


def _documented() -> dict[str, str]:
    """Each rule heading of docs/lint.md, as its anchor, → the paragraph under it."""
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    return {f"{match[1].lower()}-{match[2]}": match[3].strip()
            for match in re.finditer(r"^### (BG\d{3}) ([a-z-]+)\n(.*?)(?=^#|\Z)", docs, re.MULTILINE | re.DOTALL)}


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_rule_is_explained_where_its_anchor_leads(rule: Rule) -> None:
    assert rule.anchor.startswith("docs/lint.md#")
    assert _documented().get(rule.anchor.split("#")[1]), f"docs/lint.md has no paragraph under {rule.anchor}"


def _briefing(folder: Path, ignore: list[str]) -> Path:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["lint"] = {"ignore": ignore}
    source = folder / "ignoring.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return source


@pytest.mark.parametrize(("code", "message"), [
    ("BG004", "[BG003] BG004 (unknown-citation) is an error, which cannot be ignored: fix what it finds"),
    ("BG401", "[BG003] BG401 (unreadable-output) is an error, which cannot be ignored: fix what it finds"),
    ("BG999", "[BG003] no rule has the code BG999 (`briefgen lint --list-rules` lists them)"),
])
def test_an_error_or_unknown_code_cannot_be_ignored_and_is_an_error_where_it_is_named(
        tmp_path: Path, code: str, message: str) -> None:
    source = _briefing(tmp_path, ["BG101", code])
    with pytest.raises(ContentError) as caught:
        validate(load(source))
    [problem] = caught.value.problems
    [(line, column)] = [(number, text.index(code) + 1)
                        for number, text in enumerate(source.read_text().splitlines(), start=1) if code in text]
    assert problem.show().splitlines()[0] == f"{source}:{line}:{column}: lint.ignore[1]: {message}"


def test_warnings_and_notes_may_be_ignored(tmp_path: Path) -> None:
    ignorable = [rule.code for rule in RULES.values() if rule.severity is not Severity.ERROR]
    validate(load(_briefing(tmp_path, ignorable)))


@pytest.mark.parametrize("ignore", [[], ["BG103"]])
def test_a_brand_s_warnings_are_set_aside_by_the_briefing_that_uses_it(tmp_path: Path, ignore: list[str]) -> None:
    for name in ("BrandSans.ttf", "BrandSerif.ttf"):
        (tmp_path / name).write_bytes((FIXTURES / "fonts" / name).read_bytes())
    (tmp_path / "_brand.yml").write_text("typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n"
                                         "      files: [{path: BrandSans.ttf}, {path: BrandSerif.ttf}]\n"
                                         "  base: Brand Sans\n")  # a second file for one face: not used
    [source] = load_sources([_briefing(tmp_path, ignore)])
    assert [warning.code for warning in source.warnings] == ([] if ignore else ["BG103"])
