"""An image file → accepted as the figure it claims to be, or the reason it is not: decoded with a real
decoder within bounds (Pillow for PNG and JPEG, defusedxml for SVG), so a broken file, a file of another
kind, a decompression bomb, an SVG that reaches outside itself or states an absurd size is refused at
validation, not drawn blank (or drawn to a bitmap no machine can hold)."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from PIL import Image, ImageFile, UnidentifiedImageError

from briefgen.content.svg_size import stated_size

MAX_PIXELS = 16_000_000
"""Width times height of a PNG or JPEG: 4000 by 4000 is more than any page or slide shows."""
MAX_SVG_ELEMENTS = 10_000
"""Elements an SVG draws, each `<use>` counted as what it repeats: a few bytes must not draw millions."""
MAX_SVG_SIDE = 100_000
"""The longest side an SVG may state, in CSS pixels: a thousand times a page's width."""
MAX_SVG_ASPECT = 20
"""How many times longer than the other one side of an SVG may be: a figure or logo more elongated is a sliver
on a page or slide, and drawn to a bitmap for Office at a usable width, a strip of millions of pixels."""

_RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_SVG = "{http://www.w3.org/2000/svg}"
_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
_INSIDE = re.compile(r"^\s*#")
_CSS_REACH = re.compile(r"@import|@font-face|url\(\s*(?![\s'\"]*#)", re.IGNORECASE)


def check(path: Path) -> None:
    """Raise ValueError saying why the image at `path` cannot be a figure; return if it can."""
    check_data(path.read_bytes(), "SVG" if path.suffix.lower() == ".svg" else _RASTER_FORMATS[path.suffix.lower()])


def check_data(data: bytes, image_format: str) -> None:
    """Raise ValueError saying why `data` is not an image in `image_format` (Pillow's name for it, "PNG", or
    "SVG"), within the bounds above; return if it is. An Office template's pictures are held to this too."""
    if not data:
        raise ValueError("is an empty file")
    if image_format == "SVG":
        _check_svg(data)
    else:
        _check_raster(data, image_format)


def _check_raster(data: bytes, expected: str) -> None:
    # WeasyPrint, once imported, lets Pillow load truncated images: not for this check.
    truncated_allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValueError(f"is {width} by {height} pixels; the limit is {MAX_PIXELS:,} pixels")
                if image.format != expected:
                    raise ValueError(f"is a {image.format} image, not the {expected} its name says")
                image.load()  # decode it all: a truncated or corrupt file fails here
    except ValueError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError(f"is too many pixels to decode safely (the limit is {MAX_PIXELS:,})") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"is not a readable {expected} image ({exc})") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed


def _check_svg(data: bytes) -> None:
    try:
        root = defusedxml.ElementTree.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise ValueError(f"is not a well-formed SVG image ({exc})") from None
    if root.tag != f"{_SVG}svg":
        raise ValueError("is not an SVG image (its root element is not <svg>)")
    for element in root.iter():
        for name in _HREFS:
            target = element.get(name)
            if target is not None and not _INSIDE.match(target):
                raise ValueError(f"refers to {target[:80]!r} outside itself (<{_local(element)} {_local_name(name)}>); "
                                 "an SVG figure may only refer to its own elements (#id)")
        texts = [*element.attrib.values(), *([element.text or ""] if _local(element) == "style" else [])]
        if any(_CSS_REACH.search(text) for text in texts):
            raise ValueError(f"has a style that reaches outside the image (<{_local(element)}>: url(), @import or "
                             "@font-face); an SVG figure may only refer to its own elements (url(#id))")
    if _drawn(root, {element.get("id"): element for element in root.iter() if element.get("id")}, {}, []) \
            > MAX_SVG_ELEMENTS:
        raise ValueError(f"draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> elements are expanded")
    _check_svg_size(root)


def _check_svg_size(root: Element) -> None:
    """Refuse an SVG that states no size, or one too large or too elongated to draw (MAX_SVG_SIDE,
    MAX_SVG_ASPECT)."""
    size = stated_size(root)
    if size is None:
        raise ValueError("states no size, which each format would then guess differently: give its <svg> a "
                         "viewBox, or a width and height")
    width, height = size
    stated = f"is {width:,.6g} by {height:,.6g} pixels as its <svg> states"
    if max(width, height) > MAX_SVG_SIDE:
        raise ValueError(f"{stated}; the limit is {MAX_SVG_SIDE:,} a side")
    if max(width / height, height / width) > MAX_SVG_ASPECT:
        raise ValueError(f"{stated}: more than {MAX_SVG_ASPECT} times as {'wide' if width > height else 'tall'} "
                         f"as it is {'tall' if width > height else 'wide'}")


def _drawn(element: Element, ids: dict[str | None, Element], known: dict[int, int], path: list[int]) -> int:
    """How many elements `element` draws, each <use> counted as what it repeats (at most a bit over the
    limit: counting stops there)."""
    if id(element) in known:
        return known[id(element)]
    if id(element) in path:
        raise ValueError("has a <use> element that repeats itself")
    path.append(id(element))
    count = 1
    if _local(element) == "use":
        target = next((value for name in _HREFS if (value := element.get(name))), "")
        referenced = ids.get(target.strip().removeprefix("#"))
        if referenced is not None:
            count += _drawn(referenced, ids, known, path)
    for child in element:
        if count > MAX_SVG_ELEMENTS:
            break
        count += _drawn(child, ids, known, path)
    path.pop()
    known[id(element)] = count
    return count


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1]
