"""Query functions for weekly digest subscriptions."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models import DigestSubscriptionRow, utcnow


def subscribe(session: Session, channel: str, user_id: str) -> None:
    session.execute(
        dialect_insert(session, DigestSubscriptionRow)
        .values(channel=channel, subscribed_by=user_id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["channel"])
    )


def unsubscribe(session: Session, channel: str) -> bool:
    return session.execute(delete(DigestSubscriptionRow).where(DigestSubscriptionRow.channel == channel)).rowcount == 1


def subscribed_channels(session: Session) -> list[str]:
    return list(session.scalars(select(DigestSubscriptionRow.channel).order_by(DigestSubscriptionRow.channel)))
