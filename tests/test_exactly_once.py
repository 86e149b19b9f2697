"""Never doubled, never lost, even when Slack's answer is lost: posts carry their claim key in Slack's
message metadata, an unsure outcome is looked for in Slack before any retry, and event claims have a
lease. On SQLite and PostgreSQL."""

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.app import build_app, make_client
from bot.delivery import LEASE, UNSURE_RETRY, Poster
from bot.offline.signing import event_body, signed_request
from bot.offline.web_api import Failure
from bot.reminders import remind
from bot.services import prepare_database
from storage import Database
from storage.events import EVENT_LEASE, claim_event
from storage.models import ReminderClaimRow
from tests.conftest import POSTGRES_DEFAULT, SECRET, _POSTGRES, make_services
from tests.test_faults import Proxy
from tests.test_reminders import MONTH_BEFORE, ROOT, add_deadline, services_at, tick

SECOND = timedelta(seconds=1)


def the_claim(db) -> ReminderClaimRow:
    with db.session() as s:
        return s.scalars(select(ReminderClaimRow)).one()


def reminder_key(deadline, claim) -> str:
    return f"reminder:{deadline.id}:{claim.occurrence.isoformat()}:{claim.lead_minutes}"


def test_a_reminder_accepted_but_whose_answer_was_lost_is_found_not_posted_again(db, slack_api):
    deadline = add_deadline(db)
    slack_api.clock = MONTH_BEFORE.timestamp
    slack_api.fail("chat.postMessage", Failure(0, accepted=True))
    assert tick(db, slack_api, MONTH_BEFORE) == []
    [message] = slack_api.posted("C0REMIND")
    claim = the_claim(db)
    assert claim.status == "pending" and claim.unsure
    assert message["metadata"] == {"event_type": "art67bot_post",
                                   "event_payload": {"key": reminder_key(deadline, claim)}}
    # the next ticks: none before a late answer could have landed, then the post is found, not re-sent
    assert tick(db, slack_api, MONTH_BEFORE + UNSURE_RETRY / 2, owner="B") == []
    [found] = tick(db, slack_api, MONTH_BEFORE + UNSURE_RETRY, owner="B")
    assert found.found and found.ts == message["ts"]
    for minutes in (2, 30, 90):
        assert tick(db, slack_api, MONTH_BEFORE + timedelta(minutes=minutes), owner="C") == []
    assert len(slack_api.posted("C0REMIND")) == 1
    claim = the_claim(db)
    assert claim.status == "sent" and claim.message_ts == message["ts"]
    [looked] = slack_api.calls_to("conversations.history")
    assert looked.params["channel"] == "C0REMIND" and looked.params["include_all_metadata"] in (True, "true", "1")


def test_a_reminder_answered_after_the_clients_timeout_is_posted_once(db, slack_api):
    add_deadline(db)
    slack_api.clock = MONTH_BEFORE.timestamp
    slack_api.fail("chat.postMessage", Failure(200, accepted=True, delay=1.5))
    impatient = WebClient(token="xoxb-test", base_url=slack_api.base_url, timeout=0.5)
    impatient.retry_handlers = []
    services = services_at(db, MONTH_BEFORE)
    assert remind(services, Poster(db, impatient, owner="A"), MONTH_BEFORE) == []
    [found] = tick(db, slack_api, MONTH_BEFORE + UNSURE_RETRY, owner="B")
    assert found.found and len(slack_api.posted("C0REMIND")) == 1


def test_a_failure_that_proves_nothing_was_posted_is_retried_without_looking(db, slack_api):
    add_deadline(db)
    slack_api.clock = MONTH_BEFORE.timestamp
    slack_api.fail("chat.postMessage", Failure(503))
    assert tick(db, slack_api, MONTH_BEFORE) == []
    assert not the_claim(db).unsure  # Slack answered 503: nothing was posted
    [posted] = tick(db, slack_api, MONTH_BEFORE + SECOND, owner="B")
    assert not posted.found and len(slack_api.posted("C0REMIND")) == 1
    assert slack_api.calls_to("conversations.history") == []


