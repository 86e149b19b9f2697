"""Deadlines through the real request path: slash commands, then the reminder buttons as signed interactions."""

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from bot.app import make_client
from bot.delivery import Poster
from bot.offline.signing import TEAM_ID, interaction_body, signed_request
from bot.offline.web_api import Failure
from bot.reminders import remind, send_digests
from storage import deadlines as store
from storage.models import DeadlineRow
from tests.conftest import ADMIN, MEMBER, SECRET, assert_valid_message

UTC = timezone.utc
DUE = datetime(2027, 9, 15, 15, 0, tzinfo=UTC)
DAY = timedelta(days=1)
ADD = ("deadline add title: Art. 67 report <!channel> | due: 2027-09-15 17:00 | timezone: Europe/Zurich | "
       "repeat: yearly | notes: airgram WTO/AIR/IP/40")


def at(services, moment):
    services.clock = lambda: moment


def tick(services, api, now):
    return remind(services, Poster(services.db, make_client("xoxb-test", api.base_url, retries=False)), now)


def click(app, api, call, action_id, user=MEMBER):
    """Press a button of a posted reminder, as Slack sends it: a signed block_actions interaction."""
    [actions] = [b for b in call.params["blocks"] if b["type"] == "actions"]
    [button] = [e for e in actions["elements"] if e["action_id"] == action_id]
    ts = "1790000000.000100"
    payload = {
        "type": "block_actions", "token": "offline", "api_app_id": "A0ART67", "trigger_id": "t1",
        "team": {"id": TEAM_ID, "domain": "art67bot"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "container": {"type": "message", "message_ts": ts, "channel_id": call.params["channel"]},
        "channel": {"id": call.params["channel"], "name": "reporting"},
        "message": {"type": "message", "ts": ts, "text": call.params["text"], "blocks": call.params["blocks"]},
        "response_url": api.response_url("button"),
        "actions": [{**button, "block_id": "reminder", "action_ts": "1790000000.1"}],
    }
    response = app.dispatch(signed_request(SECRET, interaction_body(payload)))
    assert response.status == 200
    return ts


def test_admin_adds_a_deadline_in_a_channel_and_everyone_lists_it(slack, services, db):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    status, payload = slack.command(ADD, channel="C0REPORT")
    assert status == 200 and payload["response_type"] == "ephemeral", payload
    assert_valid_message(payload)
    assert "Added deadline #1" in payload["text"]
    with db.session() as s:
        [stored] = store.all_deadlines(s)
    assert (stored.channel, stored.due_at, stored.yearly, stored.lead_days) == ("C0REPORT", DUE, True, (30, 14, 7, 1))
    assert stored.next_remind_at == DUE - 30 * DAY

    slack.api.users[MEMBER] = {"tz": "Europe/Zurich"}  # the member's time zone in Slack (users.info)
    status, payload = slack.command("deadlines", user=MEMBER)
    assert payload["response_type"] == "in_channel"
    assert_valid_message(payload)
    blocks = json.dumps(payload["blocks"], ensure_ascii=False)
    assert "Wednesday 15 September 2027, 17:00 CEST (" in blocks and "Next reminder Monday 16 August 2027" in blocks
    assert "<!channel>" not in blocks and "&lt;!channel&gt;" in blocks


def test_deadline_writes_are_for_admins_and_errors_are_ephemeral(slack, services, db):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    for text in (ADD, "deadline edit 1 due: 2027-09-29", "deadline delete 1", "digest on"):
        status, payload = slack.command(text, user=MEMBER)
        assert payload["response_type"] == "ephemeral" and "admins" in payload["text"]
    status, payload = slack.command("deadline add title: T | due: 31/31/2027 | leads: soon")
    assert payload["response_type"] == "ephemeral" and "Nothing was saved" in payload["text"]
    assert_valid_message(payload)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(DeadlineRow)) == 0


def test_the_airgram_date_is_confirmed_by_editing_and_the_deadline_can_be_deleted(slack, services, db):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    slack.command(ADD)
    status, payload = slack.command("deadline edit 1 due: 2027-09-29 17:00 | leads: 21, 7")
    assert "Updated deadline #1" in payload["text"], payload
    with db.session() as s:
        stored = store.get_deadline(s, 1)
    assert stored.due_at == datetime(2027, 9, 29, 15, 0, tzinfo=UTC) and stored.lead_days == (21, 7)
    assert stored.title == "Art. 67 report <!channel>" and stored.yearly
    assert stored.next_remind_at == datetime(2027, 9, 8, 15, 0, tzinfo=UTC)
    status, payload = slack.command("deadline delete 1")
    assert "Deleted deadline #1" in payload["text"]
    status, payload = slack.command("deadline delete 1")
    assert "no deadline #1" in payload["text"] and payload["response_type"] == "ephemeral"


