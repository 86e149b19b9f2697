"""Claims on Slack event IDs, so each event is handled once across retries and replicas."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models import ProcessedEventRow


def claim_event(session: Session, event_id: str, now: datetime) -> bool:
    """True if this call took the event; False if it was already taken (a retry or another replica)."""
    statement = (
        dialect_insert(session, ProcessedEventRow)
        .values(event_id=event_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEventRow.event_id)
    )
    return session.execute(statement).scalar() is not None


def release_event(session: Session, event_id: str) -> None:
    """Give an event back after handling it failed, so Slack's retry is handled."""
    session.execute(delete(ProcessedEventRow).where(ProcessedEventRow.event_id == event_id))


def forget_events_before(session: Session, cutoff: datetime) -> int:
    """Drop claims older than Slack's retry horizon."""
    return session.execute(delete(ProcessedEventRow).where(ProcessedEventRow.received_at < cutoff)).rowcount


RETRY_HORIZON = timedelta(days=1)
