"""The offline console: a local channel that drives the real Bolt app with signed requests."""

from __future__ import annotations

import json
import secrets
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TextIO

from bot.app import build_app
from bot.offline.signing import event_body, signed_request, slash_command_body
from bot.offline.terminal import render_message
from bot.offline.web_api import BOT_USER_ID, Call, SlackWebAPI
from bot.services import Services

LOCAL_USER = "ULOCAL"
LOCAL_CHANNEL = "CLOCAL"


@dataclass
class Output:
    """One thing the app said back: the acknowledgement, or a Web API call / response_url post."""

    kind: str  # "ack", "response_url", "chat.postMessage", ...
    payload: dict
    status: int = 200

    @property
    def ephemeral(self) -> bool:
        return self.payload.get("response_type") == "ephemeral" or self.kind == "chat.postEphemeral"


SHOWN_METHODS = {"response_url", "chat.postMessage", "chat.postEphemeral", "chat.update",
                 "views.open", "views.publish", "views.update", "files.completeUploadExternal"}


class LazyWork(ThreadPoolExecutor):
    """Bolt's pool for lazy listeners, counting the work not finished yet: the console waits for it
    rather than for a fixed quiet time."""

    def __init__(self) -> None:
        super().__init__(max_workers=4, thread_name_prefix="art67bot-lazy")
        self._lock = threading.Lock()
        self._running = 0

    @property
    def running(self) -> int:
        with self._lock:
            return self._running

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            self._running += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _future) -> None:
        with self._lock:
            self._running -= 1


class LocalSlack:
    """The same Bolt app as in production, with Slack replaced by signed requests and a local stand-in."""

    def __init__(self, services: Services, user_id: str = LOCAL_USER, channel_id: str = LOCAL_CHANNEL,
                 on_call: Callable[[Call], None] | None = None) -> None:
        self.user_id = user_id
        self.channel_id = channel_id
        self.secret = secrets.token_hex(16)
        self.api = SlackWebAPI(on_call=on_call).start()
        services.settings = replace(services.settings, signing_secret=self.secret,
                                    bot_token="xoxb-offline", api_url=self.api.base_url)
        self.services = services
        # Bolt's lazy listeners and the app's own background work (files, DMs) run in one counting pool,
        # so that a line's output is complete when they are done
        self.lazy = LazyWork()
        self._background, services.background = services.background, self.lazy
        self.app = build_app(services, listener_executor=self.lazy)
        self._ts = 0

    def close(self) -> None:
        self.services.background = self._background
        self.lazy.shutdown(wait=False)
        self.api.stop()

    def __enter__(self) -> "LocalSlack":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, line: str) -> list[Output]:
        """Send a line as Slack would: `/command text` as a slash command, anything else as a mention."""
        line = line.strip()
        before = len(self.api.calls)
        if line.startswith("/"):
            name, _, text = line.partition(" ")
            body = slash_command_body(name, text.strip(), self.user_id, self.channel_id,
                                      response_url=self.api.response_url())
        else:
            self._ts += 1
            ts = f"{int(time.time())}.{self._ts:06d}"
            body = event_body({
                "type": "app_mention", "user": self.user_id, "text": f"<@{BOT_USER_ID}> {line}",
                "ts": ts, "event_ts": ts, "channel": self.channel_id, "channel_type": "channel",
            })
        response = self.app.dispatch(signed_request(self.secret, body))
        outputs: list[Output] = []
        if response.status != 200:
            outputs.append(Output("ack", {"text": f"(the app answered HTTP {response.status})"}, response.status))
        elif response.body:
            try:
                payload = json.loads(response.body)
            except json.JSONDecodeError:
                payload = {"text": response.body}
            if payload:
                outputs.append(Output("ack", payload))
        for call in self._settle(before):
            if call.method == "files.completeUploadExternal":
                outputs.append(Output(call.method, {**call.params, "text": self.shared_files_text(call.params)}))
            elif call.method in SHOWN_METHODS:
                outputs.append(Output(call.method, call.params))
        return outputs

    def shared_files_text(self, params: dict) -> str:
        """What a shared file shows in the terminal: the comment, then each file's name and text."""
        parts = [params.get("initial_comment") or ""]
        for item in json.loads(params.get("files") or "[]"):
            shared = self.api.files.get(item.get("id", ""))
            if shared is not None and shared.filename.endswith((".docx", ".xlsx")):  # not text: its size only
                parts.append(f"[file {shared.filename}, {len(shared.content):,} bytes]")
            elif shared is not None:
                parts.append(f"[file {shared.filename}]\n" + shared.content.decode("utf-8", "replace").rstrip())
        return "\n".join(part for part in parts if part)

    def _settle(self, before: int, quiet: float = 0.005, timeout: float = 30.0) -> list[Call]:
        """Wait until the app's lazy listeners are done and it has made no Web API call for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        seen = len(self.api.calls)
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.002)
            count = len(self.api.calls)
            if count != seen or self.lazy.running:
                seen, last_change = count, time.monotonic()
            elif time.monotonic() - last_change >= quiet:
                break
        return self.api.calls[before:]


def format_output(output: Output) -> str:
    label = {"ack": "", "response_url": "", "chat.postMessage": "",
             "chat.postEphemeral": "(only visible to you) "}.get(output.kind, f"({output.kind}) ")
    if output.kind.startswith("views."):
        view = output.payload.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        title = (view.get("title") or {}).get("text", "")
        return f"({output.kind}: {title})\n" + render_message(view)
    if output.ephemeral and not label:
        label = "(only visible to you) "
    thread = " (in thread)" if output.payload.get("thread_ts") else ""
    return label + thread.strip() + ("\n" if label or thread else "") + render_message(output.payload)


def run_console(services: Services, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
                user_id: str = LOCAL_USER) -> int:
    interactive = stdin.isatty()
    sending = threading.Event()

    def show_post(call: Call) -> None:
        """Print what the reminder ticker posts between lines (posts during a line are part of its output)."""
        if call.method == "chat.postMessage" and not sending.is_set():
            stdout.write(f"(reminder posted to {call.params.get('channel')})\n{render_message(call.params)}\n\n")
            stdout.flush()

    with LocalSlack(services, user_id=user_id, on_call=show_post) as slack, \
            _reminders_running(slack.services, tick_now=True):
        if interactive:
            stdout.write("art67bot console: a local channel. Type /activities help, a question, or Ctrl-D to quit.\n")
        while True:
            if interactive:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline()
            if not line:
                break
            if not line.strip():
                continue
            if line.strip() in ("exit", "quit", "/quit"):
                break
            if not interactive:
                stdout.write(f"> {line.strip()}\n")
            sending.set()
            try:
                outputs = slack.send(line)
            finally:
                sending.clear()
            if not outputs:
                stdout.write("(no reply)\n")
            for output in outputs:
                stdout.write(format_output(output) + "\n")
            stdout.write("\n")
            stdout.flush()
    return 0


def _reminders_running(services, tick_now: bool = False):
    """The reminder ticker, loaded only by the interactive console (APScheduler: start-up time)."""
    from bot.reminders import reminders_running

    return reminders_running(services, tick_now=tick_now)
