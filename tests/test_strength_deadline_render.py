"""Deadlines in Slack, block by block: the list's pages of twenty with their counts and buttons,
past deadlines last, each deadline's line (its time in the reader's zone beside its own wall clock,
repeats, submissions, next reminder, leads and notes), reminders as posted, submitted or snoozed,
confirmations, and the weekly digest."""

import dataclasses
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.core.deadline_render import (SNOOZE_ACTION, SUBMITTED_ACTION, DeadlineStatus, deadline_line,
                                      deadline_statuses, due_in_zone, render_deadline_deleted,
                                      render_deadline_saved, render_deadlines, render_digest,
                                      render_digest_subscription, render_reminder)
from bot.core.deadlines import Deadline, OccurrenceState
from bot.core.records import Activity
from bot.core.reminders import ReminderRef

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=timezone.utc)
ZURICH = ZoneInfo("Europe/Zurich")
UTC = ZoneInfo("UTC")


def deadline(n=1, title="Art. 67 report", due=NOW + timedelta(days=10), zone="Europe/Zurich", **fields):
    return Deadline(title=title, due_at=due, timezone=zone, id=n, channel="C0REPORT", **fields)


def status(n, days, **fields):
    due = NOW + timedelta(days=days)
    return DeadlineStatus(deadline(n, f"Deadline {n:02d}", due, **fields), due, None, None)


def texts(reply):
    return [b["elements"][0]["text"] if b["type"] == "context" else b["text"]["text"]
            for b in reply.blocks if b["type"] in ("section", "context", "header")]


def buttons(reply):
    actions = [b for b in reply.blocks if b["type"] == "actions"]
    return [e["text"]["text"] for e in actions[0]["elements"]] if actions else []


def numbers(reply):
    return [int(t.split(" · ")[0].lstrip("*#")) for t in texts(reply) if t.startswith("*#")]


# --- the list


def test_twenty_deadlines_make_one_page_without_counts_or_buttons():
    reply = render_deadlines([status(n, n) for n in range(1, 21)], NOW)
    assert numbers(reply) == list(range(1, 21))
    assert not any(t.endswith(" of 20.") for t in texts(reply)) and buttons(reply) == []
    assert texts(reply)[0] == "Reporting deadlines"


def test_more_than_twenty_come_in_pages_with_their_range_and_buttons():
    items = [status(n, n) for n in range(1, 26)]
    first = render_deadlines(items, NOW)
    assert numbers(first) == list(range(1, 21)) and texts(first)[-1] == "1–20 of 25." and buttons(first) == ["More"]
    second = render_deadlines(items, NOW, page=2)
    assert texts(second)[0] == "Reporting deadlines, page 2"
    assert numbers(second) == list(range(21, 26)) and texts(second)[-1] == "21–25 of 25."
    assert buttons(second) == ["Previous"]
    beyond = render_deadlines(items, NOW, page=3)
    assert texts(beyond) == ["Reporting deadlines, page 3", "No more deadlines: there are 25."]
    assert buttons(beyond) == ["Previous"]


def test_a_middle_page_has_both_buttons():
    middle = render_deadlines([status(n, n) for n in range(1, 46)], NOW, page=2)
    assert numbers(middle) == list(range(21, 41)) and texts(middle)[-1] == "21–40 of 45."
    assert buttons(middle) == ["Previous", "More"]


def test_no_deadlines_says_how_to_add_one():
    reply = render_deadlines([], NOW)
    assert reply.text == "No deadlines yet. Add one with /activities deadline add."
    assert texts(reply)[1].startswith("No deadlines yet. Add one with `/activities deadline add title:")


def test_the_fallback_text_lists_each_deadline_due_in_the_readers_zone_or_past():
    items = [status(1, 2), DeadlineStatus(deadline(2, "Old"), None, None, None)]
    assert render_deadlines(items, NOW, zone=UTC).text == (
        "Reporting deadlines\n#1 Deadline 01 (due Friday 12 June 2026, 12:00 UTC)\n#2 Old (past)")
    assert render_deadlines(items[:1], NOW).text.endswith("(due Friday 12 June 2026, 14:00 CEST)")


