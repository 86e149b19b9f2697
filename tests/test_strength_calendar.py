"""The iCalendar feed in detail: which description lines an activity gets, how a deadline's time,
repetition, alarms and identifier are written, how far each time zone's rules reach (a year before
the first deadline through at least 2038 and twenty years after the last), and stored deadlines as
calendar entries."""

import dataclasses
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.core.calendar import CalendarDeadline, build_calendar, calendar_deadlines
from bot.core.deadlines import Deadline
from bot.core.knowledge import from_seed, read_seed
from bot.core.records import Activity

KNOWLEDGE = from_seed(read_seed())
STAMP = datetime(2026, 6, 10, 12, 0, tzinfo=timezone.utc)
ZURICH = ZoneInfo("Europe/Zurich")


def only_event(data: bytes):
    [event] = Calendar.from_ical(data).walk("VEVENT")
    return event


def activity(**fields):
    base = dict(id=5, title="Seminar", start_date=date(2026, 9, 15), agency="USPTO", agency_name="")
    return Activity(**{**base, **fields})


def description(event):
    return str(event["description"]).split("\n")


def test_without_a_knowledge_base_the_stored_agency_name_and_topic_slugs_are_shown():
    event = only_event(build_calendar([activity(agency_name="Patent Office", topics=("patents", "made-up"))],
                                      stamp=STAMP))
    assert description(event) == ["Agency: USPTO (Patent Office)", "Topics: patents, made-up"]


def test_an_agency_without_a_name_is_shown_by_its_acronym_twice_rather_than_empty():
    event = only_event(build_calendar([activity(agency="XYZ", agency_name="")], stamp=STAMP))
    assert description(event) == ["Agency: XYZ (XYZ)"]


def test_a_topic_unknown_to_the_knowledge_base_keeps_its_slug():
    event = only_event(build_calendar([activity(topics=("border-enforcement", "made-up"))], stamp=STAMP,
                                      knowledge=KNOWLEDGE))
    assert description(event)[1] == "Topics: IP border enforcement, made-up"


def test_each_description_line_appears_only_when_its_field_is_filled():
    full = only_event(build_calendar([activity(agency_name="Patent Office", beneficiaries=("Peru", "Chile"),
                                               format="online", description="Bring a laptop.")], stamp=STAMP))
    assert description(full) == ["Agency: USPTO (Patent Office)", "Beneficiary Members or observers: Peru, Chile",
                                 "Format: online", "", "Bring a laptop."]
    bare = only_event(build_calendar([activity(agency_name="Patent Office")], stamp=STAMP))
    assert description(bare) == ["Agency: USPTO (Patent Office)"]
    assert "location" not in bare and "url" not in bare


def deadline_event(deadline, **options):
    return only_event(build_calendar([], [deadline], stamp=STAMP, **options))


def test_a_deadline_repeats_only_when_it_is_yearly():
    once = deadline_event(CalendarDeadline("Report", datetime(2026, 9, 29, 12, tzinfo=ZURICH)))
    assert "rrule" not in once
    yearly = deadline_event(CalendarDeadline("Report", datetime(2026, 9, 29, 12, tzinfo=ZURICH), yearly=True))
    assert yearly["rrule"]["FREQ"] == ["YEARLY"]
    assert yearly.decoded("dtstart") == datetime(2026, 9, 29, 12, tzinfo=ZURICH)


def test_a_deadline_without_notes_has_no_description_and_does_not_block_time():
    event = deadline_event(CalendarDeadline("Report", datetime(2026, 9, 29, 12, tzinfo=timezone.utc)))
    assert "description" not in event and str(event["transp"]) == "TRANSPARENT"
    assert [str(c) for c in event["categories"].cats] == ["Article 67 deadline"]


def test_alarms_say_how_many_days_are_left_latest_warning_last():
    event = deadline_event(CalendarDeadline("Report", datetime(2026, 9, 29, 12, tzinfo=timezone.utc),
                                            lead_days=(1, 0, 7, 7, 2)))
    alarms = [(a.decoded("trigger"), str(a["description"])) for a in event.walk("VALARM")]
    assert alarms == [(timedelta(days=-7), "Report: due in 7 days"), (timedelta(days=-2), "Report: due in 2 days"),
                      (timedelta(days=-1), "Report: due in 1 day"), (timedelta(0), "Report: due today")]


