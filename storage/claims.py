"""Exactly-once delivery: claim a message before posting it, mark it sent once Slack accepted it.

A claim row is unique on its key (a reminder slot, or a channel's digest week). Inserting it is
insert-if-absent, so of all processes racing over the same key exactly one gets the row back.
A pending claim whose lease has run out (its owner died mid-post, or the post failed and the
retry time has come) is taken over by a conditional UPDATE, which again only one process wins. A claim
whose earlier post may have reached Slack is `unsure`: its new owner looks for the post before posting.
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
    look_first: bool = False  # an earlier attempt may have posted it: look for it in Slack before posting
    created_at: datetime | None = None  # when it was first claimed: a post of it can be no older


def claim(session: Session, row: type[ClaimColumns], key: dict, *, channel: str, owner: str,
          now: datetime, lease_until: datetime) -> Claim:
    """Claim the message with this key for `owner` until `lease_until`, unless it is sent or held.

    From the moment it is claimed, the claim is `unsure`: its owner may post, and if it dies or loses
    Slack's answer, whoever takes the claim over must look for the message before posting again. Only a
    failure that proves nothing was posted clears it (`release(…, posted=False)`).
    """
    inserted = session.execute(
        dialect_insert(session, row)
        .values({"channel": channel, "status": PENDING, "owner": owner, "lease_until": lease_until,
                 "attempts": 1, "last_error": "", "created_at": now, "unsure": True, **key})
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(row.id)
    ).scalar_one_or_none()
    if inserted is not None:
        return Claim(inserted, True, False, lease_until, False, now)
    matches = and_(*(getattr(row, name) == value for name, value in key.items()))
    found = session.execute(select(row.id, row.status, row.lease_until, row.owner, row.unsure, row.created_at)
                            .where(matches)).one()
    if found.status == PENDING and found.lease_until <= now:
        # taken over only if nobody else took it since we read it (same owner, same lease)
        taken = session.execute(
            update(row)
            .where(row.id == found.id, row.status == PENDING, row.owner == found.owner,
                   row.lease_until == found.lease_until)
            .values(owner=owner, lease_until=lease_until, channel=channel, attempts=row.attempts + 1,
                    unsure=True)
        ).rowcount
        if taken == 1:
            return Claim(found.id, True, False, lease_until, bool(found.unsure), found.created_at)
    return Claim(found.id, False, found.status == SENT, found.lease_until, bool(found.unsure), found.created_at)


def mark_sent(session: Session, row: type[ClaimColumns], claim_id: int, owner: str, now: datetime,
              message_ts: str | None) -> bool:
    """Record that Slack accepted the post; False if the claim was no longer ours."""
    result = session.execute(
        update(row).where(row.id == claim_id, row.owner == owner, row.status == PENDING)
        .values(status=SENT, sent_at=now, message_ts=message_ts, last_error="")
    )
    return result.rowcount == 1


def release(session: Session, row: type[ClaimColumns], claim_id: int, owner: str,
            retry_at: datetime, error: str, *, posted: bool | None = False) -> None:
    """The post failed: let any process retry from `retry_at`. `posted` says what the failure proves:
    False, nothing was posted (Slack refused it, or the request never left); None, it may have been
    (no answer, a timeout, a connection lost after sending): the retry looks for it first."""
    values = {"lease_until": retry_at, "last_error": error[:2000]}
    if posted is False:
        values["unsure"] = False
    session.execute(update(row).where(row.id == claim_id, row.owner == owner, row.status == PENDING).values(values))
