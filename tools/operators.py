"""Mutation operators: the changes the mutation tester can make at one syntax-tree node.

Each change is given twice: as text edits at the node's position in the source (what is run),
and as the replacement of one slot of the tree (what the edit must parse to; see
tools/mutants.py). Comparisons flip (< <=, > >=, == !=, in / not in, is / is not), `and` and `or`
swap, arithmetic swaps (+ -, * /, // /, % /, ** *, also in augmented assignments), numbers move by
one up and down, True and False swap, `if`/`while`/conditional-expression/comprehension conditions
are negated, `not` is removed, `return value` becomes `return None`, and, optionally, a string
constant s becomes 'XX' + s + 'XX'.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

_COMPARE_FLIPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], str, str, str]] = {
    # operator: (replacement, pattern of its token in the source, old text, new text)
    ast.Lt: (ast.LtE, r"<", "<", "<="),
    ast.LtE: (ast.Lt, r"<=", "<=", "<"),
    ast.Gt: (ast.GtE, r">", ">", ">="),
    ast.GtE: (ast.Gt, r">=", ">=", ">"),
    ast.Eq: (ast.NotEq, r"==", "==", "!="),
    ast.NotEq: (ast.Eq, r"!=", "!=", "=="),
    ast.In: (ast.NotIn, r"\bin\b", "in", "not in"),
    ast.NotIn: (ast.In, r"\bnot\s+in\b", "not in", "in"),
    ast.Is: (ast.IsNot, r"\bis\b", "is", "is not"),
    ast.IsNot: (ast.Is, r"\bis\s+not\b", "is not", "is"),
}
_BINOP_SWAPS: dict[type[ast.operator], tuple[type[ast.operator], str, str, str]] = {
    ast.Add: (ast.Sub, r"\+", "+", "-"),
    ast.Sub: (ast.Add, r"-", "-", "+"),
    ast.Mult: (ast.Div, r"(?<!\*)\*(?!\*)", "*", "/"),
    ast.Div: (ast.Mult, r"(?<!/)/(?!/)", "/", "*"),
    ast.FloorDiv: (ast.Div, r"//", "//", "/"),
    ast.Mod: (ast.Div, r"%", "%", "/"),
    ast.Pow: (ast.Mult, r"\*\*", "**", "*"),
}
_BOOL_SWAPS: dict[type[ast.boolop], tuple[type[ast.boolop], str, str]] = {
    ast.And: (ast.Or, "and", "or"),
    ast.Or: (ast.And, "or", "and"),
}
_NEGATED = {ast.If: "if", ast.While: "while", ast.IfExp: "conditional expression"}


@dataclass(frozen=True)
class Edit:
    """Replace the UTF-8 bytes [start, end) of the source with `text`."""

    start: int
    end: int
    text: str


@dataclass
class Change:
    """A candidate: its text edits, and the same change as a replacement of one tree slot."""

    node: ast.AST
    mutation: str
    edits: tuple[Edit, ...]
    owner: ast.AST  # the tree change: owner.<field>[index] = new (index None: owner.<field> = new)
    field: str
    index: int | None
    new: object


class Source:
    """A module's source as UTF-8 bytes, with byte offsets for AST positions."""

    def __init__(self, text: str):
        self.data = text.encode("utf-8")
        self.lines = text.splitlines()
        self.starts = [0]
        for line in self.data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def start(self, node: ast.AST) -> int:
        return self.starts[node.lineno - 1] + node.col_offset

    def end(self, node: ast.AST) -> int:
        return self.starts[node.end_lineno - 1] + node.end_col_offset

    def text(self, node: ast.AST) -> str:
        return self.data[self.start(node):self.end(node)].decode("utf-8")

    def token(self, after: ast.AST, before: ast.AST, pattern: str, new: str) -> Edit | None:
        """An edit replacing the first `pattern` between two sibling nodes with `new`."""
        gap_start, gap_end = self.end(after), self.start(before)
        found = re.search(pattern, self.data[gap_start:gap_end].decode("utf-8"))
        if found is None:
            return None
        prefix = len(found.string[:found.start()].encode("utf-8"))
        length = len(found.group().encode("utf-8"))
        return Edit(gap_start + prefix, gap_start + prefix + length, new)

    def replace(self, node: ast.AST, new: str) -> Edit:
        return Edit(self.start(node), self.end(node), new)


