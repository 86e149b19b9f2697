"""Reminder arithmetic and wording (bot/core/reminders.py): until_words at each unit switch, the slot
labels, the catch-up window, leads close to a year, snoozes at the due time, the Monday digest."""

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.core.deadline_render import render_reminder
from bot.core.deadlines import Deadline, OccurrenceState
from bot.core.reminders import (
    DEFAULT_CATCH_UP,
    ReminderRef,
    Slot,
    digest_week,
    due_slots,
    lead_words,
    next_check,
    next_occurrence,
    next_reminder_at,
    slots,
    until_words,
)
from bot.offline.signing import TEAM_ID, interaction_body, signed_request
from tests.conftest import ADMIN, MEMBER, SECRET

UTC = timezone.utc
ZURICH = ZoneInfo("Europe/Zurich")
DUE = datetime(2027, 9, 15, 15, 0, tzinfo=UTC)  # 17:00 CEST
LATE = datetime(2027, 9, 15, 23, 30, tzinfo=UTC)  # late in the day, in UTC
DAY = timedelta(days=1)
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def deadline(**changes) -> Deadline:
    values = dict(id=1, title="Art. 67 report", due_at=DUE, timezone="Europe/Zurich", yearly=False,
                  lead_days=(30, 14, 7, 1), channel="C0REMIND")
    values.update(changes)
    return Deadline(**values)


# --- until_words (item 9) ---------------------------------------------------------------------

@pytest.mark.parametrize("before,expected", [
    (-DAY, "now"), (-MIN, "now"), (timedelta(0), "now"),
    (timedelta(seconds=1), "in 1 minute"), (MIN, "in 1 minute"), (2 * MIN, "in 2 minutes"),
    (29 * MIN, "in 29 minutes"), (30 * MIN, "in 30 minutes"),  # half an hour rounds down to 0 hours
    (31 * MIN, "in 1 hour"), (59 * MIN, "in 1 hour"), (60 * MIN, "in 1 hour"), (89 * MIN, "in 1 hour"),
    (91 * MIN, "in 2 hours"), (2 * HOUR, "in 2 hours"), (23 * HOUR, "in 23 hours"),
    (23 * HOUR + 30 * MIN - MIN, "in 23 hours"),  # 00:01 the same day
    (23 * HOUR + 30 * MIN + MIN, "tomorrow"),  # 23:59 the day before
    (24 * HOUR, "tomorrow"), (47 * HOUR, "tomorrow"), (48 * HOUR, "in 2 days"), (2 * DAY, "in 2 days"),
    (7 * DAY, "in 7 days"), (366 * DAY, "in 366 days"),
])
def test_until_words_at_each_unit_switch(before, expected):
    assert until_words(LATE - before, LATE, UTC) == expected


def test_calendar_days_count_in_the_deadline_zone():
    now = datetime(2027, 9, 14, 22, 0, tzinfo=UTC)  # midnight in Zurich, still the 14th in UTC
    assert until_words(now, DUE, ZURICH) == "in 17 hours"
    assert until_words(now, DUE, UTC) == "tomorrow"
    assert until_words(datetime(2027, 9, 15, 23, 0, tzinfo=UTC), datetime(2027, 9, 16, 0, 30, tzinfo=UTC),
                       UTC) == "tomorrow"  # 90 minutes, but after midnight


# --- lead_words (item 10) ------------------------------------------------------------------------

@pytest.mark.parametrize("minutes,expected", [
    (1440, "1 day before"), (2 * 1440, "2 days before"), (7 * 1440, "7 days before"),
    (30 * 1440, "30 days before"), (366 * 1440, "366 days before"),
    (1, "snoozed reminder"), (60, "snoozed reminder"), (1439, "snoozed reminder"), (1441, "snoozed reminder"),
    (7 * 1440 - 1, "snoozed reminder"),
])
def test_lead_words(minutes, expected):
    assert lead_words(minutes) == expected


def test_a_reminder_says_which_slot_it_is_and_how_close():
    item = deadline(yearly=True)
    reply = render_reminder(item, ReminderRef(1, DUE, 7 * 1440), DUE - 7 * DAY)
    assert {"type": "mrkdwn", "text": "Deadline #1 · 7 days before · repeats every year"} in \
        [e for b in reply.blocks if b["type"] == "context" for e in b["elements"]]
    assert reply.text.endswith("(in 7 days).")
    snoozed = render_reminder(deadline(), ReminderRef(1, DUE, 1500), DUE - 1500 * MIN)
    assert "Deadline #1 · snoozed reminder" in json.dumps(snoozed.blocks, ensure_ascii=False)
    assert "repeats every year" not in json.dumps(snoozed.blocks, ensure_ascii=False)
    assert render_reminder(deadline(), ReminderRef(1, DUE, 1440), DUE).text.endswith("(now).")
    assert "None" not in render_reminder(deadline(), ReminderRef(1, DUE, 1440), DUE + MIN).text


# --- the catch-up window --------------------------------------------------------------------------

