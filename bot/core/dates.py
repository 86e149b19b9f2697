"""Date parsing for user input (python-dateutil), strict about ambiguity."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateutil_parser

from bot.core.text import fold

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# day, month and year in numbers, separated by / . - or a space ("15 09 2026" reads as "15/09/2026")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\- ](\d{1,2})[/.\- ](\d{1,4})$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_RELATIVE = {"today": 0, "tomorrow": 1}
_WEEKDAYS = {name: n for n, names in enumerate((
    ("monday", "mon", "lundi", "lunes"), ("tuesday", "tue", "tues", "mardi", "martes"),
    ("wednesday", "wed", "mercredi", "miercoles"), ("thursday", "thu", "thur", "thurs", "jeudi", "jueves"),
    ("friday", "fri", "vendredi", "viernes"), ("saturday", "sat", "samedi", "sabado"),
    ("sunday", "sun", "dimanche", "domingo"))) for name in names}
_WEEKDAY = re.compile(r"^(?:(next|this|on|coming)\s+)?([a-z]+)$")
# French and Spanish month names (without accents), read as the English ones
_MONTHS = {
    "janvier": "January", "fevrier": "February", "mars": "March", "avril": "April", "mai": "May", "juin": "June",
    "juillet": "July", "aout": "August", "septembre": "September", "octobre": "October", "novembre": "November",
    "decembre": "December", "enero": "January", "febrero": "February", "marzo": "March", "abril": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August", "septiembre": "September",
    "setiembre": "September", "octubre": "October", "noviembre": "November", "diciembre": "December",
}
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_ORDINAL = re.compile(r"(?<=\d)(?:er|re|o)\b")  # "1er juillet", "1o de julio"
_FILLERS = re.compile(r"\b(?:de|del|le|el|er|premier)\b")  # "1er juillet", "1 de julio de 2027"
_SHORT_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]{3,})\.?,?\s+(\d{2})$|^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{2})$")
_WITH_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}")


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
    lowered = fold(value)
    if value[0] in "+-−" and value[1:2].isdigit():
        raise DateError(f"'{value}' has a sign; a date has none: write it like 2026-09-15")
    if lowered in _RELATIVE:
        if today is None:
            raise DateError(f"'{value}' needs today's date")
        return today + timedelta(days=_RELATIVE[lowered])
    weekday = _WEEKDAY.match(lowered)
    if weekday and weekday.group(2) in _WEEKDAYS:
        if today is None:
            raise DateError(f"'{value}' needs today's date")
        ahead = (_WEEKDAYS[weekday.group(2)] - today.weekday()) % 7
        if weekday.group(1) == "next" and ahead == 0:
            ahead = 7  # "next tuesday" on a Tuesday is a week away; "tuesday" is today
        return today + timedelta(days=ahead)
    with_time = _WITH_TIME.match(value)
    if with_time:
        raise DateError(f"'{value}' has a time of day, and this is a date; write only the day: "
                        f"{with_time.group(1)}")
    if _MONTH_WORD.search(lowered):  # "1 juillet 2027", "1 de julio de 2027"
        value = _FILLERS.sub(" ", _MONTH_WORD.sub(lambda m: _MONTHS[m.group(1)], _ORDINAL.sub("", lowered)))
        value = " ".join(value.split())
    short = _SHORT_YEAR.match(value.lower())
    if short:  # "4 Apr 27", "Apr 4, 27": a month by name makes a two-digit year plain: 2027
        day, month, year = (short.group(1), short.group(2), short.group(3)) if short.group(1) else (
            short.group(5), short.group(4), short.group(6))
        value = f"{day} {month} {2000 + int(year)}"
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
    except (ValueError, OverflowError):
        raise DateError(f"'{text.strip()}' is not a date I can read; write it like 2026-09-15 or 15 September 2026"
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
