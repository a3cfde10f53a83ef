"""Small files that claim to be huge are refused at validation, from what they state, before anything unpacks or
draws them: a WOFF or WOFF2 font that says it unpacks to gigabytes (refused by a process held to 1 GiB of
memory), an SVG figure or logo of 10 by 100,000 units (drawn for Office at a slide's width, a bitmap of
100 GB). A font file named forty times is embedded once, fonts past the brand's total are refused, and a tall
SVG that is refused by nothing is drawn for Office to a bitmap capped by area."""

from __future__ import annotations

import base64
import resource
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import brotli
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefgen.content import font_files
from briefgen.content.brand import load_brand
from briefgen.errors import ContentError
from briefgen.render.office import raster
from tests.conftest import FIXTURES, FONTS, ROOT, run_cli, uncoded

MINIMAL = (FIXTURES / "minimal.yaml").read_text()
GIB = 1 << 30
BRAND_SANS = FONTS / "BrandSans.ttf"


def woff_bomb() -> bytes:
    """A WOFF whose one table is a kilobyte of zlib and whose table directory says it unpacks to 4 GB (its
    header's total, the font it makes, is modest: the directory is what lies)."""
    table = zlib.compress(b"\0" * 100_000)
    length = 44 + 20 + len(table)
    header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", 0x00010000, length, 1, 0, 100_012, 1, 0, 0, 0, 0, 0, 0)
    return header + struct.pack(">4sIIII", b"glyf", 64, len(table), 0xFFFF_FFF0, 0) + table


def woff2_bomb(total: int = 0xFFFF_FFF0, stream: bytes = b"\0" * 16) -> bytes:
    """A WOFF2 of one table whose header says its font unpacks to `total` bytes (4 GB), its tables in `stream`."""
    directory = bytes([1, 100])  # `head` (known tag 1), untransformed, 100 bytes
    length = 48 + len(directory) + len(stream)
    header = struct.pack(">4sIIHHIIHHIIIII", b"wOF2", 0x00010000, length, 1, 0, total, len(stream), 1, 0,
                         0, 0, 0, 0, 0)
    return header + directory + stream


def lying_woff() -> bytes:
    """A WOFF whose header is modest, its one table said to unpack to 2 MB, and whose table's zlib stream (one
    flushed block of a megabyte of zeros, repeated) unpacks to 2 GB: fontTools would inflate it all."""
    packer = zlib.compressobj(9)
    block = packer.compress(b"\0" * 1_000_000) + packer.flush(zlib.Z_FULL_FLUSH)
    table = block[:2] + block[2:] * 2000
    length = 44 + 20 + len(table)
    header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", 0x00010000, length, 1, 0, 28 + len(table) + 4, 1, 0, 0, 0, 0,
                         0, 0)
    return header + struct.pack(">4sIIII", b"glyf", 64, len(table), len(table) + 1, 0) + table


def fonts_brand(folder: Path, files: list[str], family: str = "Brand Sans") -> Path:
    """A brand file in `folder` naming `files` as the font files of `family`, and a briefing beside it."""
    listed = "".join(f"        - path: {name}\n" for name in files)
    (folder / "_brand.yml").write_text(f"typography:\n  fonts:\n    - family: {family}\n      source: file\n"
                                       f"      files:\n{listed}  base: {family}\n")
    (folder / "b.yaml").write_text(MINIMAL)
    return folder / "b.yaml"


def at_most_a_gibibyte() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def test_font_bombs_are_refused_at_validation_by_a_process_held_to_a_gibibyte(tmp_path: Path) -> None:
    """A WOFF and a WOFF2 whose headers claim 4 GB, refused from their headers; a WOFF whose header claims 2 MB
    but whose stream unpacks to 2 GB, refused once 2 MB and a byte of it are inflated."""
    (tmp_path / "bomb.woff").write_bytes(woff_bomb())
    (tmp_path / "bomb.woff2").write_bytes(woff2_bomb())
    (tmp_path / "lying.woff").write_bytes(lying_woff())
    source = fonts_brand(tmp_path, ["bomb.woff", "bomb.woff2", "lying.woff"])
    completed = subprocess.run([sys.executable, "-m", "briefgen", "validate", str(source)], cwd=ROOT,
                               capture_output=True, text=True, timeout=60, check=False,
                               preexec_fn=at_most_a_gibibyte)
    assert completed.returncode == 1, completed.stderr
    shown = uncoded(completed.stderr)
    for line, name, unpacked in ((6, "bomb.woff", 4_294_967_308), (7, "bomb.woff2", 4_294_967_280)):
        assert f"_brand.yml:{line}:11: typography.fonts[0].files[{line - 6}].path: font file {name!r} unpacks to " \
               f"{unpacked:,} bytes, as its header says; the limit for a font is 20,000,000" in shown
    assert "_brand.yml:8:11: typography.fonts[0].files[2].path: font file 'lying.woff' is a WOFF font whose table " \
           "'glyf' does not unpack to the 1,978,003 bytes its header says" in shown
    assert "Traceback" not in completed.stderr


def test_a_woff2_whose_stream_unpacks_past_its_header_is_refused(tmp_path: Path) -> None:
    """39 bytes of Brotli that unpack to 20 MB, in a WOFF2 whose header says 140 bytes."""
    path = tmp_path / "lying.woff2"
    path.write_bytes(woff2_bomb(total=140, stream=brotli.compress(b"\0" * 20_000_000, quality=5)))
    with pytest.raises(ValueError, match="is a WOFF2 font whose stream of tables does not unpack to the 100 bytes"):
        font_files.unpacked_size(path)


def test_a_font_file_named_forty_times_is_embedded_once(tmp_path: Path) -> None:
    (tmp_path / "BrandSans.ttf").write_bytes(BRAND_SANS.read_bytes())
    source = fonts_brand(tmp_path, ["BrandSans.ttf"] * 40)
    result = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "html", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    page = (tmp_path / "out" / "b" / "gp" / "brief.html").read_text()
    assert page.count(base64.b64encode(BRAND_SANS.read_bytes()).decode()) == 1
    assert page.count("@font-face") == 1


def test_fonts_past_the_brands_total_are_refused(tmp_path: Path) -> None:
    """Four files of 16 MB (sparse: nothing is written) for four faces: the fourth takes them past 60 MB."""
    for weight in (100, 200, 300, 400):
        with (tmp_path / f"w{weight}.ttf").open("wb") as file:
            file.write(b"\x00\x01\x00\x00")
            file.truncate(16_000_000)
    listed = "".join(f"        - {{path: w{weight}.ttf, weight: {weight}}}\n" for weight in (100, 200, 300, 400))
    (tmp_path / "_brand.yml").write_text(f"typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n"
                                         f"      files:\n{listed}")
    with pytest.raises(ContentError) as caught:
        load_brand(tmp_path / "_brand.yml")
    [problem] = caught.value.problems
    assert problem.show().startswith(f"{tmp_path / '_brand.yml'}:9:12: typography.fonts[0].files[3].path: [BG011] font "
                                     "file 'w400.ttf' takes the brand's fonts past 60,000,000 bytes unpacked")
    assert font_files.MAX_BRAND_FONT_BYTES == 60_000_000


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
        in uncoded(result.stderr)
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
