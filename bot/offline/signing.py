"""Requests signed exactly as Slack signs them, for the console, the CLI and tests."""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0ART67"


def signed_headers(secret: str, body: str, content_type: str, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": str(timestamp),
        "x-slack-signature": signature,
    }


def slash_command_body(command: str, text: str, user_id: str, channel_id: str,
                       response_url: str = "", trigger_id: str = "") -> str:
    return urlencode({
        "token": "offline",
        "team_id": TEAM_ID,
        "team_domain": "art67bot",
        "channel_id": channel_id,
        "channel_name": "local",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0ART67",
        "response_url": response_url,
        "trigger_id": trigger_id or f"trigger-{uuid.uuid4().hex[:12]}",
    })


def event_body(event: dict, event_id: str | None = None, bot_user_id: str = "UBOT") -> str:
    return json.dumps({
        "token": "offline",
        "team_id": TEAM_ID,
        "api_app_id": "A0ART67",
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": bot_user_id, "is_bot": True}],
        "event": event,
    })


def interaction_body(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})


def signed_request(secret: str, body: str, *, timestamp: int | None = None,
                   extra_headers: dict | None = None) -> BoltRequest:
    content_type = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    headers = signed_headers(secret, body, content_type, timestamp)
    headers.update(extra_headers or {})
    return BoltRequest(body=body, headers=headers)
