"""The reminder buttons: Mark submitted and Snooze 1 day. The reminder is updated in place."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deadline_render import SNOOZE_ACTION, SUBMITTED_ACTION
from bot.core.render import render_error
from bot.core.reminders import parse_ref
from bot.deadline_commands import mark_submitted, snooze

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(SUBMITTED_ACTION)(reminder_button)
    app.action(SNOOZE_ACTION)(reminder_button)


def reminder_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                    context: BoltContext) -> None:
    ack()
    ref = parse_ref(action.get("value", ""))
    user_id = (body.get("user") or {}).get("id", "")
    try:
        if ref is None:
            reply = render_error("This button no longer matches a reminder.")
        elif action["action_id"] == SUBMITTED_ACTION:
            reply = mark_submitted(ref, user_id, context["services"])
        else:
            reply = snooze(ref, user_id, context["services"])
        if reply.response_type == "ephemeral":
            respond(**reply.payload(), replace_original=False)
            return
        message = body.get("message") or {}
        client.chat_update(channel=(body.get("channel") or {}).get("id"), ts=message.get("ts"),
                           text=reply.payload()["text"], blocks=reply.blocks)
    except Exception:
        log.exception("reminder button %s failed", action.get("action_id"))
        respond(**render_error("Something went wrong on my side; please try again in a minute.").payload(),
                replace_original=False)
