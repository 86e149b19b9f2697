"""Checks on new activities beyond their fields: duplicates of recorded ones, and starts in the past.

An activity duplicates another when it has the same title (ignoring case, accents and spacing), the same
start date and the same agency. Storage finds recorded ones (`storage.activities.find_duplicates`);
this module finds them within a batch and words the messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bot.core.records import NewActivity
from bot.core.text import fold, fold_once

DUPLICATE_OVERRIDE = "allow-duplicate: yes"
_YES = {"yes", "y", "true", "1", "on", "oui", "si", "sí"}


def duplicate_key(title: str, start: date, agency: str) -> tuple[str, date, str]:
    """What two records of one activity share: folded title, start date, agency acronym (folded)."""
    return fold_once(title), start, fold(agency)


def key_of(item: NewActivity) -> tuple[str, date, str]:
    return duplicate_key(item.title, item.start_date, item.agency)


def duplicates_within(items: Sequence[NewActivity], keys: Sequence[tuple] | None = None) -> dict[int, int]:
    """{index: index of the first item it repeats}, for items repeating an earlier one of the batch
    (`keys`: the items' key_of, when already computed)."""
    first: dict[tuple, int] = {}
    found: dict[int, int] = {}
    for index, item in enumerate(items):
        k = keys[index] if keys is not None else key_of(item)
        if k in first:
            found[index] = first[k]
        else:
            first[k] = index
    return found


def duplicate_message(activity_id: int) -> str:
    return (f"this activity is already recorded as #{activity_id} (same title, start date and agency); "
            f"`/activities show {activity_id}` shows it")


def duplicate_errors(lines: Sequence[int], items: Sequence[NewActivity],
                     stored: Mapping[int, int], keys: Sequence[tuple] | None = None) -> list[tuple[int, str]]:
    """(line, message) for each item recorded already (`stored`: index -> id) or repeating an earlier
    line of the same file, in line order."""
    errors = []
    within = duplicates_within(items, keys)
    for index, line in enumerate(lines):
        if index in stored:
            errors.append((line, f"already recorded as #{stored[index]} (same title, start date and agency)"))
        elif index in within:
            errors.append((line, f"repeats line {lines[within[index]]} (same title, start date and agency)"))
    return errors


def is_yes(value: str) -> bool | None:
    """True for yes, False for no, None for anything else."""
    word = " ".join((value or "").lower().split())
    if word in _YES:
        return True
    if word in {"no", "n", "false", "0", "off", "non"}:
        return False
    return None


def ago(start: date, today: date) -> str:
    """How long ago `start` was, in words: "yesterday", "5 days ago", "3 weeks ago", "3 months ago"."""
    days = (today - start).days
    if days <= 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 61:
        return f"{days // 7} weeks ago"
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
    if months < 24:
        return f"{max(months, 2)} months ago"
    return f"{months // 12} years ago"


def past_note(start: date, today: date) -> str:
    """A note for an activity that started before today ("" for one that starts today or later)."""
    if start >= today:
        return ""
    return f"This activity started {ago(start, today)}; recorded for the report."
