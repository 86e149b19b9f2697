"""Dates (bot/core/dates.py), periods (bot/core/periods.py), ranges across a year end and the report's
agency table order (bot/core/report.py); weekdays, signs, times of day, other ISO 8601 forms, French and
Spanish month names, two-digit years and how ranges are written."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from bot.core.dates import DateError, format_date, format_range, parse_date
from bot.core.knowledge import from_seed, read_seed
from bot.core.periods import Period, PeriodError, parse_period, period_label
from bot.core.records import Activity
from bot.core.report import build_report, to_markdown
from tests import factories
from tests.factories import activity

KB = from_seed(read_seed())
TODAY = date(2026, 6, 10)
AMBIGUOUS = "is ambiguous (day/month or month/day?); write it like 2026-09-15 or 15 September 2026"


# --- relative words (item 6) -----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("today", date(2026, 6, 10)), ("Today", date(2026, 6, 10)), (" today ", date(2026, 6, 10)),
    ("tomorrow", date(2026, 6, 11)), ("TOMORROW", date(2026, 6, 11)),
])
def test_relative_words(text, expected):
    assert parse_date(text, TODAY) == expected


def test_today_and_tomorrow_at_a_month_and_year_end():
    assert parse_date("today", date(2026, 12, 31)) == date(2026, 12, 31)
    assert parse_date("tomorrow", date(2026, 6, 30)) == date(2026, 7, 1)


@pytest.mark.parametrize("word", ["today", "tomorrow"])
def test_relative_words_need_today(word):
    with pytest.raises(DateError, match=f"^'{word}' needs today's date$"):
        parse_date(word)


def test_yesterday_is_not_supported():
    with pytest.raises(DateError, match="^'yesterday' has no year"):
        parse_date("yesterday", TODAY)


# --- numeric day/month forms (item 7) ----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("09/15/2026", date(2026, 9, 15)),  # month/day: 15 cannot be a month
    ("13/03/2026", date(2026, 3, 13)),  # day/month: 13 cannot be a month
    ("12/13/2026", date(2026, 12, 13)),
    ("13/12/2026", date(2026, 12, 13)),
    ("03/03/2026", date(2026, 3, 3)),  # both readings agree
    ("12/12/2026", date(2026, 12, 12)),
    ("9.15.2026", date(2026, 9, 15)),
    ("15-09-2026", date(2026, 9, 15)),
    ("2026/9/15", date(2026, 9, 15)),
])
def test_unambiguous_numeric_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["03/04/2026", "04/03/2026", "12/01/2026", "01/12/2026", "1.2.2026"])
def test_ambiguous_numeric_dates_are_refused(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert str(info.value) == f"'{text}' {AMBIGUOUS}"


@pytest.mark.parametrize("text,fragment", [
    ("13/13/2026", "'13/13/2026' is not a real date"),
    ("09/31/2026", "'09/31/2026' is not a real date"),
    ("09/15/26", "'09/15/26' has no four-digit year; write it like 2026-09-15"),
])
def test_impossible_numeric_dates(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


# --- one-day periods (item 8) and periods across a year end ---------------------------------------

@pytest.mark.parametrize("text", ["2026-03-01..2026-03-01", "from 1 March 2026 to 1 March 2026", "today..today"])
def test_a_one_day_period(text):
    day = date(2026, 3, 1) if "today" not in text else TODAY
    period = parse_period(text, TODAY)
    assert period == Period(day, day)
    assert period.contains(day)
    assert not period.contains(date.fromordinal(day.toordinal() - 1))
    assert not period.contains(date.fromordinal(day.toordinal() + 1))


def test_a_period_ending_the_day_before_it_starts_is_refused():
    with pytest.raises(PeriodError, match=r"^The period `2026-03-02\.\.2026-03-01` ends before it starts\.$"):
        parse_period("2026-03-02..2026-03-01", TODAY)


def test_a_period_across_a_year_end():
    period = parse_period("from 15 December 2025 to 15 January 2026", TODAY)
    assert period == Period(date(2025, 12, 15), date(2026, 1, 15))
    assert all(period.contains(d) for d in (date(2025, 12, 15), date(2025, 12, 31), date(2026, 1, 1),
                                            date(2026, 1, 15)))
    assert not period.contains(date(2025, 12, 14)) and not period.contains(date(2026, 1, 16))
    assert period_label(period) == "15 December 2025 – 15 January 2026"


def test_a_calendar_reporting_year_ends_on_31_december():
    period = parse_period("2025-2026", TODAY, start_month=1)
    assert period == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert period_label(period) == "January 2025 – January 2026"


def _stored(n, title, start, agency):
    return Activity(id=n, title=title, start_date=start, end_date=None, agency=agency,
                    agency_name=KB.agency_label(agency), beneficiaries=("Peru",), topics=())


def test_a_report_across_a_year_end_keeps_both_sides_in_date_order():
    items = [_stored(1, "January", date(2026, 1, 2), "CBP"), _stored(2, "December", date(2025, 12, 31), "CBP"),
             _stored(3, "Too late", date(2026, 1, 16), "CBP"), _stored(4, "Too early", date(2025, 12, 14), "CBP")]
    report = build_report(items, Period(date(2025, 12, 15), date(2026, 1, 15)), "Peru", TODAY, KB)
    assert [(r.number, r.title) for r in report.rows] == [(1, "December"), (2, "January")]


def test_upcoming_next_two_weeks_across_a_year_end(slack, services, db):
    services.clock = lambda: datetime(2026, 12, 20, 12, 0, tzinfo=timezone.utc)
    with db.session() as s:
        factories.store(s, [activity("Last of the year", date(2026, 12, 31)),
                            activity("Horizon day", date(2027, 1, 3)),
                            activity("Beyond the horizon", date(2027, 1, 4)),
                            activity("Already past", date(2026, 12, 19))])
    status, payload = slack.command("upcoming next 2 weeks")
    assert status == 200, payload
    text = payload["text"]
    assert "Last of the year" in text and "Horizon day" in text
    assert "Beyond the horizon" not in text and "Already past" not in text
    assert text.index("Last of the year") < text.index("Horizon day")
    assert "until 3 Jan 2027" in json.dumps(payload["blocks"], ensure_ascii=False)


# --- the report's agency table: most first, ties by acronym ----------------------------------------

def test_agency_ties_are_ordered_by_acronym():
    period = Period(date(2025, 9, 1), date(2026, 8, 31))
    # USPTO is seen first, but CBP sorts before it; ICE has fewer and comes last despite its name
    items = [_stored(1, "a", date(2025, 10, 1), "USPTO"), _stored(2, "b", date(2025, 10, 2), "ICE"),
             _stored(3, "c", date(2025, 10, 3), "USPTO"), _stored(4, "d", date(2025, 10, 4), "CBP"),
             _stored(5, "e", date(2025, 10, 5), "CBP"), _stored(6, "f", date(2025, 10, 6), "USCO"),
             _stored(7, "g", date(2025, 10, 7), "USCO"), _stored(8, "h", date(2025, 10, 8), "USCO")]
    report = build_report(items, period, "United States of America", TODAY, KB)
    assert [(c.label.split(" ")[0], c.count) for c in report.by_agency] == [
        ("USCO", 3), ("CBP", 2), ("USPTO", 2), ("ICE", 1)]
    assert report.by_agency[1].label == f"CBP ({KB.agency_label('CBP')})"
    markdown = to_markdown(report)
    assert markdown.index("| CBP (") < markdown.index("| USPTO (") < markdown.index("| ICE (")
    assert markdown.index("| USCO (") < markdown.index("| CBP (")


# --- weekdays --------------------------------------------------------------------------------------

WEEKDAY_NAMES = [("monday", "mon", "lundi", "lunes"), ("tuesday", "tue", "mardi", "martes"),
                 ("wednesday", "wed", "mercredi", "miércoles"), ("thursday", "thu", "jeudi", "jueves"),
                 ("friday", "fri", "vendredi", "viernes"), ("saturday", "sat", "samedi", "sábado"),
                 ("sunday", "sun", "dimanche", "domingo")]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 6), st.integers(0, 3),
       st.sampled_from(["", "this ", "on ", "coming ", "This "]))
def test_a_weekday_is_the_next_such_day_from_today_on(today, weekday, spelling, prefix):
    day = parse_date(prefix + WEEKDAY_NAMES[weekday][spelling], today)
    assert day.weekday() == weekday
    assert 0 <= (day - today).days <= 6


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 6), st.integers(0, 3))
def test_next_weekday_is_never_today(today, weekday, spelling):
    day = parse_date("next " + WEEKDAY_NAMES[weekday][spelling], today)
    assert day.weekday() == weekday
    assert 1 <= (day - today).days <= 7


def test_weekdays_from_a_wednesday():
    assert TODAY.weekday() == 2  # 10 June 2026
    assert parse_date("wednesday", TODAY) == TODAY
    assert parse_date("Next Wednesday", TODAY) == date(2026, 6, 17)
    assert parse_date("thursday", TODAY) == date(2026, 6, 11)
    assert parse_date("next thursday", TODAY) == date(2026, 6, 11)
    assert parse_date("tuesday", TODAY) == date(2026, 6, 16)
    assert parse_date("sunday", TODAY) == date(2026, 6, 14)


@pytest.mark.parametrize("word", ["tuesday", "next friday"])
def test_weekdays_need_today(word):
    with pytest.raises(DateError, match=f"^'{word}' needs today's date$"):
        parse_date(word)


# --- signs, times of day, week dates, compact forms --------------------------------------------

@pytest.mark.parametrize("text", ["+2026-09-15", "-15/09/2026", "−5 September 2026", "+15 September 2026"])
def test_a_signed_date_is_refused(text):
    with pytest.raises(DateError) as info:
        parse_date(text, TODAY)
    assert str(info.value) == f"'{text}' has a sign; a date has none: write it like 2026-09-15"


@pytest.mark.parametrize("text", ["2026-09-15 17:00", "2026-09-15T17:00", "2026-9-15 9:30"])
def test_a_date_with_a_time_names_the_day_to_write(text):
    day = text.split(" ")[0].split("T")[0]
    with pytest.raises(DateError) as info:
        parse_date(text, TODAY)
    assert str(info.value) == f"'{text}' has a time of day, and this is a date; write only the day: {day}"


@pytest.mark.parametrize("text", ["15 September 2026 10:00", "15 September 2026 00:30", "Sep 15 2026 9am"])
def test_a_written_date_with_a_time_is_refused(text):
    with pytest.raises(DateError, match="looks like a time; give a calendar date like 2026-09-15"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["15 September 2026 banana", "the 15 September 2026", "15 September 2026 maybe"])
def test_extra_words_around_a_date_are_not_skipped(text):
    with pytest.raises(DateError, match="is not a date I can read"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["2026-W37-2", "2026-W37", "2026W372", "20260915", "2026-258"])
def test_iso_week_ordinal_and_compact_forms_are_refused(text):
    # only the extended calendar form 2026-09-15 is read; the other ISO 8601 spellings are refused, not guessed
    with pytest.raises(DateError, match=f"^'{text}' "):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["2026-09-15", " 2026-09-15", "2026-09-15 ", "2026-9-15", "2026-09-15,"])
def test_iso_dates_with_spaces_or_short_parts(text):
    assert parse_date(text, TODAY) == date(2026, 9, 15)


# --- month names in French and Spanish, two-digit years ----------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("1 juillet 2027", date(2027, 7, 1)), ("1er juillet 2027", date(2027, 7, 1)),
    ("1er août 2027", date(2027, 8, 1)), ("15 septembre 2026", date(2026, 9, 15)),
    ("1 de julio de 2027", date(2027, 7, 1)), ("1o de julio de 2027", date(2027, 7, 1)),
    ("3 diciembre 2026", date(2026, 12, 3)), ("le 14 février 2027", date(2027, 2, 14)),
    ("Setiembre 5 2026", date(2026, 9, 5)),
])
def test_french_and_spanish_month_names(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text,expected", [
    ("4 Apr 27", date(2027, 4, 4)), ("Apr 4, 27", date(2027, 4, 4)), ("Sept. 4, 27", date(2027, 9, 4)),
    ("15 September 26", date(2026, 9, 15)), ("September 15 26", date(2026, 9, 15)),
    ("31 Dec 30", date(2030, 12, 31)), ("1 juillet 27", date(2027, 7, 1)),
])
def test_a_month_name_makes_a_two_digit_year_plain(text, expected):
    assert parse_date(text, TODAY) == expected


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_two_digit_years_with_a_month_name_round_trip(day):
    short = day.year % 100
    assert parse_date(f"{day.day} {day.strftime('%b')} {short:02d}") == day
    assert parse_date(f"{day.strftime('%B')} {day.day}, {short:02d}") == day


# --- formatting ranges ---------------------------------------------------------------------------

def test_a_range_of_one_day_is_that_day():
    assert format_range(date(2026, 9, 15), date(2026, 9, 15)) == "15 Sep 2026" == format_date(date(2026, 9, 15))


def test_a_range_across_a_year_end_names_both_years():
    assert format_range(date(2026, 12, 28), date(2027, 1, 2)) == "28 Dec 2026 – 2 Jan 2027"
    assert format_range(date(2026, 9, 15), date(2027, 9, 17)) == "15 Sep 2026 – 17 Sep 2027"


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 800))
def test_a_range_shows_the_last_day_in_full(start, days):
    end = start + timedelta(days=days)
    text = format_range(start, end)
    assert text.endswith(format_date(end))
    assert str(start.day) == text.split("–")[0].split(" ")[0].strip()
    assert (str(start.year) in text.replace(format_date(end), "")) == (start.year != end.year)


@pytest.mark.parametrize("written,meant", [("2026 09 05", date(2026, 9, 5)), ("15 09 2026", date(2026, 9, 15)),
                                           ("09 15 2026", date(2026, 9, 15)), ("5 5 2026", date(2026, 5, 5))])
def test_numbers_separated_by_spaces_read_as_with_slashes(written, meant):
    assert parse_date(written) == meant == parse_date(written.replace(" ", "/"))


def test_numbers_separated_by_spaces_that_read_two_ways_are_refused():
    with pytest.raises(DateError, match="ambiguous"):
        parse_date("03 04 2026")
