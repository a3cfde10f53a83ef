"""PowerPoint templates made the way many organisations make them: in LibreOffice Impress, saved as .pptx
(tests/fixtures/templates/, made by LibreOffice once, not by these tests). Their layouts' content placeholders
have no index, so a slide made on one would put every text on its title; briefgen numbers them when it reads
the template. Decks built on a 4:3 and a 16:9 one keep each text in its own place, read back with python-pptx
(positions resolved through layout and master); a layout that stacks its placeholders is refused by name."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from briefgen.content.office_placeholders import numbered
from tests.conftest import EXAMPLE, FIXTURES, ROOT, run_cli

TEMPLATES = FIXTURES / "templates"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
TWO_CONTENT = "ppt/slideLayouts/slideLayout4.xml"
"""LibreOffice's "Title, 2 Content" layout in both templates, the one contrast and figure slides are made on."""
BUILT = {"4x3": EXAMPLE, "16x9": FIXTURES / "figure.yaml"}
"""Which briefing each template is built with: the shipped example has statement slides and a contrast with an
introduction above its poles, the figure fixture a contrast and a figure beside text. One briefing each keeps
the build to two decks."""


def libreoffice_brand() -> dict[str, Any]:
    """The brand file docs/office.md gives for a template saved from LibreOffice."""
    text = (ROOT / "docs" / "office.md").read_text(encoding="utf-8")
    brand: dict[str, Any] = yaml.safe_load(next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.S)
                                                if "Title, 2 Content" in block))
    return brand