def test_a_fixed_offset_due_time_is_written_in_utc_and_a_zoned_one_in_its_own_zone():
    plus_two = timezone(timedelta(hours=2))
    fixed = deadline_event(CalendarDeadline("Report", datetime(2026, 9, 29, 14, tzinfo=plus_two)))
    assert fixed.decoded("dtstart") == datetime(2026, 9, 29, 12, tzinfo=timezone.utc)
    assert b"DTSTART:20260929T120000Z" in build_calendar([], [CalendarDeadline("R", datetime(2026, 9, 29, 14,
                                                                                              tzinfo=plus_two))],
                                                         stamp=STAMP)
    zoned = build_calendar([], [CalendarDeadline("R", datetime(2026, 9, 29, 14, tzinfo=ZURICH))], stamp=STAMP)
    assert b"DTSTART;TZID=Europe/Zurich:20260929T140000" in zoned


def test_a_deadline_without_a_key_gets_a_sixteen_digit_fingerprint_uid_that_depends_on_title_and_due():
    due = datetime(2026, 9, 29, 12, tzinfo=timezone.utc)
    uid = str(deadline_event(CalendarDeadline("Report", due))["uid"])
    assert re.fullmatch(r"deadline-[0-9a-f]{16}@art67bot", uid)
    assert str(deadline_event(CalendarDeadline("Report", due, notes="changed"))["uid"]) == uid
    assert str(deadline_event(CalendarDeadline("Other", due))["uid"]) != uid
    assert str(deadline_event(CalendarDeadline("Report", due, key="42"))["uid"]) == "deadline-42@art67bot"


def test_calendar_deadlines_are_values_that_do_not_change():
    entry = CalendarDeadline("Report", datetime(2026, 9, 29, 12, tzinfo=timezone.utc))
    assert entry.yearly is False and entry.lead_days == () and entry.key == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.title = "Other"  # type: ignore[misc]


def zone_span(data: bytes) -> str:
    [comment] = re.findall(rb"COMMENT:This timezone only works from (\S+) to (\S+)\.", data)
    return f"{comment[0].decode()} to {comment[1].decode()}"


def test_zone_rules_reach_from_a_year_before_the_first_deadline_to_twenty_years_after_the_last():
    first = CalendarDeadline("A", datetime(2026, 6, 10, 12, tzinfo=ZURICH))
    last = CalendarDeadline("B", datetime(2028, 3, 1, 9, tzinfo=ZURICH))
    data = build_calendar([], [last, first], stamp=STAMP)
    # 366 days before 10 June 2026 is 9 June 2025; twenty years after 2028 is 2048
    assert zone_span(data) == "2025-06-09 to 2048-01-01"


def test_zone_rules_reach_at_least_to_2038_for_early_deadlines():
    data = build_calendar([], [CalendarDeadline("Old", datetime(2010, 3, 1, 9, tzinfo=ZURICH))], stamp=STAMP)
    assert zone_span(data) == "2009-02-28 to 2038-01-01"
    assert b"20370329T030000" in data.replace(b"\r\n ", b"")  # the spring-forward of 2037 is still described


def test_a_calendar_without_deadlines_has_no_time_zones():
    assert b"VTIMEZONE" not in build_calendar([activity()], stamp=STAMP)


def stored(**fields):
    base = dict(title="Report", due_at=datetime(2024, 9, 29, 15, tzinfo=timezone.utc), timezone="Europe/Zurich",
                id=7, lead_days=(7, 1), notes="Via e-TRIPS.")
    return Deadline(**{**base, **fields})


def test_a_yearly_stored_deadline_starts_at_its_next_occurrence_in_its_own_zone():
    [entry] = calendar_deadlines([stored(yearly=True)], STAMP)
    assert entry == CalendarDeadline("Report", datetime(2026, 9, 29, 17, tzinfo=ZURICH), (7, 1), "Via e-TRIPS.",
                                     "7", True)
    assert entry.due.tzinfo == ZURICH


def test_a_one_off_stored_deadline_keeps_its_due_time_even_when_past():
    [entry] = calendar_deadlines([stored()], STAMP)
    assert entry.due == datetime(2024, 9, 29, 17, tzinfo=ZURICH) and entry.due.tzinfo == ZURICH
    assert entry.yearly is False and entry.key == "7"
