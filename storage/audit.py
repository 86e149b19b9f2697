"""The audit log: every write, with who, when (UTC), what, and the values before and after.

Entries are only ever inserted, in the same transaction as the write they record; nothing here (or
anywhere) updates or deletes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from storage.models import utcnow
from storage.models_inputs import AuditRow


def record(session: Session, who: str, action: str, entity: str, entity_id: object, *,
           before: dict | None = None, after: dict | None = None, at: datetime | None = None,
           note: str = "") -> None:
    """Append one entry. `who` is a Slack user ID, or "cli" for the command line."""
    record_many(session, who, action, entity, [(entity_id, before, after)], at=at, note=note)


def record_many(session: Session, who: str, action: str, entity: str,
                items: Sequence[tuple[object, dict | None, dict | None]], *, at: datetime | None = None,
                note: str = "") -> None:
    """Append one entry per (entity_id, before, after), in one statement (an import of many rows)."""
    if not items:
        return
    when = at or utcnow()
    session.execute(insert(AuditRow), [
        {"at": when, "who": who or "unknown", "action": action, "entity": entity, "entity_id": str(entity_id),
         "before": before, "after": after, "note": note[:2000]}
        for entity_id, before, after in items])


def entries(session: Session, *, since: datetime | None = None, entity: str | None = None,
            entity_id: object | None = None, limit: int | None = None) -> list[dict]:
    """Entries oldest first, as plain dicts (`at` as ISO 8601 UTC)."""
    query = select(AuditRow).order_by(AuditRow.at, AuditRow.id)
    if since is not None:
        query = query.where(AuditRow.at >= since)
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    if entity_id is not None:
        query = query.where(AuditRow.entity_id == str(entity_id))
    if limit is not None:
        query = query.limit(limit)
    return [{"at": row.at.isoformat(), "who": row.who, "action": row.action, "entity": row.entity,
             "id": row.entity_id, "before": row.before, "after": row.after}
            for row in session.scalars(query)]
