"""Content paths in a git repository and a revision → the content files as they were then, written to a folder:
each path's folder exported (the content, its reference and data files), read with `git`, never a shell; and the
problems found in them placed back where their author knows them, `content/x.yaml@HEAD~1:12:3`."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from briefgen.content.files import CONTENT_SUFFIXES
from briefgen.errors import ContentError, Problem, UsageError

GIT_SECONDS = 30
"""How long one `git` command may take before the diff gives up on it."""


def git(root: Path, *args: str) -> bytes:
    """`git ARGS` in `root`: its output, or a usage error saying what git said."""
    try:
        completed = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=GIT_SECONDS,
                                   check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"git {' '.join(args)}: {exc}") from None
    if completed.returncode != 0:
        said = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args)}: {said[-1] if said else 'failed'}")
    return completed.stdout


def repository(path: Path) -> Path:
    """The top of the git repository that holds `path`."""
    folder = path if path.is_dir() else path.parent
    return Path(git(folder.resolve(), "rev-parse", "--show-toplevel").decode().strip()).resolve()


def revision_range(text: str) -> tuple[str, str]:
    """`A..B` → (A, B); a revision that could be read as an option is refused."""
    old, dots, new = text.partition("..")
    if not (dots and old and new) or old.startswith("-") or new.startswith("-") or new.startswith("."):
        raise UsageError(f"--rev {text!r} is not A..B, e.g. v2..HEAD")
    return old, new


def exported(paths: Sequence[Path], revision: str, into: Path) -> dict[Path, Path]:
    """The content files `paths` name (files, or folders of them) as they were at `revision`, written below
    `into` with their folders' other files: each by its path in the repository. A file missing then is left out."""
    root = repository(paths[0])
    found: dict[Path, Path] = {}
    for path in paths:
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise UsageError(f"{path} is outside the repository at {root}; refused")
        relative = resolved.relative_to(root)
        folder = relative if path.is_dir() else relative.parent
        written = _export_folder(root, revision, folder, into)
        found.update({name: into / name for name in written
                      if (name == relative or (path.is_dir() and name.suffix in CONTENT_SUFFIXES
                                               and not name.name.startswith("_")))})
    return found


def _export_folder(root: Path, revision: str, folder: Path, into: Path) -> list[Path]:
    """The files directly in `folder` at `revision`, written below `into`; their paths in the repository."""
    listing = git(root, "ls-tree", "-z", revision, "--", f"{folder.as_posix()}/" if folder.parts else ".")
    written = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.decode("utf-8", "surrogateescape").partition("\t")
        if meta.split()[1] != "blob":
            continue
        relative = Path(name)
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git(root, "show", f"{revision}:{relative.as_posix()}"))
        written.append(relative)
    return written


def as_written(error: ContentError, exports: Mapping[Path, str]) -> ContentError:
    """`error` with each file exported below a folder of `exports` (by the revision exported into it) named by its
    path in the repository at that revision, in its problems' locations and messages: the author has no
    scratch folder, but knows `content/x.yaml@HEAD~1`."""
    problems = error.problems
    for into, revision in exports.items():
        problems = [_placed(problem, into, revision) for problem in problems]
    return ContentError(problems)


def _placed(problem: Problem, into: Path, revision: str) -> Problem:
    location, message = problem.location, problem.message
    for folder in {into, into.resolve()}:  # a path read resolved names the folder as the resolved one
        if location is not None and location.file.is_relative_to(folder):
            location = replace(location, file=Path(f"{location.file.relative_to(folder).as_posix()}@{revision}"))
        message = re.sub(re.escape(f"{folder}/") + r"([^\s,;:'\"()]+)",
                         lambda match: f"{match[1]}@{revision}", message)
    return replace(problem, location=location, message=message)
