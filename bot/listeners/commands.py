"""Slash commands. The reply goes in the acknowledgement itself, well within Slack's 3 seconds;
the report's table, slow to upload, is delivered in the background after the acknowledgement, and so is
the proposal of `/activities knowledge learn` (reading a report takes a moment);
`/activities add` alone opens the add-activity form.

The feature modules are imported by the handlers that use them (see bot/commands.py), so that a command
answered from its words alone starts without them."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient

from bot.commands import answer_activities
from bot.core.grammar import Invalid, Report, parse_command
from bot.core.records import Reply
from bot.core.render import ADMIN_ONLY, render_error

log = logging.getLogger(__name__)
FAILED = "Something went wrong on my side and nothing was changed. Please try again in a minute."


def register(app: App) -> None:
    app.command("/activities")(activities_command)


def activities_command(ack: Ack, command: dict, context: BoltContext, client: WebClient,
                       respond: Respond) -> BoltResponse | None:
    verb = command.get("text", "").strip().lower()
    if verb.split(None, 1)[:1] == ["report"]:
        report_command(ack, command, context, client, respond)
        return None
    if verb == "add":
        add_form_command(ack, command, context, client)
        return None
    if verb.split(None, 1)[:1] == ["call"]:
        call_command(ack, command, context, client, respond)
        return None
    if verb.split(None, 2)[:2] == ["knowledge", "learn"]:
        learn_report_command(ack, command, context, client, respond)
        return None
    services, user_id = context["services"], command.get("user_id", "")
    try:
        reply = answer_activities(command.get("text", ""), user_id, services,
                                  channel_id=command.get("channel_id", ""),
                                  user_zone=lambda: services.user_zone(client, user_id),
                                  user_locale=lambda: services.user_locale(client, user_id))
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


def add_form_command(ack: Ack, command: dict, context: BoltContext, client: WebClient) -> None:
    """`/activities add` alone opens the modal (views.open needs the trigger_id within 3 seconds)."""
    from bot.add_form import open_add_form

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


def learn_report_command(ack: Ack, command: dict, context: BoltContext, client: WebClient,
                         respond: Respond) -> None:
    """`/activities knowledge learn [LINK]`: acknowledged at once; the report is read after, and the proposal
    (Apply / Discard) comes only to the admin who asked."""
    services = context["services"]
    parsed = admin_command(ack, command, services, "teach me a report")
    if parsed is None:
        return
    ack(response_type="ephemeral", text="Reading the report… I will show you what I would learn.")
    services.background.submit(propose_learning, parsed.file, command, client, respond, services)


def admin_command(ack: Ack, command: dict, services, action: str):
    """The parsed command when an admin gave a valid one; else acknowledged with why not, and None."""
    parsed = parse_command(command.get("text", ""))
    if isinstance(parsed, Invalid):
        ack(**render_error(parsed.message).payload())
        return None
    if not services.is_admin(command.get("user_id", "")):
        ack(**render_error(ADMIN_ONLY.format(action=action)).payload())
        return None
    return parsed


def propose_learning(file_id: str, command: dict, client: WebClient, respond: Respond, services) -> None:
    from bot.learning_slack import propose_shared_file

    try:
        reply = propose_shared_file(file_id, command.get("user_id", ""), command.get("channel_id", ""),
                                    client, services)
    except Exception:
        log.exception("learning a shared report failed")
        reply = render_error(FAILED)
    payload = reply.payload()
    respond(response_type="ephemeral", replace_original=False, text=payload["text"], blocks=payload["blocks"])


def call_command(ack: Ack, command: dict, context: BoltContext, client: WebClient, respond: Respond) -> None:
    """`/activities call [period] [due: DATE]` (admins): the call is opened now; its DMs go out after the
    acknowledgement, and the admin is told how many were sent."""
    from bot.inputs import InputsError, make_call

    services, user_id = context["services"], command.get("user_id", "")
    parsed = admin_command(ack, command, services, "send a call for inputs")
    if parsed is None:
        return
    try:
        call, _ = make_call(parsed.period, parsed.due, user_id, services)
    except InputsError as problem:
        ack(**render_error(str(problem)).payload())
        return
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        ack(**render_error(FAILED).payload())
        return
    ack(response_type="ephemeral", text=f"Sending the call for inputs (due {call.due.isoformat()}) to every "
                                         "focal point…")
    services.background.submit(deliver_call, call, client, respond, services)


def deliver_call(call, client: WebClient, respond: Respond, services) -> None:
    from bot.inputs import send_call

    try:
        reply = send_call(call, services, client).reply
    except Exception:
        log.exception("sending the call for inputs failed")
        reply = render_error("Something went wrong while sending the call; run `/activities call` again: "
                             "nobody gets the DM twice.")
    payload = reply.payload()
    respond(response_type="ephemeral", replace_original=False, text=payload["text"], blocks=payload["blocks"])


def report_command(ack: Ack, command: dict, context: BoltContext, client: WebClient, respond: Respond) -> None:
    """`/activities report [period]`: the summary now; the table uploaded once Slack has the acknowledgement."""
    from bot.report_files import file_report_command
    from bot.reports import answer_report

    services = context["services"]
    parsed = parse_command(command.get("text", ""))
    if isinstance(parsed, Report) and parsed.format:  # `report [period] docx|xlsx`: the report as a file
        file_report_command(ack, parsed, command, services, client, respond)
        return
    try:
        answer = answer_report(parsed, services)
    except Exception:
        log.exception("/activities %r failed", command.get("text", ""))
        ack(**render_error(FAILED).payload())
        return
    ack(**answer.reply.payload())
    if answer.report is not None:
        services.background.submit(deliver_report_table, answer.report, client, respond, command)


def deliver_report_table(report, client: WebClient, respond: Respond, command: dict) -> None:
    from bot.reports import deliver_table

    try:
        deliver_table(report, client, respond, command.get("channel_id", ""))
    except Exception:
        log.exception("delivering the report table for %r failed", command.get("text", ""))
