"""Activity validation (bot/core/forms.py): descriptions, one-day activities, every length limit, each
field's own check and message, and imports of many rows, through validate_activity, Validator and
`/activities add` on the real request path."""

import json
from datetime import date

import pytest

from bot.core.forms import Validator, validate_activity
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
    assert refused(beneficiaries=f"Peru; {name}B") == [  # as typed, without the suffix: still the length
        ("beneficiaries", "a beneficiary name is longer than 200 characters")]


@pytest.mark.parametrize("field,limit", [("title", 300), ("location", 300), ("description", 3000), ("url", 1000)])
def test_a_text_at_its_limit_is_not_blamed_when_another_field_is_wrong(field, limit):
    text = "https://example.org/" + "a" * (limit - 20) if field == "url" else "x" * limit
    assert [f for f, _ in refused(**{field: text, "start_date": "someday"})] == ["start_date"]


def test_the_limits_show_through_slack_and_nothing_is_saved(slack, db):
    status, payload = slack.command(f"add title: {'x' * 301} | start: 2026-07-01 | beneficiaries: Peru | agency: CBP")
    assert payload["response_type"] == "ephemeral" and "the title is longer than 300 characters" in payload["text"]
    with db.session() as s:
        assert store.all_activities(s) == []


# --- every field's own check -----------------------------------------------------------------------

def test_unknown_fields_are_named_in_order():
    assert refused(size="big", colour="red") == [("colour", "`colour` is not a field I know"),
                                                 ("size", "`size` is not a field I know")]


@pytest.mark.parametrize("title", ["", "   ", None])
def test_a_missing_title(title):
    assert refused(title=title) == [("title", "the title is missing (e.g. `title: Border enforcement workshop`)")]


@pytest.mark.parametrize("title", ["\u200b", "\u200b \u200d", "\x07"])
def test_a_title_that_shows_nothing(title):
    assert refused(title=title) == [
        ("title", "the title shows nothing (only invisible or control characters); write it in words")]


