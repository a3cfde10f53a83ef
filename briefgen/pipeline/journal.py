"""A build's files → staged beside their targets as they are rendered, then switched into the output folder
together by a journal of renames; what a killed build left → completed or removed before anyone reads the folder
(see docs/architecture.md).

Each file is written, as soon as it is rendered, beside its target under a dot-name of its build's own
(`staged_of`): the build's `Staging` holds a lock file while it lives, so that staged files are removed once
their build is gone, and two builds at once never write the same name. At its commit, with the folder's lock
held, the build syncs the files that changed, puts in place a journal listing their renames (the commit point),
renames them and removes the journal. A reader finding the staged files of a dead build and no journal removes
them (the folder holds the previous build); one finding a journal does the renames left (the new build).

A file that cannot be changed (made immutable, in a read-only folder) never ends in a traceback: while staging,
the build stops, removes what it staged and the error names the file; while switching, the error names the file
the rename could not replace and the journal stays, so that each later run retries it and says so until it can
be done. A journal is never left that the next run cannot act on.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from briefgen.errors import UsageError

MANIFEST_NAME = ".briefgen-manifest.json"
JOURNAL_NAME = ".briefgen-journal.json"
"""Present only while a commit renames its files into place: the renames still to do."""
_JOURNAL_FORMAT = 1
_SWITCHING = "switching"
"""A journal's state: the files it names are being renamed into place (a killed commit is completed)."""
_LOCK_PREFIX = ".briefgen-build-"
"""A build's lock file, `.briefgen-build-<token>`, held while it has files staged."""
_TOKEN = re.compile(r"[0-9a-f]{16}")
MAX_READ_BYTES = 64_000_000
"""The most the build reads of a manifest, an output or an input it recorded: more is not briefgen's."""


