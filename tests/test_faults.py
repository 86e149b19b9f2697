"""Faults: the Slack Web API failing, the database locked or gone for a while. The bot keeps serving,
says clearly when it could not do something, and loses nothing it acknowledged."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

from bot.app import build_app, make_client
from bot.offline.web_api import Failure
from storage import Database
from storage.models import ActivityRow
from bot.services import prepare_database
from tests.conftest import _POSTGRES, POSTGRES_DEFAULT, SlackDriver, make_services

ADD = "add title: {title} | start: 2026-07-01 | beneficiaries: Peru | agency: CBP"


def count(db: Database, title: str | None = None) -> int:
    query = select(func.count()).select_from(ActivityRow)
    if title:
        query = query.where(ActivityRow.title == title)
    with db.session() as s:
        return s.scalar(query)


def mention(ts: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": "<@UBOT> who handles border enforcement?",
            "ts": ts, "channel": "C1"}


def test_mention_reply_survives_a_rate_limit(slack, slack_api):
    slack_api.fail("chat.postMessage", Failure(429, retry_after=1))
    response = slack.event(mention("1700000001.000100"), event_id="Ev0FAULT429")
    assert response.status == 200
    posted = slack_api.posted("C1")
    assert len(posted) == 1 and posted[0]["thread_ts"] == "1700000001.000100"


@pytest.mark.parametrize("failure", [Failure(0), Failure(0, accepted=True)], ids=["dropped", "accepted-then-dropped"])
def test_a_reply_whose_answer_is_lost_is_not_resent_and_slacks_retry_answers_once(slack, slack_api, failure):
    """The connection drops after the request went out: the client cannot know whether Slack posted it,
    so it does not re-send; Slack's retry looks for the reply in the thread and posts only if it is not there."""
    slack_api.fail("chat.postMessage", failure)
    assert slack.event(mention("1700000001.000200"), event_id="Ev0LOST").status == 500
    assert len(slack_api.calls_to("chat.postMessage")) == 1  # tried once, never re-sent blindly
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    assert slack.event(mention("1700000001.000200"), event_id="Ev0LOST", headers=retry).status == 200
    replies = slack_api.posted("C1")
    assert len(replies) == 1 and replies[0]["thread_ts"] == "1700000001.000200"
    assert replies[0]["metadata"]["event_payload"]["key"] == "event:Ev0LOST"
    [looked] = slack_api.calls_to("conversations.replies")
    assert looked.params["ts"] == "1700000001.000200" and looked.params["include_all_metadata"] in (True, "1", "true")
    assert slack.event(mention("1700000001.000200"), event_id="Ev0LOST", headers=retry).status == 200
    assert len(slack_api.posted("C1")) == 1  # done: a later retry is skipped


def test_mention_reply_after_slack_5xx_comes_with_slacks_retry(slack, slack_api):
    slack_api.fail("chat.postMessage", Failure(503))
    assert slack.event(mention("1700000002.000100"), event_id="Ev0FAULT503").status == 500
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_error"}
    assert slack.event(mention("1700000002.000100"), event_id="Ev0FAULT503", headers=retry).status == 200
    posted = [c for c in slack_api.calls_to("chat.postMessage") if "_failed" not in c.params]
    assert len(posted) == 1


def hold_sqlite_lock(path: str, seconds: float, locked: threading.Event) -> threading.Thread:
    def hold():
        connection = sqlite3.connect(path)
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        time.sleep(seconds)
        connection.rollback()
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    return thread


def test_briefly_locked_sqlite_file_delays_but_loses_nothing(sqlite_url, slack_api):
    db = Database(sqlite_url)
    prepare_database(db)
    app = build_app(make_services(db), client=make_client("xoxb-test", slack_api.base_url))
    slack = SlackDriver(app, slack_api)
    locked = threading.Event()
    holder = hold_sqlite_lock(db.engine.url.database, 0.5, locked)
    locked.wait(5)
    status, payload = slack.command(ADD.format(title="During a short lock"))
    holder.join()
    assert status == 200 and "Added activity" in payload["text"]
    assert count(db, "During a short lock") == 1

    locked.clear()
    holder = hold_sqlite_lock(db.engine.url.database, 4.0, locked)
    locked.wait(5)
    status, payload = slack.command(ADD.format(title="During a long lock"))
    holder.join()
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert "nothing was changed" in payload["text"]
    assert count(db, "During a long lock") == 0

    status, payload = slack.command(ADD.format(title="After the lock"))
    assert "Added activity" in payload["text"] and count(db, "After the lock") == 1
    db.dispose()


class Proxy:
    """A TCP proxy in front of PostgreSQL that can be taken down and brought back, like a restart."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.sockets: list[socket.socket] = []
        self.listener.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()
        self.up.set()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def down(self):
        self.up.clear()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets.clear()

    def close(self):
        self.down()
        self.listener.close()


@pytest.mark.postgres
def test_postgresql_going_away_and_coming_back(postgres_url, slack_api):
    db_url = postgres_url
    prepare_database(Database(db_url))
    host_port = (_POSTGRES or POSTGRES_DEFAULT).split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    proxy = Proxy((host, int(port)))
    proxied = db_url.replace(host_port, f"127.0.0.1:{proxy.port}")
    db = Database(proxied)
    app = build_app(make_services(db), client=make_client("xoxb-test", slack_api.base_url))
    slack = SlackDriver(app, slack_api)
    assert "Added activity" in slack.command(ADD.format(title="Before the restart"))[1]["text"]
    proxy.down()
    status, payload = slack.command(ADD.format(title="While down"))
    assert status == 200 and payload["response_type"] == "ephemeral" and "nothing was changed" in payload["text"]
    status, payload = slack.command("upcoming")
    assert status == 200 and payload["text"]
    proxy.up.set()
    assert "Added activity" in slack.command(ADD.format(title="After the restart"))[1]["text"]
    status, payload = slack.command("upcoming")
    assert "After the restart" in payload["text"] and "While down" not in payload["text"]
    direct = Database(db_url)
    assert count(direct, "Before the restart") == 1 and count(direct, "After the restart") == 1
    assert count(direct, "While down") == 0
    direct.dispose()
    db.dispose()
    proxy.close()