def run_remind(db_url, slack_api, now):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack_api.base_url}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "bot", "remind", "--once", "--now", now.isoformat(), "--db", db_url]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_process_killed_between_slacks_accept_and_mark_sent_is_not_doubled_after_a_restart(db, db_url, slack_api):
    deadline = add_deadline(db)
    slack_api.clock = MONTH_BEFORE.timestamp
    process = None

    def kill_on_accept(call):
        if call.method == "chat.postMessage" and process is not None:
            os.kill(process.pid, signal.SIGKILL)  # accepted by Slack; the answer never reaches the process

    slack_api.on_call = kill_on_accept
    process = run_remind(db_url, slack_api, MONTH_BEFORE)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    assert len(slack_api.posted("C0REMIND")) == 1 and the_claim(db).status == "pending"
    slack_api.on_call = None
    process = None
    restarted = run_remind(db_url, slack_api, MONTH_BEFORE + LEASE + SECOND)  # after the dead owner's lease
    out, err = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, err
    assert len(slack_api.posted("C0REMIND")) == 1
    claim = the_claim(db)
    assert claim.status == "sent" and claim.message_ts == slack_api.posted("C0REMIND")[0]["ts"]
    assert claim.attempts == 2 and reminder_key(deadline, claim) in str(slack_api.posted("C0REMIND")[0]["metadata"])


@pytest.mark.postgres
def test_the_database_cut_between_slacks_accept_and_mark_sent_does_not_double_the_reminder(postgres_url, slack_api):
    prepare_database(Database(postgres_url))
    host_port = (_POSTGRES or POSTGRES_DEFAULT).split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    proxy = Proxy((host, int(port)))
    db = Database(postgres_url.replace(host_port, f"127.0.0.1:{proxy.port}"))
    add_deadline(db)
    slack_api.clock = MONTH_BEFORE.timestamp
    slack_api.on_call = lambda call: proxy.down() if call.method == "chat.postMessage" else None
    with pytest.raises(Exception):  # mark sent cannot reach the database
        tick(db, slack_api, MONTH_BEFORE)
    slack_api.on_call = None
    proxy.up.set()
    db.engine.dispose()
    assert len(slack_api.posted("C0REMIND")) == 1
    assert tick(db, slack_api, MONTH_BEFORE + UNSURE_RETRY, owner="B") == []  # the claim's lease still runs
    [found] = tick(db, slack_api, MONTH_BEFORE + LEASE + SECOND, owner="B")
    assert found.found and len(slack_api.posted("C0REMIND")) == 1
    assert the_claim(db).status == "sent"
    db.dispose()
    proxy.close()


def mention(ts="1700000000.000100"):
    return {"type": "app_mention", "user": "U1", "text": "<@UBOT> who handles border enforcement?",
            "ts": ts, "event_ts": ts, "channel": "C1"}


def replica(db_url, slack_api):
    """One app instance with its own engine, as another process would have."""
    database = Database(db_url)
    services = make_services(database)
    return build_app(services, client=make_client("xoxb-test", slack_api.base_url)), database, services


RETRY = {"x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout"}


@pytest.mark.parametrize("had_replied", [False, True], ids=["died-before-replying", "died-after-replying"])
def test_an_event_claimed_by_a_replica_that_died_is_answered_once_by_a_retry_after_the_lease(db, slack_api,
                                                                                              had_replied):
    app, database, services = replica(db.url, slack_api)
    start = services.now()
    with db.session() as s:  # another replica took the event, then was killed
        assert claim_event(s, "Ev0DIED", start, owner="replica-that-died").claimed
    if had_replied:  # it had posted its reply, with the event's key, before dying
        slack_api.answer("chat.postMessage", {"channel": "C1", "text": "CBP", "thread_ts": "1700000000.000100",
                                              "metadata": {"event_type": "art67bot_post",
                                                           "event_payload": {"key": "event:Ev0DIED"}}})
    body = event_body(mention(), event_id="Ev0DIED")
    services.clock = lambda: start + EVENT_LEASE / 2  # Slack's first retry, while the lease runs: skipped
    assert app.dispatch(signed_request(SECRET, body, extra_headers=RETRY)).status == 200
    assert len(slack_api.posted("C1")) == int(had_replied)
    services.clock = lambda: start + EVENT_LEASE + SECOND  # a later retry takes the claim over
    assert app.dispatch(signed_request(SECRET, body, extra_headers=RETRY)).status == 200
    replies = slack_api.posted("C1")
    assert len(replies) == 1 and replies[0]["thread_ts"] == "1700000000.000100"
    assert len(slack_api.calls_to("conversations.replies")) == 1
    services.clock = lambda: start + 10 * EVENT_LEASE
    assert app.dispatch(signed_request(SECRET, body, extra_headers=RETRY)).status == 200
    assert len(slack_api.posted("C1")) == 1
    database.dispose()


