"""The iCalendar feed: activities as all-day events, deadlines at their due time with alarms (pure).

A deadline's DTSTART carries its time zone (TZID, with a VTIMEZONE for it) or is in UTC; a yearly one
repeats by RRULE:FREQ=YEARLY on that wall clock, as the reminders do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vDuration

from bot.core.deadlines import Deadline
from bot.core.knowledge import Knowledge
from bot.core.records import Activity
from bot.core.reminders import next_occurrence

PRODID = "-//art67bot//Article 67 activities and deadlines//EN"
CALENDAR_NAME = "art67bot: Article 67 activities and deadlines"
REFRESH = timedelta(hours=12)
ZONES_UNTIL = date(2038, 1, 1)  # VTIMEZONE transitions are written at least until then


@dataclass(frozen=True)
class CalendarDeadline:
    """A deadline as the calendar needs it: what is due, when, whether yearly, how many days ahead to warn."""

    title: str
    due: datetime  # kept in its own IANA time zone, else in UTC; a naive one is read in the calendar's zone
    lead_days: tuple[int, ...] = ()
    notes: str = ""
    key: str = ""  # a stable identifier (the stored deadline's id); else one from title and due
    yearly: bool = False  # repeats every year from `due`


def build_calendar(activities: Sequence[Activity], deadlines: Sequence[CalendarDeadline] = (), *,
                   stamp: datetime, knowledge: Knowledge | None = None, zone: tzinfo = timezone.utc) -> bytes:
    """An iCalendar (RFC 5545) file holding every activity and every deadline.

    `stamp` is when the file is made (DTSTAMP); `zone` is the time zone of a deadline given as a naive
    datetime. Every time zone a deadline names gets its VTIMEZONE.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for activity in activities:
        calendar.add_component(activity_event(activity, stamp, knowledge))
    for deadline in deadlines:
        calendar.add_component(deadline_event(deadline, stamp, zone))
    if deadlines:
        starts = [deadline_start(d.due, zone) for d in deadlines]
        latest = max(starts).date()
        calendar.add_missing_timezones(first_date=min(starts).date() - timedelta(days=366),
                                       last_date=max(ZONES_UNTIL, date(latest.year + 20, 1, 1)))
    return calendar.to_ical()


def activity_event(activity: Activity, stamp: datetime, knowledge: Knowledge | None = None) -> Event:
    """An all-day event from the start date through the end date (DTEND is the day after)."""
    event = Event()
    event.add("uid", f"activity-{activity.id}@art67bot")
    event.add("dtstamp", stamp)
    event.add("summary", activity.title)
    event.add("dtstart", activity.start_date)
    event.add("dtend", (activity.end_date or activity.start_date) + timedelta(days=1))
    event.add("categories", ["Article 67 activity"])
    agency = knowledge.agency_label(activity.agency) if knowledge else activity.agency_name
    lines = [f"Agency: {activity.agency} ({agency or activity.agency})"]
    if activity.beneficiaries:
        lines.append("Beneficiary Members or observers: " + ", ".join(activity.beneficiaries))
    if activity.topics:
        names = [knowledge.by_slug[s].name if knowledge and s in knowledge.by_slug else s for s in activity.topics]
        lines.append("Topics: " + ", ".join(names))
    if activity.format:
        lines.append(f"Format: {activity.format}")
    if activity.description:
        lines += ["", activity.description]
    event.add("description", "\n".join(lines))
    if activity.location:
        event.add("location", activity.location)
    if activity.url:
        event.add("url", activity.url)
    return event


def deadline_event(deadline: CalendarDeadline, stamp: datetime, zone: tzinfo = timezone.utc) -> Event:
    """An event at the due time (no DTEND: a deadline is a moment), yearly by RRULE if it repeats, with
    one display alarm per lead time (so many days before, on the same wall clock)."""
    event = Event()
    event.add("uid", f"deadline-{deadline.key or _fingerprint(deadline)}@art67bot")
    event.add("dtstamp", stamp)
    event.add("summary", deadline.title)
    event.add("dtstart", deadline_start(deadline.due, zone))
    if deadline.yearly:
        event.add("rrule", {"freq": "yearly"})
    event.add("categories", ["Article 67 deadline"])
    event.add("transp", "TRANSPARENT")
    if deadline.notes:
        event.add("description", deadline.notes)
    for days in sorted(set(deadline.lead_days), reverse=True):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add("description", f"{deadline.title}: due today" if days == 0
                  else f"{deadline.title}: due in {days} day{'s' if days != 1 else ''}")
        event.add_component(alarm)
    return event


def deadline_start(due: datetime, zone: tzinfo = timezone.utc) -> datetime:
    """The due time in a zone a calendar can name: its own IANA zone (TZID), else UTC. A naive
    datetime is read in `zone`."""
    if due.tzinfo is None:
        due = due.replace(tzinfo=zone)
    return due if isinstance(due.tzinfo, ZoneInfo) else due.astimezone(timezone.utc)


def _fingerprint(deadline: CalendarDeadline) -> str:
    return hashlib.sha256(f"{deadline.title}\n{deadline.due.isoformat()}".encode()).hexdigest()[:16]


def calendar_deadlines(deadlines: Sequence[Deadline], now: datetime) -> list[CalendarDeadline]:
    """Stored deadlines as calendar entries, in their own time zone: a yearly one from its next
    occurrence on, repeating every year; others as set."""
    entries = []
    for deadline in deadlines:
        due = (next_occurrence(deadline, now) if deadline.yearly else None) or deadline.due_at
        entries.append(CalendarDeadline(
            title=deadline.title, due=due.astimezone(deadline.zone()), lead_days=tuple(deadline.lead_days),
            notes=deadline.notes, key=str(deadline.id), yearly=deadline.yearly,
        ))
    return entries
