"""The one writer of the output folder: every path once, and a build's files switched in together (by
`journal.switch`), or not at all.

The manifest records, per output, the hash of its inputs, the hash of its bytes and its warnings, so the next
build can tell what is current. Content hashes, never timestamps; a missing or corrupt manifest means a full
rebuild, never an error.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from briefgen.errors import Problem, UsageError
from briefgen.pipeline.journal import (
    MANIFEST_NAME,
    Staging,
    inside,
    locked,
    read_regular,
    recover,
    refuse_links,
    settle,
    sweep,
)

if TYPE_CHECKING:  # the manifest is read before any stage is loaded
    from briefgen.views.spreading import RunFit

INDEX = "index.html"
_MANIFEST_FORMAT = 3


@dataclass(frozen=True)
class Recorded:
    """What the manifest knows about one output file."""

    inputs: str
    """Hash of everything the output was made from."""
    digest: str
    """sha256 of the bytes written."""
    warnings: tuple[Problem, ...] = ()
    slide_runs: dict[str, RunFit] = field(default_factory=dict)
    """For decks: how each run of content was fitted, so the next build can fit it at once."""
    seconds: float | None = None
    """CPU seconds the rendering that made it took (its document's, in every format rendered with it), to the
    tenth: what the next sharded build balances its shards by (`pipeline.cost`)."""

    def as_record(self) -> dict[str, object]:
        return {"inputs": self.inputs, "digest": self.digest, "slide_runs": self.slide_runs,
                "warnings": [warning.as_record() for warning in self.warnings], "seconds": self.seconds}


@dataclass(frozen=True)
class BuildRecord:
    """What one request (same content files, templates folder and options) read and wrote last time."""

    inputs: dict[str, str]
    """Every file read (absolute path) → sha256 of its bytes."""
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class ShardRecord:
    """What a shard build (`--shard K/N`) records for `briefgen merge`: which share of which plan it holds."""

    index: int
    count: int
    request: str
    """The key of the whole request, the same in every shard: merge records the joined build under it."""
    build: str
    """The key this shard's build is recorded under in `builds`."""
    plan: dict[str, tuple[str, ...]]
    """Every document of the whole plan (its stem) → its output files, in the plan's order."""
    share: tuple[str, ...]
    """The documents this shard rendered or found current."""

    def as_record(self) -> dict[str, object]:
        return {"index": self.index, "count": self.count, "request": self.request, "build": self.build,
                "plan": {stem: list(names) for stem, names in self.plan.items()}, "share": list(self.share)}


@dataclass(frozen=True)
class Manifest:
    """An output folder's manifest, as read."""

    outputs: dict[str, Recorded] = field(default_factory=dict)
    """Output path → what was recorded of it."""
    builds: dict[str, BuildRecord] = field(default_factory=dict)
    """Request key → what that request read and wrote last time."""
    shard: ShardRecord | None = None
    """Present in the folder of a shard build."""


def read_manifest(folder: Path) -> Manifest:
    """The manifest in `folder` now; empty if there is none, or none of this format (never an error: the next
    build renders everything). Read as a regular file only: a link is not followed out of the folder."""
    try:
        manifest = json.loads(read_regular(folder / MANIFEST_NAME) or b"{}")
        if manifest.get("format") != _MANIFEST_FORMAT:
            return Manifest()
        outputs = {name: Recorded(entry["inputs"], entry["digest"],
                                  tuple(Problem.from_record(warning) for warning in entry["warnings"]),
                                  {str(run): tuple((int(count), int(step)) for count, step in fit)
                                   for run, fit in entry["slide_runs"].items()},
                                  None if entry.get("seconds") is None else float(entry["seconds"]))
                   for name, entry in manifest["outputs"].items()}
        builds = {key: BuildRecord(dict(entry["inputs"]), tuple(entry["outputs"]))
                  for key, entry in manifest["builds"].items()}
        shard = manifest.get("shard")
        return Manifest(outputs, builds, None if shard is None else ShardRecord(
            int(shard["index"]), int(shard["count"]), str(shard["request"]), str(shard["build"]),
            {str(stem): tuple(map(str, names)) for stem, names in shard["plan"].items()},
            tuple(map(str, shard["share"]))))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return Manifest()


@dataclass(frozen=True)
class _Staged:
    """An output staged on disk (`journal.Staging`): all the writer keeps of it until the commit."""

    digest: str
    record: Recorded | None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path, follow_links: bool = False) -> str | None:
    """The sha256 of a regular file's bytes (`journal.read_regular`), or None if there is no such file."""
    data = read_regular(path, follow_links)
    return None if data is None else digest(data)


