"""Slack event retries and replicas: each event_id is handled once, and a failed one is handled on retry."""

import threading

from bot.app import build_app, make_client
from bot.offline.signing import event_body, signed_request
from bot.offline.web_api import Failure
from storage import Database
from tests.conftest import SECRET, make_services


def mention(ts="1700000000.000100"):
    return {"type": "app_mention", "user": "U1", "text": "<@UBOT> who handles border enforcement?",
            "ts": ts, "channel": "C1"}


def replica(db_url, slack_api):
    """One app instance with its own engine, as a second process would have."""
    database = Database(db_url)
    services = make_services(database)
    return build_app(services, client=make_client("xoxb-test", slack_api.base_url)), database


def test_retries_and_replicas_produce_one_reply(db, slack_api):
    first, db1 = replica(db.url, slack_api)
    second, db2 = replica(db.url, slack_api)
    body = event_body(mention(), event_id="Ev0DEDUPE01")
    assert first.dispatch(signed_request(SECRET, body)).status == 200
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    assert first.dispatch(signed_request(SECRET, body, extra_headers=retry)).status == 200
    assert second.dispatch(signed_request(SECRET, body)).status == 200
    assert len(slack_api.calls_to("chat.postMessage")) == 1
    other = event_body(mention("1700000000.000200"), event_id="Ev0DEDUPE02")
    assert second.dispatch(signed_request(SECRET, other)).status == 200
    assert len(slack_api.calls_to("chat.postMessage")) == 2
    db1.dispose()
    db2.dispose()


def test_concurrent_replicas_race_for_one_event(db, slack_api):
    apps = [replica(db.url, slack_api) for _ in range(4)]
    body = event_body(mention(), event_id="Ev0RACE0001")
    barrier = threading.Barrier(len(apps))
    statuses = []

    def deliver(app):
        barrier.wait()
        statuses.append(app.dispatch(signed_request(SECRET, body)).status)

    threads = [threading.Thread(target=deliver, args=(app,)) for app, _ in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert statuses == [200] * len(apps)
    assert len(slack_api.calls_to("chat.postMessage")) == 1
    for _, database in apps:
        database.dispose()


def test_a_failed_event_is_handled_when_slack_retries(db, slack_api):
    app, database = replica(db.url, slack_api)
    slack_api.fail("chat.postMessage", Failure(500))
    body = event_body(mention(), event_id="Ev0FAIL0001")
    assert app.dispatch(signed_request(SECRET, body)).status == 500
    assert [c.params.get("_failed") for c in slack_api.calls_to("chat.postMessage")] == [500]
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_error"}
    assert app.dispatch(signed_request(SECRET, body, extra_headers=retry)).status == 200
    posted = [c for c in slack_api.calls_to("chat.postMessage") if "_failed" not in c.params]
    assert len(posted) == 1 and posted[0].params["thread_ts"] == "1700000000.000100"
    assert "CBP" in posted[0].params["text"]
    database.dispose()
