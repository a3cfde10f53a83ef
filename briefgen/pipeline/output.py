"""The one writer of the output folder: every path once, and a build's files switched in together, or not at all.

The manifest records, per output, the hash of its inputs, the hash of its bytes and its warnings, so the next
build can tell what is current. Content hashes, never timestamps; a missing or corrupt manifest means a full
rebuild, never an error.

A commit, under the folder's lock: every changed file (the manifest last) is written beside its target under a
temporary name; then a journal listing the renames is put in place with one rename of its own; then the
renames are done and the journal removed. A build killed before the journal is in place leaves only
temporary files, which the next writer removes: the folder holds the previous build. Killed after, it leaves
a journal, which the next reader or writer (a build, `serve`, `check`) completes before anything else: the
folder holds the new build. Files are synced to disk before the journal is, so power loss keeps the promise.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.errors import Problem, UsageError

MANIFEST_NAME = ".briefgen-manifest.json"
JOURNAL_NAME = ".briefgen-journal.json"
"""Present only while a commit renames its files into place: the renames still to do."""
INDEX = "index.html"
_MANIFEST_FORMAT = 2
_JOURNAL_FORMAT = 1
_WRITING, _SWITCHING = "writing", "switching"
"""A journal's states: the temporary files it names are being written (undo), or renamed into place (complete)."""
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


def _no_step(step: str) -> None:
    pass


after_step: Callable[[str], None] = _no_step
"""Called after each step of a commit, naming it. A test replaces it to kill the build at each step in turn
and check that the folder holds the previous build or the new one, never a mix."""


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
        settle(out_dir)
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
        if not _inside(path):
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
        """Switch in every pending output whose bytes differ from the file there, and the manifest, together
        (see the module's docstring); returns the paths written. Outputs and requests this build did not touch
        stay in the manifest, as it is in the folder once the lock is held: what another build recorded
        meanwhile is kept, not forgotten."""
        try:
            return self._write_all()
        except OSError as exc:  # a full disk, a read-only folder, a name the file system refuses
            where = exc.filename or self.out_dir
            raise UsageError(f"cannot write {where}: {exc.strerror or exc}; nothing more was written") from None
        finally:
            self._pending.clear()

    def _write_all(self) -> list[Path]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(self.out_dir, fcntl.LOCK_EX):
            _recover(self.out_dir)
            _sweep(self.out_dir)
            on_disk, builds_on_disk = self._read_manifest()
            manifest = {**self._kept, **on_disk}
            for relative in self._pending:  # before anything is written
                _refuse_links(self.out_dir, relative)
            changed = {}
            for relative, (data, record) in self._pending.items():
                target = self._target(str(relative))
                if record is not None:
                    manifest[str(relative)] = record
                if not _holds(target, data):
                    changed[target] = data
            outputs = {name: record.as_record() for name, record in sorted(manifest.items())}
            builds = {key: {"inputs": record.inputs, "outputs": list(record.outputs)}
                      for key, record in sorted({**builds_on_disk, **self._new_builds}.items())}
            document = {"format": _MANIFEST_FORMAT, "outputs": outputs, "builds": builds}
            manifest_path = self.out_dir / MANIFEST_NAME
            changed[manifest_path] = json.dumps(document, indent=1).encode()  # last: it vouches for the rest
            if _holds(manifest_path, changed[manifest_path]) and len(changed) == 1:
                return []
            _switch(self.out_dir, changed)
        return [target for target in changed if target != manifest_path]

    def _target(self, relative: str) -> Path:
        return self.out_dir.joinpath(*PurePosixPath(relative).parts)


def _refuse_links(out_dir: Path, relative: PurePosixPath) -> None:
    """Refuse to write through a link, or over anything but a regular file: an output folder replaced by a link
    to another folder would otherwise have the build write there."""
    path = out_dir
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


def _switch(out_dir: Path, files: dict[Path, bytes]) -> None:
    """Journal the files about to be written, write them under temporary names, journal their renames, rename
    them into place, drop the journal."""
    renames = [(temporary_of(target), target) for target in files]
    try:
        _put_journal(out_dir, _WRITING, renames)
        after_step("journal of the files to write in place")
        for target, data in files.items():
            write_temporary(target, data)
            after_step(f"wrote {_relative(out_dir, target)} as a temporary file")
        for folder in {target.parent for target in files}:  # the temporary files' names, before the journal's
            _sync_folder(folder)
        _put_journal(out_dir, _SWITCHING, renames)
    except BaseException:
        _roll_back(out_dir, renames)
        raise
    after_step("journal of the renames in place")
    _roll_forward(out_dir, renames)


def _put_journal(out_dir: Path, state: str, renames: list[tuple[Path, Path]]) -> None:
    listed = [[_relative(out_dir, temporary), _relative(out_dir, target)] for temporary, target in renames]
    journal = {"format": _JOURNAL_FORMAT, "state": state, "renames": listed}
    write_temporary(out_dir / JOURNAL_NAME, json.dumps(journal, indent=1).encode())
    os.replace(temporary_of(out_dir / JOURNAL_NAME), out_dir / JOURNAL_NAME)
    _sync_folder(out_dir)


