"""Times in each user's time zone: users.info, cached per user, ART67_TIMEZONE when Slack can't say."""

import json
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from bot.app import make_client
from bot.core.deadlines import NewDeadline
from bot.deadline_commands import save_new_deadline
from bot.offline.web_api import Failure
from bot.user_zones import UserZones
from tests.conftest import MEMBER

DUE = datetime(2027, 9, 15, 15, 0, tzinfo=timezone.utc)  # 17:00 in Zurich
UTC = ZoneInfo("UTC")


def add_deadline(services):
    save_new_deadline(services, NewDeadline(title="Art. 67 report", due_at=DUE, timezone="Europe/Zurich",
                                            channel="C0REPORT"))


def test_deadlines_are_shown_in_the_users_zone_looked_up_once(slack, slack_api, services):
    add_deadline(services)
    slack_api.users["UTOKYO"] = {"tz": "Asia/Tokyo"}
    for _ in range(2):
        status, payload = slack.command("deadlines", user="UTOKYO")
        blocks = json.dumps(payload["blocks"], ensure_ascii=False)
        assert "Thursday 16 September 2027, 00:00 JST — 15 Sep 17:00 CEST in Europe/Zurich" in blocks
    assert [c.params["user"] for c in slack_api.calls_to("users.info")] == ["UTOKYO"]


def test_a_user_in_the_deadlines_zone_sees_it_once(slack, slack_api, services):
    add_deadline(services)
    slack_api.users[MEMBER] = {"tz": "Europe/Zurich"}
    status, payload = slack.command("deadlines", user=MEMBER)
    blocks = json.dumps(payload["blocks"], ensure_ascii=False)
    assert "Wednesday 15 September 2027, 17:00 CEST (" in blocks and " in Europe/Zurich" not in blocks


def test_upcoming_never_asks_slack_for_the_users_zone(slack, slack_api):
    for _ in range(3):
        assert slack.command("upcoming")[0] == 200
    assert slack_api.calls_to("users.info") == []


def test_slack_failing_or_not_knowing_falls_back_to_art67_timezone(slack_api):
    client = make_client("xoxb-test", slack_api.base_url)
    zones = UserZones()
    zurich = ZoneInfo("Europe/Zurich")
    slack_api.fail("users.info", Failure(500))
    assert zones.zone(client, "U1", zurich) == zurich
    assert len(slack_api.calls_to("users.info")) == 1  # one try, no retries: the listener must stay fast
    slack_api.users["U2"] = {"tz": "Mars/Olympus_Mons"}
    assert zones.zone(client, "U2", zurich) == zurich
    slack_api.users["U3"] = {"tz": None}
    assert zones.zone(client, "U3", zurich) == zurich
    assert zones.zone(client, "", zurich) == zurich


def test_the_cache_expires_and_a_failure_is_retried_sooner(slack_api):
    client = make_client("xoxb-test", slack_api.base_url)
    now = [0.0]
    zones = UserZones(ttl=3600, retry_after=300, clock=lambda: now[0])
    slack_api.users["U1"] = {"tz": "Asia/Tokyo"}
    assert zones.zone(client, "U1", UTC) == ZoneInfo("Asia/Tokyo")
    slack_api.users["U1"] = {"tz": "America/Lima"}  # the user moved
    now[0] = 3599
    assert zones.zone(client, "U1", UTC) == ZoneInfo("Asia/Tokyo")
    now[0] = 3601
    assert zones.zone(client, "U1", UTC) == ZoneInfo("America/Lima")
    slack_api.fail("users.info", Failure(0))
    assert zones.zone(client, "U9", UTC) == UTC
    slack_api.users["U9"] = {"tz": "Asia/Tokyo"}
    now[0] += 301
    assert zones.zone(client, "U9", UTC) == ZoneInfo("Asia/Tokyo")
