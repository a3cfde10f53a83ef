"""Find a figure's image file beside its content file, and turn it into a data: URI for standalone pages."""

from __future__ import annotations

import base64
from pathlib import Path, PurePosixPath

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
MAX_IMAGE_BYTES = 5_000_000


def locate(content_file: Path, src: str) -> Path:
    """The image `src` names, relative to `content_file`'s folder; ValueError says why it cannot be used."""
    relative = PurePosixPath(src)
    if relative.is_absolute() or ".." in relative.parts or "\\" in src or ":" in src:
        raise ValueError(f"{src!r} must be a relative path inside the content file's folder, e.g. assets/chart.png")
    if relative.suffix.lower() not in MEDIA_TYPES:
        raise ValueError(f"{src!r} is not a PNG, JPEG or SVG image ({', '.join(MEDIA_TYPES)})")
    folder = content_file.parent.resolve()
    path = folder.joinpath(*relative.parts).resolve()
    if not path.is_relative_to(folder):  # a symlink pointing out of the folder
        raise ValueError(f"{src!r} leads outside the content file's folder; refused")
    if not path.is_file():
        raise ValueError(f"{src!r}: no such image file in {content_file.parent}")
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise ValueError(f"{src!r} is larger than {MAX_IMAGE_BYTES // 1_000_000} MB")
    return path


def data_uri(path: Path) -> str:
    """The image as a data: URI, so pages work offline and the PDF renderer reads no extra files."""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{MEDIA_TYPES[path.suffix.lower()]};base64,{encoded}"
