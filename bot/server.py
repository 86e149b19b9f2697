"""HTTP mode: Slack's signed requests on /slack/events, served by waitress (WSGI).

A request is checked before Bolt sees it: a bad or missing signature gets 401 before its body is
parsed; a correctly signed body that is not what Slack sends (malformed JSON or form, not UTF-8)
gets 400. Each refusal is logged in one line, at most REFUSALS_LOGGED a minute (then a count).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import threading
import time
from urllib.parse import parse_qs

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.app import build_app
from bot.services import Services

EVENTS_PATH = "/slack/events"
# Slack's requests are a few kilobytes; anything far larger is refused before it is read.
MAX_BODY_BYTES = 1024 * 1024
MAX_AGE_SECONDS = 5 * 60  # an older signed request is a replay
REFUSALS_LOGGED = 5  # refusal lines a minute; more are counted, and the count logged

log = logging.getLogger(__name__)


def make_wsgi_app(services: Services | None, app=None, signing_secret: str | None = None):
    """The WSGI app serving `app` (default: art67bot's, built from `services`); requests not signed with
    `signing_secret` (default: the settings') are refused before Bolt reads them."""
    handler = SlackRequestHandler(app or build_app(services), path=EVENTS_PATH)
    secret = (signing_secret or services.settings.signing_secret or "").encode()
    refusals = RefusalLog()

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            return _plain(start_response, "200 OK", "ok")
        length = environ.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return _plain(start_response, "400 Bad Request", "bad content-length")
        if int(length) > MAX_BODY_BYTES:
            return _plain(start_response, "413 Payload Too Large", "request body too large")
        if environ.get("PATH_INFO") != EVENTS_PATH or environ.get("REQUEST_METHOD") != "POST":
            return handler(environ, start_response)
        body = environ["wsgi.input"].read(int(length))
        if not signed(secret, body, environ):
            refusals.refused(401, "bad or missing signature", environ)
            return _plain(start_response, "401 Unauthorized", "invalid request")
        problem = malformed(body, environ.get("CONTENT_TYPE", ""))
        if problem:
            refusals.refused(400, problem, environ)
            return _plain(start_response, "400 Bad Request", "malformed request")
        environ["wsgi.input"] = io.BytesIO(body)
        return handler(environ, start_response)

    return wsgi


def signed(secret: bytes, body: bytes, environ: dict, now: float | None = None) -> bool:
    """Whether Slack signed these bytes in the last five minutes (Slack's v0 scheme, on the raw body,
    so a body that is not UTF-8 is refused here, not when it is decoded)."""
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not secret or not timestamp.isdigit() or not signature:
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    expected = "v0=" + hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def malformed(body: bytes, content_type: str) -> str:
    """What is wrong with a signed body Slack would never send, or '' when it reads as Slack's."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    try:
        if "json" in content_type.lower() or text.lstrip().startswith("{"):
            return "" if isinstance(json.loads(text), dict) else "JSON body is not an object"
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
        if "payload" in form and not isinstance(json.loads(form["payload"][0]), dict):
            return "payload is not a JSON object"
    except ValueError as error:  # JSONDecodeError and bad form encoding
        return f"malformed body ({type(error).__name__})"
    return ""


class RefusalLog:
    """One line per refused request, at most REFUSALS_LOGGED a minute; then how many more were refused."""

    def __init__(self, per_minute: int = REFUSALS_LOGGED) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._window = 0.0
        self._logged = self._hidden = 0

    def refused(self, status: int, why: str, environ: dict) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._window >= 60:
                if self._hidden:
                    log.warning("%d more requests refused in the last minute", self._hidden)
                self._window, self._logged, self._hidden = now, 0, 0
            if self._logged >= self.per_minute:
                self._hidden += 1
                return
            self._logged += 1
        log.warning("refused %s from %s: %s", status, environ.get("REMOTE_ADDR", "?"), why)


def _plain(start_response, status: str, text: str) -> list[bytes]:
    body = (text + "\n").encode()
    start_response(status, [("content-type", "text/plain"), ("content-length", str(len(body)))])
    return [body]
