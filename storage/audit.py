"""The audit log: every write, with who, when (UTC), what, and the values before and after.

Entries are only ever inserted, in the same transaction as the write they record; nothing here (or
anywhere) updates or deletes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, or_, select
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


def record_batch(session: Session, who: str, action: str, entity: str, ids: Sequence[int], *,
                 at: datetime | None = None, note: str = "") -> None:
    """One entry for a batch (an import): its ids as runs, e.g. [[12, 100011]], and how many.
    `entries(entity_id=N)` finds it for each id N it names."""
    runs = id_runs(ids)
    span = f"{runs[0][0]}-{runs[-1][1]}" if runs else ""
    session.execute(insert(AuditRow), [{"at": at or utcnow(), "who": who or "unknown", "action": action,
                                        "entity": entity, "entity_id": f"{BATCH}{span}",
                                        "before": None, "after": {"count": len(ids), "ids": runs},
                                        "note": note[:2000]}])


BATCH = "batch:"  # entity_id prefix of an entry that names many ids


def id_runs(ids: Sequence[int]) -> list[list[int]]:
    """[1, 2, 3, 7, 8] -> [[1, 3], [7, 8]]."""
    runs: list[list[int]] = []
    for value in sorted(ids):
        if runs and value == runs[-1][1] + 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return runs


def _names(entry: AuditRow, entity_id: str) -> bool:
    if not entry.entity_id.startswith(BATCH):
        return entry.entity_id == entity_id
    if not entity_id.isdigit():
        return False
    wanted = int(entity_id)
    return any(first <= wanted <= last for first, last in (entry.after or {}).get("ids", []))


def entries(session: Session, *, since: datetime | None = None, entity: str | None = None,
            entity_id: object | None = None, limit: int | None = None) -> list[dict]:
    """Entries oldest first, as plain dicts (`at` as ISO 8601 UTC)."""
    query = select(AuditRow).order_by(AuditRow.at, AuditRow.id)
    if since is not None:
        query = query.where(AuditRow.at >= since)
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    if entity_id is None:
        rows = session.scalars(query.limit(limit))
    else:
        rows = _naming(session, query, str(entity_id))[:limit]
    return [{"at": row.at.isoformat(), "who": row.who, "action": row.action, "entity": row.entity,
             "id": row.entity_id, "before": row.before, "after": row.after}
            for row in rows]


def _naming(session: Session, query, entity_id: str) -> list[AuditRow]:
    """The entries of `query` for `entity_id`: its own, and the batches that name it (few: one an import)."""
    query = query.where(or_(AuditRow.entity_id == entity_id, AuditRow.entity_id.startswith(BATCH)))
    return [row for row in session.scalars(query) if _names(row, entity_id)]
