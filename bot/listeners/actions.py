"""Buttons. The reminders' Mark submitted and Snooze 1 day update the reminder in place; a listing's
More and Previous replace it with the next or previous page. The feature modules are imported by the
handlers that use them (see bot/commands.py)."""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.commands import answer_command
from bot.core.deadline_render import SNOOZE_ACTION, SUBMITTED_ACTION
from bot.core.paging import MORE_ACTION, PREVIOUS_ACTION, decode
from bot.core.render import render_error
from bot.core.reminders import parse_ref
from bot.core.reporting.inputs import CONFIRMED, NOTHING
from bot.core.reporting.inputs_render import (ADD_ACTION, CONFIRM_ACTION, NOTHING_ACTION, period_label_of,
                                              render_answered)
from bot.learning_slack import APPLY_ACTION, DISCARD_ACTION, apply_from_button

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(SUBMITTED_ACTION)(reminder_button)
    app.action(SNOOZE_ACTION)(reminder_button)
    app.action(MORE_ACTION)(page_button)
    app.action(PREVIOUS_ACTION)(page_button)
    app.action(CONFIRM_ACTION)(inputs_answer_button)
    app.action(NOTHING_ACTION)(inputs_answer_button)
    app.action(ADD_ACTION)(inputs_add_button)
    app.action(APPLY_ACTION)(learn_report_button)
    app.action(DISCARD_ACTION)(learn_report_button)


def inputs_answer_button(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    """Confirm this list / Nothing to report, in a call's DM: only the agency's focal points and admins.
    The DM's buttons are replaced by who answered; anyone else is told why not, and nothing is written."""
    from bot.inputs import InputsError, confirm

    ack()
    user_id = (body.get("user") or {}).get("id", "")
    state = CONFIRMED if action["action_id"] == CONFIRM_ACTION else NOTHING
    try:
        value = json.loads(action.get("value") or "{}")
        call, at = confirm(str(value["agency"]), user_id, state, context["services"], call_id=int(value["call"]))
    except InputsError as problem:
        respond(**render_error(str(problem)).payload(), replace_original=False)
        return
    except (ValueError, KeyError, TypeError):
        respond(**render_error("This button no longer matches a call for inputs.").payload(), replace_original=False)
        return
    except Exception:
        log.exception("answering a call for inputs failed")
        respond(**render_error("Something went wrong on my side; nothing was recorded. Please try again.").payload(),
                replace_original=False)
        return
    reply = render_answered(str(value["agency"]), state, user_id, at, period_label_of(call.start, call.end))
    respond(**reply.payload(), replace_original=True)


def inputs_add_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                      context: BoltContext) -> None:
    """Add an activity, in a call's DM: the add form with the agency chosen (views.open needs the trigger now)."""
    from bot.add_form import open_add_form

    ack()
    user_id = (body.get("user") or {}).get("id", "")
    try:
        agency = str(json.loads(action.get("value") or "{}").get("agency", ""))
        refusal = open_add_form(client, body.get("trigger_id", ""), user_id, (body.get("channel") or {}).get("id", ""),
                                context["services"], agency=agency)
    except Exception:
        log.exception("opening the add form from a call for inputs failed")
        refusal = render_error("I couldn't open the form; please try again in a minute.")
    if refusal is not None:
        respond(**refusal.payload(), replace_original=False)


def learn_report_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    """Apply stores what the report teaches; Discard stores nothing. Either replaces the proposal."""
    ack()
    user_id = (body.get("user") or {}).get("id", "")
    if action["action_id"] == DISCARD_ACTION:
        reply = render_error("Discarded: nothing was stored.")
    else:
        try:
            reply = apply_from_button(action.get("value", ""), user_id, client, context["services"])
        except Exception:
            log.exception("storing a learned report failed")
            reply = render_error("Something went wrong on my side and nothing was stored. Please try again.")
    respond(replace_original=True, text=reply.payload()["text"], blocks=reply.payload()["blocks"])


def reminder_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                    context: BoltContext) -> None:
    from bot.deadline_commands import mark_submitted, snooze

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


def page_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                context: BoltContext) -> None:
    """Answer the listing command the button carries, replacing the message with that page."""
    ack()
    services = context["services"]
    user_id = (body.get("user") or {}).get("id", "")
    command = decode(action.get("value", ""))
    try:
        if command is None:
            reply = render_error("This button no longer matches a listing; run the command again.")
        else:
            reply = answer_command(command, user_id, services, (body.get("channel") or {}).get("id", ""),
                                   user_zone=lambda: services.user_zone(client, user_id))
    except Exception:
        log.exception("page button %s failed", action.get("value"))
        reply = render_error("Something went wrong on my side; please try again in a minute.")
    respond(**reply.payload(), replace_original=reply.response_type != "ephemeral")
