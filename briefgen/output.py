"""The one writer of the output folder: every path once, every file replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath


class OutputWriter:
    """Collects outputs in memory, then writes them all; a file is never seen half-written."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._pending: dict[PurePosixPath, bytes] = {}

    def add(self, relative: str, data: bytes) -> None:
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"output path {relative!r} escapes the output folder")
        if path in self._pending:
            raise ValueError(f"two outputs would be written to {relative!r}")
        self._pending[path] = data

    def commit(self) -> list[Path]:
        """Write every pending output; returns the paths written."""
        written = []
        for relative, data in self._pending.items():
            target = self.out_dir.joinpath(*relative.parts)
            write_atomically(target, data)
            written.append(target)
        self._pending.clear()
        return written


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
