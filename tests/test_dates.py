from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from bot.core.dates import DateError, format_range, parse_date


@pytest.mark.parametrize("text", ["2026-09-15", "15 September 2026", "September 15, 2026", "Sep 15 2026",
                                  "15/09/2026", "2026/09/15", "15.9.2026", "15th of September 2026"])
def test_readable_forms(text):
    assert parse_date(text) == date(2026, 9, 15)


@pytest.mark.parametrize("text,fragment", [
    ("03/04/2026", "ambiguous"),
    ("31 February 2026", "February"),
    ("2026-02-30", "real date"),
    ("15 September", "no year"),
    ("September 2026", "no day"),
    ("next tuesday-ish", "no year"),
    ("", "empty"),
])
def test_refused_with_a_reason(text, fragment):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert fragment in str(info.value)


def test_relative_words_need_today():
    assert parse_date("tomorrow", date(2026, 12, 31)) == date(2027, 1, 1)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_iso_and_long_forms_round_trip(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day} {day.strftime('%B')} {day.year}") == day


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_anything_but_date_error(text):
    try:
        parse_date(text, date(2026, 1, 1))
    except DateError:
        pass


def test_ranges_are_compact():
    assert format_range(date(2026, 9, 15), date(2026, 9, 17)) == "15–17 Sep 2026"
    assert format_range(date(2026, 9, 15), None) == "15 Sep 2026"
    assert format_range(date(2026, 9, 28), date(2026, 10, 2)) == "28 Sep – 2 Oct 2026"
