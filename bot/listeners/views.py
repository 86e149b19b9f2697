"""Modal submissions: "Add an activity". The record is saved before the acknowledgement; the
confirmation message, a Web API call, is sent by a lazy listener after it. The feature module is imported
by the handlers that use it (see bot/commands.py)."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core.activity_form import CALLBACK_ID, origin_channel

log = logging.getLogger(__name__)
FAILED = "Something went wrong on my side and nothing was saved. Please try again in a minute."


def register(app: App) -> None:
    app.view(CALLBACK_ID)(ack=submit_add_activity, lazy=[confirm_added_activity])


def submit_add_activity(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    from bot.add_form import save_submission

    try:
        result = save_submission(view, (body.get("user") or {}).get("id", ""), context["services"])
    except Exception:
        log.exception("saving the add-activity form failed")
        ack(response_action="errors", errors={"title": FAILED})
        return
    if result.errors:
        ack(response_action="errors", errors=result.errors)
        return
    context["added_activity"] = result.activity_id  # plain data for the lazy listener
    ack()


def confirm_added_activity(body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    from bot.add_form import confirm_added

    activity_id = context.get("added_activity")
    if activity_id is None:
        return
    try:
        confirm_added(client, (body.get("user") or {}).get("id", ""), origin_channel(view.get("private_metadata", "")),
                      activity_id, context["services"])
    except Exception:
        log.exception("confirming activity %s failed", activity_id)
