"""`briefgen lint`: each audience's text judged against its reading age, sentence limit, jargon and abbreviations,
each finding at file:line:col with its rule's code; warnings unless --strict; set aside by code in the briefing
or beside the text; the shipped examples clean at their targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from briefgen.content.loader import load
from briefgen.content.validate import validate
from briefgen.lint.readability import sentences, syllables
from briefgen.rules import GROUPS, RULES
from tests.conftest import FIXTURES, ROOT, run_cli

HARD = "The commissioners reviewed the outcomes of the programme across all participating practices in the area."
"""Reads at about 20: far above a reading age of 9, within a graduate's."""


def _briefing(folder: Path, **changes: object) -> Path:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["audiences"]["residents"] = {"label": "Residents", "reading_age": 9}
    data["sections"][0]["items"] = [HARD, "The ICS will leverage the new money.", "Short and plain."]
    data.update(changes)
    source = folder / "lint.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    return source


def _line_of(source: Path, text: str) -> int:
    return next(number for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1)
                if text in line)


def test_sentences_words_and_syllables_read_as_the_formulas_count_them() -> None:
    [cat] = sentences("The cat sat on the mat.")
    assert (cat.words, cat.syllables, round(cat.grade, 2)) == (6, 6, -1.45)
    assert [s.text for s in sentences("See Smith et al. for this. Then stop.\nA list item")] == [
        "See Smith et al. for this.", "Then stop.", "A list item"]
    assert [syllables(word) for word in ("prescribing", "commissioning", "NHS", "2024")] == [3, 4, 3, 1]


def test_each_finding_names_its_code_and_where_it_is_written_and_is_a_warning(tmp_path: Path) -> None:
    source = _briefing(tmp_path)
    result = run_cli("lint", source)
    assert result.code == 0, result.stderr
    hard, jargon = _line_of(source, "The commissioners reviewed"), _line_of(source, "leverage")
    assert re.search(rf"^warning: {re.escape(str(source))}:{hard}:\d+: sections\[0\]\.items\[0\]: \[BG201\] reads at "
                     r"age \d+ .* far above the reading age set \(`reading_age`: 9 for residents\)",
                     result.stderr, re.MULTILINE), result.stderr  # the other audiences' 21 it is not far above
    assert f":{jargon}:" in result.stderr and "[BG204] 'ICS' is not spelt out" in result.stderr
    assert "[BG203] 'leverage' is jargon to avoid" in result.stderr
    assert "Short and plain" not in result.stderr  # a short sentence is never judged by a formula
    strict = run_cli("lint", "--strict", source)
    assert strict.code == 1 and "error:" in strict.stderr and "[BG201]" in strict.stderr


def test_rules_are_set_aside_by_code_in_the_briefing_or_beside_the_text(tmp_path: Path) -> None:
    source = _briefing(tmp_path, lint={"ignore": ["BG204"], "allow": ["leverage"]})
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(f"- {HARD}", f"- >-  # briefgen: ignore BG201\n      {HARD}"), encoding="utf-8")
    result = run_cli("lint", "--strict", source)
    assert result.code == 0, result.stderr
    assert result.stderr == ""


def test_an_audience_s_own_jargon_is_a_finding_only_in_the_text_it_reads(tmp_path: Path) -> None:
    source = _briefing(tmp_path, lint={"ignore": ["BG201", "BG204"]})
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["audiences"]["residents"]["jargon"] = ["PCN", "leverage"]
    data["sections"][0]["items"] += ["Your PCNs run the clinics.",
                                     {"text": "Each PCN has a lead.", "audiences": ["gp", "commissioner"]}]
    source.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    result = run_cli("lint", source)
    jargon = re.findall(r"^warning: \S+:(\d+):\d+: \S+: \[BG203\] (.*)$", result.stderr, re.MULTILINE)
    assert jargon == [(str(_line_of(source, "will leverage")), "'leverage' is jargon to avoid: say what it means (or "
                                                          "`lint.allow` it)"),  # once: it is everyone's
                      (str(_line_of(source, "Your PCNs")), "'PCNs' is jargon to residents "
                                                          "(`audiences.residents.jargon`): say what it means for them")
                      ], result.stderr


