"""Activity validation (bot/core/forms.py): descriptions, one-day activities and every length limit,
through validate_activity and through `/activities add` on the real request path."""

import json
from datetime import date

import pytest

from bot.core.forms import validate_activity
from bot.core.knowledge import from_seed, read_seed
from storage import activities as store
from tests.conftest import TODAY, assert_valid_message

KB = from_seed(read_seed())
BASE = {"title": "Border enforcement workshop", "start_date": "2026-07-01", "beneficiaries": "Peru; Chile",
        "agency": "CBP"}


def valid(**changes):
    activity, errors = validate_activity({**BASE, **changes}, KB, today=TODAY)
    assert errors == [], errors
    return activity


def refused(**changes) -> list[tuple[str, str]]:
    activity, errors = validate_activity({**BASE, **changes}, KB, today=TODAY)
    assert activity is None
    return [(e.field, e.message) for e in errors]


# --- descriptions (item 1) -------------------------------------------------------------------

def test_a_description_is_kept_exactly_trimmed_only_at_its_ends():
    text = "Three days in Lima,\nwith a port visit.\n\nBring   passports."
    assert valid(description=f"  {text}\n ").description == text


@pytest.mark.parametrize("fields", [{}, {"description": None}, {"description": ""}, {"description": "  \n "}])
def test_no_description_is_empty_never_the_string_none(fields):
    activity = valid(**fields)
    assert activity.description == ""
    assert "None" not in activity.description


def test_slack_add_stores_and_shows_the_description(slack, db):
    status, payload = slack.command("add title: Port course | start: 2026-07-01 | beneficiaries: Peru | "
                                    "agency: CBP | description: Three days at the port of Callao")
    assert status == 200 and "Added activity #" in payload["text"], payload
    assert_valid_message(payload)
    assert "Three days at the port of Callao" in json.dumps(payload["blocks"])
    status, payload = slack.command("add title: Plain course | start: 2026-07-02 | beneficiaries: Peru | agency: CBP")
    assert "Added activity #" in payload["text"], payload
    assert "None" not in json.dumps(payload["blocks"])
    with db.session() as s:
        described, plain = store.all_activities(s)
    assert (described.title, described.description) == ("Port course", "Three days at the port of Callao")
    assert (plain.title, plain.description) == ("Plain course", "")


# --- dates: one-day activities (item 8) and relative words (item 6) --------------------------

def test_a_one_day_activity_is_accepted():
    activity = valid(start_date="2026-07-01", end_date="2026-07-01")
    assert (activity.start_date, activity.end_date) == (date(2026, 7, 1), date(2026, 7, 1))


def test_an_end_one_day_before_the_start_is_refused():
    assert refused(start_date="2026-07-02", end_date="2026-07-01") == [
        ("end_date", "the end date is before the start date")]


def test_no_end_date_means_none():
    assert valid().end_date is None


@pytest.mark.parametrize("word,expected", [("today", TODAY), ("Today", TODAY),
                                           ("tomorrow", date(2026, 6, 11)), ("TOMORROW", date(2026, 6, 11))])
def test_relative_start_words_count_from_today(word, expected):
    assert valid(start_date=word).start_date == expected


def test_start_today_and_end_tomorrow_is_a_two_day_activity():
    activity = valid(start_date="today", end_date="tomorrow")
    assert (activity.start_date, activity.end_date) == (TODAY, date(2026, 6, 11))


def test_yesterday_is_not_a_word_the_bot_guesses():
    [(field, message)] = refused(start_date="yesterday")
    assert field == "start_date" and message.startswith("start date: 'yesterday' has no year")


# --- length limits: exact value accepted, one over refused ------------------------------------

@pytest.mark.parametrize("field,limit", [("title", 300), ("location", 300), ("description", 3000)])
def test_text_limits(field, limit):
    assert getattr(valid(**{field: "x" * limit}), field) == "x" * limit
    assert refused(**{field: "x" * (limit + 1)}) == [(field, f"the {field} is longer than {limit} characters")]


def test_url_limit():
    at_limit = "https://example.org/" + "a" * (1000 - len("https://example.org/"))
    assert len(at_limit) == 1000 and valid(url=at_limit).url == at_limit
    assert refused(url=at_limit + "a") == [("url", "the url is longer than 1000 characters")]


def test_a_title_limit_counts_after_spaces_are_collapsed():
    title = "word " * 60  # 300 characters as typed, 299 once trimmed
    assert valid(title=title + "  ").title == title.strip()


def test_beneficiary_name_limit():
    name = "B" * 200
    assert valid(beneficiaries=f"Peru; {name} (other)").beneficiaries == ("Peru", name)  # the suffix is not stored
    assert refused(beneficiaries=f"Peru; {name}B (other)") == [
        ("beneficiaries", "a beneficiary name is longer than 200 characters")]


def test_the_limits_show_through_slack_and_nothing_is_saved(slack, db):
    status, payload = slack.command(f"add title: {'x' * 301} | start: 2026-07-01 | beneficiaries: Peru | agency: CBP")
    assert payload["response_type"] == "ephemeral" and "the title is longer than 300 characters" in payload["text"]
    with db.session() as s:
        assert store.all_activities(s) == []
