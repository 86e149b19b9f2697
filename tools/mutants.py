"""Mutant generation: every small, single change the mutation tester makes to one module.

Mutants are found on the module's syntax tree (stdlib `ast`, operators in tools/operators.py) and
applied as text edits at the nodes' positions, so every other character, comment and line number
of the module stays as it was. Each edit is checked: the edited source must parse to exactly the
tree that the same change makes to the original tree; an edit that does not is reported as
unverified and never run.

Not mutated: docstrings and other bare string statements, annotations, `from __future__`
imports, and the arguments of logging calls (they only make up a log message).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from tools.operators import Change, Edit, Source, apply, changes

__all__ = ["Edit", "Generated", "Mutant", "apply", "generate"]

_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}


@dataclass(frozen=True)
class Mutant:
    """One change to one module, where it is, and the key that names it across edits of the file."""

    module: str  # path from the project root, e.g. "bot/core/periods.py"
    number: int  # 1-based, in source order
    line: int
    col: int
    qualname: str  # enclosing function or class, e.g. "Period.contains"; "<module>" at top level
    mutation: str  # e.g. "'<' -> '<='"
    line_text: str  # the stripped source line the change starts on
    occurrence: int  # 1, or n for the n-th identical mutation of that line
    edits: tuple[Edit, ...] = field(repr=False)

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line}"

    def key(self) -> tuple[str, str, str, str, int]:
        """What stays the same while lines move: module, function, mutation, line text, occurrence."""
        return (self.module, self.qualname, self.mutation, self.line_text, self.occurrence)


@dataclass
class Generated:
    """The mutants of one module, and the changes whose text edit failed its check."""

    mutants: list[Mutant]
    unverified: list[str]


def _excluded(tree: ast.Module) -> set[int]:
    """ids of nodes never mutated: bare string statements, annotations, logging-call arguments."""
    skip: set[int] = set()

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(inner) for inner in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            drop(node)
        elif isinstance(node, ast.arg):
            drop(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            drop(node.returns)
        elif isinstance(node, ast.AnnAssign):
            drop(node.annotation)
        elif isinstance(node, ast.ImportFrom) and node.module == "__future__":
            drop(node)
        elif isinstance(node, ast.Call) and _is_logging(node):
            for argument in [*node.args, *node.keywords]:
                drop(argument)
        elif isinstance(node, ast.JoinedStr):  # literal parts of f-strings and format specs
            skip.update(id(part) for part in ast.walk(node) if isinstance(part, ast.Constant))
    return skip


def _is_logging(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _LOG_METHODS:
        return False
    owner = func.value
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    return "log" in name.lower()


def _scopes(tree: ast.Module) -> dict[int, str]:
    """The qualified name of the function or class around each node ("<module>" at top level)."""
    scope_of: dict[int, str] = {}

    def visit(node: ast.AST, scope: str) -> None:
        scope_of[id(node)] = scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope = node.name if scope == "<module>" else f"{scope}.{node.name}"
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, "<module>")
    return scope_of


def _slots(tree: ast.Module) -> dict[int, tuple[ast.AST, str, int | None]]:
    """Where each node hangs in the tree: (parent, field, index in the field's list or None)."""
    slots: dict[int, tuple[ast.AST, str, int | None]] = {}
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, ast.AST):
                slots[id(value)] = (parent, name, None)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        slots[id(item)] = (parent, name, index)
    return slots


def _first_line(stmt: ast.stmt) -> int:
    """The statement's first line, its decorators included."""
    return min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])


def _verified(source: str, tree: ast.Module, change: Change) -> bool:
    """Whether the text edit parses to the tree the same change makes.

    Only the top-level statement holding the change is compared (the text outside the edit is
    unchanged, and an edit that upsets the statements after it changes their number).
    """
    try:
        mutated = ast.parse(apply(source, change.edits))
    except SyntaxError:
        return False
    line = change.node.lineno
    top = next(i for i, stmt in enumerate(tree.body) if _first_line(stmt) <= line <= stmt.end_lineno)
    if len(mutated.body) != len(tree.body):
        return False
    slot = getattr(change.owner, change.field)
    old = slot if change.index is None else slot[change.index]
    if change.index is None:
        setattr(change.owner, change.field, change.new)
    else:
        slot[change.index] = change.new
    try:
        expected = ast.dump(tree.body[top])
    finally:
        if change.index is None:
            setattr(change.owner, change.field, old)
        else:
            slot[change.index] = old
    return ast.dump(mutated.body[top]) == expected


def generate(source: str, module: str, strings: bool = False) -> Generated:
    """All mutants of a module's source, in source order, numbered from 1."""
    tree = ast.parse(source)
    src = Source(source)
    skip, scope_of, slots = _excluded(tree), _scopes(tree), _slots(tree)
    found = [change for node in ast.walk(tree) if id(node) not in skip
             for change in changes(node, src, slots, strings)]
    found.sort(key=lambda c: (c.edits[0].start, c.mutation))
    mutants: list[Mutant] = []
    unverified: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for change in found:
        line = change.node.lineno
        where = f"{module}:{line}  {change.mutation}"
        if not _verified(source, tree, change):
            unverified.append(where)
            continue
        line_text = src.lines[line - 1].strip()
        qualname = scope_of[id(change.node)]
        same = (qualname, change.mutation, line_text)
        seen[same] = count = seen.get(same, 0) + 1
        mutants.append(Mutant(module, len(mutants) + 1, line, change.node.col_offset, qualname,
                              change.mutation, line_text, count, change.edits))
    return Generated(mutants, unverified)
