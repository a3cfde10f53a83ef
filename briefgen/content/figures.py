"""Find a file a content or brand file names beside it (a figure's image, a logo, a font), and turn it into a
data: URI for standalone pages."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
MAX_IMAGE_BYTES = 5_000_000
MAX_NAME_CHARS = 255
"""The longest file name a field may give (a file system's limit for one name): a longer one is refused
before the file system is asked."""


@dataclass(frozen=True)
class FileKind:
    """What kind of file a field names: the suffixes it may have, and how messages call it."""

    media_types: dict[str, str]
    """Suffix → media type (for data: URIs)."""
    described: str
    """"a PNG, JPEG or SVG image"."""
    noun: str
    example: str
    folder_of: str = "content file"
    max_bytes: int = MAX_IMAGE_BYTES


IMAGE = FileKind(MEDIA_TYPES, "a PNG, JPEG or SVG image", "image", "assets/chart.png")


def locate(content_file: Path, src: str, kind: FileKind = IMAGE) -> Path:
    """The file `src` names, relative to `content_file`'s folder; ValueError says why it cannot be used."""
    if len(src) > MAX_NAME_CHARS:
        raise ValueError(f"{src[:40]!r}… is {len(src)} characters long; a file name is at most {MAX_NAME_CHARS}")
    relative = PurePosixPath(src)
    if relative.is_absolute() or ".." in relative.parts or "\\" in src or ":" in src:
        raise ValueError(f"{src!r} must be a relative path inside the {kind.folder_of}'s folder, e.g. {kind.example}")
    if relative.suffix.lower() not in kind.media_types:
        raise ValueError(f"{src!r} is not {kind.described} ({', '.join(kind.media_types)})")
    try:
        folder = content_file.parent.resolve()
        path = folder.joinpath(*relative.parts).resolve()
        if not path.is_relative_to(folder):  # a symlink pointing out of the folder
            raise ValueError(f"{src!r} leads outside the {kind.folder_of}'s folder; refused")
        if not path.exists():
            raise ValueError(f"{src!r}: no such {kind.noun} file in {content_file.parent}")
        if not path.is_file():
            raise ValueError(f"{src!r} is not a file (a folder, FIFO or device?); refused")
        size = path.stat().st_size
    except (OSError, RuntimeError) as exc:  # a loop of symlinks, a name the file system refuses
        raise ValueError(f"{src!r} cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if size > kind.max_bytes:
        raise ValueError(f"{src!r} is larger than {kind.max_bytes // 1_000_000} MB")
    return path


def data_uri(path: Path, kind: FileKind = IMAGE) -> str:
    """The file as a data: URI, so pages work offline and the PDF renderer reads no extra files."""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{kind.media_types[path.suffix.lower()]};base64,{encoded}"
