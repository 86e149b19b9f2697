"""Slash commands. The reply goes in the acknowledgement itself, well within Slack's 3 seconds;
the report's table, slow to upload, is delivered in the background after the acknowledgement."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient

from bot.commands import answer_activities
from bot.core.grammar import parse_command
from bot.core.records import Reply
from bot.core.render import render_error
from bot.reports import answer_report, deliver_table

log = logging.getLogger(__name__)
FAILED = "Something went wrong on my side and nothing was changed. Please try again in a minute."


def register(app: App) -> None:
    app.command("/activities")(activities_command)


def activities_command(ack: Ack, command: dict, context: BoltContext, client: WebClient,
                       respond: Respond) -> BoltResponse | None:
    if asks_for_report(command):
        report_command(ack, command, context, client, respond)
        return None
    try:
        reply = answer_activities(command.get("text", ""), command.get("user_id", ""), context["services"],
                                  channel_id=command.get("channel_id", ""))
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        reply = render_error(FAILED)
    return acknowledgement(reply)


def acknowledgement(reply: Reply) -> BoltResponse:
    """The acknowledgement carrying `reply`, as `ack(**reply.payload())` would make it.

    Bolt sends a BoltResponse returned by the listener as the acknowledgement; building it here lets
    a cached reply keep its JSON serialised instead of encoding it again on every request.
    """
    return BoltResponse(status=200, body=reply.to_json())


def asks_for_report(command: dict) -> bool:
    words = command.get("text", "").split(None, 1)
    return bool(words) and words[0].lower() == "report"


def report_command(ack: Ack, command: dict, context: BoltContext, client: WebClient, respond: Respond) -> None:
    """`/activities report [period]`: the summary now; the table uploaded once Slack has the acknowledgement."""
    services = context["services"]
    try:
        answer = answer_report(parse_command(command.get("text", "")), services)
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        ack(**render_error(FAILED).payload())
        return
    ack(**answer.reply.payload())
    if answer.report is not None:
        services.background.submit(deliver_report_table, answer.report, client, respond, command)


def deliver_report_table(report, client: WebClient, respond: Respond, command: dict) -> None:
    try:
        deliver_table(report, client, respond, command.get("channel_id", ""))
    except Exception:
        log.exception("delivering the report table for %r failed", command.get("text", ""))
