"""Builds the Bolt App and registers its listeners."""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import ConfigError, api_base_url, require_bot_token
from bot.listeners import register_listeners
from bot.middleware import AttachServices, DeduplicateEvents, release_failed_event
from bot.retries import BeforeSendingRetryHandler
from bot.services import Services


def make_client(token: str | None, api_url: str | None = None, *, retries: bool = True) -> WebClient:
    """A Web API client that retries rate limits (429 + Retry-After) and connection errors that happened
    before the request was sent; never a request that may have reached Slack (see bot/retries.py).

    With `retries=False` it retries nothing: reminders retry on a later tick, never by sleeping.
    """
    kwargs = {"token": token}
    base = api_base_url(api_url)
    if base:
        kwargs["base_url"] = base
    client = WebClient(**kwargs)
    client.retry_handlers = [
        BeforeSendingRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=2),
    ] if retries else []
    return client


class _OwnClientNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and, given art67bot's own client (made from that same token),
    warns on every start that the token "will be unused". Nothing is wrong, so that one line is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


logging.getLogger("slack_bolt.App").addFilter(_OwnClientNotice())


def build_app(services: Services, client: WebClient | None = None, *, socket_mode: bool = False,
              listener_executor: Executor | None = None) -> App:
    """The one Bolt app behind HTTP mode, Socket Mode, the console and `art67bot command`.

    In Socket Mode Slack's messages arrive over the app's own authenticated connection, so there is
    no signature to verify. `listener_executor` runs the lazy listeners (Bolt's own pool when None); the
    console passes one that tells when they are done.
    """
    settings = services.settings
    if not socket_mode and not settings.signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set (Slack app > Basic Information > Signing Secret)")
    if client is None:
        client = make_client(require_bot_token(settings), settings.api_url)
    app = App(
        name="art67bot",
        client=client,
        signing_secret=settings.signing_secret,
        request_verification_enabled=not socket_mode,
        process_before_response=True,
        **({"listener_executor": listener_executor} if listener_executor is not None else {}),
    )

    app.use(AttachServices(services))
    app.use(DeduplicateEvents(services))
    app.error(release_failed_event(services))
    register_listeners(app)
    return app