def test_statuses_are_sorted_by_next_occurrence_past_ones_last_by_number():
    items = [deadline(5, "Past b", NOW - timedelta(days=3)), deadline(2, "Later", NOW + timedelta(days=9)),
             deadline(3, "Past a", NOW - timedelta(days=1)), deadline(4, "Sooner", NOW + timedelta(days=2))]
    found = deadline_statuses(items, {}, NOW)
    assert [s.deadline.id for s in found] == [4, 2, 3, 5]
    assert found[2].occurrence is None and found[0].occurrence == NOW + timedelta(days=2)


def test_a_status_carries_the_state_of_its_own_occurrence():
    due = NOW + timedelta(days=2)
    mine = OccurrenceState(submitted_by="U1", submitted_at=NOW)
    [found] = deadline_statuses([deadline(4, due=due)], {4: {due: mine}, 5: {due: OccurrenceState("U2")}}, NOW)
    assert found.state == mine
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.state = None  # type: ignore[misc]


# --- one deadline's line


def test_a_due_time_in_another_zone_shows_the_deadlines_own_wall_clock_and_day_when_it_differs():
    due = datetime(2026, 9, 15, 15, 0, tzinfo=timezone.utc)  # 17:00 in Zurich
    assert due_in_zone(due, ZURICH, ZURICH) == "Tuesday 15 September 2026, 17:00 CEST"
    assert due_in_zone(due, ZoneInfo("America/New_York"), ZURICH) == \
        "Tuesday 15 September 2026, 11:00 EDT — 17:00 CEST in Europe/Zurich"
    assert due_in_zone(due, ZoneInfo("Pacific/Auckland"), ZURICH) == \
        "Wednesday 16 September 2026, 03:00 NZST — 15 Sep 17:00 CEST in Europe/Zurich"


def test_the_same_wall_clock_under_another_zone_name_is_still_named():
    due = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)  # London and Lisbon both read 12:00 in winter
    assert due_in_zone(due, ZoneInfo("Europe/London"), ZoneInfo("Europe/Lisbon")) == \
        "Thursday 15 January 2026, 12:00 GMT — 12:00 WET in Europe/Lisbon"


def test_a_deadline_line_names_repeats_submission_next_reminder_leads_and_notes():
    due = NOW + timedelta(days=5)
    item = DeadlineStatus(deadline(3, "Report <draft>", due, yearly=True, lead_days=(14, 7), notes="Via *e-TRIPS*"),
                          due, OccurrenceState(submitted_by="U9", submitted_at=NOW), NOW + timedelta(days=1))
    assert deadline_line(item, NOW).split("\n") == [
        "*#3 · Report &lt;draft&gt;*",
        "Due Monday 15 June 2026, 14:00 CEST (in 5 days) · every year",
        "Submitted (marked by <@U9>)",
        "Next reminder Thursday 11 June 2026, 14:00 CEST in <#C0REPORT>",
        "Reminders 14, 7 days before · Via *e-TRIPS*",  # only &, < and > are escaped
    ]


def test_a_plain_deadline_line_has_no_repeat_submission_or_notes_and_no_reminder_left():
    due = NOW + timedelta(days=5)
    item = DeadlineStatus(deadline(3, "Report", due, lead_days=(1,)), due, OccurrenceState(), None)
    assert deadline_line(item, NOW, UTC).split("\n") == [
        "*#3 · Report*",
        "Due Monday 15 June 2026, 12:00 UTC — 14:00 CEST in Europe/Zurich (in 5 days)",
        "No reminder left for now",
        "Reminders 1 days before",
    ]
    past = DeadlineStatus(deadline(3, "Report", NOW - timedelta(days=5)), None, None, None)
    assert deadline_line(past, NOW).split("\n")[1] == "Past; no more occurrences."


# --- reminders


def reminder(state=None, **fields):
    due = NOW + timedelta(days=7)
    return render_reminder(deadline(3, due=due, **fields), ReminderRef(3, due, 7 * 24 * 60), NOW, state)


def test_a_reminder_as_posted_has_its_notes_leads_and_both_buttons():
    reply = reminder(notes="Via e-TRIPS", yearly=True)
    assert texts(reply) == ["Deadline: Art. 67 report",
                            "*Art. 67 report* is due *Wednesday 17 June 2026, 14:00 CEST* (in 7 days).",
                            "Via e-TRIPS", "Deadline #3 · 7 days before · repeats every year"]
    assert reply.text == "Reminder: Art. 67 report is due Wednesday 17 June 2026, 14:00 CEST (in 7 days)."
    actions = reply.blocks[-1]["elements"]
    assert [a["action_id"] for a in actions] == [SUBMITTED_ACTION, SNOOZE_ACTION]
    assert actions[0]["value"] == actions[1]["value"] == "3|2026-06-17T12:00Z|10080"


