"""Posting a claimed message: mark it sent once Slack accepted it, or release it for a later retry."""

from __future__ import annotations

import http.client
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.records import Reply
from storage import Database, claims
from storage.models import ClaimColumns

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)  # longer than any Web API call may take (the client times out at 30 s)
REFUSED_RETRY = timedelta(hours=1)  # Slack answered but refused (e.g. not_in_channel)
TRANSIENT_ERRORS = {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}


@dataclass(frozen=True)
class Posted:
    channel: str
    text: str
    ts: str | None


def process_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Poster:
    """Posts messages this process has claimed (storage.claims), as `owner`."""

    def __init__(self, db: Database, client: WebClient, owner: str | None = None) -> None:
        self.db = db
        self.client = client
        self.owner = owner or process_owner()

    def claim(self, row: type[ClaimColumns], key: dict, channel: str, now: datetime) -> claims.Claim:
        with self.db.session() as session:
            return claims.claim(session, row, key, channel=channel, owner=self.owner, now=now,
                                lease_until=now + LEASE)

    def post(self, row: type[ClaimColumns], claim_id: int, channel: str, reply: Reply,
             now: datetime) -> Posted | datetime:
        """Post; returns what was posted, or the time from which a retry may be made."""
        try:
            response = self.client.chat_postMessage(channel=channel, text=reply.payload()["text"],
                                                    blocks=reply.blocks, unfurl_links=False)
        except SlackApiError as exc:
            status = exc.response.status_code
            if status == 429:
                wait = exc.response.headers.get("Retry-After", exc.response.headers.get("retry-after", "1"))
                retry_at = now + timedelta(seconds=int(wait) if str(wait).isdigit() else 1)
            elif status >= 500 or exc.response.get("error") in TRANSIENT_ERRORS:
                retry_at = now
            else:
                retry_at = now + REFUSED_RETRY
            return self._release(row, claim_id, retry_at, f"HTTP {status} {exc.response.get('error', '')}")
        except (OSError, http.client.HTTPException) as exc:  # dropped connection, timeout, refused
            return self._release(row, claim_id, now, f"network error: {exc!r}")
        with self.db.session() as session:
            if not claims.mark_sent(session, row, claim_id, self.owner, now, response.get("ts")):
                log.error("posted claim %s of %s, but its lease had passed to another process",
                          claim_id, row.__tablename__)
        return Posted(channel, reply.text, response.get("ts"))

    def _release(self, row: type[ClaimColumns], claim_id: int, retry_at: datetime, error: str) -> datetime:
        log.warning("posting claim %s of %s failed (%s); retrying from %s",
                    claim_id, row.__tablename__, error, retry_at.isoformat())
        with self.db.session() as session:
            claims.release(session, row, claim_id, self.owner, retry_at, error)
        return retry_at
