"""Reporting periods: the default period arithmetic (with property tests) and the forms users write."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError, Settings
from bot.core.periods import Period, PeriodError, default_period, parse_period, period_label

days = st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31))
months = st.integers(min_value=1, max_value=12)


def next_start(period: Period) -> date:
    return period.end + timedelta(days=1)


@given(days, months)
def test_default_period_is_the_latest_complete_reporting_year(today, month):
    period = default_period(today, month)
    assert period.start.day == 1 and period.start.month == month
    assert next_start(period) == date(period.start.year + 1, month, 1)  # exactly one year
    assert period.end < today  # complete
    following_end = date(period.start.year + 2, month, 1) - timedelta(days=1)
    assert following_end >= today  # the next one is not complete yet: this is the latest


@given(st.integers(min_value=1902, max_value=2998), months)
def test_the_period_changes_on_the_first_day_of_the_start_month(year, month):
    first = date(year, month, 1)
    on = default_period(first, month)
    before = default_period(first - timedelta(days=1), month)
    assert on.end == first - timedelta(days=1)  # the period that ended yesterday
    assert before.end == date(year - 1, month, 1) - timedelta(days=1)
    assert next_start(before) == on.start


@pytest.mark.parametrize("today,month,start,end", [
    (date(2021, 9, 15), 9, date(2020, 9, 1), date(2021, 8, 31)),  # the seed report's own day
    (date(2026, 6, 10), 9, date(2024, 9, 1), date(2025, 8, 31)),
    (date(2026, 8, 31), 9, date(2024, 9, 1), date(2025, 8, 31)),
    (date(2026, 9, 1), 9, date(2025, 9, 1), date(2026, 8, 31)),
    (date(2026, 1, 1), 1, date(2025, 1, 1), date(2025, 12, 31)),
    (date(2025, 12, 31), 1, date(2024, 1, 1), date(2024, 12, 31)),
    (date(2024, 3, 1), 3, date(2023, 3, 1), date(2024, 2, 29)),  # a leap day ends the period
    (date(2026, 7, 1), 7, date(2025, 7, 1), date(2026, 6, 30)),  # the EU reports July to July
])
def test_default_period_examples(today, month, start, end):
    assert default_period(today, month) == Period(start, end)


@pytest.mark.parametrize("text,expected", [
    ("", Period(date(2024, 9, 1), date(2025, 8, 31))),
    ("2024-2025", Period(date(2024, 9, 1), date(2025, 8, 31))),
    ("2024 – 2025", Period(date(2024, 9, 1), date(2025, 8, 31))),
    ("2025-09-01..2026-08-31", Period(date(2025, 9, 1), date(2026, 8, 31))),
    ("2025-09-01 .. 2026-08-31", Period(date(2025, 9, 1), date(2026, 8, 31))),
    ("from 2025-09-01 to 2026-08-31", Period(date(2025, 9, 1), date(2026, 8, 31))),
    ("From 1 March 2025 to 15 June 2025", Period(date(2025, 3, 1), date(2025, 6, 15))),
])
def test_period_forms(text, expected):
    assert parse_period(text, date(2026, 6, 10), 9) == expected


def test_year_pairs_follow_the_start_month():
    assert parse_period("2024-2025", date(2026, 6, 10), 7) == Period(date(2024, 7, 1), date(2025, 6, 30))


@pytest.mark.parametrize("text,fragment", [
    ("2024-2026", "consecutive years"),
    ("last year", "can't read the period"),
    ("2026-08-31..2025-09-01", "ends before it starts"),
    ("from 03/04/2025 to 2026-08-31", "ambiguous"),
    ("2025-02-30..2025-03-01", "not a real date"),
])
def test_bad_periods_say_what_to_write(text, fragment):
    with pytest.raises(PeriodError, match=fragment):
        parse_period(text, date(2026, 6, 10), 9)


def test_labels_follow_e_trips_for_reporting_years():
    assert period_label(Period(date(2024, 9, 1), date(2025, 8, 31))) == "September 2024 – September 2025"
    assert period_label(Period(date(2025, 3, 1), date(2025, 6, 15))) == "1 March 2025 – 15 June 2025"


def test_start_month_setting():
    assert Settings.from_env({}).period_start_month == 9
    assert Settings.from_env({"ART67_PERIOD_START_MONTH": "7"}).period_start_month == 7
    for bad in ("0", "13", "September"):
        with pytest.raises(ConfigError, match="ART67_PERIOD_START_MONTH"):
            Settings.from_env({"ART67_PERIOD_START_MONTH": bad})
    assert Settings.from_env({}).member == "United States of America"
    assert Settings.from_env({"ART67_MEMBER": "Japan"}).member == "Japan"
