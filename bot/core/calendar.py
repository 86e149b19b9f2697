"""The iCalendar feed: activities as events, deadlines as all-day events with alarms (pure)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo

from icalendar import Alarm, Calendar, Event, vDuration

from bot.core.deadlines import Deadline
from bot.core.knowledge import Knowledge
from bot.core.records import Activity
from bot.core.reminders import next_occurrence

PRODID = "-//art67bot//Article 67 activities and deadlines//EN"
CALENDAR_NAME = "art67bot: Article 67 activities and deadlines"
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class CalendarDeadline:
    """A deadline as the calendar needs it: what is due, when, and how many days ahead to warn."""

    title: str
    due: datetime  # aware datetimes are placed on their date in the calendar's time zone
    lead_days: tuple[int, ...] = ()
    notes: str = ""
    key: str = ""  # a stable identifier (e.g. the stored deadline's id); else one from title and due


def build_calendar(activities: Sequence[Activity], deadlines: Sequence[CalendarDeadline] = (), *,
                   stamp: datetime, knowledge: Knowledge | None = None, zone: tzinfo = timezone.utc) -> bytes:
    """An iCalendar (RFC 5545) file holding every activity and every deadline.

    `stamp` is when the file is made (DTSTAMP); `zone` decides the date of a deadline given as an
    aware datetime.
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
    """An all-day event on the due date with one display alarm per lead time."""
    due = deadline_date(deadline.due, zone)
    event = Event()
    event.add("uid", f"deadline-{deadline.key or _fingerprint(deadline)}@art67bot")
    event.add("dtstamp", stamp)
    event.add("summary", deadline.title)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
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


def deadline_date(due: datetime, zone: tzinfo = timezone.utc) -> date:
    return due.astimezone(zone).date() if due.tzinfo else due.date()


def _fingerprint(deadline: CalendarDeadline) -> str:
    return hashlib.sha256(f"{deadline.title}\n{deadline.due.isoformat()}".encode()).hexdigest()[:16]


def calendar_deadlines(deadlines: Sequence[Deadline], now: datetime) -> list[CalendarDeadline]:
    """Stored deadlines as calendar entries: a yearly one at its next occurrence, others as set."""
    entries = []
    for deadline in deadlines:
        due = (next_occurrence(deadline, now) if deadline.yearly else None) or deadline.due_at
        entries.append(CalendarDeadline(
            title=deadline.title, due=due.astimezone(deadline.zone()), lead_days=tuple(deadline.lead_days),
            notes=deadline.notes, key=f"deadline-{deadline.id}",
        ))
    return entries
