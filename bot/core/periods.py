"""Reporting periods: the default period, the period forms users write, and their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.core.dates import DateError, parse_date

PERIOD_FORMS = "`2024-2025`, `2025-09-01..2026-08-31` or `from 2025-09-01 to 2026-08-31`"
_YEARS = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_DOTS = re.compile(r"^(.+?)\s*\.\.\s*(.+)$")
_FROM_TO = re.compile(r"(?i)^(?:from\s+)?(.+?)\s+to\s+(.+)$")


class PeriodError(ValueError):
    """A period the bot cannot read; the message says how to write it."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def year_from(start: date) -> Period:
    """The one-year period that begins on `start`."""
    return Period(start, start + relativedelta(years=1) - timedelta(days=1))


def default_period(today: date, start_month: int = 9) -> Period:
    """The latest complete reporting period, the one that ended before today.

    With start month 9, on 15 September 2021 that is 1 September 2020 – 31 August 2021, the
    period the United States reported on that day.
    """
    first_year = today.year - 1 if today.month >= start_month else today.year - 2
    return year_from(date(first_year, start_month, 1))


def parse_period(text: str, today: date, start_month: int = 9) -> Period:
    """Read '', '2024-2025', '2025-09-01..2026-08-31' or 'from 2025-09-01 to 2026-08-31'."""
    value = " ".join(text.split())
    if not value:
        return default_period(today, start_month)
    years = _YEARS.match(value)
    if years:
        first, second = int(years.group(1)), int(years.group(2))
        if second != first + 1:
            raise PeriodError(f"`{value}` is not one reporting year; write consecutive years like `2024-2025`.")
        return year_from(date(first, start_month, 1))
    bounds = _DOTS.match(value) or _FROM_TO.match(value)
    if not bounds:
        raise PeriodError(f"I can't read the period `{value}`. Write it as {PERIOD_FORMS}, "
                          "or leave it out for the latest complete reporting period.")
    try:
        start, end = (parse_date(part, today) for part in bounds.groups())
    except DateError as exc:
        raise PeriodError(f"In the period `{value}`: {exc}.") from None
    if end < start:
        raise PeriodError(f"The period `{value}` ends before it starts.")
    return Period(start, end)


def long_date(value: date) -> str:
    """15 September 2021, as the WTO dates its documents."""
    return f"{value.day} {value.strftime('%B %Y')}"


def period_label(period: Period) -> str:
    """'September 2024 – September 2025' for a reporting year, as e-TRIPS shows it; else both dates."""
    if period.start.day == 1 and year_from(period.start) == period:
        after = period.end + timedelta(days=1)
        return f"{period.start.strftime('%B %Y')} – {after.strftime('%B %Y')}"
    return f"{long_date(period.start)} – {long_date(period.end)}"
