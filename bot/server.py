"""HTTP mode: Slack's signed requests on /slack/events, served by waitress (WSGI)."""

from __future__ import annotations

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.app import build_app
from bot.services import Services

EVENTS_PATH = "/slack/events"


def make_wsgi_app(services: Services, app=None):
    handler = SlackRequestHandler(app or build_app(services), path=EVENTS_PATH)

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("content-type", "text/plain")])
            return [b"ok\n"]
        return handler(environ, start_response)

    return wsgi