def test_a_missed_reminder_is_posted_until_exactly_the_end_of_the_window():
    assert DEFAULT_CATCH_UP == timedelta(hours=72)
    item = deadline()
    week = DUE - 7 * DAY
    assert due_slots(item, week - MIN, {}) == []
    for now in (week, week + DEFAULT_CATCH_UP):
        assert due_slots(item, now, {}) == [Slot(week, DUE, 7 * 1440)]
        assert next_check(item, now, {}) == now
    assert due_slots(item, week + DEFAULT_CATCH_UP + MIN, {}) == []
    assert next_check(item, week + DEFAULT_CATCH_UP + MIN, {}) == DUE - DAY


def test_a_shorter_window_is_honoured_to_the_minute():
    item, week = deadline(), DUE - 7 * DAY
    assert due_slots(item, week + HOUR, {}, HOUR) == [Slot(week, DUE, 7 * 1440)]
    assert due_slots(item, week + HOUR + MIN, {}, HOUR) == []
    assert due_slots(item, week, {}, timedelta(0)) == [Slot(week, DUE, 7 * 1440)]


def test_no_reminder_once_the_deadline_is_due():
    item = deadline()
    assert due_slots(item, DUE - MIN, {}) == [Slot(DUE - DAY, DUE, 1440)]
    assert due_slots(item, DUE, {}) == []


# --- a yearly deadline whose lead is close to a year ------------------------------------------------

def test_a_lead_of_366_days_reminds_of_next_years_occurrence():
    item = deadline(yearly=True, timezone="UTC", lead_days=(366, 1))
    next_year = datetime(2028, 9, 15, 15, 0, tzinfo=UTC)  # 366 days after DUE: 2028 is a leap year
    assert slots(item, next_year)[0] == Slot(DUE, next_year, 366 * 1440)
    assert next_reminder_at(item, DUE - DAY, {}) == DUE
    assert due_slots(item, DUE - MIN, {}) == [Slot(DUE - DAY, DUE, 1440)]
    assert due_slots(item, DUE, {}) == [Slot(DUE, next_year, 366 * 1440)]
    # once next year's long reminder is past, the next one is its 1-day reminder
    assert next_reminder_at(item, DUE + MIN, {}) == next_year - DAY


def test_a_lead_of_365_days_falls_the_day_after_this_years_due_date():
    item = deadline(yearly=True, timezone="UTC", lead_days=(365,))
    next_year = datetime(2028, 9, 15, 15, 0, tzinfo=UTC)
    assert next_reminder_at(item, DUE - MIN, {}) == DUE + DAY
    assert due_slots(item, DUE + DAY, {}) == [Slot(DUE + DAY, next_year, 365 * 1440)]


def test_next_years_long_reminder_before_this_years_snooze_comes_first():
    this_year = datetime(2028, 9, 15, 15, 0, tzinfo=UTC)  # 365 days before the next occurrence
    item = deadline(yearly=True, timezone="UTC", due_at=this_year, lead_days=(366,))
    snoozed = {this_year: OccurrenceState(snoozed_until=this_year - 12 * HOUR)}
    now = datetime(2028, 9, 14, 12, 0, tzinfo=UTC)
    # 2029's 366-day reminder (14 September 2028, 15:00) is earlier than the snooze (15 September, 03:00)
    assert next_reminder_at(item, now, snoozed) == this_year - DAY
    assert next_reminder_at(item, this_year - DAY, snoozed) == this_year - 12 * HOUR



def test_the_extra_day_of_lead_span_covers_a_summer_time_change():
    # 28 October 2028 is still summer time in Zurich; 28 October 2029 is winter time
    this_year = datetime(2028, 10, 28, 12, 0, tzinfo=ZURICH)
    item = deadline(yearly=True, due_at=this_year.astimezone(UTC), lead_days=(366,))
    next_years_reminder = datetime(2028, 10, 27, 12, 0, tzinfo=ZURICH)  # 10:00 UTC, on the wall clock
    snoozed = {this_year.astimezone(UTC): OccurrenceState(snoozed_until=datetime(2028, 10, 27, 10, 30, tzinfo=UTC))}
    assert next_reminder_at(item, datetime(2028, 10, 27, 9, 0, tzinfo=UTC), snoozed) == next_years_reminder


# --- snoozes at the due time ------------------------------------------------------------------------

LEADS = [s.remind_at for s in slots(deadline(), DUE)]


@pytest.mark.parametrize("until,extra", [(DUE, None), (DUE + MIN, None), (DUE - MIN, Slot(DUE - MIN, DUE, 1))])
def test_a_snooze_counts_only_before_the_due_time(until, extra):
    found = slots(deadline(), DUE, OccurrenceState(snoozed_until=until))
    assert [s for s in found if s.remind_at not in LEADS] == ([extra] if extra else [])
    assert next_reminder_at(deadline(), DUE - 2 * MIN, {DUE: OccurrenceState(snoozed_until=until)}) == \
        (DUE - MIN if extra else None)