def hash_of(*parts: object) -> str:
    """One sha256 over `parts`: bytes as they are, anything else by its repr."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


class OutputWriter:
    """Stages each output on disk as it is added, keeping only its digest and record, then switches them all in
    together; a file is never seen half-written. Used as a context manager: whatever it staged and did not switch
    in (a build that failed, or was interrupted) is removed on the way out."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._staging: Staging | None = None
        self._pending: dict[PurePosixPath, _Staged] = {}
        self._kept: dict[str, Recorded] = {}
        self.recorded: dict[str, Recorded] = {}
        """The manifest of the previous build: output path → Recorded."""
        self.builds: dict[str, BuildRecord] = {}
        """Request key → what that request read and wrote last time."""
        self._new_builds: dict[str, BuildRecord] = {}
        self._shard: ShardRecord | None = None
        settle(out_dir)
        manifest = read_manifest(out_dir)
        self.recorded, self.builds = manifest.outputs, manifest.builds

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    def discard(self) -> None:
        """Remove every file staged and not switched in."""
        if self._staging is not None:
            self._staging.close()
        self._staging = None
        self._pending.clear()

    def holds(self, relative: str) -> bool:
        """Whether `relative` is still, byte for byte, what the manifest says was written."""
        recorded = self.recorded.get(relative)
        return recorded is not None and file_digest(self._target(relative)) == recorded.digest

    def is_current(self, relative: str, inputs: str) -> bool:
        """Whether `relative` was built from these inputs and is still, byte for byte, what was written."""
        recorded = self.recorded.get(relative)
        return recorded is not None and recorded.inputs == inputs and self.holds(relative)

    def keep(self, relative: str) -> None:
        """Leave a current output as it is, and in the manifest."""
        self._kept[relative] = self.recorded[relative]

    def add(self, relative: str, data: bytes, inputs: str | None = None, warnings: tuple[Problem, ...] = (),
            slide_runs: dict[str, RunFit] | None = None, seconds: float | None = None) -> None:
        """Stage `data` for `relative` at once; with `inputs`, record it in the manifest."""
        path = PurePosixPath(relative)
        if not inside(path):
            raise ValueError(f"output path {relative!r} escapes the output folder")
        if path in self._pending or relative in self._kept:
            raise ValueError(f"two outputs would be written to {relative!r}")
        refuse_links(self.out_dir, path)  # before staging beside it; checked again at the commit, under the lock
        self._staging_area().put(self._target(relative), data)
        record = (Recorded(inputs, digest(data), warnings, slide_runs or {}, seconds and round(seconds, 1))
                  if inputs is not None else None)
        self._pending[path] = _Staged(digest(data), record)

    def record_build(self, key: str, inputs: dict[str, str], outputs: tuple[str, ...]) -> None:
        """Remember what this request read and wrote, for `builds` next time."""
        self._new_builds[key] = self.builds[key] = BuildRecord(inputs, outputs)

    def record_shard(self, shard: ShardRecord) -> None:
        """Mark the folder as one shard's (until a build that is not sharded writes it again)."""
        self._shard = shard

    def outputs(self) -> set[str]:
        """Every recorded output the folder will hold after `commit`: earlier builds' and this one's."""
        return {*self.recorded, *(str(path) for path, staged in self._pending.items() if staged.record)}

    def commit(self) -> list[Path]:
        """Switch in every staged output whose digest differs from the file there's, and the manifest, together
        (see the module's docstring); returns the paths written. Whatever was staged and not switched in is
        removed. Outputs and requests this build did not touch
        stay in the manifest, as it is in the folder once the lock is held: what another build recorded
        meanwhile is kept, not forgotten."""
        try:
            return self._write_all()
        except OSError as exc:  # a full disk, a read-only folder, a name the file system refuses
            where = exc.filename or self.out_dir
            raise UsageError(f"cannot write {where}: {exc.strerror or exc}; nothing more was written") from None
        finally:
            self.discard()

    def _write_all(self) -> list[Path]:
        staging = self._staging_area()  # made before the lock is taken: making it takes the lock for a moment
        with locked(self.out_dir, fcntl.LOCK_EX):
            recover(self.out_dir)
            sweep(self.out_dir)
            on_disk = read_manifest(self.out_dir)
            manifest = {**self._kept, **on_disk.outputs}
            for relative in self._pending:  # before anything is switched in
                refuse_links(self.out_dir, relative)
            manifest_path = self.out_dir / MANIFEST_NAME
            if manifest_path.is_dir() and not manifest_path.is_symlink():  # a link or FIFO is replaced; not this
                raise UsageError(f"{manifest_path} is a folder: briefgen keeps its manifest at that name; remove it "
                                 "and build again")
            changed = []
            for relative, staged in sorted(self._pending.items()):
                target = self._target(str(relative))
                if staged.record is not None:
                    manifest[str(relative)] = staged.record
                if file_digest(target) != staged.digest:
                    changed.append(target)
            outputs = {name: record.as_record() for name, record in sorted(manifest.items())}
            builds = {key: {"inputs": record.inputs, "outputs": list(record.outputs)}
                      for key, record in sorted({**on_disk.builds, **self._new_builds}.items())}
            document = json.dumps({"format": _MANIFEST_FORMAT, "outputs": outputs, "builds": builds,
                                   **({"shard": self._shard.as_record()} if self._shard else {})},
                                  indent=1).encode()
            if not changed and file_digest(manifest_path) == digest(document):
                return []
            staging.put(manifest_path, document)
            staging.switch([*changed, manifest_path])  # the manifest last: it vouches for the rest
        return changed

    def _staging_area(self) -> Staging:
        if self._staging is None:
            self._staging = Staging(self.out_dir)
        return self._staging

    def _target(self, relative: str) -> Path:
        return self.out_dir.joinpath(*PurePosixPath(relative).parts)


