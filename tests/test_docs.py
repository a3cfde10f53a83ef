"""The YAML in the content format reference: the complete example is a valid briefing that builds, and every
fragment is valid where it says it goes, or refused if it says so; a briefing using every field its tables list
builds in every format and passes `briefgen check`; so the docs cannot drift."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from briefgen.content.figure_model import Callout
from briefgen.content.loader import load
from briefgen.content.model import SECTION_KINDS, SlideOptions
from briefgen.content.references import ReferenceType
from briefgen.content.validate import validate
from briefgen.errors import ContentError
from tests.conftest import CI_WORKFLOW, FIXTURES, FONTS, ROOT, SHIPPED_EDITIONS, documented_commands, run_cli


def test_content_format_example_validates_and_builds(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    source = tmp_path / "housing-advice.yaml"
    source.write_text(example.group(1), encoding="utf-8")
    result = run_cli("validate", source)
    assert result.code == 0, result.stderr
    assert "(housing-advice, 4 audiences)" in result.stdout
    out = tmp_path / "out"
    result = run_cli("build", source, "-a", "housing_officer", "-f", "html", "--out", out)
    assert result.code == 0, result.stderr
    brief = (out / "housing-advice" / "housing_officer" / "brief.html").read_text(encoding="utf-8")
    assert "Hold a weekly drop-in at the nearest surgery." in brief
    assert "How the evaluation was done" in brief
    slides = (out / "housing-advice" / "housing_officer" / "slides.html").read_text(encoding="utf-8")
    assert "How the evaluation was done" not in slides


def documented_fields() -> dict[str, set[str]]:
    """Per heading of the content format reference, the fields its table lists: the first column of each table
    headed `field` (a cell may name several, "`volume`, `issue`, `pages`")."""
    fields: dict[str, set[str]] = {}
    heading, in_code, table = "", False, None
    for line in (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif in_code:
            continue
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif not line.startswith("|"):
            table = None
        elif table is None:  # a table's header row
            table = fields.setdefault(heading, set()) if line.startswith("| field |") else set()
        elif not line.startswith("| ---"):
            table.update(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return fields


def where_documented(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Per heading of the reference, what its fields are keys of in the briefing `data`."""
    sections = data["sections"]
    poles = [section["contrast"][side] for section in sections if "contrast" in section for side in ("left", "right")]
    audiences = [audience for audience in data["audiences"].values() if isinstance(audience, dict)]  # not `false`
    items = [item for item in [data["summary"], *data["key_messages"],
                               *(action for audience in audiences for action in audience.get("actions", [])),
                               *(section["intro"] for section in sections if "intro" in section),
                               *(item for section in sections for item in section.get("items", [])),
                               *(item for pole in poles for item in pole["items"])] if isinstance(item, dict)]
    return {"Top level": [data], "Authors": data["authors"], "Audiences": audiences,
            "Sections": sections, "Contrast (tensions)": poles,
            "Figure": [*(section["figure"] for section in sections if "figure" in section),
                       *(figure for holder in [*sections, *items] for figure in holder.get("figures", []))],
            "Items": items,
            "Tables": [holder["table"] for holder in [*sections, *items] if "table" in holder],
            "Charts": [holder["table"]["chart"] for holder in [*sections, *items]
                       if "chart" in holder.get("table", {})],
            "Call-outs": [callout for section in sections for callout in section.get("callouts", [])],
            "Slides": [section["slides"] for section in sections if "slides" in section],
            "The deck as a whole": [data["deck"]], "References": data["references"],
            "Editions": list(data["editions"].values()),
            "Rows from a file": [table["rows"] for holder in [*sections, *items] if "table" in holder
                                 for table in [holder["table"]] if isinstance(table["rows"], dict)]}


