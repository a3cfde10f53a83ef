"""A build's changed files → switched into the output folder together, by a journal of renames; a journal a killed
build left → completed or undone before anyone reads the folder (see docs/architecture.md).

Every changed file is written beside its target under a temporary dot-name and synced; a journal in state
`writing` names them; a journal in state `switching` (the commit point) lists the renames, which are then done
and the journal removed. A reader finding a `writing` journal removes the temporary files (the folder holds the
previous build); one finding a `switching` journal does the renames left (the folder holds the new build).

A file that cannot be changed (made immutable, in a read-only folder) never ends in a traceback: while writing,
the commit is undone and the error names the file; while switching, the error names the file the rename could
not replace and the journal stays, so that each later run retries it and says so until it can be done. A
journal is never left that the next run cannot act on.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from briefgen.errors import UsageError

MANIFEST_NAME = ".briefgen-manifest.json"
JOURNAL_NAME = ".briefgen-journal.json"
"""Present only while a commit renames its files into place: the renames still to do."""
_JOURNAL_FORMAT = 1
_WRITING, _SWITCHING = "writing", "switching"
"""A journal's states: the temporary files it names are being written (undo), or renamed into place (complete)."""
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


def switch(out_dir: Path, files: dict[Path, bytes]) -> None:
    """Journal the files about to be written, write them under temporary names, journal their renames, rename
    them into place, drop the journal."""
    renames = [(temporary_of(target), target) for target in files]
    try:
        _put_journal(out_dir, _WRITING, renames)
        after_step("journal of the files to write in place")
        for target, data in files.items():
            try:
                write_temporary(target, data)
            except OSError as exc:  # a full disk, a read-only folder: the folder keeps the previous build
                raise UsageError(f"cannot write {target}: {exc.strerror or exc}; nothing was written") from None
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
    """Do the journal's renames not done yet (a temporary file gone is a rename done), then drop the journal. A
    rename refused is an error naming its target, and the journal stays for the next run to complete."""
    try:
        for temporary, target in renames:
            if _is_regular(temporary):
                if target != out_dir / MANIFEST_NAME:  # a manifest that is a link or a FIFO is replaced, not refused
                    refuse_links(out_dir, PurePosixPath(_relative(out_dir, target)))
                os.replace(temporary, target)
                after_step(f"renamed {_relative(out_dir, target)}")
        for folder in {target.parent for _, target in renames}:
            _sync_folder(folder)
        (out_dir / JOURNAL_NAME).unlink()
        _sync_folder(out_dir)
    except OSError as exc:
        where = exc.filename2 or exc.filename or out_dir  # a rename names the file it would replace second
        raise UsageError(f"cannot replace {where}: {exc.strerror or exc}; the build's other files wait in the "
                         "output folder's journal, and the next build or check puts them in place once it can "
                         "be replaced") from None
    after_step("journal removed")


def _roll_back(out_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files a commit that never reached its renames wrote, then its journal. A temporary
    file that cannot be removed is left (a dot-name nothing reads; `sweep` tries again), so that the journal
    never outlives the commit it undoes: one that cannot be removed is an error naming it."""
    for temporary, _ in renames:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
    for journal in (out_dir / JOURNAL_NAME, temporary_of(out_dir / JOURNAL_NAME)):
        try:
            journal.unlink(missing_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot remove {journal}: {exc.strerror or exc}; the build it belongs to wrote "
                             "nothing, and the next one removes it once it can") from None


def settle(out_dir: Path) -> None:
    """Complete the commit of a build killed after its journal of renames was in place, or undo one killed
    before: under the lock, so never the commit of a build still running. Two lookups when there is none."""
    journal = out_dir / JOURNAL_NAME
    if os.path.lexists(journal) or os.path.lexists(temporary_of(journal)):
        with locked(out_dir, fcntl.LOCK_EX):
            recover(out_dir)


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


def recover(out_dir: Path) -> None:
    """With the lock held: complete a commit whose journal of renames is in place, else undo it (a journal not
    briefgen's, unreadable or naming paths it would never write, is dropped)."""
    state, renames = _read_journal(out_dir)
    if state == _SWITCHING:
        _roll_forward(out_dir, renames)
    else:
        _roll_back(out_dir, renames)


def sweep(out_dir: Path) -> None:
    """Remove temporary files that no journal names (say, of an older briefgen), never looking into a link; one
    that cannot be removed is left for the next sweep (nothing reads it)."""
    for folder, subfolders, names in os.walk(out_dir):
        subfolders[:] = [name for name in subfolders if not os.path.islink(os.path.join(folder, name))]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                with suppress(OSError):
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
            if not inside(PurePosixPath(target_name)) or temporary != temporary_of(target):
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


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def holds(target: Path, data: bytes) -> bool:
    """Whether `target` is a regular file holding exactly `data` (so it need not be written again)."""
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