def read_regular(path: Path, follow_links: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most MAX_READ_BYTES, else None: a link (unless
    `follow_links`), a FIFO or a device is never read, and opening one never blocks."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)  # a folder opens too, and is no file to read
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_READ_BYTES:
            return None
        with open(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_READ_BYTES)
    except OSError:
        return None
    finally:
        os.close(handle)


def _no_step(step: str) -> None:
    pass


after_step: Callable[[str], None] = _no_step
"""Called after each step of a commit, naming it. A test replaces it to kill the build at each step in turn
and check that the folder holds the previous build or the new one, never a mix."""


def refuse_links(out_dir: Path, relative: PurePosixPath) -> None:
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


class Staging:
    """One build's files, each written beside its target under the build's own dot-name (`staged_of`) as soon as
    it is rendered, so that a build holds no file's bytes in memory; then switched in together (`switch`). A lock
    file (`.briefgen-build-<token>`) is held while the build lives: the kernel drops it with the process, and
    `sweep` then knows its staged files for a dead build's."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.token = secrets.token_hex(8)
        self._made: list[Path] = []
        """Folders made for staged files: removed again if the build ends without switching them in."""
        self._staged: list[Path] = []
        self._journaled = False
        self._make_folders(out_dir)
        self._lock_file = out_dir / f"{_LOCK_PREFIX}{self.token}"
        with locked(out_dir, fcntl.LOCK_EX):  # a sweep never finds the lock file before it is held
            self._handle = os.open(self._lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            fcntl.flock(self._handle, fcntl.LOCK_EX)

    def put(self, target: Path, data: bytes) -> None:
        """Write `data` beside `target` under the build's name for it (synced only if it is switched in)."""
        staged = staged_of(target, self.token)
        try:
            self._make_folders(target.parent)
            write_new(staged, data)
        except OSError as exc:  # a full disk, a read-only folder: the folder keeps the previous build
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}; nothing was written") from None
        self._staged.append(staged)
        after_step(f"staged {_relative(self.out_dir, target)}")

    def switch(self, targets: list[Path]) -> None:
        """With the folder's lock held: sync the staged files of `targets` and their names, journal their renames
        (the commit point), rename them into place, drop the journal."""
        renames = [(staged_of(target, self.token), target) for target in targets]
        for staged, _ in renames:
            _sync(staged, os.O_RDONLY | os.O_NOFOLLOW)
        for folder in {target.parent for target in targets}:  # the staged files' names, before the journal's
            _sync(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            _put_journal(self.out_dir, _SWITCHING, renames)
        except BaseException:
            _drop_journal(self.out_dir)
            raise
        self._journaled = True
        after_step("journal of the renames in place")
        _roll_forward(self.out_dir, renames)

    def close(self) -> None:
        """Remove the staged files not switched in and the folders made for them, then release the lock. Files a
        journal still names are left to the next run, which renames them (a file that cannot be removed is left
        for `sweep`: nothing reads it)."""
        left_to_journal = self._journaled and os.path.lexists(self.out_dir / JOURNAL_NAME)
        for staged in [] if left_to_journal else self._staged:
            with suppress(OSError):
                staged.unlink(missing_ok=True)
        with suppress(OSError):
            self._lock_file.unlink()
        for folder in [] if left_to_journal else reversed(self._made):
            with suppress(OSError):  # not empty: it holds what the build switched in, or files of another
                folder.rmdir()
        os.close(self._handle)

    def _make_folders(self, folder: Path) -> None:
        missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
        for parent in reversed(missing):
            try:
                parent.mkdir()
            except FileExistsError:  # made meanwhile by another build: for it to remove, not this one
                continue
            self._made.append(parent)


def _put_journal(out_dir: Path, state: str, renames: list[tuple[Path, Path]]) -> None:
    listed = [[_relative(out_dir, staged), _relative(out_dir, target)] for staged, target in renames]
    journal = {"format": _JOURNAL_FORMAT, "state": state, "renames": listed}
    temporary = temporary_of(out_dir / JOURNAL_NAME)
    temporary.unlink(missing_ok=True)
    write_new(temporary, json.dumps(journal, indent=1).encode())
    _sync(temporary, os.O_RDONLY | os.O_NOFOLLOW)
    os.replace(temporary, out_dir / JOURNAL_NAME)
    _sync(out_dir, os.O_RDONLY | os.O_DIRECTORY)


def _roll_forward(out_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """Do the journal's renames not done yet (a staged file gone is a rename done), then drop the journal. A
    rename refused is an error naming its target, and the journal stays for the next run to complete."""
    try:
        for staged, target in renames:
            if _is_regular(staged):
                if target != out_dir / MANIFEST_NAME:  # a manifest that is a link or a FIFO is replaced, not refused
                    refuse_links(out_dir, PurePosixPath(_relative(out_dir, target)))
                os.replace(staged, target)
                after_step(f"renamed {_relative(out_dir, target)}")
        for folder in {target.parent for _, target in renames}:
            _sync(folder, os.O_RDONLY | os.O_DIRECTORY)
        (out_dir / JOURNAL_NAME).unlink()
        _sync(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        where = exc.filename2 or exc.filename or out_dir  # a rename names the file it would replace second
        raise UsageError(f"cannot replace {where}: {exc.strerror or exc}; the build's other files wait in the "
                         "output folder's journal, and the next build or check puts them in place once it can "
                         "be replaced") from None
    after_step("journal removed")


def _drop_journal(out_dir: Path) -> None:
    """Remove a journal never put in place, or one no run can act on. One that cannot be removed is an error
    naming it: a journal never outlives the commit it belongs to."""
    for journal in (out_dir / JOURNAL_NAME, temporary_of(out_dir / JOURNAL_NAME)):
        try:
            journal.unlink(missing_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot remove {journal}: {exc.strerror or exc}; the build it belongs to switched "
                             "nothing in, and the next one removes it once it can") from None


def settle(out_dir: Path) -> None:
    """Complete the commit of a build killed after its journal of renames was in place, and remove what builds
    that died staged: under the lock, so never the commit of a build still running. A listing of the folder's
    top when there is nothing to do."""
    journal = out_dir / JOURNAL_NAME
    if os.path.lexists(journal) or os.path.lexists(temporary_of(journal)) or any(
            not _alive(out_dir, token) for token in _builds(out_dir)):
        with locked(out_dir, fcntl.LOCK_EX):
            recover(out_dir)
            sweep(out_dir)


@contextmanager
def consistent(out_dir: Path) -> Iterator[None]:
    """Read `out_dir` whole: no commit switches files meanwhile, and one a killed build left is completed first.
    For readers such as `serve`; a folder that does not exist yet is read as it is."""
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


def recover(out_dir: Path) -> None:
    """With the lock held: complete a commit whose journal of renames is in place (a journal not briefgen's,
    unreadable or naming paths it would never write, is dropped)."""
    state, renames = _read_journal(out_dir)
    if state == _SWITCHING:
        _roll_forward(out_dir, renames)
    else:
        _drop_journal(out_dir)


def sweep(out_dir: Path) -> None:
    """With the lock held and no journal left: remove the files that builds no longer running staged, and their
    lock files, and temporary files no build names (say, of an older briefgen), never looking into a link; one
    that cannot be removed is left for the next sweep (nothing reads it)."""
    builds = _builds(out_dir)
    alive = {token for token in builds if _alive(out_dir, token)}
    for folder, subfolders, names in os.walk(out_dir):
        subfolders[:] = [name for name in subfolders if not os.path.islink(os.path.join(folder, name))]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp") and _token_of(name) not in alive:
                with suppress(OSError):
                    os.unlink(os.path.join(folder, name))
    for token in builds - alive:
        with suppress(OSError):
            (out_dir / f"{_LOCK_PREFIX}{token}").unlink()


def _builds(out_dir: Path) -> set[str]:
    """The tokens of the builds that staged files in `out_dir` and have not cleared up (running, or dead)."""
    try:
        names = os.listdir(out_dir)
    except (FileNotFoundError, NotADirectoryError):
        return set()
    return {name.removeprefix(_LOCK_PREFIX) for name in names
            if name.startswith(_LOCK_PREFIX) and _TOKEN.fullmatch(name.removeprefix(_LOCK_PREFIX))}


def _alive(out_dir: Path, token: str) -> bool:
    """Whether the build that staged files under `token` still runs: it holds its lock file."""
    try:
        handle = os.open(out_dir / f"{_LOCK_PREFIX}{token}", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(handle)


def _token_of(name: str) -> str | None:
    """The build token in a staged file's name (`.brief.html.<token>.tmp`), if it has one."""
    parts = name.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and _TOKEN.fullmatch(parts[1]) else None


def _read_journal(out_dir: Path) -> tuple[str | None, list[tuple[Path, Path]]]:
    """The state and the renames of the journal in `out_dir`, each of a file staged beside its target inside
    `out_dir`; (None, []) if there is no such journal."""
    try:
        journal = json.loads(read_regular(out_dir / JOURNAL_NAME) or b"{}")
        if journal.get("format") != _JOURNAL_FORMAT or journal["state"] != _SWITCHING:
            return None, []
        renames = []
        for staged_name, target_name in journal["renames"]:
            staged, target = out_dir / staged_name, out_dir / target_name
            token = _token_of(staged.name)
            # An older briefgen staged under one name per target (`temporary_of`): its journal is completed too.
            if not inside(PurePosixPath(target_name)) or staged not in (
                    temporary_of(target), staged_of(target, token or "")):
                return None, []
            renames.append((staged, target))
        return str(journal["state"]), renames
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None, []


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def inside(relative: PurePosixPath) -> bool:
    """Whether a relative output path stays inside the output folder."""
    return bool(relative.parts) and not relative.is_absolute() and ".." not in relative.parts


def _relative(out_dir: Path, path: Path) -> str:
    return path.relative_to(out_dir).as_posix()


@contextmanager
def locked(folder: Path, kind: int) -> Iterator[None]:
    """Hold an advisory lock on `folder`: exclusive (`fcntl.LOCK_EX`) to write it, so two builds (say `serve`
    and `build`) never write it at once; shared to read it whole."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, kind)  # released by the kernel too if the process dies
        yield
    finally:
        os.close(handle)


def _sync(path: Path, flags: int) -> None:
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def temporary_of(target: Path) -> Path:
    """The name the journal is written under until it is renamed into place."""
    return target.with_name(f"{'' if target.name.startswith('.') else '.'}{target.name}.tmp")


def staged_of(target: Path, token: str) -> Path:
    """The name the build holding `token` stages `target` under until it is renamed into place: a dot-name `serve`
    never shows, of that build's own, so that two builds at once never write the same file."""
    return target.with_name(f"{'' if target.name.startswith('.') else '.'}{target.name}.{token}.tmp")


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path`, a new file (never through a link left there)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(stream.fileno(), 0o644)
        stream.write(data)
