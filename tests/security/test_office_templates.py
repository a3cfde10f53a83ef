"""PowerPoint and Word templates as untrusted input: each hostile template (hostile_office.py) is rebuilt without
what could reach outside the file or run, which the warning counts, or refused naming its part; outputs built
from all of them at once hold none of it; a clean template keeps every part an output is made from, byte for
byte, with no warning."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pptx import Presentation

from briefgen.content import office_package
from briefgen.content.brand import load_brand
from briefgen.content.office import read_template
from tests.conftest import run_cli, uncoded
from tests.security import hostile_office
from tests.security.hostile_office import CASES, Case, traces
from tests.test_office import OUR_LAYOUTS, organisation_folder

FORMATS = {"pptx": office_package.PRESENTATION, "docx": office_package.WORD}
PLAIN = {"pptx": hostile_office.plain_pptx, "docx": hostile_office.plain_docx}


def reopened(package: bytes, suffix: str) -> bytes:
    """What python-pptx or python-docx writes from `package`: the renderers start from it."""
    opened = Presentation(io.BytesIO(package)) if suffix == "pptx" else Document(io.BytesIO(package))
    written = io.BytesIO()
    opened.save(written)
    return written.getvalue()


@pytest.mark.parametrize("case", [case for case in CASES if not case.refused], ids=lambda case: case.make.__name__)
def test_a_hostile_template_is_rebuilt_without_it_and_the_warning_counts_it(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"ours.{case.suffix}"
    path.write_bytes(case.make(PLAIN[case.suffix]()))
    assert traces(path.read_bytes())  # the control: the case is hostile
    cleaned = office_package.cleaned(path, FORMATS[case.suffix])
    assert traces(cleaned.package) == [] and traces(reopened(cleaned.package, case.suffix)) == []
    assert dict(cleaned.dropped) == case.dropped
    warning = cleaned.warning(path.name, FORMATS[case.suffix])
    assert warning is not None and warning.startswith(f"ours.{case.suffix}: dropped what a template may not pass on")
    assert all(f"{kind}: {count}" in warning for kind, count in case.dropped.items()), warning


@pytest.mark.parametrize("case", [case for case in CASES if case.refused], ids=lambda case: case.make.__name__)
def test_a_template_whose_xml_declares_entities_is_refused_naming_the_part(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"ours.{case.suffix}"
    path.write_bytes(case.make(PLAIN[case.suffix]()))
    with pytest.raises(ValueError, match=rf"^ours\.{case.suffix}: part '{re.escape(case.refused)}' "):
        read_template(path, FORMATS[case.suffix])


def test_a_theme_with_entities_is_an_error_at_the_brand_files_field(tmp_path: Path) -> None:
    source = organisation_folder(tmp_path)
    template = tmp_path / "ours.pptx"
    template.write_bytes(hostile_office.theme_with_external_entity(template.read_bytes()))
    result = run_cli("validate", source)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert re.search(r"_brand\.yml:\d+:\d+: defaults\.briefgen\.office\.pptx_template: \[BG008\] ours\.pptx: part "
                     r"'ppt/theme/theme1\.xml' is not well-formed XML \(Attribute references external entity",
                     result.stderr), result.stderr


@pytest.mark.parametrize("suffix", ["pptx", "docx"])
def test_a_clean_template_keeps_the_parts_an_output_is_made_from_byte_for_byte(suffix: str, tmp_path: Path) -> None:
    """What python-pptx and python-docx would carry into an output before, bar what no output shows or should:
    python-docx's custom XML (a bibliography store), python-pptx's printer settings, the sample slide (the list
    of slides is emptied, as the renderer did) and the thumbnail of it."""
    path = tmp_path / f"ours.{suffix}"
    path.write_bytes(PLAIN[suffix]())
    unneeded = re.compile(r"customXml/|printerSettings/|slides/|thumbnail")
    template, warning = read_template(path, FORMATS[suffix])
    assert warning is None and template.package == read_template(path, FORMATS[suffix])[0].package
    with zipfile.ZipFile(path) as given, zipfile.ZipFile(io.BytesIO(template.package)) as rebuilt:
        kept = {name: given.read(name) for name in given.namelist()
                if not unneeded.search(name) and not name.endswith(".rels") and name != "[Content_Types].xml"}
        if suffix == "pptx":
            kept["ppt/presentation.xml"] = re.sub(rb"<p:sldIdLst>.*</p:sldIdLst>", b"<p:sldIdLst/>",
                                                  kept["ppt/presentation.xml"])
        assert {name: rebuilt.read(name) for name in kept} == kept
        assert {name for name in rebuilt.namelist() if not name.endswith(".rels")} - set(kept) == \
               {"[Content_Types].xml"}
        for name in (name for name in given.namelist() if name.endswith(".rels") and not unneeded.search(name)):
            assert [relationship for relationship in relationships(given.read(name))
                    if not unneeded.search(relationship[2])] == relationships(rebuilt.read(name)), name


def relationships(rels: bytes) -> list[tuple[str, str, str]]:
    return [(element.get("Id"), element.get("Type"), element.get("Target")) for element in etree.fromstring(rels)]


def test_hostile_templates_build_a_deck_and_a_brief_that_hold_none_of_it(tmp_path: Path) -> None:
    """Every case at once, in the organisation's templates: the build warns once per template at its field,
    and the outputs keep the template's layouts, header and page number but nothing hostile."""
    source = organisation_folder(tmp_path)
    for suffix in ("pptx", "docx"):
        template = tmp_path / f"ours.{suffix}"
        template.write_bytes(hostile_office.combined(template.read_bytes(), suffix))
    result = run_cli("build", source, "-a", "gp", "-f", "pptx", "-f", "docx", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    for suffix in ("pptx", "docx"):
        warnings = re.findall(rf"warning: [^\n]*_brand\.yml:\d+:\d+: defaults\.briefgen\.office\.{suffix}_template: "
                              rf"\[BG106\] ours\.{suffix}: dropped [^\n]*", result.stderr)
        assert len(warnings) == 1, result.stderr
        expected = [kind for case in CASES if case.suffix == suffix for kind in case.dropped]
        assert all(f"{kind}: " in warnings[0] for kind in expected), warnings[0]
    folder = tmp_path / "out" / "figure" / "gp"
    for output in (folder / "slides.pptx", folder / "brief.docx"):
        assert traces(output.read_bytes(), web_links=True) == [], output.name
    assert {slide.slide_layout.name for slide in Presentation(str(folder / "slides.pptx")).slides} <= \
           set(OUR_LAYOUTS.values())
    assert Document(str(folder / "brief.docx")).sections[0].header.paragraphs[0].text.startswith("Our organisation")
    with zipfile.ZipFile(folder / "brief.docx") as brief:
        assert hostile_office.field_codes(brief.read("word/header1.xml")) == ["PAGE"]
    strict = run_cli("build", source, "-a", "gp", "-f", "pptx", "--strict", "--out", tmp_path / "strict")
    assert strict.code == 1 and "ours.pptx: dropped" in uncoded(strict.stderr), strict.stderr


def test_a_templates_warning_is_its_brands_once_and_its_package_is_not_in_the_brands_repr(tmp_path: Path) -> None:
    organisation_folder(tmp_path)
    template = tmp_path / "ours.pptx"
    template.write_bytes(hostile_office.file_link_in_master(template.read_bytes()))
    brand, problems = load_brand(tmp_path / "_brand.yml")
    assert [problem.location.field for problem in problems if problem.location] == \
           [("defaults", "briefgen", "office", "pptx_template")]
    assert brand.office.pptx is not None and template in brand.files
    assert "package" not in repr(brand.office.pptx) and len(repr(brand)) < 20_000