def _roll_forward(out_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """Do the journal's renames not done yet (a temporary file gone is a rename done), then drop the journal."""
    for temporary, target in renames:
        if _is_regular(temporary):
            if target != out_dir / MANIFEST_NAME:  # a manifest that is a link or a FIFO is replaced, not refused
                _refuse_links(out_dir, PurePosixPath(_relative(out_dir, target)))
            os.replace(temporary, target)
            after_step(f"renamed {_relative(out_dir, target)}")
    for folder in {target.parent for _, target in renames}:
        _sync_folder(folder)
    (out_dir / JOURNAL_NAME).unlink()
    _sync_folder(out_dir)
    after_step("journal removed")


def _roll_back(out_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files a commit that never reached its renames wrote, then its journal."""
    for temporary, _ in renames:
        temporary.unlink(missing_ok=True)
    (out_dir / JOURNAL_NAME).unlink(missing_ok=True)
    temporary_of(out_dir / JOURNAL_NAME).unlink(missing_ok=True)


def settle(out_dir: Path) -> None:
    """Complete the commit of a build killed after its journal of renames was in place, or undo one killed
    before: under the lock, so never the commit of a build still running. Two lookups when there is none."""
    journal = out_dir / JOURNAL_NAME
    if os.path.lexists(journal) or os.path.lexists(temporary_of(journal)):
        with _locked(out_dir, fcntl.LOCK_EX):
            _recover(out_dir)


@contextmanager
def consistent(out_dir: Path) -> Iterator[None]:
    """Read `out_dir` whole: no commit switches files meanwhile, and one a killed build left is completed (or
    undone) first. For readers such as `serve`; a folder that does not exist yet is read as it is."""
    journal = out_dir / JOURNAL_NAME
    while True:
        try:
            handle = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_SH)
            if not (os.path.lexists(journal) or os.path.lexists(temporary_of(journal))):
                yield
                return
        finally:
            os.close(handle)
        settle(out_dir)


def _recover(out_dir: Path) -> None:
    """With the lock held: complete a commit whose journal of renames is in place, else undo it (a journal not
    briefgen's, unreadable or naming paths it would never write, is dropped)."""
    state, renames = _read_journal(out_dir)
    if state == _SWITCHING:
        _roll_forward(out_dir, renames)
    else:
        _roll_back(out_dir, renames)


def _sweep(out_dir: Path) -> None:
    """Remove temporary files that no journal names (say, of an older briefgen), never looking into a link."""
    for folder, subfolders, names in os.walk(out_dir):
        subfolders[:] = [name for name in subfolders if not os.path.islink(os.path.join(folder, name))]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                os.unlink(os.path.join(folder, name))


def _read_journal(out_dir: Path) -> tuple[str | None, list[tuple[Path, Path]]]:
    """The state and the renames of the journal in `out_dir`, each a temporary file of the commit's naming
    beside its target inside `out_dir`; (None, []) if there is no such journal."""
    try:
        journal = json.loads(read_regular(out_dir / JOURNAL_NAME) or b"{}")
        if journal.get("format") != _JOURNAL_FORMAT or journal["state"] not in (_WRITING, _SWITCHING):
            return None, []
        renames = []
        for temporary_name, target_name in journal["renames"]:
            temporary, target = out_dir / temporary_name, out_dir / target_name
            if not _inside(PurePosixPath(target_name)) or temporary != temporary_of(target):
                return None, []
            renames.append((temporary, target))
        return str(journal["state"]), renames
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None, []


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _inside(relative: PurePosixPath) -> bool:
    return bool(relative.parts) and not relative.is_absolute() and ".." not in relative.parts


def _relative(out_dir: Path, path: Path) -> str:
    return path.relative_to(out_dir).as_posix()


@contextmanager
def _locked(folder: Path, kind: int) -> Iterator[None]:
    """Hold an advisory lock on `folder`: exclusive (`fcntl.LOCK_EX`) to write it, so two builds (say `serve`
    and `build`) never write it at once; shared to read it whole."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, kind)  # released by the kernel too if the process dies
        yield
    finally:
        os.close(handle)


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _holds(target: Path, data: bytes) -> bool:
    return read_regular(target) == data


def temporary_of(target: Path) -> Path:
    """The name `target` is written under until it is renamed into place: a dot-name `serve` never shows."""
    return target.with_name(f"{'' if target.name.startswith('.') else '.'}{target.name}.tmp")


def write_temporary(target: Path, data: bytes) -> None:
    """Write `data` to `target`'s temporary file, new (never through a link left there), synced to disk."""
    temporary = temporary_of(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary.unlink(missing_ok=True)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(stream.fileno(), 0o644)
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
