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
