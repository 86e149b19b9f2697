"""Events. App Home: acknowledged at once; the Home view is built and published by a lazy listener."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.home import publish_home

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(ack=acknowledge_home_opened, lazy=[refresh_home])


def acknowledge_home_opened(ack: Ack) -> None:
    ack()


def refresh_home(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    try:
        publish_home(client, event.get("user", ""), context["services"])
    except Exception:
        log.exception("publishing the Home tab for %s failed", event.get("user"))
