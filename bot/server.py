"""HTTP mode: Slack's signed requests on /slack/events, served by waitress (WSGI)."""

from __future__ import annotations

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.app import build_app
from bot.services import Services

EVENTS_PATH = "/slack/events"
# Slack's requests are a few kilobytes; anything far larger is refused before it is read.
MAX_BODY_BYTES = 1024 * 1024


def make_wsgi_app(services: Services, app=None):
    handler = SlackRequestHandler(app or build_app(services), path=EVENTS_PATH)

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            return _plain(start_response, "200 OK", "ok")
        length = environ.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return _plain(start_response, "400 Bad Request", "bad content-length")
        if int(length) > MAX_BODY_BYTES:
            return _plain(start_response, "413 Payload Too Large", "request body too large")
        return handler(environ, start_response)

    return wsgi


def _plain(start_response, status: str, text: str) -> list[bytes]:
    body = (text + "\n").encode()
    start_response(status, [("content-type", "text/plain"), ("content-length", str(len(body)))])
    return [body]