@pytest.mark.parametrize("url", ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG"])
def test_a_web_address_is_kept(url):
    assert valid(url=f"  {url} ").url == url


@pytest.mark.parametrize("url", ["ftp://example.org", "example.org", "www.example.org", "https:/example.org"])
def test_a_url_that_is_not_a_web_address_is_refused(url):
    assert refused(url=url) == [("url", "the url must start with https:// or http://")]


def test_a_missing_start_date():
    assert refused(start_date="  ") == [("start_date", "the start date is missing (e.g. `start: next tuesday`)")]


def test_unreadable_dates_say_which_one():
    assert refused(start_date="31/02/2026") == [("start_date", "start date: '31/02/2026' is not a real date "
                                                              "(day is out of range for month)")]
    assert refused(end_date="sometime") == [("end_date", "end date: 'sometime' has no year; write it like "
                                                        "15 September 2026")]
    # both at once, and no comparison between them
    assert [field for field, _ in refused(start_date="soon", end_date="later")] == ["start_date", "end_date"]


def test_an_end_date_alone_does_not_make_an_activity():
    assert [field for field, _ in refused(start_date="", end_date="2026-07-02")] == ["start_date"]


def test_a_missing_beneficiary():
    for text in ("", " ; ; "):
        assert refused(beneficiaries=text) == [
            ("beneficiaries", "the beneficiary Members or observers are missing (e.g. `beneficiaries: Peru; Chile`)")]


def test_a_beneficiary_named_twice_is_kept_once():
    assert valid(beneficiaries="Peru; Chile; Peru").beneficiaries == ("Peru", "Chile")


def test_the_agency_by_acronym_or_name():
    assert valid(agency="cbp").agency == "CBP"
    assert valid(agency="  U.S.  Customs and Border Protection ").agency == "CBP"


def test_a_missing_or_unknown_agency():
    assert refused(agency="") == [("agency", "the organising agency is missing (e.g. `agency: USPTO`)")]
    known = ", ".join(a.acronym for a in KB.agencies)
    assert refused(agency="Ministry of Magic") == [
        ("agency", f"I don't know the agency `Ministry of Magic`; use one of {known}")]
    assert "USPTO" in known and "CBP" in known


def test_topics_by_name_or_slug_separated_by_commas_or_semicolons():
    assert valid(topics="patents, Copyright").topics == ("patents", "copyright")
    assert valid(topics="patents; patents;trademarks").topics == ("patents", "trademarks")
    assert valid(topics="").topics == ()


def test_each_unknown_topic_is_named():
    assert refused(topics="patents, wizardry, alchemy") == [
        ("topics", "I don't know the topic `wizardry`; `/activities topics` lists them"),
        ("topics", "I don't know the topic `alchemy`; `/activities topics` lists them")]


@pytest.mark.parametrize("text,expected", [
    ("", None), ("In person", "in-person"), ("face to face", "in-person"), ("ON-SITE", "in-person"),
    ("online", "virtual"), ("Webinar", "virtual"), ("remote", "virtual"), ("hybrid", "hybrid"),
    ("blended", "hybrid"), ("  in   person ", "in-person"),
])
def test_the_format_words(text, expected):
    assert valid(format=text).format == expected


def test_an_unknown_format_lists_the_formats():
    assert refused(format="sometimes") == [("format", "the format must be one of in-person, virtual, hybrid")]


def test_spaces_inside_location_and_title_are_collapsed():
    activity = valid(title="  Border \n workshop ", location=" Lima ,\t Peru ")
    assert (activity.title, activity.location) == ("Border workshop", "Lima , Peru")


def test_every_problem_is_reported_and_nothing_is_half_made():
    activity, errors = validate_activity({"title": "", "start_date": "", "beneficiaries": "", "agency": "",
                                          "format": "sometimes", "url": "ftp://x", "colour": "red"}, KB, today=TODAY)
    assert activity is None
    assert [e.field for e in errors] == ["colour", "title", "start_date", "beneficiaries", "agency", "format", "url"]


def test_who_added_it_and_where_it_came_from_are_kept():
    activity, errors = validate_activity(BASE, KB, today=TODAY, created_by="U0ADMIN", source_document="file.csv")
    assert errors == [] and (activity.created_by, activity.source_document) == ("U0ADMIN", "file.csv")


# --- an import: many rows checked at once ---------------------------------------------------------------

def test_an_import_checks_each_row_as_one_activity_would_be():
    rows = [BASE, {**BASE, "title": "Second", "agency": "cbp"}, {**BASE, "agency": "Nobody"},
            {**BASE, "start_date": "2026-07-05", "end_date": "2026-07-01"}, BASE]
    validator = Validator(KB, today=TODAY)
    results = validator.activities(rows, created_by="U0IMPORT")
    assert results == [validate_activity(row, KB, today=TODAY, created_by="U0IMPORT") for row in rows]
    assert [activity is not None for activity, _ in results] == [True, True, False, False, True]
    assert all(activity.source_document == "" for activity, _ in results if activity)


def test_an_import_keeps_each_rows_source():
    rows = [BASE, {**BASE, "title": "Second"}]
    results = Validator(KB, today=TODAY).activities(rows, sources=["a.csv", "b.csv"])
    assert [activity.source_document for activity, _ in results] == ["a.csv", "b.csv"]


def test_one_validator_gives_the_same_verdict_for_the_same_text_twice():
    validator = Validator(KB, today=TODAY)
    first = validator.activity({**BASE, "agency": "Nobody"})
    second = validator.activity({**BASE, "agency": "Nobody"})
    assert first == second and first[0] is None
    assert validator.activity(BASE) == validate_activity(BASE, KB, today=TODAY)


# --- beneficiaries outside the WTO's list ------------------------------------------------------------

def _narnia_refused(errors) -> bool:
    [error] = errors
    return error.field == "beneficiaries" and "Narnia" in error.message and "`Narnia (other)`" in error.message


def test_a_beneficiary_outside_the_list_is_refused_unless_asked_for():
    activity, errors = validate_activity({**BASE, "beneficiaries": "Peru; Narnia"}, KB, today=TODAY)
    assert activity is None and _narnia_refused(errors)
    assert valid(beneficiaries="Peru; Narnia (other)").beneficiaries == ("Peru", "Narnia")
    activity, errors = validate_activity({**BASE, "beneficiaries": "Peru; Narnia"}, KB, today=TODAY,
                                         allow_unknown=True)
    assert errors == [] and activity.beneficiaries == ("Peru", "Narnia")


def test_an_import_refuses_a_beneficiary_outside_the_list_unless_asked_for():
    rows = [BASE, {**BASE, "beneficiaries": "Narnia"}]
    [(first, _), (second, errors)] = Validator(KB, today=TODAY).activities(rows)
    assert first is not None and second is None and _narnia_refused(errors)
    [(first, _), (second, errors)] = Validator(KB, today=TODAY, allow_unknown=True).activities(rows)
    assert errors == [] and second.beneficiaries == ("Narnia",)
