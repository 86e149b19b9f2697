"""Claims on Slack event IDs, so each event is answered once across retries and replicas, and never
zero times: a claim has a lease, and a replica that died while handling an event leaves it to a retry.

A listener that finishes marks the event done. One that fails gives the claim back (its lease ends at
once). Slack's next retry then takes the claim over and looks in Slack for a reply before it answers.
The same happens when the lease runs out because the holder died. Slack retries after about 1 and
5 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models import ProcessedEventRow

HANDLING, DONE = "handling", "done"
# The lease covers the slowest listener, at most 60 s: a report sent in a DM is downloaded (at most 20 s),
# read (under 2 s for 200 paragraphs) and answered within the Web API client's timeout (30 s): 52 s.
EVENT_LEASE = timedelta(seconds=55)
RETRY_HORIZON = timedelta(days=1)


@dataclass(frozen=True)
class EventClaim:
    claimed: bool  # this call took the event and must handle it
    taken_over: bool = False  # an earlier holder died or failed: it may have replied already


def claim_event(session: Session, event_id: str, now: datetime, owner: str = "",
                lease: timedelta = EVENT_LEASE) -> EventClaim:
    """Take the event unless it is done or another holder's lease still runs."""
    inserted = session.execute(
        dialect_insert(session, ProcessedEventRow)
        .values(event_id=event_id, received_at=now, status=HANDLING, owner=owner, lease_until=now + lease)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEventRow.event_id)
    ).scalar()
    if inserted is not None:
        return EventClaim(True)
    taken = session.execute(
        update(ProcessedEventRow)
        .where(ProcessedEventRow.event_id == event_id, ProcessedEventRow.status == HANDLING,
               ProcessedEventRow.lease_until <= now)
        .values(owner=owner, lease_until=now + lease)
    ).rowcount
    return EventClaim(taken == 1, taken == 1)


def finish_event(session: Session, event_id: str, owner: str) -> bool:
    """The listener is done: later deliveries of the event are skipped. False if the claim was not ours."""
    return session.execute(
        update(ProcessedEventRow)
        .where(ProcessedEventRow.event_id == event_id, ProcessedEventRow.owner == owner,
               ProcessedEventRow.status == HANDLING)
        .values(status=DONE)
    ).rowcount == 1


def release_event(session: Session, event_id: str, now: datetime) -> None:
    """Handling failed: the claim's lease ends now, so Slack's retry takes it over (and looks first)."""
    session.execute(
        update(ProcessedEventRow).where(ProcessedEventRow.event_id == event_id)
        .values(status=HANDLING, owner="", lease_until=now)
    )


def forget_events_before(session: Session, cutoff: datetime) -> int:
    """Drop claims older than Slack's retry horizon."""
    return session.execute(delete(ProcessedEventRow).where(ProcessedEventRow.received_at < cutoff)).rowcount
