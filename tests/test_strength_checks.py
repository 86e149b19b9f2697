"""The words of the past-start note and the yes/no override, at every boundary."""

from datetime import date, timedelta

import pytest

from bot.core.checks import ago, is_yes, past_note

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize("days,words", [(1, "yesterday"), (2, "2 days ago"), (13, "13 days ago"),
                                        (14, "2 weeks ago"), (20, "2 weeks ago"), (21, "3 weeks ago"),
                                        (60, "8 weeks ago")])
def test_a_recent_start_is_told_in_days_then_weeks(days, words):
    assert ago(TODAY - timedelta(days=days), TODAY) == words


@pytest.mark.parametrize("start,words", [
    (date(2026, 9, 29), "2 months ago"),     # 61 days: months from here on
    (date(2026, 8, 29), "3 months ago"),
    (date(2026, 8, 30), "2 months ago"),     # a day short of three calendar months
    (date(2024, 12, 29), "23 months ago"),
    (date(2024, 11, 29), "2 years ago"),
    (date(2024, 11, 30), "23 months ago"),
    (date(2021, 11, 29), "5 years ago"),
])
def test_an_older_start_is_told_in_calendar_months_then_years(start, words):
    assert ago(start, TODAY) == words


def test_the_past_note_names_how_long_ago_and_is_empty_from_today_on():
    assert past_note(TODAY - timedelta(days=3), TODAY) == "This activity started 3 days ago; recorded for the report."
    assert past_note(TODAY, TODAY) == "" and past_note(TODAY + timedelta(days=1), TODAY) == ""


@pytest.mark.parametrize("word,meant", [("yes", True), (" YES ", True), ("oui", True), ("sí", True),
                                        ("no", False), ("Non", False), ("off", False), ("0", False),
                                        ("maybe", None), ("", None)])
def test_the_duplicate_override_reads_yes_no_and_anything_else(word, meant):
    assert is_yes(word) is meant
