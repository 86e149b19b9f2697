"""Posting a claimed message exactly once: mark it sent once Slack accepted it, release it for a later retry
when Slack refused it, and look for it in Slack before retrying when the outcome is unsure."""

from __future__ import annotations

import http.client
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.records import Reply
from bot.process import process_owner
from bot.retries import never_sent
from storage import Database, claims
from storage.models import ClaimColumns

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)  # longer than any Web API call may take (the client times out at 30 s)
REFUSED_RETRY = timedelta(hours=1)  # Slack answered but refused (e.g. not_in_channel)
# after a post with no answer: long enough for a late answer to land before we look for the post
UNSURE_RETRY = timedelta(seconds=60)
CLOCK_SKEW = timedelta(minutes=2)  # look a little before the claim's time: clocks differ between hosts
METADATA_EVENT = "art67bot_post"
TRANSIENT_ERRORS = {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}


@dataclass(frozen=True)
class Posted:
    channel: str
    text: str
    ts: str | None
    found: bool = False  # an earlier attempt had posted it: found in Slack, not posted again


class Poster:
    """Posts messages this process has claimed (storage.claims), as `owner`.

    Every post carries its claim's key in Slack's message metadata. When the outcome of a post is
    unsure (no answer, a timeout, a connection lost after the request went out, or a claim left pending
    by a process that died), the next attempt looks for a message with that key in the channel (or
    thread) from the claim's time on: found, it is recorded as sent; only if none is found is it posted.
    """

    def __init__(self, db: Database, client: WebClient, owner: str | None = None) -> None:
        self.db = db
        self.client = client
        self.owner = owner or process_owner()

    def claim(self, row: type[ClaimColumns], key: dict, channel: str, now: datetime) -> claims.Claim:
        with self.db.session() as session:
            return claims.claim(session, row, key, channel=channel, owner=self.owner, now=now,
                                lease_until=now + LEASE)

    def post(self, row: type[ClaimColumns], claim: claims.Claim, channel: str, reply: Reply, now: datetime,
             key: str, thread_ts: str | None = None) -> Posted | datetime:
        """Post (once); returns what was posted (or found posted), or the time from which to retry."""
        if claim.look_first:
            try:
                found = find_post(self.client, channel, key, claim.created_at or now, thread_ts)
            except (SlackApiError, OSError, http.client.HTTPException) as exc:
                return self.release(row, claim.id, now + UNSURE_RETRY, f"looking for the post: {exc!r}",
                                     posted=None)
            if found is not None:
                log.info("claim %s of %s was already posted (ts %s); recorded as sent",
                         claim.id, row.__tablename__, found)
                self._mark_sent(row, claim.id, now, found)
                return Posted(channel, reply.text, found, found=True)
        try:
            response = self.client.chat_postMessage(
                channel=channel, text=reply.payload()["text"], blocks=reply.blocks, unfurl_links=False,
                metadata=post_metadata(key), **({"thread_ts": thread_ts} if thread_ts else {}))
        except SlackApiError as exc:  # Slack answered: whatever it said, it did not post
            status = exc.response.status_code
            if status == 429:
                wait = exc.response.headers.get("Retry-After", exc.response.headers.get("retry-after", "1"))
                retry_at = now + timedelta(seconds=int(wait) if str(wait).isdigit() else 1)
            elif status >= 500 or exc.response.get("error") in TRANSIENT_ERRORS:
                retry_at = now
            else:
                retry_at = now + REFUSED_RETRY
            return self.release(row, claim.id, retry_at, f"HTTP {status} {exc.response.get('error', '')}")
        except (OSError, http.client.HTTPException) as exc:
            if never_sent(exc):  # refused, or no such host: the request never left
                return self.release(row, claim.id, now, f"network error before sending: {exc!r}")
            return self.release(row, claim.id, now + UNSURE_RETRY, f"no answer: {exc!r}", posted=None)
        self._mark_sent(row, claim.id, now, response.get("ts"))
        return Posted(channel, reply.text, response.get("ts"))

    def _mark_sent(self, row: type[ClaimColumns], claim_id: int, now: datetime, ts: str | None) -> None:
        with self.db.session() as session:
            if not claims.mark_sent(session, row, claim_id, self.owner, now, ts):
                log.error("posted claim %s of %s, but its lease had passed to another process",
                          claim_id, row.__tablename__)

    def release(self, row: type[ClaimColumns], claim_id: int, retry_at: datetime, error: str,
                 posted: bool | None = False) -> datetime:
        """Give the claim back for a retry from `retry_at`; `posted` is what the failure proves (see
        storage.claims.release). Returns `retry_at`."""
        log.warning("posting claim %s of %s failed (%s); retrying from %s",
                    claim_id, row.__tablename__, error, retry_at.isoformat())
        with self.db.session() as session:
            claims.release(session, row, claim_id, self.owner, retry_at, error, posted=posted)
        return retry_at


def post_metadata(key: str) -> dict:
    """Slack message metadata carrying a post's claim key, so a retry can find the post."""
    return {"event_type": METADATA_EVENT, "event_payload": {"key": key}}


def find_post(client: WebClient, channel: str, key: str, since: datetime, thread_ts: str | None = None,
              pages: int = 10) -> str | None:
    """The ts of the bot's message carrying `key` in the channel (or thread) since `since`, or None."""
    oldest = f"{since.timestamp() - CLOCK_SKEW.total_seconds():.6f}"
    cursor = None
    for _ in range(pages):
        arguments = {"channel": channel, "oldest": oldest, "limit": 200, "include_all_metadata": True,
                     **({"cursor": cursor} if cursor else {})}
        if thread_ts:
            page = client.conversations_replies(ts=thread_ts, **arguments)
        else:
            page = client.conversations_history(**arguments)
        for message in page.get("messages") or ():
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and (metadata.get("event_payload") or {}).get("key") == key:
                return message.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None
