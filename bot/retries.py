"""Which failed Web API calls may be sent again.

A connection error can happen before the request leaves (connection refused, unknown host) or after
Slack received it (the connection dropped, the answer timed out). Only the first kind proves that
nothing happened, so only it is retried at once; a post that may have reached Slack is never re-sent
blindly (bot/delivery.py looks for it first).
"""

from __future__ import annotations

import socket

from slack_sdk.http_retry.handler import RetryHandler


def never_sent(error: BaseException | None) -> bool:
    """Whether a connection error proves the request never reached Slack (refused, unknown host)."""
    reason = getattr(error, "reason", None)
    return any(isinstance(e, (ConnectionRefusedError, socket.gaierror)) for e in (error, reason))


class BeforeSendingRetryHandler(RetryHandler):
    """Retries connection errors that happened before the request was sent, and no others."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return error is not None and response is None and never_sent(error)
