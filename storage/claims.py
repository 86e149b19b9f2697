"""Exactly-once delivery: claim a message before posting it, mark it sent once Slack accepted it.

A claim row is unique on its key (a reminder slot, or a channel's digest week). Inserting it is
insert-if-absent, so of all processes racing over the same key exactly one gets the row back.
A pending claim whose lease has run out (its owner died mid-post, or the post failed and the
retry time has come) is taken over by a conditional UPDATE, which again only one process wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models import ClaimColumns

PENDING, SENT = "pending", "sent"


@dataclass(frozen=True)
class Claim:
    id: int
    claimed: bool  # this process now owns it and must post it
    sent: bool
    lease_until: datetime


def claim(session: Session, row: type[ClaimColumns], key: dict, *, channel: str, owner: str,
          now: datetime, lease_until: datetime) -> Claim:
    """Claim the message with this key for `owner` until `lease_until`, unless it is sent or held."""
    inserted = session.execute(
        dialect_insert(session, row)
        .values({"channel": channel, "status": PENDING, "owner": owner, "lease_until": lease_until,
                 "attempts": 1, "last_error": "", "created_at": now, **key})
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(row.id)
    ).scalar_one_or_none()
    if inserted is not None:
        return Claim(inserted, True, False, lease_until)
    matches = and_(*(getattr(row, name) == value for name, value in key.items()))
    taken = session.execute(
        update(row)
        .where(matches, row.status == PENDING, row.lease_until <= now)
        .values(owner=owner, lease_until=lease_until, channel=channel, attempts=row.attempts + 1)
        .returning(row.id)
    ).scalar_one_or_none()
    if taken is not None:
        return Claim(taken, True, False, lease_until)
    found = session.execute(select(row.id, row.status, row.lease_until).where(matches)).one()
    return Claim(found.id, False, found.status == SENT, found.lease_until)


def mark_sent(session: Session, row: type[ClaimColumns], claim_id: int, owner: str, now: datetime,
              message_ts: str | None) -> bool:
    """Record that Slack accepted the post; False if the claim was no longer ours."""
    result = session.execute(
        update(row).where(row.id == claim_id, row.owner == owner, row.status == PENDING)
        .values(status=SENT, sent_at=now, message_ts=message_ts, last_error="")
    )
    return result.rowcount == 1


def release(session: Session, row: type[ClaimColumns], claim_id: int, owner: str,
            retry_at: datetime, error: str) -> None:
    """The post failed: let any process retry from `retry_at`."""
    session.execute(
        update(row).where(row.id == claim_id, row.owner == owner, row.status == PENDING)
        .values(lease_until=retry_at, last_error=error[:2000])
    )
