"""The one writer of the output folder: every path once, every file replaced atomically, then the manifest.

The manifest records, per output, the hash of its inputs, the hash of its bytes and its warnings, so the next
build can tell what is current. Content hashes, never timestamps; a missing or corrupt manifest means a full
rebuild, never an error.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.errors import Problem, UsageError

MANIFEST_NAME = ".briefgen-manifest.json"
INDEX = "index.html"
_MANIFEST_FORMAT = 2
MAX_READ_BYTES = 64_000_000
"""The most the build reads of a manifest, an output or an input it recorded: more is not briefgen's."""


@dataclass(frozen=True)
class Recorded:
    """What the manifest knows about one output file."""

    inputs: str
    """Hash of everything the output was made from."""
    digest: str
    """sha256 of the bytes written."""
    warnings: tuple[Problem, ...] = ()
    slide_runs: dict[str, int] = field(default_factory=dict)
    """For decks: how many slides each run of content took, so the next build can spread it at once."""

    def as_record(self) -> dict[str, object]:
        return {"inputs": self.inputs, "digest": self.digest, "slide_runs": self.slide_runs,
                "warnings": [warning.as_record() for warning in self.warnings]}


@dataclass(frozen=True)
class BuildRecord:
    """What one request (same content files, templates folder and options) read and wrote last time."""

    inputs: dict[str, str]
    """Every file read (absolute path) → sha256 of its bytes."""
    outputs: tuple[str, ...]


def read_regular(path: Path, follow_links: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most MAX_READ_BYTES, else None: a link (unless
    `follow_links`), a FIFO or a device is never read, and opening one never blocks."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_READ_BYTES:
            return None
        return stream.read(MAX_READ_BYTES)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_of(*parts: object) -> str:
    """One sha256 over `parts`: bytes as they are, anything else by its repr."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


class OutputWriter:
    """Collects outputs in memory, then writes them all; a file is never seen half-written."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._pending: dict[PurePosixPath, tuple[bytes, Recorded | None]] = {}
        self._kept: dict[str, Recorded] = {}
        self.recorded: dict[str, Recorded] = {}
        """The manifest of the previous build: output path → Recorded."""
        self.builds: dict[str, BuildRecord] = {}
        """Request key → what that request read and wrote last time."""
        self._new_builds: dict[str, BuildRecord] = {}
        self.recorded, self.builds = self._read_manifest()

    def _read_manifest(self) -> tuple[dict[str, Recorded], dict[str, BuildRecord]]:
        """The manifest in the folder now; empty if there is none, or none of this format."""
        try:
            manifest = json.loads(read_regular(self.out_dir / MANIFEST_NAME) or b"{}")
            if manifest.get("format") != _MANIFEST_FORMAT:
                return {}, {}
            recorded = {name: Recorded(entry["inputs"], entry["digest"],
                                       tuple(Problem.from_record(warning) for warning in entry["warnings"]),
                                       {str(run): int(size) for run, size in entry["slide_runs"].items()})
                        for name, entry in manifest["outputs"].items()}
            builds = {key: BuildRecord(dict(entry["inputs"]), tuple(entry["outputs"]))
                      for key, entry in manifest["builds"].items()}
            return recorded, builds
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}, {}

    def holds(self, relative: str) -> bool:
        """Whether `relative` is still, byte for byte, what the manifest says was written."""
        recorded = self.recorded.get(relative)
        data = read_regular(self._target(relative)) if recorded is not None else None
        return recorded is not None and data is not None and digest(data) == recorded.digest

    def is_current(self, relative: str, inputs: str) -> bool:
        """Whether `relative` was built from these inputs and is still, byte for byte, what was written."""
        recorded = self.recorded.get(relative)
        return recorded is not None and recorded.inputs == inputs and self.holds(relative)

    def keep(self, relative: str) -> None:
        """Leave a current output as it is, and in the manifest."""
        self._kept[relative] = self.recorded[relative]

    def add(self, relative: str, data: bytes, inputs: str | None = None, warnings: tuple[Problem, ...] = (),
            slide_runs: dict[str, int] | None = None) -> None:
        """Queue `data` for `relative`; with `inputs`, record it in the manifest."""
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"output path {relative!r} escapes the output folder")
        if path in self._pending or relative in self._kept:
            raise ValueError(f"two outputs would be written to {relative!r}")
        record = Recorded(inputs, digest(data), warnings, slide_runs or {}) if inputs is not None else None
        self._pending[path] = (data, record)

    def record_build(self, key: str, inputs: dict[str, str], outputs: tuple[str, ...]) -> None:
        """Remember what this request read and wrote, for `builds` next time."""
        self._new_builds[key] = self.builds[key] = BuildRecord(inputs, outputs)

    def outputs(self) -> set[str]:
        """Every recorded output the folder will hold after `commit`: earlier builds' and this one's."""
        return {*self.recorded, *(str(path) for path, (_, record) in self._pending.items() if record)}

    def commit(self) -> list[Path]:
        """Write every pending output whose bytes differ from the file there, then the manifest; returns
        the paths written. Outputs and requests this build did not touch stay in the manifest, as it is in
        the folder once the lock is held: what another build recorded meanwhile is kept, not forgotten."""
        try:
            return self._write_all()
        except OSError as exc:  # a full disk, a read-only folder, a name the file system refuses
            where = exc.filename or self.out_dir
            raise UsageError(f"cannot write {where}: {exc.strerror or exc}; nothing more was written") from None
        finally:
            self._pending.clear()

    def _write_all(self) -> list[Path]:
        written = []
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with _exclusive(self.out_dir):
            on_disk, builds_on_disk = self._read_manifest()
            manifest = {**self._kept, **on_disk}
            for relative in self._pending:  # before anything is written
                self._refuse_links(relative)
            for leftover in self.out_dir.rglob(".*.tmp"):  # from a build killed while writing
                leftover.unlink(missing_ok=True)
            for relative, (data, record) in self._pending.items():
                target = self._target(str(relative))
                if record is not None:
                    manifest[str(relative)] = record
                if _holds(target, data):
                    continue
                write_atomically(target, data)
                written.append(target)
            outputs = {name: record.as_record() for name, record in sorted(manifest.items())}
            builds = {key: {"inputs": record.inputs, "outputs": list(record.outputs)}
                      for key, record in sorted({**builds_on_disk, **self._new_builds}.items())}
            document = {"format": _MANIFEST_FORMAT, "outputs": outputs, "builds": builds}
            write_atomically(self.out_dir / MANIFEST_NAME, json.dumps(document, indent=1).encode())
        return written

    def _target(self, relative: str) -> Path:
        return self.out_dir.joinpath(*PurePosixPath(relative).parts)

    def _refuse_links(self, relative: PurePosixPath) -> None:
        """Refuse to write through a link, or over anything but a regular file: an output folder replaced by
        a link to another folder would otherwise have the build write there."""
        path = self.out_dir
        for depth, part in enumerate(relative.parts, start=1):
            path = path / part
            try:
                mode = path.lstat().st_mode
            except FileNotFoundError:
                return
            if not (stat.S_ISREG(mode) if depth == len(relative.parts) else stat.S_ISDIR(mode)):
                kind = "a link" if stat.S_ISLNK(mode) else "not a regular file or folder"
                raise UsageError(f"{path} is {kind}: briefgen writes only real files and folders inside the output "
                                 "folder; remove it and build again")


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on `folder`, so two builds (say `serve` and `build`) never write it at once."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released by the kernel too if the process dies
        yield
    finally:
        os.close(handle)


def _holds(target: Path, data: bytes) -> bool:
    return read_regular(target) == data


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
