"""File changes → reasons to rebuild: which changes can alter the output (the templates, the content files, and
every file the last build read), batched and debounced by watchfiles."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from briefgen.content.files import CONTENT_SUFFIXES


class ChangeFilter(watchfiles.DefaultFilter):
    """Changes that can alter the output: content files, the files the last build read (`inputs`: reference
    files, figures, brand files, logos, fonts, Office templates), templates; never the output, nor an editor's
    or a tool's temporary files beside the content."""

    def __init__(self, paths: tuple[Path, ...], templates_dir: Path, out_dir: Path) -> None:
        super().__init__()
        self.content_folders = {path.resolve() for path in paths if path.is_dir()}
        self.content_files = {path.resolve() for path in paths if not path.is_dir()}
        self.templates_dir = templates_dir.resolve()
        self.out_dir = out_dir.resolve()
        self.inputs: frozenset[Path] | None = None
        """Every file the last build read (`BuildResult.inputs`); None before the first build and after a
        failed one, when any file beside the content may be the one it was missing."""

    def roots(self) -> list[Path]:
        """Folders to watch (recursively: figures may sit in a subfolder beside their content file)."""
        parents = {path.parent for path in self.content_files}
        return sorted(self.content_folders | parents | {self.templates_dir})

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if not super().__call__(change, path) or changed.is_relative_to(self.out_dir):
            return False
        if changed.is_relative_to(self.templates_dir) or changed in self.content_files:
            return True
        if changed.suffix in CONTENT_SUFFIXES and changed.parent in self.content_folders:
            return True  # a content file changed, added or removed: folders are searched as `discover` does
        inputs = self.inputs
        if inputs is None:
            return any(changed.is_relative_to(folder) for folder in self.roots())
        return changed in inputs


def watch(on_change: Callable[[str], None], changes_filter: ChangeFilter, stopped: threading.Event) -> None:
    """Call `on_change` with a reason ("brief.yaml changed") after each batch of changes, until `stopped`."""
    try:
        for changes in watchfiles.watch(*changes_filter.roots(), watch_filter=changes_filter,
                                        stop_event=stopped, raise_interrupt=False):
            on_change(_reason(changes))
    except Exception as exc:  # e.g. a watched folder was removed: say so, and keep serving what was built
        print(f"error: stopped watching for changes ({type(exc).__name__}: {exc}); restart `briefgen serve`",
              file=sys.stderr, flush=True)


def _reason(changes: set[tuple[watchfiles.Change, str]]) -> str:
    names = sorted({Path(path).name for _, path in changes})
    return f"{names[0]} changed" if len(names) == 1 else f"{len(names)} files changed"
