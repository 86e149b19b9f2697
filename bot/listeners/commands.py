"""Slash commands. The reply goes in the acknowledgement itself, well within Slack's 3 seconds;
the report's table, slow to upload, is delivered by a lazy listener after the acknowledgement."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.add_form import open_add_form
from bot.commands import answer_activities
from bot.core.grammar import Add, Report, parse_command
from bot.core.render import render_error
from bot.reports import answer_report, deliver_table

log = logging.getLogger(__name__)
FAILED = "Something went wrong on my side and nothing was changed. Please try again in a minute."


def register(app: App) -> None:
    app.command("/activities", matchers=[asks_for_report])(ack=report_command, lazy=[deliver_report_table])
    app.command("/activities", matchers=[asks_for_form])(add_form_command)
    app.command("/activities")(activities_command)


def activities_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    services, user_id = context["services"], command.get("user_id", "")
    try:
        reply = answer_activities(command.get("text", ""), user_id, services, channel_id=command.get("channel_id", ""),
                                  user_zone=lambda: services.user_zone(client, user_id))
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        reply = render_error(FAILED)
    ack(**reply.payload())


def asks_for_form(command: dict) -> bool:
    return parse_command(command.get("text", "")) == Add()


def add_form_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    """`/activities add` alone opens the modal (views.open needs the trigger_id within 3 seconds)."""
    try:
        refusal = open_add_form(client, command.get("trigger_id", ""), command.get("user_id", ""),
                                command.get("channel_id", ""), context["services"])
    except Exception:
        log.exception("opening the add-activity form failed")
        refusal = render_error(FAILED)
    if refusal is None:
        ack()
    else:
        ack(**refusal.payload())


def asks_for_report(command: dict) -> bool:
    return isinstance(parse_command(command.get("text", "")), Report)


def report_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """`/activities report [period]`: the summary now; the table is left in the context for the lazy listener."""
    try:
        answer = answer_report(parse_command(command.get("text", "")), context["services"])
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        ack(**render_error(FAILED).payload())
        return
    if answer.report is not None:
        context["report"] = answer.report  # plain data: Bolt copies it into the lazy listener's context
    ack(**answer.reply.payload())


def deliver_report_table(context: BoltContext, client: WebClient, respond: Respond, command: dict) -> None:
    report = context.get("report")
    if report is None:
        return
    try:
        deliver_table(report, client, respond, command.get("channel_id", ""))
    except Exception:
        log.exception("delivering the report table for %r failed", command.get("text", ""))
