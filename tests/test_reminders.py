"""Exactly-once reminders on SQLite and PostgreSQL: restarts, races, Slack failures, leases, catch-up."""

import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import make_client
from bot.core.deadlines import NewDeadline
from bot.deadline_commands import save_new_deadline
from bot.delivery import LEASE, Poster
from bot.offline.web_api import Failure
from bot.reminders import remind, reminders_running
from bot.services import prepare_database, utcnow
from storage import Database, claims, deadlines
from storage.models import DeadlineRow, ReminderClaimRow
from tests.conftest import assert_valid_message, make_services

UTC = timezone.utc
DUE = datetime(2027, 9, 15, 15, 0, tzinfo=UTC)  # 17:00 in Zurich
DAY = timedelta(days=1)
MONTH_BEFORE = DUE - 30 * DAY
ROOT = Path(__file__).resolve().parents[1]


def services_at(db, moment: datetime, **settings):
    services = make_services(db, **settings)
    services.clock = lambda: moment
    return services


def add_deadline(db, title="Art. 67 report", *, yearly=True, channel="C0REMIND", due=DUE, leads=(30, 14, 7, 1)):
    services = services_at(db, datetime(2027, 6, 1, tzinfo=UTC))
    new = NewDeadline(title=title, due_at=due, timezone="Europe/Zurich", yearly=yearly, lead_days=leads,
                      channel=channel)
    save_new_deadline(services, new)
    with db.session() as s:
        return deadlines.all_deadlines(s)[-1]


def poster(db, api, owner):
    return Poster(db, make_client("xoxb-test", api.base_url, retries=False), owner=owner)


def posts(api):
    return [call for call in api.calls_to("chat.postMessage") if "_failed" not in call.params]


def tick(db, api, now, owner="A", **settings):
    return remind(services_at(db, now, **settings), poster(db, api, owner), now)


def test_a_due_reminder_is_posted_once_and_a_restart_never_reposts_it(db, db_url, slack_api):
    deadline = add_deadline(db)
    assert tick(db, slack_api, MONTH_BEFORE - timedelta(minutes=1)) == []
    [posted] = tick(db, slack_api, MONTH_BEFORE)
    assert posted.channel == "C0REMIND" and "in 30 days" in posted.text
    [call] = posts(slack_api)
    assert_valid_message(call.params)
    assert "Wednesday 15 September 2027, 17:00 CEST" in json.dumps(call.params["blocks"])

    restarted = Database(db_url)  # a new process: new engine, new owner, nothing in memory
    try:
        prepare_database(restarted)
        for minutes in (0, 1, 60, 24 * 60):
            assert tick(restarted, slack_api, MONTH_BEFORE + timedelta(minutes=minutes), owner="B") == []
    finally:
        restarted.dispose()
    assert len(posts(slack_api)) == 1
    with db.session() as s:
        claim = s.scalars(select(ReminderClaimRow)).one()
        assert (claim.status, claim.deadline_id, claim.lead_minutes) == ("sent", deadline.id, 30 * 1440)
        assert claim.message_ts and s.get(DeadlineRow, deadline.id).next_remind_at == DUE - 14 * DAY


def test_threads_with_their_own_databases_racing_post_each_reminder_once(db, db_url, slack_api):
    for number in range(3):
        add_deadline(db, f"Report {number}", channel=f"C0CHAN{number}")
    databases = [Database(db_url) for _ in range(4)]
    barrier = threading.Barrier(len(databases))
    results, errors = [], []

    def run(index, database):
        try:
            barrier.wait(timeout=30)
            results.append(tick(database, slack_api, MONTH_BEFORE, owner=f"thread-{index}"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(databases)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for database in databases:
        database.dispose()
    assert errors == []
    assert sum(len(r) for r in results) == 3
    assert sorted(call.params["channel"] for call in posts(slack_api)) == ["C0CHAN0", "C0CHAN1", "C0CHAN2"]


def test_two_processes_racing_over_the_same_due_reminders_post_each_once(db, db_url, slack_api):
    for number in range(3):
        add_deadline(db, f"Report {number}", channel=f"C0CHAN{number}")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-test",
           "SLACK_API_URL": slack_api.base_url}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "bot", "remind", "--once", "--now", "2027-08-16T17:00+02:00", "--db", db_url]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    printed = "".join(out for out, _ in outputs)
    assert printed.count("posted to C0CHAN") == 3
    assert sorted(call.params["channel"] for call in posts(slack_api)) == ["C0CHAN0", "C0CHAN1", "C0CHAN2"]


@pytest.mark.parametrize("failure", [
    Failure(500), Failure(503), Failure(0), Failure(200, body={"ok": False, "error": "internal_error"}),
], ids=["500", "503", "dropped", "internal_error"])
def test_a_failed_post_is_retried_on_a_later_tick_and_posted_once(db, slack_api, failure):
    add_deadline(db)
    slack_api.fail("chat.postMessage", failure)
    assert tick(db, slack_api, MONTH_BEFORE) == []
    assert posts(slack_api) == []
    [posted] = tick(db, slack_api, MONTH_BEFORE + timedelta(minutes=1), owner="B")
    assert "in 30 days" in posted.text
    for minutes in (2, 3, 60):
        assert tick(db, slack_api, MONTH_BEFORE + timedelta(minutes=minutes)) == []
    assert len(posts(slack_api)) == 1
    with db.session() as s:
        claim = s.scalars(select(ReminderClaimRow)).one()
        assert claim.status == "sent" and claim.attempts == 2


