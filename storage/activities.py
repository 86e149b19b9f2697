"""Query functions for activities. Callers pass a Session (one per unit of work)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from datetime import date

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.core.records import Activity, NewActivity
from bot.core.text import fold, fold_once
from storage import audit
from storage.bulk import insert_rows
from storage.changes import bump_version
from storage.key_counts import count_added, count_removed
from storage.key_filters import GIN_INDEXES, key_of
from storage.knowledge import agency_ids, topic_ids
from storage.models import ActivityRow, AgencyRow, utcnow

A, AG = ActivityRow.__table__, AgencyRow.__table__
log = logging.getLogger(__name__)

_COLUMNS = (
    A.c.id, A.c.title, A.c.start_date, A.c.end_date, AG.c.acronym, AG.c.name, A.c.beneficiaries,
    A.c.topics, A.c.format,
    A.c.location, A.c.description, A.c.url, A.c.source_document, A.c.created_by,
    A.c.created_at, A.c.updated_at,
)
BASE = select(*_COLUMNS).select_from(A.join(AG, A.c.agency_id == AG.c.id))


class UnknownReference(ValueError):
    """An agency or topic that is not in the knowledge base."""


def _check_references(items: Sequence[NewActivity], agencies: dict, topics: dict) -> None:
    for item in items:
        if item.agency not in agencies:
            raise UnknownReference(f"unknown agency {item.agency}")
        for slug in item.topics:
            if slug not in topics:
                raise UnknownReference(f"unknown topic {slug}")


def keys(values) -> str:
    """'|peru|chile|': folded values between bars, for filters that match whole values."""
    return _keys(tuple(values))


@lru_cache(maxsize=16384)
def _keys(values: tuple[str, ...]) -> str:  # imports repeat the same lists thousands of times
    return "|" + "".join(key_of(value) + "|" for value in values)


def add_activities(session: Session, items: Sequence[NewActivity], member: str | None = None,
                   who: str | None = None) -> int:
    """Store activities in one transaction, at the driver's bulk speed (storage/bulk.py); returns how
    many were stored. Their agencies are `member`'s (the reporting Member's; when None, any Member's
    with that acronym). The audit log gets one entry for the batch, naming the ids it added, by `who`
    (default: the first activity's `created_by`)."""
    if not items:
        return 0
    agencies, topics = agency_ids(session, member), topic_ids(session)
    _check_references(items, agencies, topics)
    now = utcnow()
    values = [_values(item, agencies) for item in items]
    ids = insert_rows(session, A, STORED, values, constants={"created_at": now, "updated_at": now})
    count_added(session, [(row[KEYS], row[KEYS + 1]) for row in values])
    audit.record_batch(session, who or items[0].created_by, "add", "activity", ids, at=now)
    bump_version(session)
    refresh_statistics(session, len(items))
    return len(items)


def add_activity(session: Session, item: NewActivity, member: str | None = None, who: str | None = None) -> int:
    """Store one activity, its agency being `member`'s (see add_activities); returns its id."""
    agencies, topics = agency_ids(session, member), topic_ids(session)
    _check_references([item], agencies, topics)
    now = utcnow()
    row = _row(item, agencies)
    activity_id = session.execute(insert(A).returning(A.c.id),
                                  {**row, "created_at": now, "updated_at": now}).scalar_one()
    count_added(session, [(row["beneficiary_keys"], row["topic_keys"])])
    audit.record(session, who or item.created_by, "add", "activity", activity_id, after=activity_values(item), at=now)
    bump_version(session)
    return activity_id


def activity_values(item: NewActivity) -> dict:
    """What the audit log keeps of an activity (plain JSON)."""
    return {"title": item.title, "start_date": item.start_date.isoformat(),
            "end_date": item.end_date.isoformat() if item.end_date else None, "agency": item.agency,
            "beneficiaries": list(item.beneficiaries), "topics": list(item.topics), "format": item.format,
            "location": item.location, "description": item.description, "url": item.url}


# The columns an activity's values fill, in the order _values gives them.
STORED = ("title", "start_date", "end_date", "span_days", "agency_id", "beneficiaries", "topics",
          "beneficiary_keys", "topic_keys", "search_text", "format", "location", "description", "url",
          "source_document", "created_by")
KEYS = STORED.index("beneficiary_keys")  # topic_keys follows it


def _values(item: NewActivity, agencies: dict[str, int]) -> tuple:
    """An activity's stored values, in STORED's order (lists as tuples: JSON writes them alike)."""
    return (item.title, item.start_date, item.end_date,
            (item.end_date - item.start_date).days if item.end_date else 0, agencies[item.agency],
            tuple(item.beneficiaries), tuple(item.topics), keys(item.beneficiaries), keys(item.topics),
            search_text(item.title, item.description), item.format, item.location, item.description, item.url,
            item.source_document, item.created_by)


def _row(item: NewActivity, agencies: dict[str, int]) -> dict:
    return dict(zip(STORED, _values(item, agencies)))


def search_text(title: str, description: str) -> str:
    """What search looks in, folded: accents and case do not matter."""
    return fold_once(f"{title}\n{description}")


def get_activity(session: Session, activity_id: int) -> Activity | None:
    found = hydrate(session.execute(BASE.where(A.c.id == activity_id)).all())
    return found[0] if found else None


def delete_activity(session: Session, activity_id: int, who: str = "") -> Activity | None:
    activity = get_activity(session, activity_id)
    if activity is not None:
        keys = session.execute(select(A.c.beneficiary_keys, A.c.topic_keys).where(A.c.id == activity_id)).one()
        session.execute(delete(A).where(A.c.id == activity_id))
        count_removed(session, [tuple(keys)])
        audit.record(session, who, "delete", "activity", activity_id, before=activity_values(activity))
        bump_version(session)
    return activity


BULK = 1000  # rows; a write this large refreshes PostgreSQL's planner statistics at once


def refresh_statistics(session: Session, rows: int) -> None:
    """After a bulk write on PostgreSQL, ANALYZE the activities: until autovacuum gets to it the planner
    believes the table is as it was, and a filtered listing can pick a full scan (40 ms at 100k rows).
    And move the GIN indexes' pending entries into the indexes proper: until then every look-up of a
    key reads the whole pending list (8 ms after an import of 100k rows, instead of 0.03 ms)."""
    if rows >= BULK and session.get_bind().dialect.name == "postgresql":
        try:
            with session.begin_nested():  # upkeep: a role that does not own the indexes may not do it
                for index in GIN_INDEXES.values():
                    session.execute(text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"),
                                    {"index": index})
        except DBAPIError as exc:
            log.warning("could not clean the GIN indexes' pending lists (%s); autovacuum will", exc.orig)
        session.execute(text("ANALYZE activities"))  # a role that does not own the table gets a warning


def search_activities(session: Session, words: str, limit: int = 20, offset: int = 0) -> tuple[list[Activity], bool]:
    """Activities whose title, description, beneficiaries or agency contain every word (`offset` skips some)."""
    query = BASE
    for word in words.split()[:10]:
        key = fold(word)
        query = query.where(or_(
            A.c.search_text.contains(key, autoescape=True),
            AG.c.acronym.icontains(word, autoescape=True),
            AG.c.name.icontains(word, autoescape=True),
            A.c.beneficiary_keys.contains(key, autoescape=True),
        ))
    query = query.order_by(A.c.start_date.desc(), A.c.id.desc()).offset(offset or None).limit(limit + 1)
    rows = session.execute(query).all()
    return hydrate(rows[:limit]), len(rows) > limit


def all_activities(session: Session, start: date | None = None, end: date | None = None) -> list[Activity]:
    """Every activity (optionally starting within [start, end]), by start date."""
    query = BASE
    if start is not None:
        query = query.where(A.c.start_date >= start)
    if end is not None:
        query = query.where(A.c.start_date <= end)
    return hydrate(session.execute(query.order_by(A.c.start_date, A.c.id)).all())


def count_activities(session: Session) -> int:
    return session.execute(select(func.count()).select_from(A)).scalar_one()


def hydrate(rows: Sequence) -> list[Activity]:
    return [
        Activity(
            id=row.id, title=row.title, start_date=row.start_date, end_date=row.end_date,
            agency=row.acronym, agency_name=row.name, beneficiaries=tuple(row.beneficiaries),
            topics=tuple(row.topics), format=row.format, location=row.location,
            description=row.description, url=row.url, source_document=row.source_document,
            created_by=row.created_by, created_at=row.created_at, updated_at=row.updated_at,
        )
        for row in rows
    ]


def find_duplicates(session: Session, items: Sequence[NewActivity],
                    keys: Sequence[tuple] | None = None) -> dict[int, int]:
    """{index in `items`: id of a stored activity with the same title (ignoring case, accents and spacing),
    start date and agency}. One query for the whole batch: the rows starting within the batch's dates
    (by the start-date index: the dates themselves when there are few, else their range), matched here."""
    from bot.core.checks import duplicate_key, key_of

    if not items:
        return {}
    wanted: dict[tuple, list[int]] = {}
    for index, item in enumerate(items):
        wanted.setdefault(keys[index] if keys is not None else key_of(item), []).append(index)
    dates = sorted({item.start_date for item in items})
    query = select(A.c.id, A.c.title, A.c.start_date, AG.c.acronym).select_from(A.join(AG, A.c.agency_id == AG.c.id))
    if len(dates) <= 500:
        query = query.where(A.c.start_date.in_(dates))
    else:
        query = query.where(A.c.start_date >= dates[0], A.c.start_date <= dates[-1])
    found: dict[int, int] = {}
    for row in session.execute(query.order_by(A.c.id)):
        for index in wanted.get(duplicate_key(row.title, row.start_date, row.acronym), ()):
            found.setdefault(index, row.id)
    return found


def count_outside(session: Session, start: date, end: date) -> int:
    """How many activities start before `start` or after `end` (by the start-date index)."""
    return session.execute(select(func.count()).select_from(A).where(
        or_(A.c.start_date < start, A.c.start_date > end))).scalar_one()