def test_every_documented_option_builds_and_passes_check(tmp_path: Path) -> None:
    """tests/fixtures/every_option.yaml uses every field the reference's tables list, each where the table says,
    and every section kind, slide layout, call-out tone and reference type; beside the reference's BibTeX file,
    built for one audience in every format, with speaker notes printed, it builds without a warning and every
    file passes `briefgen check`."""
    data = yaml.safe_load((FIXTURES / "every_option.yaml").read_text(encoding="utf-8"))
    places = where_documented(data)
    documented = documented_fields()
    assert set(documented) <= set(places), "a table of fields under a new heading: say above where they go"
    assert {f"{heading}: {field}" for heading, fields in documented.items() for field in fields
            if not any(field in holder for holder in places[heading])} == set()
    sections = places["Sections"]
    assert {section.get("kind", "findings") for section in sections} == set(SECTION_KINDS)
    assert {options.get("layout") for options in places["Slides"]} >= set(get_args(
        get_args(SlideOptions.model_fields["layout"].annotation)[0]))
    assert {callout.get("tone", "note") for callout in places["Call-outs"]} == set(get_args(
        Callout.model_fields["tone"].annotation))
    assert {work.get("type", "article") for work in data["references"]} == set(get_args(ReferenceType))
    assert {section["only"] for section in sections if "only" in section} == {"brief", "slides"}

    shutil.copy(FIXTURES / "every_option.yaml", tmp_path)
    shutil.copytree(FIXTURES / "assets", tmp_path / "assets")
    bibtex = re.search(r"```bibtex\n(.*?)```", (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8"),
                       re.DOTALL)
    assert bibtex is not None
    (tmp_path / data["further_reading"]).write_text(bibtex[1], encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", tmp_path / "every_option.yaml", "-a", "housing_officer", "--speaker-notes", "--out", out)
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    built = sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if not path.name.startswith("."))
    assert built == ["every-option", "every-option/north", "every-option/north/housing_officer", *(
        f"every-option/north/housing_officer/{name}" for name in ("brief.docx", "brief.html", "brief.pdf",
                                                                   "slides.html", "slides.pdf", "slides.pptx")),
                     "index.html"]
    checked = run_cli("check", out)
    assert checked.code == 0, checked.stdout


def test_example_ci_workflow_runs_the_commands_it_documents(documented_build: Path) -> None:
    """The briefgen steps of docs/ci/build-briefs.yml, run as written, on a copy of the project."""
    commands = documented_commands()
    assert commands == ['.venv/bin/briefgen build --strict --jobs "$(nproc)"', ".venv/bin/briefgen check output"]
    steps = yaml.safe_load(CI_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    assert any(step.get("run") == "bash scripts/install-system-deps.sh" for step in steps)
    assert (ROOT / "scripts" / "install-system-deps.sh").is_file()
    output = documented_build / "output"
    built = sorted(path.relative_to(output).as_posix() for path in output.rglob("*.pdf"))
    assert built == sorted(f"{slug}/{audience}/{document}.pdf" for slug, audiences in SHIPPED_EDITIONS.items()
                           for audience in audiences for document in ("brief", "slides"))
    check = shlex.split(commands[1])
    assert check[0] == ".venv/bin/briefgen"
    result = run_cli(*check[1:], cwd=documented_build)
    assert result.code == 0, (commands[1], result.stdout, result.stderr)


BASE = """\
title: Fragments
authors: [{name: A}]
key_messages: ["Advice reached people [@smith-2020; @report-2022]."]
sections:
  - id: findings
    title: What we found
    items:
      - id: waiting
        text: Waiting times fell [@smith-2020].
  - id: method
    kind: text
    title: How it was done
    audiences: [commissioner]
    body: We observed sessions.
references:
  - {id: smith-2020, authors: [Smith J, Jones K], year: 2020, title: Advice in primary care}
  - {id: report-2022, type: report, authors: [{organisation: Example Trust}], year: 2022, title: Advice services}
"""
"""The briefing each fragment is spliced into: it has the works (`smith-2020`, `report-2022`), the statement
(`waiting`) and the section (`method`, for commissioners only) the fragments cite and refer to."""
FRAGMENT = re.compile(r"^# fragment: (top level|section|item|reference)\n(?:# refused: (.+)\n)?")


def yaml_blocks() -> list[str]:
    doc = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)


def spliced(fragment: str, where: str) -> dict[str, Any]:
    data = yaml.safe_load(BASE)
    value = yaml.safe_load(fragment)
    if where == "top level":
        data.update(value)
        return data
    target = {"section": data["sections"], "item": data["sections"][0]["items"], "reference": data["references"]}
    target[where].extend(value if isinstance(value, list) else [value])
    return data


@pytest.mark.parametrize("number", range(1, len(yaml_blocks())))
def test_every_yaml_fragment_in_the_content_format_is_checked(tmp_path: Path, number: int) -> None:
    """Every YAML block after the complete example says where it goes (`# fragment: item`), and is valid
    spliced there, or is refused if it says so (`# refused: why`)."""
    block = yaml_blocks()[number]
    marker = FRAGMENT.match(block)
    assert marker is not None, f"YAML block {number} does not start with '# fragment: <where it goes>':\n{block}"
    source = tmp_path / "fragment.yaml"
    source.write_text(yaml.safe_dump(spliced(block, marker[1]), allow_unicode=True), encoding="utf-8")
    doc = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    bibtex = re.search(r"```bibtex\n(.*?)```", doc, re.DOTALL)
    assert bibtex is not None
    (tmp_path / "refs.bib").write_text(bibtex[1], encoding="utf-8")
    editions = re.search(r"```csv\n(.*?)```", doc, re.DOTALL)
    assert editions is not None
    (tmp_path / "icbs.csv").write_text(editions[1], encoding="utf-8")
    try:
        validate(load(source))
    except ContentError as exc:
        assert marker[2], f"YAML block {number} is refused: {[problem.message for problem in exc.problems]}"
    else:
        assert not marker[2], f"YAML block {number} should be refused ({marker[2]}) but validates"


def test_fragments_are_spliced_into_a_valid_briefing(tmp_path: Path) -> None:
    source = tmp_path / "base.yaml"
    source.write_text(BASE, encoding="utf-8")
    assert validate(load(source)).warnings == ()
    assert len(yaml_blocks()) > 20


def test_branding_example_is_a_valid_brand(tmp_path: Path) -> None:
    """docs/branding.md's complete brand file loads without a problem, given the logo and font files it names."""
    from briefgen.content.brand import load_brand

    doc = (ROOT / "docs" / "branding.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert example, "docs/branding.md has no yaml example"
    (tmp_path / "_brand.yml").write_text(example.group(1), encoding="utf-8")
    for logo in ("logo.svg", "logo-white.svg"):
        shutil.copyfile(ROOT / "tests" / "fixtures" / "brands" / "bold" / logo, tmp_path / logo)
    (tmp_path / "fonts").mkdir()
    for weight in ("Regular", "Bold"):
        shutil.copyfile(FONTS / "BrandSans.ttf",
                        tmp_path / "fonts" / f"NorthshireSans-{weight}.ttf")
    brand, warnings = load_brand(tmp_path / "_brand.yml")
    assert warnings == ()
    assert (brand.typography.base.family, brand.palette.accent, dict(brand.audiences)["gp"].accent) == \
        ("Northshire Sans", "#00675b", "#5b2a6e")
    assert brand.logo is not None and brand.logo.alt == "Northshire Health Partnership" and brand.logo.on_dark
    assert [face.weight for face in brand.typography.faces] == ["400", "700"]