def test_mark_submitted_stops_this_occurrence_only_and_updates_the_message(slack, app, services, slack_api):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    slack.command(ADD, channel="C0REPORT")
    assert len(tick(services, slack_api, DUE - 30 * DAY)) == 1
    [reminder] = slack_api.calls_to("chat.postMessage")
    at(services, DUE - 20 * DAY)
    ts = click(app, slack_api, reminder, "deadline_submitted", user=ADMIN)
    [update] = slack_api.calls_to("chat.update")
    assert update.params["channel"] == "C0REPORT" and update.params["ts"] == ts
    assert_valid_message(update.params)
    assert f"Marked submitted by <@{ADMIN}>" in json.dumps(update.params["blocks"])
    assert not any(b["type"] == "actions" for b in update.params["blocks"])
    for days in (14, 7, 1):
        assert tick(services, slack_api, DUE - days * DAY) == []
    [next_year] = tick(services, slack_api, datetime(2028, 8, 16, 15, 0, tzinfo=UTC))
    assert "15 September 2028" in next_year.text
    assert len(slack_api.calls_to("chat.postMessage")) == 2


def test_snooze_reminds_again_a_day_later_once(slack, app, services, slack_api):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    slack.command(ADD, channel="C0REPORT")
    tick(services, slack_api, DUE - 30 * DAY)
    [reminder] = slack_api.calls_to("chat.postMessage")
    clicked_at = DUE - 30 * DAY + timedelta(hours=2)
    at(services, clicked_at)
    click(app, slack_api, reminder, "deadline_snooze", user=ADMIN)
    click(app, slack_api, reminder, "deadline_snooze", user=ADMIN)  # a double click snoozes once
    [first, _] = slack_api.calls_to("chat.update")
    assert "Snoozed until Tuesday 17 August 2027, 19:00 CEST" in json.dumps(first.params["blocks"])
    assert tick(services, slack_api, clicked_at + DAY - timedelta(minutes=1)) == []
    [again] = tick(services, slack_api, clicked_at + DAY)
    assert "in 29 days" in again.text
    assert tick(services, slack_api, clicked_at + DAY + timedelta(minutes=1)) == []
    assert len(tick(services, slack_api, DUE - 14 * DAY)) == 1


def test_a_button_of_a_deleted_deadline_answers_ephemerally(slack, app, services, slack_api):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    slack.command(ADD)
    tick(services, slack_api, DUE - 30 * DAY)
    [reminder] = slack_api.calls_to("chat.postMessage")
    slack.command("deadline delete 1")
    click(app, slack_api, reminder, "deadline_submitted", user=ADMIN)
    [answer] = slack_api.calls_to("response_url")
    assert answer.params["response_type"] == "ephemeral" and "deleted" in answer.params["text"]
    assert slack_api.calls_to("chat.update") == []


def test_weekly_digest_is_posted_once_per_subscribed_channel_and_week(slack, services, slack_api):
    at(services, datetime(2027, 6, 1, tzinfo=UTC))
    slack.command(ADD)
    status, payload = slack.command("digest on", channel="C0DIGEST")
    assert "every Monday" in payload["text"]
    monday = datetime(2027, 9, 13, 9, 5, tzinfo=UTC)  # ART67_TIMEZONE is UTC here
    at(services, monday)
    posters = [Poster(services.db, make_client("xoxb-test", slack_api.base_url, retries=False)) for _ in range(2)]
    slack_api.fail("chat.postMessage", Failure(500))
    assert send_digests(services, posters[0], monday) == [monday]  # failed: retry from now
    [posted] = send_digests(services, posters[1], monday + timedelta(minutes=1))
    assert posted.channel == "C0DIGEST"
    assert send_digests(services, posters[0], monday + timedelta(hours=2)) == []
    [digest] = [c for c in slack_api.calls_to("chat.postMessage") if "_failed" not in c.params]
    assert_valid_message(digest.params)
    assert "Art. 67 report" in json.dumps(digest.params["blocks"])
    slack.command("digest off", channel="C0DIGEST")
    assert send_digests(services, posters[0], monday + 7 * DAY) == []


def test_help_explains_deadlines_and_the_digest(slack):
    status, payload = slack.command("help")
    assert_valid_message(payload)
    rendered = json.dumps(payload["blocks"])
    for sub in ("/activities deadlines", "deadline add", "deadline edit", "deadline delete", "digest on",
                "repeat: yearly", "leads:"):
        assert sub in rendered
