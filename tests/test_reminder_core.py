"""The functional core of deadlines: validation, occurrences, due reminders, wording, Block Kit."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.core.deadline_render import deadline_statuses, render_deadlines, render_reminder
from bot.core.deadlines import Deadline, OccurrenceState, deadline_from_fields, parse_due, parse_leads
from bot.core.reminders import (
    ReminderRef,
    digest_week,
    due_slots,
    next_check,
    next_reminder_at,
    occurrences_after,
    parse_ref,
    slots,
    until_words,
)
from tests.conftest import assert_valid_message

UTC = timezone.utc
ZURICH = ZoneInfo("Europe/Zurich")
DUE = datetime(2027, 9, 15, 15, 0, tzinfo=UTC)  # 17:00 in Geneva and Zurich (CEST)
DAY = timedelta(days=1)
WINDOW = timedelta(hours=72)


def deadline(**changes) -> Deadline:
    values = dict(id=1, title="Art. 67 report", due_at=DUE, timezone="Europe/Zurich", yearly=False,
                  lead_days=(30, 14, 7, 1), channel="C0REMIND")
    values.update(changes)
    return Deadline(**values)


def test_parse_due_reads_iso_with_and_without_offset_and_plain_dates():
    assert parse_due("2027-09-15T17:00", ZURICH) == DUE
    assert parse_due("2027-09-15 17:00", ZURICH) == DUE
    assert parse_due("2027-09-15T17:00+02:00", ZoneInfo("UTC")) == DUE
    assert parse_due("15 September 2027 17:00", ZURICH) == DUE
    assert parse_due("15 September 2027 15:00 UTC", ZURICH) == DUE
    assert parse_due("2027-09-15", ZURICH) == DUE  # a date alone means 17:00
    assert parse_due("2027-01-15T17:00", ZURICH) == datetime(2027, 1, 15, 16, 0, tzinfo=UTC)  # CET


def test_parse_leads_and_fields():
    assert parse_leads("30, 14, 7 and 1 days") == (30, 14, 7, 1)
    assert parse_leads("7 30") == (30, 7)
    for bad in ("soon", "0", "400", ""):
        with pytest.raises(ValueError):
            parse_leads(bad)
    now = datetime(2027, 6, 1, tzinfo=UTC)
    new, errors = deadline_from_fields(
        {"title": "Art. 67 report", "due": "2027-09-15 17:00", "timezone": "Europe/Zurich", "repeat": "yearly",
         "leads": "21, 7", "channel": "<#C0ABC|trips>", "notes": "WTO/AIR/IP/40"},
        default_zone="UTC", default_channel="C0HERE", now=now, created_by="U1")
    assert errors == []
    assert (new.due_at, new.yearly, new.lead_days, new.channel, new.notes) == (DUE, True, (21, 7), "C0ABC", "WTO/AIR/IP/40")
    new, errors = deadline_from_fields({"title": "T", "due": "2027-09-15"}, default_zone="Europe/Zurich",
                                       default_channel="C0HERE", now=now)
    assert errors == [] and new.channel == "C0HERE" and new.lead_days == (30, 14, 7, 1) and new.due_at == DUE


def test_field_problems_are_all_reported():
    now = datetime(2027, 6, 1, tzinfo=UTC)
    new, errors = deadline_from_fields({"due": "03/04/2027", "timezone": "Mars/Olympus", "leads": "soon",
                                        "repeat": "weekly", "colour": "red"},
                                       default_zone="UTC", default_channel="", now=now)
    assert new is None
    text = " ".join(errors)
    for expected in ("colour", "title is missing", "Mars/Olympus", "lead times", "repeat", "which channel"):
        assert expected in text
    _, errors = deadline_from_fields({"title": "T", "due": "2020-01-01"}, default_zone="UTC",
                                     default_channel="C1AB", now=now)
    assert "in the past" in errors[0]


def test_edit_keeps_what_is_not_changed_and_a_new_zone_keeps_the_wall_clock():
    now = datetime(2027, 6, 1, tzinfo=UTC)
    base = deadline(yearly=True)
    changed, errors = deadline_from_fields({"timezone": "UTC", "notes": "new airgram"}, default_zone="UTC",
                                           default_channel="", now=now, base=base)
    assert errors == []
    assert changed.due_at == datetime(2027, 9, 15, 17, 0, tzinfo=UTC)
    assert (changed.title, changed.lead_days, changed.yearly, changed.notes) == (base.title, base.lead_days, True,
                                                                                   "new airgram")


def test_yearly_occurrences_keep_the_local_wall_clock():
    found = occurrences_after(deadline(yearly=True, due_at=datetime(2027, 1, 15, 16, 0, tzinfo=UTC)),
                              datetime(2027, 1, 1, tzinfo=UTC))
    first, second = next(found), next(found)
    assert first.astimezone(ZURICH).hour == second.astimezone(ZURICH).hour == 17
    assert second.year == 2028
    assert list(occurrences_after(deadline(), DUE)) == []


def test_slots_are_whole_days_before_on_the_same_wall_clock():
    found = slots(deadline(), DUE)
    assert [s.lead_minutes for s in found] == [30 * 1440, 14 * 1440, 7 * 1440, 1440]
    assert found[0].remind_at == datetime(2027, 8, 16, 15, 0, tzinfo=UTC)
    # across the end of summer time the wall clock stays at 17:00
    autumn = deadline(due_at=datetime(2027, 11, 2, 16, 0, tzinfo=UTC))
    assert [s.remind_at.astimezone(ZURICH).hour for s in slots(autumn, autumn.due_at)] == [17, 17, 17, 17]


def test_which_reminder_is_due_at_a_moment():
    item = deadline()
    month_before = datetime(2027, 8, 16, 15, 0, tzinfo=UTC)
    assert due_slots(item, month_before - timedelta(minutes=1), {}) == []
    [slot] = due_slots(item, month_before, {})
    assert slot.lead_minutes == 30 * 1440 and slot.occurrence == DUE
    # caught up when late, within the window
    [slot] = due_slots(item, month_before + timedelta(hours=71), {}, WINDOW)
    assert slot.lead_minutes == 30 * 1440
    assert due_slots(item, month_before + timedelta(hours=73), {}, WINDOW) == []
    # never once the deadline is due
    assert due_slots(item, DUE, {}, timedelta(days=400)) == []
    # when several are due, only the latest is posted
    [slot] = due_slots(deadline(lead_days=(2, 1)), DUE - timedelta(hours=12), {}, WINDOW)
    assert slot.lead_minutes == 1440


def test_submitted_occurrence_gets_no_more_reminders_and_the_next_year_does():
    item = deadline(yearly=True)
    submitted = {DUE: OccurrenceState(submitted_by="U1", submitted_at=DUE - 20 * DAY)}
    assert due_slots(item, DUE - 14 * DAY, submitted) == []
    assert next_reminder_at(item, DUE - 20 * DAY, submitted) == datetime(2028, 8, 16, 15, 0, tzinfo=UTC)
    assert next_reminder_at(item, DUE - 20 * DAY, {}) == DUE - 14 * DAY
    [slot] = due_slots(item, datetime(2028, 8, 16, 15, 0, tzinfo=UTC), submitted)
    assert slot.occurrence.year == 2028


def test_snooze_adds_one_reminder_and_next_check_is_now_when_one_is_due():
    item = deadline()
    snoozed_until = DUE - 29 * DAY
    state = {DUE: OccurrenceState(snoozed_until=snoozed_until)}
    assert next_reminder_at(item, DUE - 30 * DAY, state) == snoozed_until
    [slot] = due_slots(item, snoozed_until, state)
    assert slot.remind_at == snoozed_until and slot.lead_minutes == 29 * 1440
    assert next_check(item, snoozed_until, state) == snoozed_until
    assert next_check(item, DUE, {}) is None


def test_until_words():
    assert until_words(DUE - 7 * DAY, DUE, ZURICH) == "in 7 days"
    assert until_words(DUE - DAY, DUE, ZURICH) == "tomorrow"
    assert until_words(DUE - timedelta(hours=5), DUE, ZURICH) == "in 5 hours"
    assert until_words(DUE - timedelta(minutes=20), DUE, ZURICH) == "in 20 minutes"


def test_ref_round_trips():
    ref = ReminderRef(12, DUE, 7 * 1440)
    assert parse_ref(ref.encode()) == ref
    assert parse_ref("nonsense") is None


def test_digest_week_is_monday_morning_within_the_window():
    monday = datetime(2027, 9, 13, 9, 0, tzinfo=ZURICH)
    assert digest_week(monday, ZURICH) == date(2027, 9, 13)
    assert digest_week(monday - timedelta(minutes=1), ZURICH) is None
    assert digest_week(monday + timedelta(hours=30), ZURICH, WINDOW) == date(2027, 9, 13)
    assert digest_week(monday + timedelta(hours=73), ZURICH, WINDOW) is None


def test_reminder_and_list_are_valid_block_kit_and_escape_user_text():
    item = deadline(title="Report <!channel>", notes="see <@U999> & co")
    ref = ReminderRef(1, DUE, 7 * 1440)
    reply = render_reminder(item, ref, DUE - 7 * DAY)
    assert_valid_message(reply.payload())
    mrkdwn = str([b for b in reply.blocks if b["type"] != "header"])
    assert "<!channel>" not in mrkdwn and "&lt;!channel&gt;" in mrkdwn and "<@U999>" not in mrkdwn
    text = str(reply.blocks)
    assert "Wednesday 15 September 2027, 17:00 CEST" in text and "in 7 days" in text
    assert [e["text"]["text"] for e in reply.blocks[-1]["elements"]] == ["Mark submitted", "Snooze 1 day"]
    done = render_reminder(item, ref, DUE - 6 * DAY, OccurrenceState(submitted_by="U1", submitted_at=DUE - 6 * DAY))
    assert_valid_message(done.payload())
    assert "Marked submitted by <@U1>" in str(done.blocks) and "actions" not in str(done.blocks)
    many = [deadline(id=i, title=f"D{i}") for i in range(1, 40)]
    listing = render_deadlines(deadline_statuses(many, {}, DUE - 40 * DAY), DUE - 40 * DAY)
    assert_valid_message(listing.payload())
