"""Collecting every agency's inputs: focal points, calls for inputs and the agencies' answers to them.

Every write is recorded in the audit log, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage import audit
from storage.db import dialect_insert
from storage.models import utcnow
from storage.models_inputs import AuditRow, ConfirmationRow, FocalPointRow, InputCallRow


@dataclass(frozen=True)
class FocalPoint:
    agency: str
    user_id: str
    unreachable: str = ""  # why Slack cannot reach them ("user_not_found", "account_inactive"), else ""


@dataclass(frozen=True)
class Call:
    id: int
    start: date
    end: date
    due: date
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class Answer:
    agency: str
    state: str  # "confirmed" or "nothing"
    by: str
    at: datetime


def add_focal_points(session: Session, agency: str, users: list[str], who: str) -> list[str]:
    """Make `users` focal points of `agency`; returns those who were not yet."""
    added = []
    for user in users:
        inserted = session.execute(
            dialect_insert(session, FocalPointRow)
            .values(agency=agency, user_id=user, added_by=who, added_at=utcnow(), unreachable="")
            .on_conflict_do_nothing(index_elements=["agency", "user_id"])
            .returning(FocalPointRow.id)).scalar()
        if inserted is not None:
            added.append(user)
            audit.record(session, who, "add", "focal_point", f"{agency}:{user}", after={"agency": agency, "user": user})
    return added


def remove_focal_point(session: Session, agency: str, user: str, who: str) -> bool:
    removed = session.execute(delete(FocalPointRow).where(FocalPointRow.agency == agency,
                                                          FocalPointRow.user_id == user)).rowcount
    if removed:
        audit.record(session, who, "delete", "focal_point", f"{agency}:{user}", before={"agency": agency, "user": user})
    return bool(removed)


def focal_points(session: Session) -> list[FocalPoint]:
    rows = session.scalars(select(FocalPointRow).order_by(FocalPointRow.agency, FocalPointRow.id))
    return [FocalPoint(r.agency, r.user_id, r.unreachable) for r in rows]


def mark_unreachable(session: Session, agency: str, user: str, why: str) -> None:
    session.execute(update(FocalPointRow).where(FocalPointRow.agency == agency, FocalPointRow.user_id == user)
                    .values(unreachable=why[:64]))


def open_call(session: Session, start: date, end: date, due: date, who: str) -> tuple[Call, bool]:
    """The call for this period, created if there is none (then True). A call made again keeps its due
    date unless a new one is given (`due` differs): then the due date is updated."""
    found = session.scalars(select(InputCallRow).where(InputCallRow.period_start == start,
                                                       InputCallRow.period_end == end)).one_or_none()
    created = found is None
    if found is None:
        inserted = session.execute(
            dialect_insert(session, InputCallRow)
            .values(period_start=start, period_end=end, due=due, created_by=who, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["period_start", "period_end"])
            .returning(InputCallRow.id)).scalar()
        created = inserted is not None
        found = session.scalars(select(InputCallRow).where(InputCallRow.period_start == start,
                                                           InputCallRow.period_end == end)).one()
        if created:
            audit.record(session, who, "add", "call", found.id,
                         after={"start": start.isoformat(), "end": end.isoformat(), "due": due.isoformat()})
    elif found.due != due:
        audit.record(session, who, "edit", "call", found.id, before={"due": found.due.isoformat()},
                     after={"due": due.isoformat()})
        found.due = due
        session.flush()
    return _call(found), created


def find_call(session: Session, start: date, end: date) -> Call | None:
    row = session.scalars(select(InputCallRow).where(InputCallRow.period_start == start,
                                                     InputCallRow.period_end == end)).one_or_none()
    return _call(row) if row else None


def calls_due_on(session: Session, due: date) -> list[Call]:
    """The calls whose inputs are due on `due` (the calls a reporting deadline on that day waits for)."""
    return [_call(r) for r in session.scalars(select(InputCallRow).where(InputCallRow.due == due)
                                                .order_by(InputCallRow.id))]


def all_calls(session: Session) -> list[Call]:
    """Every call, oldest first."""
    return [_call(r) for r in session.scalars(select(InputCallRow).order_by(InputCallRow.id))]


def answer(session: Session, call_id: int, agency: str, state: str, who: str, at: datetime) -> None:
    """Record an agency's answer (its list confirmed, or nothing to report); the latest answer counts."""
    previous = session.scalars(select(ConfirmationRow).where(ConfirmationRow.call_id == call_id,
                                                             ConfirmationRow.agency == agency)).one_or_none()
    before = {"state": previous.state, "by": previous.by, "at": previous.at.isoformat()} if previous else None
    if previous is None:
        session.add(ConfirmationRow(call_id=call_id, agency=agency, state=state, by=who, at=at))
    else:
        previous.state, previous.by, previous.at = state, who, at
    session.flush()
    audit.record(session, who, "confirm" if state == "confirmed" else "nothing", "confirmation",
                 f"{call_id}:{agency}", before=before, after={"state": state, "by": who, "at": at.isoformat()}, at=at)


def answers(session: Session, call_id: int) -> dict[str, Answer]:
    rows = session.scalars(select(ConfirmationRow).where(ConfirmationRow.call_id == call_id))
    return {r.agency: Answer(r.agency, r.state, r.by, r.at) for r in rows}


def activity_changes_since(session: Session, since: datetime) -> list[tuple[datetime, dict | None, dict | None]]:
    """(when, before, after) of every activity added, edited or deleted since `since` (from the audit log)."""
    rows = session.execute(select(AuditRow.at, AuditRow.before, AuditRow.after)
                           .where(AuditRow.entity == "activity", AuditRow.at >= since).order_by(AuditRow.at))
    return [(at, before, after) for at, before, after in rows]


def _call(row: InputCallRow) -> Call:
    return Call(row.id, row.period_start, row.period_end, row.due, row.created_by, row.created_at)
