"""Small files that claim to be huge are refused at validation, from what they state, before anything unpacks or
draws them: an SVG figure or logo of 10 by 100,000 units (drawn for Office at a slide's width, a bitmap of
100 GB); a tall SVG that is refused by nothing is drawn for Office to a bitmap capped by area."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefgen.render.office import raster
from tests.conftest import FIXTURES, run_cli

MINIMAL = (FIXTURES / "minimal.yaml").read_text()
SLIVER = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 100000"><rect width="10" height="100000"/></svg>'
"""150 bytes that, drawn 1,600 pixels wide, are 1,600 by 16 million pixels."""


def svg(width: int, height: int) -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<rect width="{width}" height="{height}" fill="#005eb8"/></svg>').encode()


def with_figure(folder: Path, src: str) -> Path:
    source = folder / "b.yaml"
    source.write_text(MINIMAL.replace("    items: [a, b]\n", f"    items: [a, b]\n    figure:\n      src: {src}\n"
                                                          "      alt: A chart\n"))
    return source


@pytest.mark.parametrize("place", ["figure", "logo"])
def test_an_svg_raster_bomb_is_refused_at_validation_where_it_is_named(tmp_path: Path, place: str) -> None:
    (tmp_path / "sliver.svg").write_bytes(SLIVER)
    if place == "figure":
        source, expected = with_figure(tmp_path, "sliver.svg"), "b.yaml:19:7: sections[0].figure.src: 'sliver.svg'"
    else:
        source, expected = tmp_path / "b.yaml", "_brand.yml:2:3: logo.path: logo 'sliver.svg'"
        source.write_text(MINIMAL)
        (tmp_path / "_brand.yml").write_text("logo:\n  path: sliver.svg\n  alt: Sliver\n")
    result = run_cli("validate", source)
    assert result.code == 1, result.stderr
    assert f"{expected} is 10 by 100,000 pixels as its <svg> states: more than 20 times as tall as it is wide" \
        in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("size", [(10, 100_000), (100_000, 10), (1, 1), (500, 1000), (1e-300, 1e300), None])
def test_an_svgs_bitmap_is_capped_by_area_and_side_whatever_it_states(size: tuple[float, float] | None) -> None:
    width, height = raster.box(size)
    assert width <= raster.WIDTH_PX and height <= raster.MAX_SIDE_PX and width * height <= raster.MAX_PIXELS


def test_a_tall_svg_figure_and_logo_build_in_powerpoint_as_capped_bitmaps(tmp_path: Path) -> None:
    """19 times as tall as wide (within the limit) would be 1,600 by 30,400 pixels at the slide's width; half
    as wide as tall, 1,600 by 3,200: each is drawn in proportion, within 4096 pixels a side and 4 megapixels."""
    (tmp_path / "tall.svg").write_bytes(svg(100, 1900))
    (tmp_path / "logo.svg").write_bytes(svg(500, 1000))
    (tmp_path / "_brand.yml").write_text("logo:\n  path: logo.svg\n  alt: Tall Institute\n")
    result = run_cli("build", with_figure(tmp_path, "tall.svg"), "-a", "gp", "-o", "slides", "-f", "pptx",
                     "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    deck = Presentation(str(tmp_path / "out" / "b" / "gp" / "slides.pptx"))
    sizes = {shape._element.find(".//{*}cNvPr").get("descr"): shape.image.size for slide in deck.slides
             for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert sizes.keys() == {"A chart", "Tall Institute"}
    for alt, proportion, area in (("A chart", 19, 215 * 4096), ("Tall Institute", 2, raster.MAX_PIXELS)):
        width, height = sizes[alt]
        assert height <= raster.MAX_SIDE_PX and width * height == pytest.approx(area, rel=0.01)
        assert height / width == pytest.approx(proportion, rel=0.01)
