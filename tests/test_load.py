"""Load: 50 concurrent clients send signed slash commands and events to `art67bot serve` on loopback
for a bounded time. Zero errors, every answer within Slack's 3 seconds, no acknowledged write lost,
every question answered exactly once."""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.offline.signing import event_body, signed_headers, slash_command_body
from storage import Database
from storage import activities as store

ROOT = Path(__file__).resolve().parents[1]
SECRET = "load-secret"
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
SECONDS = 4.0
SLACK_LIMIT = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(db_url, slack_api, tmp_path):
    port = free_port()
    log = open(tmp_path / "serve.log", "wb")  # a file, not a pipe nobody reads: a full pipe would block the server
    env = {**os.environ, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-load",
           "SLACK_API_URL": slack_api.base_url, "ART67_ADMINS": "UADMIN", "PYTHONPATH": str(ROOT),
           "ART67_TICK_SECONDS": "3600"}
    process = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
                                "--db", db_url], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.mark.slow
def test_fifty_concurrent_clients(served, db_url, slack_api):
    results: list[tuple[str, int, float, str]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
        sent = 0
        while time.monotonic() < stop_at:
            sent += 1
            kind = rng.choice(["upcoming", "upcoming", "search", "add", "question"])
            if kind == "question":
                body = event_body({"type": "app_mention", "user": f"U{number}", "channel": "CLOAD",
                                   "text": "<@UBOT> who handles border enforcement?",
                                   "ts": f"1700000000.{number:03d}{sent:03d}"},
                                  event_id=f"EvLOAD{number:03d}{sent:05d}")
                content_type = "application/json"
            else:
                text = {"upcoming": "upcoming 5", "search": "search workshop",
                        "add": f"add title: Load workshop {number}-{sent} | start: 2026-12-01 | "
                               f"beneficiaries: Peru | agency: CBP"}[kind]
                body = slash_command_body("/activities", text, "UADMIN" if kind == "add" else f"U{number}", "CLOAD")
                content_type = "application/x-www-form-urlencoded"
            headers = signed_headers(SECRET, body, content_type)
            began = time.monotonic()
            try:
                connection.request("POST", "/slack/events", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read().decode()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status, payload = 0, repr(error)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
            with lock:
                results.append((kind, status, time.monotonic() - began, payload))
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(results) > CLIENTS * 5
    errors = [(kind, status, payload[:200]) for kind, status, _, payload in results if status != 200]
    if os.environ.get("LOAD_DEBUG"):
        import collections
        print(collections.Counter((k, s) for k, s, _, _ in results))
        print(sorted(((round(sec, 2), k) for k, _, sec, _ in results), reverse=True)[:20])
    assert errors == []
    slowest = max(seconds for _, _, seconds, _ in results)
    assert slowest < SLACK_LIMIT, f"slowest answer took {slowest:.2f} s"

    acknowledged = set()
    for kind, _, _, payload in results:
        if kind == "add":
            text = json.loads(payload)["text"]
            assert "Added activity" in text, text
            acknowledged.add(text.split("Load workshop ", 1)[1].split(" ", 1)[0])
    with Database(db_url).session() as session:
        stored = {a.title.split("Load workshop ", 1)[1] for a in store.all_activities(session)}
    assert acknowledged and acknowledged == stored

    questions = sum(1 for kind, *_ in results if kind == "question")
    replies = slack_api.wait_for("chat.postMessage", questions, timeout=30)
    assert len(replies) == questions
    assert len({call.params["thread_ts"] for call in replies}) == questions
