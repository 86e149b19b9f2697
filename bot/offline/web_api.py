"""A local stand-in for the Slack Web API: answers like Slack and records every call.

The console uses it so the real Bolt app runs with no Slack at all; tests use it to assert what
the app posted. Failures can be scripted (HTTP 500, 429 with Retry-After, dropped connections), and so
can posts Slack accepts whose answer is then lost or late. Accepted messages are kept per channel, with
their metadata, and conversations.history / conversations.replies answer from them.
File uploads (files upload v2) work as in Slack: files.getUploadURLExternal hands out an upload
URL on the stand-in itself, the bytes are posted there (recorded as method "upload"), and
files.completeUploadExternal shares the file; `files` holds every uploaded file.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT_USER_ID = "UBOT"


@dataclass
class Call:
    method: str  # Web API method, or "response_url" for posts to a response URL
    params: dict
    path: str = ""
    at: float = field(default_factory=time.time)


@dataclass
class UploadedFile:
    id: str
    filename: str
    content: bytes = b""
    title: str = ""
    channel_id: str = ""
    initial_comment: str = ""
    completed: bool = False
    user: str = ""  # who shared it


@dataclass
class Failure:
    status: int = 500  # 0 drops the connection without an answer
    retry_after: int | None = None
    body: dict | None = None
    accepted: bool = False  # the call takes effect first (a message is posted), then the failure
    delay: float = 0.0  # with `accepted` and status 200: the answer comes this many seconds late


class SlackWebAPI:
    """Start with `with SlackWebAPI() as api:`; point a WebClient at `api.base_url`."""

    def __init__(self, on_call: Callable[[Call], None] | None = None, users: dict | None = None) -> None:
        self.calls: list[Call] = []
        self.on_call = on_call
        self.users = users or {}
        self.files: dict[str, UploadedFile] = {}
        self.messages: dict[str, list[dict]] = {}  # channel -> messages posted, oldest first
        self.gone_users: set[str] = set()  # users who left the workspace: conversations.open fails
        self.clock: Callable[[], float] = time.time  # what message timestamps are made from
        # after the scripted failures: a failure (or None) for each call of a method, e.g. at random
        self.failure_for: Callable[[str], Failure | None] | None = None
        self._failures: dict[str, list[Failure]] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        daemon=True)

    # lifecycle
    def start(self) -> "SlackWebAPI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "SlackWebAPI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def upload_url(self, file_id: str) -> str:
        return f"http://127.0.0.1:{self.port}/upload/{file_id}"

    def response_url(self, token: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/response/{token}"

    # scripting and inspection
    def fail(self, method: str, *failures: Failure) -> None:
        """The next calls of `method` fail as given, in order; later ones succeed."""
        with self._lock:
            self._failures.setdefault(method, []).extend(failures)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.005)
        return self.calls_to(method)

    # answering
    def _next_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            if queue:
                return queue.pop(0)
        return self.failure_for(method) if self.failure_for else None

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
        if self.on_call:
            self.on_call(call)

    def posted(self, channel: str | None = None) -> list[dict]:
        """Messages accepted by chat.postMessage (in one channel, or in all), oldest first."""
        with self._lock:
            if channel is not None:
                return list(self.messages.get(channel, ()))
            return sorted((m for found in self.messages.values() for m in found), key=lambda m: m["ts"])

    def _store_message(self, params: dict, ts: str) -> None:
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except json.JSONDecodeError:
                metadata = None
        message = {"type": "message", "ts": ts, "text": params.get("text", ""), "user": BOT_USER_ID,
                   "bot_id": "BBOT", "channel": params.get("channel", "")}
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        if metadata:
            message["metadata"] = metadata
        with self._lock:
            self.messages.setdefault(message["channel"], []).append(message)

    def _history(self, params: dict, thread: bool) -> dict:
        channel = params.get("channel", "")
        oldest = float(params.get("oldest") or 0)
        with self._lock:
            found = [m for m in self.messages.get(channel, ()) if float(m["ts"]) >= oldest]
        if thread:  # the thread's parent and replies, oldest first
            found = [m for m in found if m["ts"] == params.get("ts") or m.get("thread_ts") == params.get("ts")]
        else:  # the channel's own messages, newest first
            found = [m for m in reversed(found) if m.get("thread_ts") in (None, m["ts"])]
        include = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [m if include else {k: v for k, v in m.items() if k != "metadata"} for m in found]
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 100)
        page = found[start:start + limit]
        more = start + limit < len(found)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def answer(self, method: str, params: dict) -> dict:
        ts = f"{int(self.clock())}.{next(self._ts):06d}"
        if method == "auth.test":
            return {"ok": True, "url": "https://art67bot.offline/", "team": "art67bot offline",
                    "user": "art67bot", "team_id": "T0ART67", "user_id": BOT_USER_ID, "bot_id": "BBOT"}
        if method == "conversations.open":  # a DM with one user: D + their ID
            user = str(params.get("users", "")).split(",")[0]
            if user in self.gone_users:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "channel": {"id": "D" + user.lstrip("U")}}
        if method == "conversations.history":
            return self._history(params, thread=False)
        if method == "conversations.replies":
            return self._history(params, thread=True)
        if method == "chat.postMessage":
            self._store_message(params, ts)
        if method in ("chat.postMessage", "chat.update", "chat.meMessage"):
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts") or ts,
                    "message": {"text": params.get("text"), "ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method.startswith("views."):
            view = params.get("view")
            if isinstance(view, str):
                view = json.loads(view)
            return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **(view or {})}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):010d}"
            with self._lock:
                self.files[file_id] = UploadedFile(file_id, params.get("filename", ""))
            return {"ok": True, "upload_url": self.upload_url(file_id), "file_id": file_id}
        if method == "files.completeUploadExternal":
            return self._complete_upload(params)
        if method == "files.info":
            with self._lock:
                found = self.files.get(params.get("file", ""))
            if found is None or not found.completed:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": self._file_json(found)}
        if method == "files.list":  # newest first, as Slack lists them
            with self._lock:
                shared = [f for f in self.files.values() if f.completed]
            shared = [f for f in reversed(shared)
                      if (not params.get("channel") or params["channel"] in (f.channel_id, ""))
                      and (not params.get("user") or f.user == params["user"])]
            count = int(params.get("count") or 100)
            return {"ok": True, "files": [self._file_json(f) for f in shared[:count]]}
        if method == "users.info":
            user_id = params.get("user", "")
            user = {"id": user_id, "name": user_id.lower(), "tz": "UTC", "tz_offset": 0}
            user.update(self.users.get(user_id, {}))
            return {"ok": True, "user": user}
        return {"ok": True}

    def share_file(self, filename: str, content: bytes, user: str = "", channel: str = "") -> dict:
        """A file a person shared (in `channel`, or with the bot), as Slack describes it in a `file_share`
        message, files.info and files.list; its `url_private_download` serves the bytes to a request
        carrying the bot token."""
        with self._lock:
            file_id = f"F{len(self.files) + 1:08d}"
            found = UploadedFile(file_id, filename, content, title=filename, channel_id=channel, completed=True,
                                 user=user)
            self.files[file_id] = found
        return self._file_json(found)

    def _file_json(self, file: UploadedFile) -> dict:
        return {"id": file.id, "name": file.filename, "title": file.title or file.filename, "user": file.user,
                "size": len(file.content), "channels": [file.channel_id] if file.channel_id else [],
                "url_private_download": f"http://127.0.0.1:{self.port}/files/{file.id}/{file.filename}"}

    def receive_upload(self, file_id: str, content: bytes) -> bool:
        with self._lock:
            found = self.files.get(file_id)
            if found is None:
                return False
            found.content = content
        return True

    def _complete_upload(self, params: dict) -> dict:
        try:
            requested = json.loads(params.get("files") or "[]")
        except json.JSONDecodeError:
            return {"ok": False, "error": "invalid_arguments"}
        shared = []
        with self._lock:
            for item in requested:
                found = self.files.get(item.get("id", ""))
                if found is None:
                    return {"ok": False, "error": "file_not_found"}
                found.title = item.get("title") or found.filename
                found.channel_id = params.get("channel_id", "")
                found.initial_comment = params.get("initial_comment", "")
                found.completed = True
                shared.append({"id": found.id, "name": found.filename, "title": found.title,
                               "size": len(found.content),
                               "channels": [found.channel_id] if found.channel_id else []})
        return {"ok": True, "files": shared}


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # many replicas' worker threads may call at once (the default is 5)
    daemon_threads = True


def _handler_for(api: SlackWebAPI):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            """A shared file's download URL (`url_private_download`); needs the bot token, as in Slack."""
            parts = self.path.split("/")
            found = api.files.get(parts[2]) if len(parts) > 2 and parts[1] == "files" else None
            authorised = self.headers.get("authorization", "").startswith("Bearer xox")
            api._record(Call("file_download", {"file_id": parts[2] if len(parts) > 2 else ""}, self.path))
            if found is None or not authorised:
                self._send(404 if found is None else 403, "not found")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(found.content)))
            self.end_headers()
            self.wfile.write(found.content)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            data = self.rfile.read(length) if length else b""
            if self.path.startswith("/upload/"):
                self._upload(self.path.rsplit("/", 1)[-1], data)
                return
            params = _parse(data.decode("utf-8"), self.headers.get("content-type", ""))
            if self.path.startswith("/response/"):
                method = "response_url"
            else:
                method = self.path.rsplit("/", 1)[-1].split("?")[0]
            failure = api._next_failure(method)
            if failure is not None and failure.accepted:  # it takes effect; then its answer is lost or late
                answer = api.answer(method, params)
                api._record(Call(method, {**params, "_accepted_then": failure.status or "dropped"}, self.path))
                if failure.status == 0:
                    self.close_connection = True
                    self.connection.close()
                    return
                time.sleep(failure.delay)
                self._send(failure.status, answer if failure.status == 200 else {"ok": False, "error": "fatal_error"})
                return
            if failure is not None:
                if failure.status == 0:  # recorded, but it took no effect
                    api._record(Call(method, {**params, "_failed": 0}, self.path))
                    self.close_connection = True
                    self.connection.close()
                    return
                api._record(Call(method, {**params, "_failed": failure.status}, self.path))
                body = failure.body or {"ok": False, "error": "ratelimited" if failure.status == 429 else "fatal_error"}
                headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
                self._send(failure.status, body, headers)
                return
            answer = {"ok": True} if method == "response_url" else api.answer(method, params)
            api._record(Call(method, params, self.path))  # after answering: a recorded call has had its effect
            self._send(200, answer)

        def _upload(self, file_id: str, data: bytes) -> None:
            """The upload URL: raw bytes in, `OK - <length>` out, as Slack's file servers answer."""
            failure = api._next_failure("upload")
            if failure is not None and failure.status == 0:
                self.close_connection = True
                self.connection.close()
                return
            status = failure.status if failure is not None else 200
            if failure is None and not api.receive_upload(file_id, data):
                status = 404
            api._record(Call("upload", {"file_id": file_id, "length": len(data),
                                        **({"_failed": status} if status != 200 else {})}, self.path))
            self._send(status, f"OK - {len(data)}" if status == 200 else "upload failed")

        def _send(self, status: int, body: dict | str, headers: dict | None = None) -> None:
            plain = isinstance(body, str)
            data = body.encode() if plain else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("content-type",
                                 "text/plain; charset=utf-8" if plain else "application/json; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # a late answer to a client that gave up
                self.close_connection = True

    return Handler


def _parse(raw: str, content_type: str) -> dict:
    if not raw:
        return {}
    if "json" in content_type or raw.lstrip().startswith("{"):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return {"_raw": raw}
    params = dict(parse_qsl(raw, keep_blank_values=True))
    for key in ("blocks", "attachments", "view"):
        if key in params and params[key].startswith(("[", "{")):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                pass
    return params
