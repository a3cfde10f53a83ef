"""Figures are decoded at validation: a broken file, a file of another kind, a decompression bomb, an SVG that
reaches outside itself or states no sane size is an error at the figure's `src`, with its line, and nothing is
built."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import FIXTURES, run_cli, uncoded

MINIMAL = (FIXTURES / "minimal.yaml").read_text()


def png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 80, 140)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be `width` by `height` pixels: its header only, as a bomb's would start."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 80, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


def use_bomb(levels: int = 5, fan_out: int = 10) -> bytes:
    """A few hundred bytes that draw fan_out ** levels rectangles."""
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fan_out))
        groups.append(f'<g id="l{level}">{uses}</g>')
    return f'{SVG_OPEN}<defs>{"".join(groups)}</defs><use href="#l{levels}"/></svg>'.encode()


CASES: dict[str, tuple[str, bytes, str]] = {
    "empty PNG": ("chart.png", b"", "is an empty file"),
    "truncated PNG": ("chart.png", png()[:60], "is not a readable PNG image"),
    "text named .png": ("chart.png", b"just some notes\n", "is not a readable PNG image"),
    "HTML named .png": ("chart.png", b"<html><body>hi</body></html>", "is not a readable PNG image"),
    "program named .png": ("chart.png", b"\x7fELF\x02\x01\x01" + b"\0" * 200, "is not a readable PNG image"),
    "JPEG named .png": ("chart.png", jpeg(), "is a JPEG image, not the PNG its name says"),
    "PNG named .jpg": ("chart.jpg", png(), "is a PNG image, not the JPEG its name says"),
    "decompression bomb": ("chart.png", png_header(30_000, 30_000), "is too many pixels to decode safely"),
    "too many pixels": ("chart.png", png_header(5_000, 5_000), "is 5000 by 5000 pixels; the limit is"),
    "YAML named .svg": ("chart.svg", b"title: not an image\n", "is not a well-formed SVG image"),
    "malformed SVG": ("chart.svg", SVG_OPEN.encode() + b"<rect", "is not a well-formed SVG image"),
    "not SVG XML": ("chart.svg", b"<html/>", "is not an SVG image (its root element is not <svg>)"),
    "entity expansion": ("chart.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                         "is not a well-formed SVG image"),
    "use of another file": ("chart.svg", (SVG_OPEN + '<use href="other.svg#x"/></svg>').encode(),
                            "refers to 'other.svg#x' outside itself (<use href>)"),
    "use of a web address": ("chart.svg", (SVG_OPEN + '<use xlink:href="http://127.0.0.1:9/x.svg#a"/></svg>').encode(),
                             "refers to 'http://127.0.0.1:9/x.svg#a' outside itself"),
    "image of a file": ("chart.svg", (SVG_OPEN + '<image href="file:///etc/passwd"/></svg>').encode(),
                        "refers to 'file:///etc/passwd' outside itself (<image href>)"),
    "feImage": ("chart.svg", (SVG_OPEN + '<filter id="f"><feImage href="secret.png"/></filter></svg>').encode(),
                "refers to 'secret.png' outside itself (<feImage href>)"),
    "CSS import": ("chart.svg", (SVG_OPEN + "<style>@import url(http://127.0.0.1:9/a.css);</style></svg>").encode(),
                   "has a style that reaches outside the image (<style>"),
    "CSS url in an attribute": ("chart.svg", (SVG_OPEN + '<rect style="fill: url(secret.svg#p)"/></svg>').encode(),
                                "has a style that reaches outside the image (<rect>"),
    "font-face": ("chart.svg", (SVG_OPEN + "<style>@font-face { src: local(x) }</style></svg>").encode(),
                  "has a style that reaches outside"),
    "use bomb": ("chart.svg", use_bomb(), "draws"),
    "use loop": ("chart.svg", (SVG_OPEN + '<g id="a"><use href="#a"/></g></svg>').encode(),
                 "has a <use> element that repeats itself"),
    "SVG of no size": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
                       "states no size, which each format would then guess differently"),
    "SVG a sliver": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="4mm"/>',
                     "is 377.953 by 15.1181 pixels as its <svg> states: more than 20 times as wide as it is tall"),
    "SVG miles wide": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="2e5" viewBox="0 0 4 3"/>',
                       "is 200,000 by 150,000 pixels as its <svg> states; the limit is 100,000 a side"),
    "SVG of no width": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="9"/>',
                        "has a width of '0', which is no size"),
    "SVG width not a length": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="wide" height="9"/>',
                               "has a width that is not a length: 'wide'"),
    "SVG viewBox of NaN": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 nan 1"/>',
                           "has a viewBox of '0 0 nan 1', which is no size"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_figure_is_refused_at_its_src(tmp_path: Path, case: str) -> None:
    name, data, expected = CASES[case]
    (tmp_path / name).write_bytes(data)
    source = tmp_path / "minimal.yaml"
    source.write_text(MINIMAL.replace("    items: [a, b]\n", f"    items: [a, b]\n    figure:\n      src: {name}\n"
                                                          "      alt: A chart\n"))
    out = tmp_path / "out"
    result = run_cli("build", source, "--out", out, timeout=60)
    assert result.code == 1, result.stderr
    assert f"minimal.yaml:19:7: sections[0].figure.src: {name!r} {expected}" in uncoded(result.stderr)
    assert len(result.stderr) < 2000 and "Traceback" not in result.stderr and not out.exists()


SELF_CONTAINED_SVG = (SVG_OPEN + '<defs><marker id="m"/></defs><path d="M0 0H5" marker-end="url(#m)"/>'
                      '<use href="#m"/></svg>')


@pytest.mark.parametrize(("name", "data"), [("chart.png", png()), ("photo.jpeg", jpeg()),
                                             ("inside.svg", SELF_CONTAINED_SVG.encode())])
def test_a_good_figure_builds(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    source = tmp_path / "minimal.yaml"
    source.write_text(MINIMAL.replace("    items: [a, b]\n", f"    items: [a, b]\n    figure:\n      src: {name}\n"
                                                          "      alt: A chart\n"))
    result = run_cli("build", source, "-a", "gp", "-o", "brief", "-f", "html", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
