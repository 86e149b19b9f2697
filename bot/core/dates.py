"""Date parsing for user input (python-dateutil), strict about ambiguity."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateutil_parser

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_RELATIVE = {"today": 0, "tomorrow": 1}


class DateError(ValueError):
    """A date the bot will not guess at; the message says what to write instead."""


def parse_date(text: str, today: date | None = None) -> date:
    """Parse '2026-09-15', '15 September 2026', 'Sep 15, 2026', 'today', 'tomorrow'.

    Numeric day/month forms where both readings are possible ('03/04/2026') are refused as
    ambiguous rather than guessed.
    """
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the common case: exact ISO 8601
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # read again below, for a message that says what is wrong
    value = " ".join(text.split()).strip(" ,")
    if not value:
        raise DateError("a date is empty; write it like 2026-09-15 or 15 September 2026")
    lowered = value.lower()
    if lowered in _RELATIVE:
        if today is None:
            raise DateError(f"'{value}' needs today's date")
        return today + timedelta(days=_RELATIVE[lowered])
    if _ISO.match(value):
        year, month, day = (int(part) for part in value.split("-"))
        return _build(value, year, month, day)
    numeric = _NUMERIC.match(value)
    if numeric:
        first, second, third = numeric.groups()
        if len(first) == 4:
            return _build(value, int(first), int(second), int(third))
        if len(third) != 4:
            raise DateError(f"'{value}' has no four-digit year; write it like 2026-09-15")
        a, b = int(first), int(second)
        if a <= 12 and b <= 12 and a != b:
            raise DateError(
                f"'{value}' is ambiguous (day/month or month/day?); "
                "write it like 2026-09-15 or 15 September 2026"
            )
        day, month = (a, b) if a > 12 else (b, a) if b > 12 else (a, b)
        return _build(value, int(third), month, day)
    if not _HAS_YEAR.search(value):
        raise DateError(f"'{value}' has no year; write it like 15 September 2026")
    try:
        parsed = dateutil_parser.parse(value, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError) as exc:
        raise DateError(
            f"'{value}' is not a date I can read ({exc}); write it like 2026-09-15 or 15 September 2026"
        ) from None
    if parsed.hour or parsed.minute or parsed.second:
        raise DateError(f"'{value}' looks like a time; give a calendar date like 2026-09-15")
    if not re.search(r"\d{1,2}\D+\d{4}|\d{4}\D+\d{1,2}|[a-z]+\s+\d{1,2}\b", value.lower()):
        raise DateError(f"'{value}' has no day of the month; write it like 15 September 2026")
    return parsed.date()


def _build(original: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateError(f"'{original}' is not a real date ({exc})") from None


def format_date(value: date) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


def format_range(start: date, end: date | None) -> str:
    if end is None or end == start:
        return format_date(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%b')} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"
