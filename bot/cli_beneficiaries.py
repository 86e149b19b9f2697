"""`art67bot members [--json]`, and the import's check for activities recorded already."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when a command runs, not when the parser is built (start-up time)
    from bot.core.records import NewActivity

KIND_LABELS = {"member": "Members", "observer": "Observers", "non-member": "Outside the WTO",
               "body": "Regional bodies"}


def add_member_commands(command) -> None:
    """Register `members` on the CLI's parser (`command(name, handler, help)` adds a subcommand)."""
    p = command("members", cmd_members, "list the WTO Members, observers and regional bodies beneficiaries "
                "may name (WTO names, ISO 3166 codes, LDC status)")
    p.add_argument("--json", action="store_true",
                   help='print a list of {"name", "code", "ldc", "kind", "name_fr", "name_es", "region", "variants"}')
    p.add_argument("--kind", choices=sorted(KIND_LABELS), help="only this kind")
    p.add_argument("--all", action="store_true",
                   help="also the economies outside the WTO that beneficiaries may name (kind \"non-member\")")


def cmd_members(args) -> int:
    """The WTO's Members, observers and bodies (kinds "member", "observer", "body"); with --all or
    --kind non-member, also the economies outside the WTO (Eritrea, Kiribati, Tuvalu…)."""
    from bot.core.beneficiaries import entries

    chosen = [e for e in entries() if (e.kind == args.kind if args.kind else args.all or e.kind != "non-member")]
    if args.json:
        print(json.dumps([e.to_json() for e in chosen], ensure_ascii=False, indent=2))
        return 0
    for kind, label in KIND_LABELS.items():
        group = [e for e in chosen if e.kind == kind]
        if not group:
            continue
        print(f"{label} ({len(group)}):")
        for entry in group:
            details = ", ".join(filter(None, (entry.code, "LDC" if entry.ldc else "")))
            print(f"  {entry.name}" + (f" ({details})" if details else ""))
    ldcs = sum(e.ldc for e in chosen)
    print(f"{len(chosen)} in all, {ldcs} least developed countries. A beneficiary may be written in English, "
          'French or Spanish, by ISO code or a common variant; a name outside the list as "NAME (other)".')
    return 0


def refuse_duplicates(session, lines: Sequence[int], items: Sequence[NewActivity], path) -> bool:
    """Print the lines that repeat a recorded activity or an earlier line; True when there were some."""
    from bot.core.checks import duplicate_errors, key_of
    from storage.activities import find_duplicates

    keys = [key_of(item) for item in items]  # once for both checks: folding 100k titles twice shows
    errors = duplicate_errors(lines, items, find_duplicates(session, items, keys), keys)
    if not errors:
        return False
    print(f"art67bot: {path} was not imported; nothing was written. These activities are recorded already "
          "(import with --allow-duplicates to record them all the same):", file=sys.stderr)
    for line, message in errors:
        print(f"  line {line}: {message}", file=sys.stderr)
    return True
