"""Events: questions asked in Slack, and the App Home tab.

Questions: @mentions are answered in the thread, direct messages in the DM. Each handler is small:
take the question from the event, answer it through bot/questions.py, post one message. Bolt's default
middleware already drops the bot's own messages; message edits, deletions, joins and other bots'
messages are acknowledged and never answered (no loops).

App Home: acknowledged at once; the Home view is built and published by a lazy listener.

The feature modules are imported by the handlers that use them (see bot/commands.py).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core.knowledge.render import render_mention_help
from bot.core.render import render_error
from bot.core.text import slack_plain_text
from bot.learning_slack import is_report_file, propose_from_file

log = logging.getLogger(__name__)
ANSWERED_SUBTYPES = (None, "thread_broadcast", "file_share")  # messages people typed


def register(app: App) -> None:
    app.event("app_mention")(on_mention)
    app.event({"type": "message", "subtype": ANSWERED_SUBTYPES})(on_message)
    app.event("message")(ignore)  # edits, deletions, bot messages, channel messages: acknowledged only
    app.event("app_home_opened")(ack=acknowledge_home_opened, lazy=[refresh_home])


def on_mention(event: dict, client: WebClient, context: BoltContext) -> None:
    """An @mention in a channel: answer in its thread."""
    if event.get("bot_id"):
        return
    reply_to(event, client, context, thread_ts=event.get("thread_ts") or event.get("ts"))


def on_message(event: dict, client: WebClient, context: BoltContext) -> None:
    """A direct message to the bot: answer in the DM (in the thread, if it was asked in one)."""
    if event.get("channel_type") != "im" or event.get("bot_id"):
        return
    reports = [f for f in event.get("files") or () if is_report_file(f)]
    if reports:
        propose_report(event, reports[0], client, context)
        return
    reply_to(event, client, context, thread_ts=event.get("thread_ts"))


def propose_report(event: dict, file: dict, client: WebClient, context: BoltContext) -> None:
    """A report sent to the bot in a DM: what it would learn, with Apply / Discard."""
    try:
        reply = propose_from_file(file, event.get("user", ""), client, context["services"])
    except Exception:
        log.exception("reading %r failed", file.get("name"))
        reply = render_error("Something went wrong on my side and nothing was stored. Please try again.")
    post_reply(event, reply, client, context, thread_ts=None)


def ignore() -> None:
    return None


def reply_to(event: dict, client: WebClient, context: BoltContext, thread_ts: str | None) -> None:
    question = slack_plain_text(event.get("text", ""))
    if not question:  # "@art67bot" alone: what it can do, not "I don't know that one"
        post_reply(event, render_mention_help(), client, context, thread_ts)
        return
    from bot.questions import UnknownMember, ask

    try:
        services, user = context["services"], event.get("user", "")
        _, reply = ask(question, services, locale=lambda: services.user_locale(client, user))
    except UnknownMember as unknown:
        reply = unknown.reply()
    except Exception:
        log.exception("answering %r failed", question)
        reply = render_error("Something went wrong on my side. Please ask again in a minute.")
    post_reply(event, reply, client, context, thread_ts)


def post_reply(event: dict, reply, client: WebClient, context: BoltContext, thread_ts: str | None) -> None:
    """Post the reply to an event once. It carries the event's key in its metadata; a retry that took the
    event over from a holder that died or failed first looks for a reply with that key, and posts only if
    there is none. The Web API client never re-sends a post that may have reached Slack (bot/retries.py)."""
    from bot.delivery import find_post, post_metadata

    key = f"event:{context.get('event_id') or event.get('event_ts') or event.get('ts')}"
    if context.get("event_retry"):
        since = datetime.fromtimestamp(float(event.get("event_ts") or event.get("ts") or 0), timezone.utc)
        if find_post(client, event["channel"], key, since, thread_ts) is not None:
            log.info("the reply to %s was already posted; not posting it again", key)
            return
    payload = reply.payload()
    message = {"channel": event["channel"], "text": payload["text"], "blocks": payload["blocks"],
               "metadata": post_metadata(key)}
    if thread_ts:
        message["thread_ts"] = thread_ts
    client.chat_postMessage(**message)


def acknowledge_home_opened(ack: Ack) -> None:
    ack()


def refresh_home(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    from bot.home import publish_home

    try:
        publish_home(client, event.get("user", ""), context["services"])
    except Exception:
        log.exception("publishing the Home tab for %s failed", event.get("user"))
