"""Paths given on the command line → the content files they name. Light: imported by every build, even one
that finds nothing to do."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefgen.errors import ContentError, Location, UsageError
from briefgen.rules import UNUSABLE_FILE

CONTENT_SUFFIXES = (".yaml", ".yml")


def discover(paths: Sequence[Path]) -> list[Path]:
    """Content files named by `paths`: files as given, folders searched (not recursively) for *.yaml and *.yml,
    except files whose names start with `_`: settings beside the content, such as a `_brand.yml`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for candidate in sorted(path.iterdir()):
                if candidate.suffix in CONTENT_SUFFIXES and not candidate.name.startswith("_") and candidate.is_file():
                    if not candidate.resolve().is_relative_to(folder):
                        raise ContentError([UNUSABLE_FILE.found("is a link to a file outside its folder; refused",
                                                                Location(candidate, 1, 1))])
                    found.append(candidate)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such content file or folder: {path}")
    if not found:
        raise UsageError(f"no content files (*.yaml) in {', '.join(map(str, paths))}")
    return found
