"""Where each agency stands in a call for inputs: pure functions over plain data.

An agency is *pending* until one of its focal points (or an admin) confirms its list of activities for
the period or says it has nothing to report. It is *changed* when, after that answer, an activity of the
agency in the period was added, edited or deleted: its list needs confirming again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.core.periods import Period
from bot.core.records import Activity

PENDING, CONFIRMED, NOTHING, CHANGED = "pending", "confirmed", "nothing", "changed"
ANSWERED = (CONFIRMED, NOTHING)
STATE_NAMES = {PENDING: "pending", CONFIRMED: "confirmed", NOTHING: "nothing to report",
               CHANGED: "changed since confirmation"}


@dataclass(frozen=True)
class AgencyStatus:
    acronym: str
    state: str  # pending, confirmed, nothing or changed
    by: str | None  # who answered
    at: datetime | None  # when
    activities: int  # its activities in the period
    focal_points: tuple[str, ...]  # Slack user IDs
    unreachable: tuple[str, ...] = ()  # focal points Slack cannot reach (left the workspace)

    @property
    def waiting(self) -> bool:
        return self.state not in ANSWERED

    def to_json(self) -> dict:
        return {"acronym": self.acronym, "state": self.state, "by": self.by,
                "at": self.at.isoformat() if self.at else None, "activities": self.activities,
                "focal_points": list(self.focal_points), "unreachable": list(self.unreachable)}


@dataclass(frozen=True)
class CallStatus:
    period: Period
    due: date | None  # None: no call for inputs was made for this period
    agencies: tuple[AgencyStatus, ...]

    @property
    def confirmed(self) -> int:
        return sum(not a.waiting for a in self.agencies)

    @property
    def total(self) -> int:
        return len(self.agencies)

    @property
    def waiting(self) -> tuple[AgencyStatus, ...]:
        return tuple(a for a in self.agencies if a.waiting)

    def to_json(self) -> dict:
        return {"period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
                "due": self.due.isoformat() if self.due else None, "confirmed": self.confirmed,
                "total": self.total, "agencies": [a.to_json() for a in self.agencies]}


def call_status(period: Period, due: date | None, focal: Iterable[tuple[str, str, str]],
                answers: Mapping[str, tuple[str, str, datetime]], activities: Sequence[Activity],
                changes: Iterable[tuple[datetime, dict | None, dict | None]]) -> CallStatus:
    """Each agency with a focal point (or an answer), in acronym order.

    `focal` holds (agency, user, unreachable); `answers` agency -> (state, by, at); `activities` those of
    the period; `changes` (when, before, after) of activity writes, as the audit log keeps them."""
    users: dict[str, list[str]] = {}
    gone: dict[str, list[str]] = {}
    for agency, user, unreachable in focal:
        users.setdefault(agency, []).append(user)
        if unreachable:
            gone.setdefault(agency, []).append(user)
    counts: dict[str, int] = {}
    for activity in activities:
        if period.contains(activity.start_date):
            counts[activity.agency] = counts.get(activity.agency, 0) + 1
    last_change = _last_changes(period, changes)
    statuses = []
    for agency in sorted(set(users) | set(answers)):
        state, by, at = answers.get(agency, (PENDING, None, None))
        if state in ANSWERED and at is not None and last_change.get(agency, at) > at:
            state = CHANGED
        statuses.append(AgencyStatus(agency, state, by, at, counts.get(agency, 0), tuple(users.get(agency, ())),
                                     tuple(gone.get(agency, ()))))
    return CallStatus(period, due, tuple(statuses))


def _last_changes(period: Period, changes: Iterable[tuple[datetime, dict | None, dict | None]]) -> dict[str, datetime]:
    """Agency -> the time of the latest write to one of its activities in the period."""
    latest: dict[str, datetime] = {}
    for at, before, after in changes:
        for values in (before, after):
            if not values or not values.get("agency") or not values.get("start_date"):
                continue
            try:
                start = date.fromisoformat(values["start_date"])
            except ValueError:
                continue
            if period.contains(start) and at > latest.get(values["agency"], at.min.replace(tzinfo=at.tzinfo)):
                latest[values["agency"]] = at
    return latest


def status_line(status: CallStatus, limit: int = 8) -> str:
    """'6 of 9 agencies confirmed; waiting on CLDP, CCIPS, USTDA' (plain text)."""
    line = f"{status.confirmed} of {status.total} agencies confirmed"
    waiting = [a.acronym for a in status.waiting]
    if waiting:
        shown = ", ".join(waiting[:limit]) + (f" and {len(waiting) - limit} more" if len(waiting) > limit else "")
        line += f"; waiting on {shown}"
    return line


def pending_focal_points(status: CallStatus) -> list[tuple[str, str]]:
    """(agency, user) of every reachable focal point of an agency still waited on."""
    return [(a.acronym, user) for a in status.waiting for user in a.focal_points if user not in a.unreachable]
