"""Test selection: the test files that import a module, directly or through other project modules.

The scan is static: every `import` and `from … import` statement (at any depth, so imports
inside functions count) of the files under bot/, storage/ and tests/ is read with `ast`.
Importing `a.b.c` also imports the packages `a` and `a.b`. A test file is selected when a chain
of such imports leads from it to the module; the closest ones come first, so that a mutant is
usually killed by the first tests pytest runs.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

PACKAGES = ("bot", "storage", "tests")


def module_name(path: Path, root: Path) -> str:
    """'bot/core/periods.py' -> 'bot.core.periods'; 'bot/core/__init__.py' -> 'bot.core'."""
    parts = list(path.resolve().relative_to(root.resolve()).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path) -> dict[str, Path]:
    """Every module of the scanned packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "__pycache__" not in path.parts:
                found[module_name(path, root)] = path
    return found


def _with_parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:n]) for n in range(1, len(parts) + 1)}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules the file at `path` (module `name`) imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found |= _with_parents(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(part for part in [*base_parts, node.module or ""] if part)
            else:
                base = node.module or ""
            found |= _with_parents(base)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found |= _with_parents(f"{base}.{alias.name}")
    return found & known


def importers(root: Path) -> dict[str, set[str]]:
    """For each project module, the project modules that import it directly."""
    modules = project_modules(root)
    known = set(modules)
    reverse: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imported in imports_of(path, name, known):
            if imported != name:
                reverse[imported].add(name)
    return reverse


def is_test_file(path: Path) -> bool:
    return path.name.startswith("test_") and path.suffix == ".py"


def select_tests(root: Path, target: Path) -> list[Path]:
    """Test files (relative to root) importing `target` directly or through other modules, nearest first."""
    return [path for path, _ in select_with_distance(root, target)]


def select_with_distance(root: Path, target: Path) -> list[tuple[Path, int]]:
    """The selected test files with their distance: how many imports lead from each to `target`."""
    modules = project_modules(root)
    reverse = importers(root)
    start = module_name(target, root)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for importer in reverse.get(current, ()):
            if importer not in distance:
                distance[importer] = distance[current] + 1
                queue.append(importer)
    chosen = [(hops, name) for name, hops in distance.items()
              if name.startswith("tests.") and is_test_file(modules[name])]
    return [(modules[name].relative_to(root), hops) for hops, name in sorted(chosen)]