def _press_snooze(app, api, reminder):
    [actions] = [b for b in reminder["blocks"] if b["type"] == "actions"]
    [button] = [e for e in actions["elements"] if e["action_id"] == "deadline_snooze"]
    payload = {
        "type": "block_actions", "token": "offline", "api_app_id": "A0ART67", "trigger_id": "t1",
        "team": {"id": TEAM_ID, "domain": "art67bot"},
        "user": {"id": ADMIN, "username": "admin", "team_id": TEAM_ID},
        "container": {"type": "message", "message_ts": "1790000000.000100", "channel_id": "C0REMIND"},
        "channel": {"id": "C0REMIND", "name": "reporting"},
        "message": {"type": "message", "ts": "1790000000.000100", "text": reminder["text"],
                    "blocks": reminder["blocks"]},
        "response_url": api.response_url("button"),
        "actions": [{**button, "block_id": "reminder", "action_ts": "1790000000.1"}],
    }
    assert app.dispatch(signed_request(SECRET, interaction_body(payload))).status == 200


@pytest.mark.parametrize("clicked,accepted", [(DUE - DAY, False), (DUE - DAY - MIN, True)])
def test_a_snooze_that_would_land_on_the_due_time_is_refused(app, services, slack, slack_api, clicked, accepted):
    services.clock = lambda: datetime(2027, 6, 1, tzinfo=UTC)
    slack.command("deadline add title: Report | due: 2027-09-15 17:00 | timezone: Europe/Zurich | leads: 2, 1",
                  channel="C0REMIND")
    reminder = render_reminder(deadline(lead_days=(2, 1)), ReminderRef(1, DUE, 2 * 1440), DUE - 2 * DAY).payload()
    services.clock = lambda: clicked
    _press_snooze(app, slack_api, reminder)
    if accepted:
        [update] = slack_api.calls_to("chat.update")
        assert "Snoozed until Wednesday 15 September 2027, 16:59 CEST" in json.dumps(update.params["blocks"])
    else:
        assert slack_api.calls_to("chat.update") == []
        [answer] = slack_api.calls_to("response_url")
        assert "due within a day" in answer.params["text"]


# --- the Monday digest ----------------------------------------------------------------------------

MONDAY = datetime(2027, 9, 13, 9, 0, tzinfo=ZURICH)


@pytest.mark.parametrize("now,expected", [
    (MONDAY - MIN, None), (MONDAY, date(2027, 9, 13)), (MONDAY + MIN, date(2027, 9, 13)),
    (MONDAY + DEFAULT_CATCH_UP, date(2027, 9, 13)), (MONDAY + DEFAULT_CATCH_UP + MIN, None),
    (MONDAY - DAY, None), (MONDAY + 7 * DAY, date(2027, 9, 20)),
])
def test_the_digest_is_due_from_monday_0900_local(now, expected):
    assert digest_week(now, ZURICH) == expected


def test_the_digest_hour_is_read_in_the_given_zone():
    assert digest_week(MONDAY, UTC) is None  # 07:00 in UTC
    assert digest_week(datetime(2027, 9, 13, 9, 0, tzinfo=UTC), UTC) == date(2027, 9, 13)
    assert digest_week(datetime(2027, 9, 13, 8, 59, tzinfo=UTC), UTC) is None
    assert digest_week(MONDAY + 2 * HOUR, ZURICH, HOUR) is None
    assert digest_week(MONDAY + HOUR, ZURICH, HOUR) == date(2027, 9, 13)


# --- what the mutation run of reminders.py left alive -------------------------------------------

def test_halfway_between_units_rounds_to_the_even_neighbour():
    """90 minutes is "in 2 hours" and 29½ minutes "in 30 minutes": round half to even, on whole units."""
    assert until_words(DUE - timedelta(minutes=90), DUE, ZURICH) == "in 2 hours"
    assert until_words(DUE - timedelta(minutes=29, seconds=30), DUE, ZURICH) == "in 30 minutes"


def test_the_next_occurrence_at_the_due_time_itself_is_the_next_one():
    yearly = deadline(yearly=True)
    assert next_occurrence(yearly, DUE - timedelta(minutes=1)) == DUE
    assert next_occurrence(yearly, DUE) == DUE.replace(year=2028)  # strictly after: not the one due now
    assert next_occurrence(deadline(), DUE) is None


def test_two_occurrences_each_get_their_due_reminder():
    """A yearly deadline reminded a year ahead: a day before this year's occurrence, next year's first
    reminder is due too; each occurrence gets its own."""
    this_year = DUE.replace(year=2026)  # 365 days to the next one: no 29 February between them
    yearly = deadline(yearly=True, lead_days=(366, 1), due_at=this_year)
    now = this_year - timedelta(days=1)
    found = due_slots(yearly, now, {})
    assert [(s.occurrence, s.lead_minutes) for s in found] == [(this_year, 1440), (DUE, 366 * 1440)]
