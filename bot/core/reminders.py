"""Reminder arithmetic: occurrences, which reminders are due at a moment, the next one, wording.

A deadline has occurrences (one, or one a year from its first due time, by a dateutil rrule on
the wall clock of its time zone). Each occurrence has reminder slots: one per lead time (so many
whole days before the due time, on the same wall clock) and, if someone snoozed it, one at the
snooze time. A slot is identified by (occurrence, lead in minutes): that is the key the shell
claims before posting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import YEARLY, rrule

from bot.core.deadlines import NewDeadline, OccurrenceState

DEFAULT_CATCH_UP = timedelta(hours=72)
DIGEST_TIME = time(9, 0)  # Monday morning, in ART67_TIMEZONE
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, order=True)
class Slot:
    """One reminder of one occurrence: when it is due, and its claim key (occurrence, lead_minutes)."""

    remind_at: datetime
    occurrence: datetime
    lead_minutes: int


@dataclass(frozen=True)
class ReminderRef:
    """What a reminder's buttons carry: which deadline, occurrence and slot it is about."""

    deadline_id: int
    occurrence: datetime
    lead_minutes: int

    def encode(self) -> str:
        return f"{self.deadline_id}|{self.occurrence:%Y-%m-%dT%H:%MZ}|{self.lead_minutes}"


def parse_ref(value: str) -> ReminderRef | None:
    try:
        deadline_id, occurrence, lead = value.split("|")
        moment = datetime.strptime(occurrence, "%Y-%m-%dT%H:%MZ").replace(tzinfo=timezone.utc)
        return ReminderRef(int(deadline_id), moment, int(lead))
    except ValueError:
        return None


def _to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


def occurrences_after(deadline: NewDeadline, moment: datetime) -> Iterator[datetime]:
    """The deadline's occurrences strictly after `moment`, in order (UTC)."""
    if not deadline.yearly:
        if deadline.due_at > moment:
            yield deadline.due_at
        return
    zone = deadline.zone()
    rule = rrule(YEARLY, dtstart=_to_local(deadline.due_at, zone))
    local = _to_local(moment, zone)
    while (local := rule.after(local)) is not None:
        occurrence = _to_utc(local, zone)
        if occurrence > moment:
            yield occurrence


def slots(deadline: NewDeadline, occurrence: datetime, state: OccurrenceState | None = None) -> list[Slot]:
    """Every reminder slot of one occurrence, earliest first."""
    zone = deadline.zone()
    local = _to_local(occurrence, zone)
    found = [Slot(_to_utc(local - timedelta(days=days), zone), occurrence, days * MINUTES_PER_DAY)
             for days in deadline.lead_days]
    if state and state.snoozed_until and state.snoozed_until < occurrence:
        minutes = int((occurrence - state.snoozed_until).total_seconds() // 60)
        found.append(Slot(state.snoozed_until, occurrence, minutes))
    return sorted(found)


def _lead_span(deadline: NewDeadline) -> timedelta:
    # one extra day covers a daylight-saving shift between a slot and its occurrence
    return timedelta(days=max(deadline.lead_days) + 1)


def due_slots(deadline: NewDeadline, now: datetime, states: Mapping[datetime, OccurrenceState],
              catch_up: timedelta = DEFAULT_CATCH_UP) -> list[Slot]:
    """The reminders to post at `now`: at most one per occurrence not yet submitted or past.

    A slot is due from its time until `catch_up` later (so one missed while the bot was down is
    still posted) and never once the occurrence is due. When several slots of an occurrence are
    due, only the latest is posted: one message saying how close the deadline is, not several.
    """
    horizon = now + _lead_span(deadline)
    due = []
    for occurrence in occurrences_after(deadline, now):
        state = states.get(occurrence)
        if state is None or state.submitted_at is None:
            ready = [slot for slot in slots(deadline, occurrence, state)
                     if slot.remind_at <= now and now - slot.remind_at <= catch_up]
            if ready:
                due.append(max(ready))
        if occurrence > horizon:
            break
    return due


def next_reminder_at(deadline: NewDeadline, now: datetime,
                     states: Mapping[datetime, OccurrenceState]) -> datetime | None:
    """When the first reminder after `now` falls due (None when there is none left)."""
    best = None
    for occurrence in occurrences_after(deadline, now):
        if best is not None and occurrence - _lead_span(deadline) > best:
            break
        state = states.get(occurrence)
        if state is not None and state.submitted_at is not None:
            continue
        for slot in slots(deadline, occurrence, state):
            if slot.remind_at > now and (best is None or slot.remind_at < best):
                best = slot.remind_at
    return best


def next_check(deadline: NewDeadline, now: datetime, states: Mapping[datetime, OccurrenceState],
               catch_up: timedelta = DEFAULT_CATCH_UP) -> datetime | None:
    """When the reminder tick must next look at the deadline: now if a reminder is due, else the next one."""
    if due_slots(deadline, now, states, catch_up):
        return now
    return next_reminder_at(deadline, now, states)


def is_occurrence(deadline: NewDeadline, moment: datetime) -> bool:
    """Whether the deadline falls due at `moment` (its due time, or a yearly repeat of it)."""
    return next(occurrences_after(deadline, moment - timedelta(seconds=1)), None) == moment


def next_occurrence(deadline: NewDeadline, now: datetime) -> datetime | None:
    return next(occurrences_after(deadline, now), None)


def until_words(now: datetime, due: datetime, zone: ZoneInfo) -> str:
    """'in 7 days', 'tomorrow', 'in 5 hours', 'in 20 minutes' (calendar days in the deadline's zone)."""
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return "now"
    days = (due.astimezone(zone).date() - now.astimezone(zone).date()).days
    if days >= 2:
        return f"in {days} days"
    if days == 1:
        return "tomorrow"
    hours = round(seconds / 3600)
    if hours >= 1:
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, round(seconds / 60))
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


def format_due(due: datetime, zone: ZoneInfo) -> str:
    """'Tuesday 15 September 2026, 17:00 CEST'."""
    local = due.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} {local.tzname()}"


def lead_words(lead_minutes: int) -> str:
    if lead_minutes % MINUTES_PER_DAY == 0:
        days = lead_minutes // MINUTES_PER_DAY
        return f"{days} day{'s' if days != 1 else ''} before"
    return "snoozed reminder"


def digest_week(now: datetime, zone: ZoneInfo, catch_up: timedelta = DEFAULT_CATCH_UP) -> date | None:
    """The Monday whose digest is due at `now` (Monday 09:00 local, up to `catch_up` late), else None."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    start = datetime.combine(monday, DIGEST_TIME, tzinfo=zone)
    if start <= local and local - start <= catch_up:
        return monday
    return None