def test_rate_limited_post_waits_for_retry_after_then_posts_once(db, slack_api):
    add_deadline(db)
    slack_api.fail("chat.postMessage", Failure(429, retry_after=120))
    assert tick(db, slack_api, MONTH_BEFORE) == []
    attempts = len(slack_api.calls_to("chat.postMessage"))
    assert tick(db, slack_api, MONTH_BEFORE + timedelta(seconds=60)) == []
    assert len(slack_api.calls_to("chat.postMessage")) == attempts  # Retry-After respected: no call
    assert len(tick(db, slack_api, MONTH_BEFORE + timedelta(seconds=180))) == 1
    assert tick(db, slack_api, MONTH_BEFORE + timedelta(seconds=240)) == []
    assert len(posts(slack_api)) == 1


def test_a_claim_left_by_a_dead_process_is_retried_after_its_lease_expires(db, slack_api):
    deadline = add_deadline(db)
    with db.session() as s:  # a process claimed the reminder, then died before posting
        dead = claims.claim(s, ReminderClaimRow, {"deadline_id": deadline.id, "occurrence": DUE,
                                                   "lead_minutes": 30 * 1440},
                            channel="C0REMIND", owner="dead", now=MONTH_BEFORE, lease_until=MONTH_BEFORE + LEASE)
    assert dead.claimed
    assert tick(db, slack_api, MONTH_BEFORE + timedelta(minutes=1)) == []  # still leased
    assert posts(slack_api) == []
    with db.session() as s:  # still due, so every tick looks again until the lease expires
        assert s.get(DeadlineRow, deadline.id).next_remind_at == MONTH_BEFORE
    assert len(tick(db, slack_api, MONTH_BEFORE + LEASE + timedelta(minutes=1))) == 1
    assert tick(db, slack_api, MONTH_BEFORE + LEASE + timedelta(minutes=2)) == []
    assert len(posts(slack_api)) == 1


def test_reminders_missed_while_down_are_posted_once_within_the_catch_up_window(db, slack_api):
    add_deadline(db)
    fortnight = DUE - 14 * DAY
    # down from before the 30-day reminder until 10 hours after the 14-day one: one post, the latest
    [posted] = tick(db, slack_api, fortnight + timedelta(hours=10))
    assert "in 13 days" in posted.text
    assert tick(db, slack_api, fortnight + timedelta(hours=11)) == []
    assert len(posts(slack_api)) == 1


def test_no_reminder_beyond_the_catch_up_window_or_once_the_deadline_passed(db, slack_api):
    deadline = add_deadline(db, yearly=False)
    week = DUE - 7 * DAY
    assert tick(db, slack_api, week + timedelta(hours=5), catch_up_hours=4) == []
    assert tick(db, slack_api, DUE + timedelta(minutes=1)) == []
    assert posts(slack_api) == []
    with db.session() as s:
        assert s.get(DeadlineRow, deadline.id).next_remind_at is None  # never looked at again


def test_once_an_occurrence_is_past_the_next_yearly_one_is_reminded(db, slack_api):
    add_deadline(db)
    assert len(tick(db, slack_api, DUE - DAY)) == 1
    assert tick(db, slack_api, DUE + timedelta(hours=1)) == []
    [posted] = tick(db, slack_api, datetime(2028, 8, 16, 15, 0, tzinfo=UTC))
    assert "15 September 2028" in posted.text and "in 30 days" in posted.text


def test_a_tick_reads_only_deadlines_whose_reminder_time_has_come(db, slack_api):
    add_deadline(db, "Due now")
    later = add_deadline(db, "Due much later", due=DUE + 200 * DAY)
    assert len(tick(db, slack_api, MONTH_BEFORE)) == 1
    with db.session() as s:
        # untouched: 30 days before 2 April 2028 17:00 CEST is 3 March 17:00 CET
        assert s.get(DeadlineRow, later.id).next_remind_at == later.next_remind_at == datetime(2028, 3, 3, 16, 0, tzinfo=UTC)


def test_the_background_ticker_posts_what_is_due_when_it_starts(db, slack_api):
    services = make_services(db, api_url=slack_api.base_url)
    services.clock = utcnow
    soon = utcnow().replace(second=0, microsecond=0) + 6 * DAY  # its 7-day reminder is a day late
    save_new_deadline(services, NewDeadline(title="Soon", due_at=soon, timezone="UTC", channel="C0SOON"))
    with reminders_running(services):
        [call] = slack_api.wait_for("chat.postMessage", timeout=30)
    assert call.params["channel"] == "C0SOON"
    assert len(posts(slack_api)) == 1
