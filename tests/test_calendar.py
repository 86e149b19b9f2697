"""The iCalendar feed (core): every activity as an event, every deadline at its due time with alarms."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.core.calendar import CalendarDeadline, build_calendar
from bot.core.knowledge import from_seed, read_seed
from bot.core.records import Activity

KNOWLEDGE = from_seed(read_seed())
STAMP = datetime(2026, 6, 10, 12, 0, tzinfo=timezone.utc)

ACTIVITIES = [
    Activity(id=1, title="Border enforcement workshop; Lima, Peru", start_date=date(2026, 9, 15),
             end_date=date(2026, 9, 17), agency="CBP", agency_name="U.S. Customs and Border Protection",
             beneficiaries=("Peru", "Chile"), topics=("border-enforcement",), format="in-person",
             location="Lima", description="Two days,\nwith a port visit.", url="https://example.org/w"),
    Activity(id=2, title="Copyright webinar", start_date=date(2026, 10, 1), end_date=None, agency="USCO",
             agency_name="U.S. Copyright Office", beneficiaries=("Ghana",)),
]
DEADLINES = [
    CalendarDeadline("Art. 67 report due to the WTO", datetime(2026, 9, 29, 23, 0, tzinfo=timezone.utc),
                     lead_days=(21, 7, 1), notes="Submit through e-TRIPS."),
    CalendarDeadline("Art. 66.2 report", datetime(2026, 10, 30, 12, 0), lead_days=(0,), key="12"),
]


def parse(data: bytes) -> Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR")
    return Calendar.from_ical(data)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_every_activity_is_an_all_day_event_through_its_end_date():
    calendar = parse(build_calendar(ACTIVITIES, stamp=STAMP, knowledge=KNOWLEDGE))
    assert str(calendar["version"]) == "2.0"
    found = events(calendar)
    assert set(found) == {"activity-1@art67bot", "activity-2@art67bot"}
    workshop = found["activity-1@art67bot"]
    assert str(workshop["summary"]) == "Border enforcement workshop; Lima, Peru"
    assert workshop.decoded("dtstart") == date(2026, 9, 15)
    assert workshop.decoded("dtend") == date(2026, 9, 18)  # exclusive: the day after the end date
    assert str(workshop["location"]) == "Lima" and str(workshop["url"]) == "https://example.org/w"
    description = str(workshop["description"])
    assert "CBP (U.S. Customs and Border Protection)" in description
    assert "Beneficiary Members or observers: Peru, Chile" in description
    assert "Topics: IP border enforcement" in description
    assert "Two days,\nwith a port visit." in description
    webinar = found["activity-2@art67bot"]
    assert webinar.decoded("dtstart") == date(2026, 10, 1) and webinar.decoded("dtend") == date(2026, 10, 2)
    assert not list(webinar.walk("VALARM"))


def test_every_deadline_is_an_event_at_its_due_time_with_an_alarm_per_lead_time():
    calendar = parse(build_calendar(ACTIVITIES, DEADLINES, stamp=STAMP, zone=ZoneInfo("Europe/Zurich")))
    found = events(calendar)
    assert len(found) == 4
    [report] = [e for e in found.values() if str(e["summary"]) == "Art. 67 report due to the WTO"]
    # an aware due time keeps its moment (in UTC here), whatever the calendar's zone
    assert report.decoded("dtstart") == datetime(2026, 9, 29, 23, 0, tzinfo=timezone.utc)
    assert "dtend" not in report  # a deadline is a moment
    assert str(report["description"]) == "Submit through e-TRIPS."
    triggers = sorted(alarm.decoded("trigger") for alarm in report.walk("VALARM"))
    assert triggers == [timedelta(days=-21), timedelta(days=-7), timedelta(days=-1)]
    assert all(str(alarm["action"]) == "DISPLAY" for alarm in report.walk("VALARM"))
    same_day = found["deadline-12@art67bot"]
    # a naive datetime is read in the calendar's zone
    assert same_day.decoded("dtstart") == datetime(2026, 10, 30, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    [alarm] = same_day.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(0) and "due today" in str(alarm["description"])


def test_deadline_uids_are_stable_and_distinct():
    first = events(parse(build_calendar([], DEADLINES, stamp=STAMP)))
    again = events(parse(build_calendar([], DEADLINES, stamp=STAMP + timedelta(days=1))))
    assert set(first) == set(again) and len(first) == 2


def test_an_empty_calendar_is_still_a_valid_feed():
    calendar = parse(build_calendar([], stamp=STAMP))
    assert list(calendar.walk("VEVENT")) == []
    assert "Article 67" in str(calendar["x-wr-calname"])
    assert b"X-PUBLISHED-TTL:PT12H" in build_calendar([], stamp=STAMP)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in build_calendar([], stamp=STAMP)
