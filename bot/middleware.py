"""Global Bolt middleware: services in the context, and each Slack event handled once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.process import process_owner
from bot.services import Services

log = logging.getLogger(__name__)


class AttachServices(Middleware):
    """Puts the Services into every request's context as `context["services"]`."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        req.context["services"] = self.services
        return next()


class DeduplicateEvents(Middleware):
    """Slack retries events it thinks failed, and replicas may each receive one: claim the event_id
    in the database first and acknowledge duplicates without handling them again.

    A claim has a lease (storage/events.py): a listener that fails gives it back (`release_failed_event`)
    and a replica that dies leaves it to run out, so Slack's retry is handled, not lost. A retry that takes
    a claim over may follow a reply that was posted: the context's `event_retry` tells the listener to
    look for it first (bot/listeners/events.py)."""

    CLEANUP_EVERY = 500

    def __init__(self, services: Services, owner: str | None = None) -> None:
        self.services = services
        self.owner = owner or process_owner()
        self._claims = 0  # an approximate count is enough to pace clean-ups

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        event_id = _event_id(req.body)
        if not event_id:
            return next()
        from storage.events import RETRY_HORIZON, claim_event, finish_event, forget_events_before

        db, now = self.services.db, self.services.now()
        with db.session() as session:
            claim = claim_event(session, event_id, now, self.owner)
            self._claims += claim.claimed
            if claim.claimed and self._claims % self.CLEANUP_EVERY == 0:
                forget_events_before(session, now - RETRY_HORIZON)
        if not claim.claimed:
            log.info("event %s already handled or in hand (retry %s); skipped", event_id,
                     req.headers.get("x-slack-retry-num", ["-"])[0])
            return BoltResponse(status=200, body="")
        req.context["event_retry"] = claim.taken_over
        req.context["event_id"] = event_id
        response = next()
        with db.session() as session:  # a failed listener gave the claim back: then this changes nothing
            finish_event(session, event_id, self.owner)
        return response


def release_failed_event(services: Services):
    """A Bolt error handler: log the failure and give the event back for Slack's retry."""

    def handle_listener_error(error: Exception, body: dict) -> None:
        log.error("listener failed: %s", error, exc_info=error)
        event_id = _event_id(body)
        if event_id:
            from storage.events import release_event

            with services.db.session() as session:
                release_event(session, event_id, services.now())

    return handle_listener_error


def _event_id(body) -> str | None:
    if isinstance(body, dict) and body.get("type") == "event_callback":
        return body.get("event_id") or None
    return None