def brand_folder(folder: Path, ratio: str, source: Path) -> Path:
    """`source` beside the figure fixture's assets, the LibreOffice brand and its `ratio` template."""
    shutil.copytree(FIXTURES / "assets", folder / "assets")
    shutil.copy(source, folder / source.name)
    shutil.copy(TEMPLATES / f"libreoffice-{ratio}.pptx", folder / "ours.pptx")
    (folder / "_brand.yml").write_text(yaml.safe_dump(libreoffice_brand()), encoding="utf-8")
    return folder / source.name


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each template's deck, for GPs, both built at once."""
    root = tmp_path_factory.mktemp("libreoffice")
    sources = [brand_folder(root / ratio, ratio, source) for ratio, source in BUILT.items()]
    result = run_cli("build", *sources, "-a", "gp", "-o", "slides", "-f", "pptx", "--out", root / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    slug = {"4x3": "social-prescribing", "16x9": "figure"}
    return {ratio: Presentation(str(root / "out" / slug[ratio] / "gp" / "slides.pptx")) for ratio in BUILT}


def placeholders_without_index(template: Path, layout: str) -> list[Any]:
    with zipfile.ZipFile(template) as package:
        root = etree.fromstring(package.read(layout))
    return [ph for ph in root.iter(P + "ph") if ph.get("idx") is None and ph.get("type") != "title"]


@pytest.mark.parametrize("ratio", BUILT)
def test_a_template_saved_from_libreoffice_has_content_placeholders_without_an_index(ratio: str) -> None:
    """The control: the fixture is what LibreOffice writes, its own layout names and no index on the two
    content placeholders of its two-content layout."""
    template = TEMPLATES / f"libreoffice-{ratio}.pptx"
    assert len(placeholders_without_index(template, TWO_CONTENT)) == 2
    names = [layout.name for layout in Presentation(str(template)).slide_layouts]
    assert "Title, 2 Content" in names and "Side by side" not in names  # the organisation's names are gone


def box(shape: Any) -> tuple[int, int, int, int]:
    """Where a shape is (left, top, right, bottom), a placeholder's inherited from its layout or master."""
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def overlap(first: tuple[int, int, int, int], second: tuple[int, int, int, int]) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


@pytest.mark.parametrize("ratio", BUILT)
def test_a_contrasts_poles_stand_side_by_side_below_the_title(ratio: str, decks: dict[str, Any]) -> None:
    section = next(section for section in yaml.safe_load(BUILT[ratio].read_text(encoding="utf-8"))["sections"]
                   if "contrast" in section)
    slide = next(slide for slide in decks[ratio].slides if slide.slide_layout.name == "Title, 2 Content"
                 and slide.shapes.title.text_frame.text.replace("\u00ad", "") == section["title"])
    left, right = sorted((shape for shape in slide.placeholders if shape.placeholder_format.type ==
                          PP_PLACEHOLDER.OBJECT), key=lambda shape: shape.left)
    assert left.text_frame.text.startswith(section["contrast"]["left"]["label"])
    assert right.text_frame.text.startswith(section["contrast"]["right"]["label"])
    assert box(left)[2] <= box(right)[0]  # wholly left of it, so not over it
    assert all(box(pole)[1] >= box(slide.shapes.title)[3] for pole in (left, right))


@pytest.mark.parametrize("ratio", BUILT)
def test_every_text_has_a_place_of_its_own_below_the_title(ratio: str, decks: dict[str, Any]) -> None:
    deck = decks[ratio]
    kinds = {slide.slide_layout.name for slide in deck.slides}
    assert {"Title Slide", "Title, Content", "Title, 2 Content"} <= kinds
    for number, slide in enumerate(deck.slides, 1):
        title = slide.shapes.title
        texts = [shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]
        for shape in texts:  # (the title slide's eyebrow stands above its title, as the page sets it)
            above = number == 1 and box(shape)[3] <= box(title)[1]
            assert shape == title or box(shape)[1] >= box(title)[3] or above, (number, shape.name)
        for index, shape in enumerate(texts):
            assert not any(overlap(box(shape), box(other)) for other in texts[index + 1:]), (number, shape.name)
        if any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes):  # beside the text
            picture = next(shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
            assert all(not overlap(box(picture), box(shape)) for shape in texts), number


def test_the_4x3_template_gives_a_4x3_deck_and_the_16x9_one_a_16x9_deck(decks: dict[str, Any]) -> None:
    assert decks["4x3"].slide_width * 3 == decks["4x3"].slide_height * 4
    assert decks["16x9"].slide_width * 9 == decks["16x9"].slide_height * 16


def test_a_layout_that_stacks_its_placeholders_is_refused_naming_it(tmp_path: Path) -> None:
    source = brand_folder(tmp_path, "4x3", FIXTURES / "figure.yaml")
    template = tmp_path / "ours.pptx"
    with zipfile.ZipFile(template) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts[TWO_CONTENT])
    first, second = (ph.getparent().getparent().getparent().find(".//{*}off") for ph in root.iter(P + "ph")
                     if ph.get("type") is None)
    second.attrib.update(first.attrib)  # the right-hand placeholder moved onto the left-hand one
    parts[TWO_CONTENT] = etree.tostring(root)
    with zipfile.ZipFile(template, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    result = run_cli("build", source, "-a", "gp", "-o", "slides", "-f", "pptx", "--out", tmp_path / "out")
    assert result.code == 1
    assert re.search(r"_brand\.yml:\d+:\d+: defaults\.briefgen\.office\.layouts\.contrast: \[BG020\] ours\.pptx: "
                     r"layout 'Title, 2 Content' \(for contrast slides\) puts its placeholders 'PlaceHolder 2', "
                     r"'PlaceHolder 3' on top of each other", result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_placeholders_are_numbered_in_reading_order_after_the_numbers_a_layout_has() -> None:
    """Titles keep no number (0, which slides' titles look for); a placeholder without one, or with one a title
    or an earlier placeholder has, gets the next free, top to bottom then left to right."""
    def ph(attributes: str, x: int, y: int) -> str:
        return (f'<p:sp><p:nvSpPr><p:nvPr><p:ph {attributes}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
                f'<a:off x="{x}" y="{y}"/></a:xfrm></p:spPr></p:sp>')
    layout = etree.fromstring(
        '<p:sldLayout xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree>'
        + ph('type="title"', 0, 0) + ph("", 500, 100) + ph('type="body" idx="3"', 0, 100)
        + ph('idx="3"', 0, 300) + ph('type="subTitle"', 0, 100) + ph('type="dt" idx="7"', 0, 900)
        + "</p:spTree></p:cSld></p:sldLayout>")
    assert numbered(layout)
    assert [(ph.get("type"), ph.get("idx")) for ph in layout.iter(P + "ph")] == [
        ("title", None), (None, "9"), ("body", "3"), (None, "10"), ("subTitle", "8"), ("dt", "7")]
    assert not numbered(layout)  # numbered once, left as it is after


def test_reading_a_template_numbers_its_layouts_placeholders(tmp_path: Path) -> None:
    from briefgen.content import office_package
    from briefgen.content.office import read_template

    template, dropped = read_template(TEMPLATES / "libreoffice-16x9.pptx", office_package.PRESENTATION)
    assert dropped is None
    (tmp_path / "rebuilt.pptx").write_bytes(template.package)
    assert placeholders_without_index(tmp_path / "rebuilt.pptx", TWO_CONTENT) == []
    deck = Presentation(io.BytesIO(template.package))
    slide = deck.slides.add_slide(next(layout for layout in deck.slide_layouts if layout.name == "Title, 2 Content"))
    assert len({box(shape) for shape in slide.placeholders}) == 3  # title and two poles, each in its own place