def apply(source: str, edits: tuple[Edit, ...]) -> str:
    """The source with the edits made (byte offsets of the original)."""
    data = source.encode("utf-8")
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        data = data[:edit.start] + edit.text.encode("utf-8") + data[edit.end:]
    return data.decode("utf-8")


def _short(value: str, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 4] + "...'"


def changes(node: ast.AST, src: Source, slots: dict, strings: bool) -> Iterator[Change]:
    """Every candidate change at one node."""
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        for index, op in enumerate(node.ops):
            new_op, pattern, old, new = _COMPARE_FLIPS[type(op)]
            edit = src.token(operands[index], operands[index + 1], pattern, new)
            if edit:
                yield Change(node, f"'{old}' -> '{new}'", (edit,), node, "ops", index, new_op())
    elif isinstance(node, ast.BoolOp):
        new_op, old, new = _BOOL_SWAPS[type(node.op)]
        edits = [src.token(a, b, rf"\b{old}\b", new) for a, b in zip(node.values, node.values[1:])]
        # keep the grouping: `a and b or c` becomes `(a or b) or c`, not the flat `a or b or c`
        grouped = [value for value in node.values if isinstance(value, ast.BoolOp)]
        if isinstance(slots[id(node)][0], ast.BoolOp):
            grouped.append(node)
        for inner in grouped:
            edits += [Edit(src.start(inner), src.start(inner), "("), Edit(src.end(inner), src.end(inner), ")")]
        if all(edits):
            yield Change(node, f"'{old}' -> '{new}'", tuple(sorted(edits, key=lambda e: e.start)), node, "op",
                         None, new_op())
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOP_SWAPS:
        new_op, pattern, old, new = _BINOP_SWAPS[type(node.op)]
        if isinstance(node, ast.AugAssign):
            pattern, old, new = pattern + "=", old + "=", new + "="
            left, right = node.target, node.value
        else:
            left, right = node.left, node.right
        edit = src.token(left, right, pattern, new)
        if edit:
            yield Change(node, f"'{old}' -> '{new}'", (edit,), node, "op", None, new_op())
    elif isinstance(node, ast.Constant):
        yield from _constant_changes(node, src, slots, strings)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        parent, name, index = slots[id(node)]
        edit = src.replace(node, f"({src.text(node.operand)})")
        yield Change(node, "'not x' -> 'x'", (edit,), parent, name, index, node.operand)
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            edit = src.replace(node, "return None")
            yield Change(node, "'return value' -> 'return None'", (edit,), node, "value", None,
                         ast.Constant(None))
    if type(node) in _NEGATED:
        test = node.test  # type: ignore[attr-defined]
        edit = src.replace(test, f"not ({src.text(test)})")
        yield Change(test, f"negate {_NEGATED[type(node)]} condition", (edit,), node, "test", None,
                     ast.UnaryOp(ast.Not(), test))
    elif isinstance(node, ast.comprehension):
        for index, test in enumerate(node.ifs):
            edit = src.replace(test, f"not ({src.text(test)})")
            yield Change(test, "negate comprehension filter", (edit,), node, "ifs", index,
                         ast.UnaryOp(ast.Not(), test))


def _constant_changes(node: ast.Constant, src: Source, slots: dict, strings: bool) -> Iterator[Change]:
    value = node.value
    if isinstance(value, bool):
        yield Change(node, f"{value} -> {not value}", (src.replace(node, str(not value)),),
                     node, "value", None, not value)
    elif isinstance(value, (int, float)):
        for new in (value + 1, value - 1):
            if new == value:  # a float too large to change by one
                continue
            mutation = f"{value!r} -> {new!r}"
            if new < 0:  # a negative number is a unary minus on a positive constant
                parent, name, index = slots[id(node)]
                yield Change(node, mutation, (src.replace(node, f"({new!r})"),), parent, name, index,
                             ast.UnaryOp(ast.USub(), ast.Constant(-new)))
            else:
                yield Change(node, mutation, (src.replace(node, repr(new)),), node, "value", None, new)
    elif isinstance(value, str) and strings:
        new = f"XX{value}XX"
        yield Change(node, f"{_short(value)} -> {_short(new)}", (src.replace(node, repr(new)),),
                     node, "value", None, new)


