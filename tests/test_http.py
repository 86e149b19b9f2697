"""HTTP mode: signed requests over loopback to the WSGI app served by waitress."""

import json
import urllib.error
import urllib.request

from bot.offline.signing import signed_headers, slash_command_body
from tests.conftest import ADMIN, SECRET


def post(url: str, body: str, headers: dict):
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_signed_slash_command_over_http(server, slack_api):
    body = slash_command_body("/activities", "add title: Over HTTP | start: 2026-08-01 | for: Peru | agency: ICE",
                              ADMIN, "C1", response_url=slack_api.response_url())
    status, text = post(server + "/slack/events", body,
                        signed_headers(SECRET, body, "application/x-www-form-urlencoded"))
    assert status == 200 and "Added activity #1" in json.loads(text)["text"]
    body = slash_command_body("/activities", "upcoming", "UANY", "C1", response_url=slack_api.response_url())
    status, text = post(server + "/slack/events", body,
                        signed_headers(SECRET, body, "application/x-www-form-urlencoded"))
    payload = json.loads(text)
    assert status == 200 and payload["response_type"] == "in_channel" and "Over HTTP" in payload["text"]


def test_unsigned_request_over_http_is_401(server):
    body = slash_command_body("/activities", "upcoming", "U1", "C1")
    status, _ = post(server + "/slack/events", body, {"content-type": "application/x-www-form-urlencoded"})
    assert status == 401
    status, _ = post(server + "/slack/events", body,
                     signed_headers("not-the-secret", body, "application/x-www-form-urlencoded"))
    assert status == 401


BAD_BODIES = {
    "malformed-json": (b'{"type": "event_callback", "event": ', "application/json"),
    "not-utf8": (b"\xff\xfe\xfa token=x&command=%2Factivities", "application/x-www-form-urlencoded"),
    "json-not-an-object": (b"[1, 2, 3]", "application/json"),
    "payload-not-json": (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
}


def post_bytes(url: str, body: bytes, headers: dict):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def test_unsigned_or_badly_signed_malformed_bodies_get_401_before_parsing(server, caplog):
    import logging

    caplog.set_level(logging.INFO)
    for body, content_type in BAD_BODIES.values():
        assert post_bytes(server + "/slack/events", body, {"content-type": content_type})[0] == 401
        forged = signed_headers("not-the-secret", body.decode("latin-1"), content_type)
        assert post_bytes(server + "/slack/events", body, forged)[0] == 401
    assert "Traceback" not in caplog.text
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert 1 <= len(refused) <= 8  # one line per refused request, rate-limited: never a flood


def test_correctly_signed_malformed_bodies_get_400_not_500(server, caplog):
    import hashlib
    import hmac
    import time as clock

    for name, (body, content_type) in BAD_BODIES.items():
        timestamp = str(int(clock.time()))
        signature = "v0=" + hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body,
                                     hashlib.sha256).hexdigest()
        headers = {"content-type": content_type, "x-slack-request-timestamp": timestamp,
                   "x-slack-signature": signature}
        status, text = post_bytes(server + "/slack/events", body, headers)
        assert status == 400, (name, status, text)
    assert "Traceback" not in caplog.text
