"""Query functions for deadlines and what people did about their occurrences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from bot.core.deadlines import Deadline, NewDeadline, OccurrenceState
from storage import audit
from storage.db import dialect_insert
from storage.models import DeadlineOccurrenceRow, DeadlineRow, ReminderClaimRow

D, O = DeadlineRow.__table__, DeadlineOccurrenceRow.__table__


def _deadline(row) -> Deadline:
    return Deadline(
        id=row.id, title=row.title, due_at=row.due_at, timezone=row.timezone, yearly=row.yearly,
        lead_days=tuple(row.lead_days), channel=row.channel, notes=row.notes, created_by=row.created_by,
        revision=row.revision, next_remind_at=row.next_remind_at,
    )


def _values(new: NewDeadline) -> dict:
    values = {field.name: getattr(new, field.name) for field in fields(NewDeadline)}
    return {**values, "lead_days": list(new.lead_days)}


def deadline_values(new: NewDeadline) -> dict:
    """What the audit log keeps of a deadline (plain JSON)."""
    return {"title": new.title, "due_at": new.due_at.isoformat(), "timezone": new.timezone, "yearly": new.yearly,
            "lead_days": list(new.lead_days), "channel": new.channel, "notes": new.notes}


def add_deadline(session: Session, new: NewDeadline, next_remind_at: datetime | None, who: str = "") -> Deadline:
    deadline_id = session.scalar(
        insert(DeadlineRow).values(**_values(new), next_remind_at=next_remind_at).returning(DeadlineRow.id)
    )
    audit.record(session, who or new.created_by, "add", "deadline", deadline_id, after=deadline_values(new))
    return get_deadline(session, deadline_id)


def update_deadline(session: Session, deadline_id: int, new: NewDeadline,
                    next_remind_at: datetime | None, who: str = "") -> Deadline | None:
    old = get_deadline(session, deadline_id)
    values = {key: value for key, value in _values(new).items() if key != "created_by"}
    if old is not None:
        audit.record(session, who, "edit", "deadline", deadline_id, before=deadline_values(old),
                     after=deadline_values(new))
    session.execute(
        update(DeadlineRow).where(DeadlineRow.id == deadline_id)
        .values(**values, next_remind_at=next_remind_at, revision=DeadlineRow.revision + 1)
    )
    return get_deadline(session, deadline_id)


def get_deadline(session: Session, deadline_id: int) -> Deadline | None:
    row = session.execute(select(D).where(D.c.id == deadline_id)).one_or_none()
    return _deadline(row) if row else None


def delete_deadline(session: Session, deadline_id: int, who: str = "") -> Deadline | None:
    deadline = get_deadline(session, deadline_id)
    if deadline is not None:
        audit.record(session, who, "delete", "deadline", deadline_id, before=deadline_values(deadline))
        session.execute(delete(ReminderClaimRow).where(ReminderClaimRow.deadline_id == deadline_id))
        session.execute(delete(O).where(O.c.deadline_id == deadline_id))
        session.execute(delete(D).where(D.c.id == deadline_id))
    return deadline


def all_deadlines(session: Session) -> list[Deadline]:
    return [_deadline(row) for row in session.execute(select(D).order_by(D.c.id))]


def due_deadlines(session: Session, now: datetime, limit: int) -> list[Deadline]:
    """Deadlines whose next reminder time has come, most overdue first (uses the index)."""
    query = select(D).where(D.c.next_remind_at <= now).order_by(D.c.next_remind_at).limit(limit)
    return [_deadline(row) for row in session.execute(query)]


def occurrence_states(session: Session, deadline_ids: Iterable[int]) -> dict[int, dict[datetime, OccurrenceState]]:
    ids = list(deadline_ids)
    states: dict[int, dict[datetime, OccurrenceState]] = {deadline_id: {} for deadline_id in ids}
    if ids:
        for row in session.execute(select(O).where(O.c.deadline_id.in_(ids))):
            states[row.deadline_id][row.occurrence] = OccurrenceState(
                submitted_by=row.submitted_by, submitted_at=row.submitted_at, snoozed_until=row.snoozed_until)
    return states


def set_next_remind_at(session: Session, deadline_id: int, revision: int, value: datetime | None) -> bool:
    """Move the deadline's next look-up time, unless someone changed the deadline meanwhile."""
    result = session.execute(
        update(D).where(D.c.id == deadline_id, D.c.revision == revision).values(next_remind_at=value)
    )
    return result.rowcount == 1


def record_occurrence(session: Session, deadline_id: int, occurrence: datetime, who: str = "", **values) -> None:
    """Set submitted_* or snoozed_* for one occurrence, and bump the deadline's revision."""
    audit.record(session, who, "submitted" if "submitted_by" in values else "snooze", "deadline", deadline_id,
                 after={"occurrence": occurrence.isoformat(),
                        **{k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}})
    session.execute(
        dialect_insert(session, O).values(deadline_id=deadline_id, occurrence=occurrence)
        .on_conflict_do_nothing(index_elements=["deadline_id", "occurrence"])
    )
    session.execute(update(O).where(O.c.deadline_id == deadline_id, O.c.occurrence == occurrence).values(**values))
    session.execute(update(D).where(D.c.id == deadline_id).values(revision=D.c.revision + 1))


def sent_slots(session: Session, deadline_ids: Iterable[int]) -> set[tuple[int, datetime, int]]:
    """(deadline, occurrence, lead minutes) of the reminders already posted."""
    ids = list(deadline_ids)
    if not ids:
        return set()
    rows = session.execute(select(ReminderClaimRow.deadline_id, ReminderClaimRow.occurrence,
                                  ReminderClaimRow.lead_minutes)
                           .where(ReminderClaimRow.deadline_id.in_(ids), ReminderClaimRow.status == "sent"))
    return {(d, o, l) for d, o, l in rows}