def test_a_listener_still_working_keeps_its_claim(db, slack_api):
    app, database, services = replica(db.url, slack_api)
    start = services.now()
    with db.session() as s:
        assert claim_event(s, "Ev0BUSY", start, owner="busy-replica").claimed
    services.clock = lambda: start + EVENT_LEASE - SECOND
    body = event_body(mention("1700000000.000300"), event_id="Ev0BUSY")
    assert app.dispatch(signed_request(SECRET, body, extra_headers=RETRY)).status == 200
    assert slack_api.posted("C1") == [] and slack_api.calls_to("conversations.replies") == []
    database.dispose()


SOAK_DEADLINES = 300
SOAK_FAULTS = (  # (share of posts, failure): Slack errors, drops before and after accepting, late answers
    (0.08, Failure(500)), (0.05, Failure(429, retry_after=1)), (0.04, Failure(0)),
    (0.02, Failure(0, accepted=True)), (0.01, Failure(200, accepted=True, delay=0.8)),
)


@pytest.mark.slow
def test_soak_two_replicas_and_a_remind_process_under_faults_post_every_reminder_exactly_once(db, slack_api):
    import random
    import threading

    from bot.core.deadlines import NewDeadline
    from bot.deadline_commands import save_new_deadline
    from tests.test_reminders import DUE, UTC

    setup = services_at(db, DUE - timedelta(days=90))
    for number in range(SOAK_DEADLINES):
        save_new_deadline(setup, NewDeadline(title=f"Report {number}", due_at=DUE, timezone="UTC", yearly=False,
                                             lead_days=(1,), channel=f"C0SOAK{number % 10}"))
    chance = random.Random(67)
    lock = threading.Lock()

    def fault(method):
        if method != "chat.postMessage":
            return None
        with lock:
            roll = chance.random()
        for share, failure in SOAK_FAULTS:
            if roll < share:
                return failure
            roll -= share
        return None

    slack_api.failure_for = fault
    moment = [DUE - timedelta(days=1)]
    slack_api.clock = lambda: moment[0].timestamp()
    processes = []
    for name in ("replica-1", "replica-2", "remind"):
        client = WebClient(token="xoxb-test", base_url=slack_api.base_url, timeout=0.5)
        client.retry_handlers = []  # as reminder_client: a failed post waits for a later tick
        database = Database(db.url)
        processes.append((database, Poster(database, client, owner=name)))
    errors = []

    def run(database, poster, now):
        try:
            remind(services_at(database, now), poster, now)
        except Exception as error:  # a tick that fails is retried by the next one
            errors.append(repr(error))

    for _ in range(40):
        threads = [threading.Thread(target=run, args=(database, poster, moment[0])) for database, poster in processes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        with db.session() as s:
            if all(c.status == "sent" for c in s.scalars(select(ReminderClaimRow))) and \
                    len(s.scalars(select(ReminderClaimRow)).all()) == SOAK_DEADLINES:
                break
        moment[0] += UNSURE_RETRY + SECOND
    slack_api.failure_for = None
    keys = [m["metadata"]["event_payload"]["key"] for m in slack_api.posted() if "metadata" in m]
    duplicates = len(keys) - len(set(keys))
    losses = SOAK_DEADLINES - len(set(keys))
    failed = [c for c in slack_api.calls_to("chat.postMessage") if "_failed" in c.params or "_accepted_then" in c.params]
    print(f"soak: {SOAK_DEADLINES} reminders, {len(slack_api.calls_to('chat.postMessage'))} posts tried, "
          f"{len(failed)} faults, {duplicates} duplicates, {losses} losses")
    assert duplicates == 0 and losses == 0, (duplicates, losses, errors[:3])
    assert len(failed) >= 10  # the faults did happen
    with db.session() as s:
        claims_sent = s.scalars(select(ReminderClaimRow)).all()
    assert len(claims_sent) == SOAK_DEADLINES and all(c.status == "sent" and c.message_ts for c in claims_sent)
    for database, _ in processes:
        database.dispose()
