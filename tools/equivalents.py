"""The list of equivalent mutants (tools/equivalent_mutants.toml) and matching mutants against it.

An entry names a mutant by what survives edits elsewhere in the file: the module path, the
enclosing function (qualified name), the mutation as the tool prints it, the stripped text of the
line, and, when the same mutation appears more than once on that line, which occurrence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from tools.mutants import Mutant

DEFAULT_FILE = Path(__file__).with_name("equivalent_mutants.toml")
_REQUIRED = ("module", "function", "mutation", "line", "reason")

Key = tuple[str, str, str, str, int]


class EquivalentsError(ValueError):
    """The equivalent-mutant file cannot be read; the message says which entry and why."""


@dataclass(frozen=True)
class Equivalent:
    """One listed equivalent mutant and why it changes nothing a user could see."""

    module: str
    function: str
    mutation: str
    line: str
    occurrence: int
    reason: str

    def key(self) -> Key:
        return (self.module, self.function, self.mutation, self.line, self.occurrence)


def parse(text: str) -> list[Equivalent]:
    """The entries of an equivalent-mutant file's text (`[[mutant]]` tables)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EquivalentsError(f"not valid TOML: {exc}") from None
    entries = []
    for number, table in enumerate(data.get("mutant", []), start=1):
        missing = [name for name in _REQUIRED if not str(table.get(name, "")).strip()]
        if missing:
            raise EquivalentsError(f"entry {number} lacks {', '.join(missing)}")
        entries.append(Equivalent(table["module"], table["function"], table["mutation"],
                                  table["line"].strip(), int(table.get("occurrence", 1)), table["reason"]))
    return entries


def load(path: Path = DEFAULT_FILE) -> list[Equivalent]:
    """The entries of the file at `path` (none when it does not exist)."""
    return parse(path.read_text(encoding="utf-8")) if path.exists() else []


def duplicates(entries: list[Equivalent]) -> list[Equivalent]:
    """Entries naming a mutant an earlier entry already names (the later one's reason is used)."""
    seen: set[Key] = set()
    repeated = []
    for entry in entries:
        if entry.key() in seen:
            repeated.append(entry)
        seen.add(entry.key())
    return repeated


def match(mutants: list[Mutant], entries: list[Equivalent]) -> tuple[dict[int, Equivalent], list[Equivalent]]:
    """Which mutants (by number) are listed as equivalent, and the entries of their modules that match none."""
    by_key = {entry.key(): entry for entry in entries}
    found = {m.number: by_key[m.key()] for m in mutants if m.key() in by_key}
    modules = {m.module for m in mutants}
    used = {entry.key() for entry in found.values()}
    stale = [entry for entry in entries if entry.module in modules and entry.key() not in used]
    return found, stale
