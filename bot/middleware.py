"""Global Bolt middleware: services in the context, and each Slack event handled once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.services import Services
from storage.events import RETRY_HORIZON, claim_event, forget_events_before, release_event

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
    in the database first and acknowledge duplicates without handling them again. A claim is given
    back when a listener fails (see `release_failed_event`), so Slack's retry is handled, not lost."""

    CLEANUP_EVERY = 500

    def __init__(self, services: Services) -> None:
        self.services = services
        self._claims = 0  # an approximate count is enough to pace clean-ups

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        event_id = _event_id(req.body)
        if not event_id:
            return next()
        db, now = self.services.db, self.services.now()
        with db.session() as session:
            claimed = claim_event(session, event_id, now)
            self._claims += claimed
            if claimed and self._claims % self.CLEANUP_EVERY == 0:
                forget_events_before(session, now - RETRY_HORIZON)
        if not claimed:
            log.info("event %s already handled (retry %s); skipped", event_id,
                     req.headers.get("x-slack-retry-num", ["-"])[0])
            return BoltResponse(status=200, body="")
        return next()


def release_failed_event(services: Services):
    """A Bolt error handler: log the failure and give the event back for Slack's retry."""

    def handle_listener_error(error: Exception, body: dict) -> None:
        log.error("listener failed: %s", error, exc_info=error)
        event_id = _event_id(body)
        if event_id:
            with services.db.session() as session:
                release_event(session, event_id)

    return handle_listener_error


def _event_id(body) -> str | None:
    if isinstance(body, dict) and body.get("type") == "event_callback":
        return body.get("event_id") or None
    return None
