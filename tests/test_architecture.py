"""The package's shape, as docs/architecture.md draws it: stages import only earlier stages, no cycles, and
the heavy engines (Jinja, WeasyPrint) only where they are needed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "briefgen"
STAGES = ["errors", "rules", "content", "views", "lint", "render", "pipeline", "serve", "check", "cli"]
"""In pipeline order; `briefgen` itself (the version) and `__main__` stand outside it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports: at the top, inside a function, or for type checking only (a cycle of types
    is still a cycle: neither module can be read without the other)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from briefgen.x import y`
    return found


GRAPH = {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}
MODULES = set(GRAPH)


def internal(name: str) -> set[str]:
    return {target for target in GRAPH[name] if target in MODULES and target != name}


def stage(name: str) -> int:
    part = name.split(".")[1] if "." in name else ""
    return STAGES.index(part) if part in STAGES else -1


def test_stages_import_only_earlier_stages() -> None:
    backwards = [(name, target) for name in MODULES for target in internal(name)
                 if stage(name) >= 0 and stage(target) > stage(name)]
    assert backwards == []


def test_there_is_no_import_cycle() -> None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        assert name not in visiting, f"import cycle: {' → '.join([*visiting[visiting.index(name):], name])}"
        if name in done:
            return
        visiting.append(name)
        for target in internal(name):
            visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(MODULES):
        visit(name)


MAX_MODULE_LINES = 400


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in
               ((module_name(path), path) for path in PACKAGE.rglob("*.py"))}
    assert {name: length for name, length in lengths.items() if length > MAX_MODULE_LINES} == {}


def test_engines_are_imported_by_one_module_each() -> None:
    def importers(engine: str) -> set[str]:
        return {name for name, targets in GRAPH.items() if any(t == engine or t.startswith(f"{engine}.")
                                                                for t in targets)}

    assert importers("weasyprint") == {"briefgen.render.pdf"}
    assert importers("jinja2") == {"briefgen.render.html"}
    assert importers("yaml") == {"briefgen.content.loader"}


def test_content_and_views_load_no_template_or_layout_engine() -> None:
    """Imported for real, with everything they import in turn."""
    stages = sorted(name for name in MODULES if stage(name) in (STAGES.index("content"), STAGES.index("views")))
    script = (f"import sys\nfor name in {stages!r}: __import__(name)\n"
              "print(sorted({'jinja2', 'weasyprint'} & set(sys.modules)))")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                               check=True, timeout=60)
    assert len(stages) > 8 and completed.stdout.strip() == "[]"


def test_the_registry_and_the_command_line_load_no_stage_beyond_what_they_name() -> None:
    script = ("import sys, briefgen.cli\n"
              "print(sorted({'yaml', 'pydantic', 'jinja2', 'markdown', 'weasyprint'} & set(sys.modules)))")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                               check=True, timeout=60)
    assert completed.stdout.strip() == "[]"
