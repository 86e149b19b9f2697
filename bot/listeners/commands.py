"""Slash commands. The reply goes in the acknowledgement itself, well within Slack's 3 seconds."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext

from bot.commands import answer_activities
from bot.core.render import render_error

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.command("/activities")(activities_command)


def activities_command(ack: Ack, command: dict, context: BoltContext) -> None:
    try:
        reply = answer_activities(command.get("text", ""), command.get("user_id", ""), context["services"],
                                  channel_id=command.get("channel_id", ""))
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        reply = render_error(
            "Something went wrong on my side and nothing was changed. Please try again in a minute."
        )
    ack(**reply.payload())