def test_findings_and_content_errors_are_read_by_machines_as_json_and_as_github_annotations(tmp_path: Path) -> None:
    source = _briefing(tmp_path)
    result = run_cli("lint", "--format", "json", source)
    assert result.code == 0 and result.stderr == "", result.stderr
    findings = json.loads(result.stdout)
    jargon = next(finding for finding in findings if finding["code"] == "BG203")
    assert jargon == {"file": str(source), "line": _line_of(source, "leverage"), "column": jargon["column"],
                      "field": "sections[0].items[1]", "code": "BG203", "rule": "jargon", "severity": "warning",
                      "message": "'leverage' is jargon to avoid: say what it means (or `lint.allow` it)",
                      "docs": RULES["BG203"].anchor}
    assert {finding["code"] for finding in findings} >= {"BG201", "BG203", "BG204"}
    strict = run_cli("lint", "--format", "json", "--strict", source)
    assert strict.code == 1 and {finding["severity"] for finding in json.loads(strict.stdout)} == {"error"}

    github = run_cli("lint", "--format", "github", source).stdout.splitlines()
    assert f"::warning file={source},line={jargon['line']},col={jargon['column']},title=BG203 jargon::" \
           "sections[0].items[1]: 'leverage' is jargon to avoid: say what it means (or `lint.allow` it)" in github
    assert all(line.startswith("::warning file=") for line in github) and len(github) == len(findings)

    source.write_text("title: [unclosed\n", encoding="utf-8")  # a content error fails, in the same format
    broken = run_cli("lint", "--format", "github", source)
    assert broken.code == 1 and broken.stdout.startswith(
        f"::error file={source},line=2,col=1,title=BG001 yaml-syntax::YAML syntax error")
    assert all(line.startswith("::error ") for line in broken.stdout.splitlines())  # a message's breaks escaped


def test_build_lint_judges_the_text_first_and_strict_stops_the_build(tmp_path: Path) -> None:
    source = _briefing(tmp_path)
    result = run_cli("build", source, "--lint", "--strict", "-f", "html", "--out", tmp_path / "out")
    assert result.code == 1 and "[BG201]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_shipped_examples_lint_clean_at_their_targets() -> None:
    result = run_cli("lint", "--strict", *sorted((ROOT / "content").glob("*.yaml")))
    assert result.code == 0, result.stderr


def test_every_rule_is_listed_and_explained_where_its_link_leads() -> None:
    result = run_cli("lint", "--list-rules")
    assert result.code == 0
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    headings = {re.sub(r"[^a-z0-9 -]", "", line.lstrip("# ").lower()).replace(" ", "-")
                for line in docs.splitlines() if line.startswith("### ")}
    for rule in RULES.values():
        assert f"{rule.code}  " in result.stdout and rule.anchor in result.stdout
        assert rule.anchor.split("#")[1] in headings, rule.code
    groups = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert groups == list(GROUPS.values())  # each group once, its rules under it in order of code


@pytest.mark.parametrize("code", ["BG101", "BG102"])
def test_validate_s_warnings_carry_their_codes_and_are_set_aside_by_them(tmp_path: Path, code: str) -> None:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["references"].append({"id": "unused", "authors": ["Smith J"], "year": 2020, "title": "T", "journal": "J"})
    data["key_messages"].append({"text": "Hidden.", "for": {"commissioner": "A.", "gp": "B.", "link_worker": "C."}})
    source = tmp_path / "warned.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert code in {warning.code for warning in validate(load(source)).warnings}
    for command in ("lint", "validate"):  # and both commands show them
        shown = run_cli(command, source).stderr
        assert re.search(rf"^warning: {re.escape(str(source))}:\d+:\d+: \S+: \[{code}\]", shown, re.MULTILINE)
    data["lint"] = {"ignore": [code]}
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert code not in {warning.code for warning in validate(load(source)).warnings}
    assert f"[{code}]" not in run_cli("lint", source).stderr