def test_a_reminder_without_notes_or_repeat_says_only_its_number_and_lead():
    assert texts(reminder())[2:] == ["Deadline #3 · 7 days before"]


def test_a_submitted_reminder_says_who_marked_it_and_loses_its_buttons():
    state = OccurrenceState(submitted_by="U9", submitted_at=datetime(2026, 6, 10, 23, 30, tzinfo=timezone.utc))
    reply = reminder(state)
    assert texts(reply)[-1] == (":white_check_mark: Marked submitted by <@U9> on 11 Jun 2026. "
                                "No more reminders for this deadline this time.")  # the 11th in Zurich
    assert buttons(reply) == [] and reply.text.endswith("Marked submitted by <@U9> on 11 Jun 2026.")


def test_a_snoozed_reminder_says_until_when_only_while_the_snooze_lasts():
    later = reminder(OccurrenceState(snoozed_until=NOW + timedelta(hours=3)))
    assert texts(later)[-1] == ":zzz: Snoozed until Wednesday 10 June 2026, 17:00 CEST."
    assert buttons(later) == ["Mark submitted", "Snooze 1 day"]
    for ended in (NOW, NOW - timedelta(hours=1)):
        assert not any("Snoozed" in t for t in texts(reminder(OccurrenceState(snoozed_until=ended))))
    assert buttons(reminder(OccurrenceState())) == ["Mark submitted", "Snooze 1 day"]


# --- confirmations and the digest


def test_saved_and_deleted_confirmations_name_the_deadline():
    item = status(4, 3)
    saved = render_deadline_saved(item, NOW, "Updated")
    assert saved.text == "Updated deadline #4. Deadline 04" and texts(saved)[0] == ":white_check_mark: Updated deadline #4."
    assert texts(saved)[1] == deadline_line(item, NOW)
    deleted = render_deadline_deleted(deadline(4, "Old <one>"))
    assert deleted.text == "Deleted deadline #4 Old <one>; no more reminders for it."
    assert texts(deleted) == [":wastebasket: Deleted deadline #4 Old &lt;one&gt;; no more reminders for it."]


def test_digest_subscription_messages_mention_the_channel():
    on = render_digest_subscription("C0DIGEST", True)
    assert on.text == "<#C0DIGEST> will get a digest of upcoming activities and deadlines every Monday morning."
    assert on.escaped is True and on.payload()["text"].startswith("<#C0DIGEST>")
    assert render_digest_subscription("C0DIGEST", False).text == "<#C0DIGEST> will no longer get the weekly digest."


def test_the_digest_lists_activities_and_deadlines_or_says_there_are_none():
    activity = Activity(id=7, title="Seminar", start_date=date(2026, 6, 15), agency="USPTO", agency_name="",
                        beneficiaries=("Peru",))
    full = render_digest(date(2026, 6, 8), [activity], [status(4, 3)], NOW)
    assert texts(full)[:2] == ["Week of 8 Jun 2026: what's coming", "*Activities in the next two weeks*"]
    assert texts(full)[2].startswith("*#7 · Seminar*") and texts(full)[3] == "*Deadlines*"
    assert texts(full)[4].startswith("*#4 · Deadline 04*")
    assert full.text.split("\n") == ["Week of 8 Jun 2026: what's coming", "#7 Seminar (15 Jun 2026, USPTO; for Peru)",
                                     "Deadline: Deadline 04"]
    empty = render_digest(date(2026, 6, 8), [], [], NOW)
    assert texts(empty)[1:] == ["*Activities in the next two weeks*", "No activities start in the next two weeks.",
                                "*Deadlines*", "No deadlines in the next 60 days."]
    assert empty.text == "Week of 8 Jun 2026: what's coming"


def test_a_crowded_digest_stays_within_fifty_blocks():
    activities = [Activity(id=n, title=f"A{n}", start_date=date(2026, 6, 15), agency="USPTO", agency_name="")
                  for n in range(1, 60)]
    assert len(render_digest(date(2026, 6, 8), activities, [], NOW).blocks) == 50
