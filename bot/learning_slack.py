"""Learning a report in Slack: an admin sends the file to the bot in a direct message; the bot answers
with what it would learn and Apply / Discard buttons. Nothing is stored before Apply; Apply reads the
file again from Slack, so no proposal is held in memory between the two."""

from __future__ import annotations

import json
import logging
import urllib.request

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.knowledge.documents import SUPPORTED, DocumentError
from bot.core.records import Reply
from bot.core.render import context, section
from bot.core.text import escape_mrkdwn as esc
from bot.services import Services

APPLY_ACTION, DISCARD_ACTION = "knowledge_apply", "knowledge_discard"
DOWNLOAD_TIMEOUT = 20  # seconds; the event lease (storage/events.py) covers it
log = logging.getLogger(__name__)


def is_report_file(file: dict) -> bool:
    return any(str(file.get("name", "")).lower().endswith(ext) for ext in SUPPORTED)


def download(client: WebClient, file: dict) -> bytes:
    """The file's bytes from Slack (url_private_download needs the bot token)."""
    request = urllib.request.Request(file["url_private_download"],
                                     headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310 - Slack's file URL
        from bot.learning import MAX_FILE_BYTES  # the learning code loads when a report comes

        data = response.read(MAX_FILE_BYTES + 1)
    return data


def propose_from_file(file: dict, user_id: str, client: WebClient, services: Services) -> Reply:
    """What the shared report would teach, with Apply / Discard; or why it cannot be read."""
    if not services.is_admin(user_id):
        return _plain("Only admins can teach me a report. Ask one of them to send it to me.")
    from bot.learning import learn

    try:
        proposal = learn(download(client, file), file.get("name", "report"), services)
    except (DocumentError, OSError) as problem:
        return _plain(f"I could not read {file.get('name', 'that file')}: {problem}")
    doc = proposal.document
    lines = [f"• *{esc(l.agency)}* for {esc(l.topic)} (¶{esc(l.sources[0].paragraph)}): "
             f"“{esc(l.sources[0].quote[:150])}”" for l in proposal.links[:10]]
    value = json.dumps({"file": file.get("id", ""), "url": file.get("url_private_download", ""),
                        "name": file.get("name", ""), "member": doc.member})
    blocks = [
        section(f"*{esc(doc.title)}* — {esc(doc.member)}{', ' + esc(doc.date) if doc.date else ''}\n"
                f"{len(proposal.paragraphs)} paragraphs · {len(proposal.agencies)} agencies · "
                f"{len(proposal.topics)} topics · {len(proposal.links)} links"),
        section("\n".join(lines) or "No links between topics and agencies found."),
        {"type": "actions", "elements": [
            {"type": "button", "action_id": APPLY_ACTION, "style": "primary", "value": value,
             "text": {"type": "plain_text", "text": "Apply"}},
            {"type": "button", "action_id": DISCARD_ACTION, "value": value,
             "text": {"type": "plain_text", "text": "Discard"}}]},
        context("Nothing is stored until you press Apply. Learning the same report again replaces what it "
                "taught; links admins made by hand are kept."),
    ]
    text = (f"{doc.title} — {doc.member}: {len(proposal.agencies)} agencies, {len(proposal.links)} links. "
            "Apply or Discard?")
    return Reply(text=text, blocks=blocks)


def find_shared_file(client: WebClient, file_id: str, channel_id: str, user_id: str) -> dict | None:
    """The report for `/activities knowledge learn`: the file linked, else the newest report file the user
    shared in this channel (files.list lists newest first). None when there is none."""
    if file_id:
        file = client.files_info(file=file_id).get("file") or {}
        return file if file and is_report_file(file) else None
    listed = client.files_list(channel=channel_id, user=user_id, count=20).get("files") or []
    return next((f for f in listed if is_report_file(f)), None)


def propose_shared_file(file_id: str, user_id: str, channel_id: str, client: WebClient,
                        services: Services) -> Reply:
    """`/activities knowledge learn [LINK]`, after the acknowledgement: the proposal, or why there is none."""
    if not services.is_admin(user_id):
        return _plain("Only admins can teach me a report. Ask one of them to share it.")
    try:
        file = find_shared_file(client, file_id, channel_id, user_id)
    except SlackApiError as problem:
        log.warning("finding the shared report failed: %s", problem)
        file = None
    if file is None:
        kinds = ", ".join(SUPPORTED)
        return _plain(f"I found no report to learn. Share the report ({kinds}) in this conversation, then "
                      "write `/activities knowledge learn`, or paste the file's link after it.")
    return propose_from_file(file, user_id, client, services)


def apply_from_button(value: str, user_id: str, client: WebClient, services: Services) -> Reply:
    if not services.is_admin(user_id):
        return _plain("Only admins can teach me a report.")
    from bot.learning import apply, learn

    try:
        file = json.loads(value)
        data = download(client, {"url_private_download": file["url"]})
        proposal = learn(data, file["name"], services, member=file["member"])
    except (ValueError, KeyError, DocumentError, OSError) as problem:
        return _plain(f"Nothing was stored: {problem}")
    counts = apply(proposal, services, filename=file["name"], created_by=user_id)
    return _plain(f"Stored {proposal.document.title} for {proposal.document.member}: {counts['paragraphs']} "
                  f"paragraphs, {counts['agencies']} agencies, {counts['links']} new links. Ask me “who "
                  f"handles … in {proposal.document.member}?”")


def _plain(text: str) -> Reply:
    return Reply(text=text, blocks=[section(esc(text))])
