"""Hostile citations, reference files, tables, call-outs, abbreviations and brand files through the real CLI:
`validate` and `build` exit 1 naming the file, line and field, with no traceback, no raw control character and
nothing written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli, uncoded

MINIMAL = (FIXTURES / "minimal.yaml").read_text()
WITH_FILE = MINIMAL.split("references:")[0] + "references: refs.json\n"
WITH_BIB = MINIMAL.split("references:")[0] + "references: refs.bib\n"
BRAND = "meta:\n  name: X\n"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FIFO, FOLDER = object(), object()


def csl(**fields: str) -> str:
    item = ", ".join(['"id": "r1"', '"type": "book"', *(f'"{key}": {value}' for key, value in fields.items())])
    return f"[{{{item}}}]"


def section(yaml: str) -> str:
    return MINIMAL.replace("    items: [a, b]\n", "    items: [a, b]\n" + yaml)


CASES: dict[str, tuple[dict[str, str | bytes | object], str]] = {
    # reference files
    "JSON nested deeply": ({"b.yaml": WITH_FILE, "refs.json": "[" * 100_000 + "]" * 100_000},
                           "refs.json:1:1: lists or objects nest too deeply"),
    "JSON number of 5000 digits": ({"b.yaml": WITH_FILE, "refs.json": csl(title="9" * 5000)},
                                   "refs.json:1:1: not usable JSON: Exceeds the limit"),
    "CSL type a list": ({"b.yaml": WITH_FILE, "refs.json": '[{"id": "r1", "type": ["book"]}]'},
                        "refs.json:1:15: unknown CSL type ['book']"),
    "CSL type an object": ({"b.yaml": WITH_FILE, "refs.json": '[{"id": "r1", "type": {"a": 1}}]'},
                           "refs.json:1:15: unknown CSL type {'a': 1}"),
    "CSL id true": ({"b.yaml": WITH_FILE, "refs.json": '[{"id": true, "type": "book"}]'},
                    'refs.json:1:3: an item needs an "id"'),
    "CSL date infinite": ({"b.yaml": WITH_FILE, "refs.json": csl(issued='{"date-parts": [[1e400]]}')},
                          "refs.json:1:31: 'issued': date parts must be whole numbers"),
    "CSL escaped control": ({"b.yaml": WITH_FILE, "refs.json": csl(title='"a\\u001b[2Jb"')},
                            "refs.json:1:31: 'title': text contains the control character U+001B"),
    "CSL lone surrogate": ({"b.yaml": WITH_FILE, "refs.json": csl(title='"a\\ud800b"')},
                           "refs.json:1:31: 'title': text contains the control character U+D800"),
    "CSL escaped bidi in a name": ({"b.yaml": WITH_FILE, "refs.json": csl(author='[{"family": "a\\u202eb"}]')},
                                   "refs.json:1:31: 'author': text contains a bidirectional control, U+202E"),
    "BibTeX control character": ({"b.yaml": WITH_BIB, "refs.bib": "@book{r1, title={a\x1b[31mb}, year={2020}}\n"},
                                 "refs.bib:1:19: text contains the control character U+001B"),
    "a noncharacter, which XML cannot hold": ({"b.yaml": MINIMAL.replace("  - One\n", '  - "One\\uFFFE"\n')},
                                              "b.yaml:10:5: key_messages[0]: text contains U+FFFE, which is not a "
                                              "character"),
    "CSL noncharacter": ({"b.yaml": WITH_FILE, "refs.json": csl(title='"a\\uffffb"')},
                         "refs.json:1:31: 'title': text contains U+FFFF"),
    "BibTeX bidi override": ({"b.yaml": WITH_BIB, "refs.bib": "@book{r1, title={evil\u202eexe}, year={2020}}\n"},
                             "refs.bib:1:22: text contains a bidirectional control, U+202E"),
    "BibTeX braces nested deeply": ({"b.yaml": WITH_BIB, "refs.bib": "@book{r1, title={" + "{" * 5000 + "}" * 5000
                                     + "}}\n"}, "refs.bib:1:1: 'title': the field is 10,000 characters long"),
    "BibTeX emphasis nested deeply": ({"b.yaml": WITH_BIB, "refs.bib": "@book{r1,\n author={" + "\\emph{" * 60
                                       + "x" + "}" * 60 + "}}\n"}, "refs.bib:1:1: 'author': braces, brackets, "
                                                                    "environments or math nest more than 10 deep"),
    "BibTeX command without its arguments": ({"b.yaml": WITH_BIB, "refs.bib": "@book{r1,\n author={\\href{x}, A}}\n"},
                                             "refs.bib:1:1: 'author': macro '\\href' is missing its arguments"),
    "BibTeX binary": ({"b.yaml": WITH_BIB, "refs.bib": bytes(range(256))}, "refs.bib:2:1: the file is not UTF-8"),
    "reference file a folder": ({"b.yaml": WITH_BIB, "refs.bib": FOLDER},
                                "b.yaml:24:1: references: 'refs.bib' is not a file (a folder, FIFO or device?)"),
    "reference file a FIFO": ({"b.yaml": WITH_BIB, "refs.bib": FIFO},
                              "b.yaml:24:1: references: 'refs.bib' is not a file"),
    "reference file a link loop": ({"b.yaml": WITH_BIB, "refs.bib": "->refs.bib"},
                                   "b.yaml:24:1: references: 'refs.bib' cannot be read: Symlink loop"),
    "reference file a link out of the folder": ({"b.yaml": WITH_BIB, "refs.bib": "->../secret.bib"},
                                                "b.yaml:24:1: references: 'refs.bib' leads outside"),
    "reference file name of 5000 characters": ({"b.yaml": WITH_BIB.replace("refs.bib", "a" * 5000 + ".bib")},
                                               "references: 'aaaa"),
    # citations, tables, see, call-outs, abbreviations
    "citation with a bad locator": ({"b.yaml": MINIMAL.replace("[@r1]", "[@r1, zz. 4]")},
                                    "b.yaml:16:34: sections[0].intro: in '[@r1, zz. 4]': 'zz. 4' is not a locator"),
    "citation key not ASCII": ({"b.yaml": MINIMAL.replace("[@r1]", "[@ré]")}, "'[@ré]' is not a citation"),
    "table row too long": ({"b.yaml": section("    table: {caption: C, header: [a, b], rows: [[x, y, z]]}\n")},
                           "sections[0].table.rows[0]: row has 3 of the header's 2 columns"),
    "table cell not text": ({"b.yaml": section("    table: {caption: C, header: [a, b], rows: [[x, [y]]]}\n")},
                            "sections[0].table.rows[0].cells[1]: must be text"),
    "see a missing id": ({"b.yaml": section("    see: [nowhere]\n").replace("    see:", "    intro: {text: x, see:")
                          .replace("[nowhere]\n", "[nowhere]}\n").replace('    intro: "What', '    summary: "What')},
                         "see[0]: no section, statement, table or figure has the id 'nowhere'"),
    "call-out Markdown nested deeply": ({"b.yaml": section("    callouts: [{text: '" + "> " * 200 + "x'}]\n")},
                                        "sections[0].callouts[0].text: Markdown nests"),
    "abbreviation a regex": ({"b.yaml": MINIMAL + "abbreviations: {'.*': Everything}\n"},
                             "abbreviations..*.[key]: '.*' is not an abbreviation"),
    # brand files
    "brand palette loop": ({"b.yaml": MINIMAL, "_brand.yml": BRAND + "color: {palette: {a: b, b: a}, primary: a}\n"},
                           "_brand.yml:3:19: color.palette.a: names refer to each other in a loop: a -> b -> a"),
    "brand file a folder": ({"b.yaml": MINIMAL, "_brand.yml": FOLDER},
                            "b.yaml:1:1: brand: '_brand.yml' is not a file"),
    "brand file a FIFO": ({"b.yaml": MINIMAL, "_brand.yml": FIFO}, "b.yaml:1:1: brand: '_brand.yml' is not a file"),
    "brand file a link out of the folder": ({"b.yaml": MINIMAL, "_brand.yml": "->../secret.bib"},
                                            "b.yaml:1:1: brand: '_brand.yml' leads outside"),
    "brand logo a FIFO": ({"b.yaml": MINIMAL, "_brand.yml": BRAND + "logo: {path: logo.svg, alt: X}\n",
                           "logo.svg": FIFO}, "_brand.yml:3:8: logo.path: logo 'logo.svg' is not a file"),
    "brand font not a font": ({"b.yaml": MINIMAL, "f.ttf": "not a font", "_brand.yml": BRAND + "typography:\n  fonts:"
                               "\n    - {family: F, source: file, files: [{path: f.ttf}]}\n"},
                              "_brand.yml:5:42: typography.fonts[0].files[0].path: font file 'f.ttf' is not a "
                              "TrueType"),
    "brand preset unknown": ({"b.yaml": "brand: nhs2\n" + MINIMAL}, "b.yaml:1:1: brand: 'nhs2' is not a preset"),
    "brand broken YAML": ({"b.yaml": MINIMAL, "_brand.yml": "meta: [\n"}, "_brand.yml:2:1: YAML syntax error"),
}


def make(folder: Path, files: dict[str, str | bytes | object]) -> None:
    (folder.parent / "secret.bib").write_text("@book{r1, title={SECRET}, year={2020}}\n")
    for name, body in files.items():
        path = folder / name
        if body is FIFO:
            os.mkfifo(path)
        elif body is FOLDER:
            path.mkdir()
        elif isinstance(body, str) and body.startswith("->"):
            path.symlink_to(body[2:])
        else:
            path.write_bytes(body if isinstance(body, bytes) else str(body).encode())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_hostile_input_is_an_error(tmp_path: Path, case: str, command: str) -> None:
    files, expected = CASES[case]
    folder = tmp_path / "content"
    folder.mkdir()
    make(folder, files)
    out = tmp_path / "out"
    args = ("-f", "html", "-a", "gp", "--out", out, "--templates", ROOT / "templates") if command == "build" else ()
    result = run_cli(command, folder / "b.yaml", *args, timeout=60)
    assert result.code == 1, result.stderr
    assert expected in uncoded(result.stderr)
    assert "Traceback" not in result.stderr and "SECRET" not in result.stderr
    assert not CONTROL.search(result.stderr) and not out.exists()


def test_control_characters_from_the_command_line_are_escaped(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "a\x07b.yaml")
    assert result.code == 2 and "a\\x07b.yaml" in uncoded(result.stderr) and not CONTROL.search(result.stderr)
