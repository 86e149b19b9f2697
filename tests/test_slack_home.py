"""The App Home tab: a signed app_home_opened event, then views.publish with that user's Home."""

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from slack_sdk.models.views import View

from bot.core.deadline_render import DeadlineStatus
from bot.core.deadlines import Deadline, NewDeadline
from bot.core.home import home_view
from bot.core.records import Activity, UpcomingResult
from bot.deadline_commands import save_new_deadline
from tests import factories
from tests.conftest import ADMIN, MEMBER, TODAY
from tests.factories import activity


def home_opened(slack, user, tab="home"):
    response = slack.event({"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": tab,
                            "event_ts": "1781000000.000100"})
    assert response.status == 200


def published(slack_api, count=1):
    calls = slack_api.wait_for("views.publish", count)
    assert len(calls) == count
    view = calls[-1].params["view"]
    return calls[-1], json.loads(view) if isinstance(view, str) else view


def test_home_shows_upcoming_activities_deadlines_and_what_to_ask(slack, slack_api, services, db):
    with db.session() as s:
        factories.store(s, [activity("Border enforcement <!channel> workshop", TODAY + timedelta(days=5),
                                     agency="CBP", beneficiaries=("Peru",)),
                            activity("Patent examination course", TODAY - timedelta(days=1), days=4),
                            activity("Ended long ago", TODAY - timedelta(days=90))])
    due = datetime(2026, 9, 15, 15, 0, tzinfo=timezone.utc)  # 17:00 in Zurich
    save_new_deadline(services, NewDeadline(title="Art. 67 report", due_at=due, timezone="Europe/Zurich",
                                            yearly=True, channel="C0REPORT"))
    slack_api.users[MEMBER] = {"tz": "America/New_York"}
    home_opened(slack, MEMBER)
    call, view = published(slack_api)
    assert call.params["user_id"] == MEMBER
    View(**view).to_dict()  # slack_sdk validates the Home view
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Border enforcement &lt;!channel&gt; workshop" in text and "<!channel>" not in text
    assert "Patent examination course" in text and "Under way" in text and "Ended long ago" not in text
    # the deadline in the member's own time zone, with the deadline's wall clock beside it
    assert "Tuesday 15 September 2026, 11:00 EDT — 17:00 CEST in Europe/Zurich" in text
    assert "Next reminder" in text and "America/New_York" in text
    assert "/activities help" in text and "who handles" in text
    assert "opens a form" not in text  # the admin's note is for admins


def test_home_is_refreshed_each_time_it_is_opened(slack, slack_api, db):
    home_opened(slack, ADMIN)
    _, first = published(slack_api)
    assert "Nothing is coming up" in json.dumps(first["blocks"])
    assert "opens a form" in json.dumps(first["blocks"])
    with db.session() as s:
        factories.store(s, [activity("Copyright seminar", TODAY + timedelta(days=2))])
    home_opened(slack, ADMIN)
    _, second = published(slack_api, 2)
    assert "Copyright seminar" in json.dumps(second["blocks"])


def test_opening_the_messages_tab_publishes_nothing(slack, slack_api):
    home_opened(slack, MEMBER, tab="messages")
    home_opened(slack, MEMBER)
    published(slack_api)  # the Home opening was published; the messages-tab opening was not
    assert len(slack_api.calls_to("views.publish")) == 1


def test_home_stays_within_slack_limits_with_long_lists():
    long_text = "x" * 5000
    made = [activity(long_text, TODAY + timedelta(days=i)) for i in range(40)]
    stored = [as_stored(i, item) for i, item in enumerate(made, 1)]
    now = datetime(2026, 6, 10, 12, tzinfo=timezone.utc)
    deadlines = [DeadlineStatus(Deadline(id=i, title=long_text, due_at=now + timedelta(days=i), timezone="UTC"),
                                now + timedelta(days=i), None, None) for i in range(1, 60)]
    view = home_view(UpcomingResult(tuple(stored[:20]), tuple(stored[20:]), more=True), deadlines,
                     today=TODAY, now=now, zone=ZoneInfo("Asia/Tokyo"))
    View(**view).to_dict()
    assert len(view["blocks"]) <= 100
    for block in view["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
    assert "more with `/activities deadlines`" in json.dumps(view["blocks"])


def as_stored(activity_id, new):
    return Activity(id=activity_id, title=new.title, start_date=new.start_date, end_date=new.end_date,
                    agency=new.agency, agency_name=new.agency, beneficiaries=new.beneficiaries)
