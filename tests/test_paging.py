"""Long listings come in pages: a More button (and Previous) replaces the message with the next page."""

import json
from datetime import datetime, timedelta, timezone

from bot.core import grammar, paging
from bot.core.deadlines import NewDeadline
from bot.deadline_commands import save_new_deadline
from bot.offline.signing import TEAM_ID, interaction_body, signed_request
from tests import factories
from tests.conftest import MEMBER, SECRET, TODAY, assert_valid_message
from tests.factories import activity


def buttons(payload):
    found = [b for b in payload["blocks"] if b["type"] == "actions" and b.get("block_id") == "paging"]
    return {e["text"]["text"]: e for e in found[0]["elements"]} if found else {}


def press(app, api, message, label, user=MEMBER):
    """Press a listing's button, as Slack sends it; returns what was posted to the response URL."""
    button = buttons(message)[label]
    before = len(api.calls_to("response_url"))
    payload = {
        "type": "block_actions", "token": "offline", "api_app_id": "A0ART67", "trigger_id": "t1",
        "team": {"id": TEAM_ID, "domain": "art67bot"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "container": {"type": "message", "message_ts": "1781000000.000100", "channel_id": "C0CHAN"},
        "channel": {"id": "C0CHAN", "name": "general"},
        "message": {"type": "message", "ts": "1781000000.000100", "text": message["text"],
                    "blocks": message["blocks"]},
        "response_url": api.response_url("page"),
        "actions": [{**button, "block_id": "paging", "action_ts": "1781000000.1"}],
    }
    assert app.dispatch(signed_request(SECRET, interaction_body(payload))).status == 200
    posted = api.wait_for("response_url", before + 1)
    assert len(posted) == before + 1
    return posted[-1].params


def titles(payload):
    return [line for line in payload["text"].splitlines() if line.startswith("#")]


def test_upcoming_pages_with_more_and_previous(slack, app, slack_api, db):
    with db.session() as s:
        factories.store(s, [activity(f"Workshop {i:02d}", TODAY + timedelta(days=i)) for i in range(1, 26)])
    status, first = slack.command("upcoming", user=MEMBER)
    assert_valid_message(first)
    assert len(titles(first)) == 10 and set(buttons(first)) == {"More"}
    second = press(app, slack_api, first, "More")
    assert second["replace_original"] is True and second["response_type"] == "in_channel"
    assert_valid_message(second)
    assert [t.split(" ")[2] for t in titles(second)] == [f"{i:02d}" for i in range(11, 21)]
    assert set(buttons(second)) == {"Previous", "More"}
    third = press(app, slack_api, second, "More")
    assert [t.split(" ")[2] for t in titles(third)] == [f"{i:02d}" for i in range(21, 26)]
    assert set(buttons(third)) == {"Previous"}
    back = press(app, slack_api, third, "Previous")
    assert titles(back) == titles(second)
    # the same pages can be typed
    status, typed = slack.command("upcoming page 3", user=MEMBER)
    assert titles(typed) == titles(third) and "page 3" in typed["blocks"][0]["text"]["text"]
    status, beyond = slack.command("upcoming page 9", user=MEMBER)
    assert "No more upcoming activities" in json.dumps(beyond["blocks"]) and set(buttons(beyond)) == {"Previous"}


def test_filters_travel_with_the_more_button(slack, app, slack_api, db):
    with db.session() as s:
        factories.store(s, [activity(f"Peru {i:02d}", TODAY + timedelta(days=i), beneficiaries=("Peru",))
                            for i in range(1, 8)]
                        + [activity(f"Chile {i:02d}", TODAY + timedelta(days=i), beneficiaries=("Chile",))
                           for i in range(1, 8)])
    status, first = slack.command("upcoming 3 beneficiary:Peru", user=MEMBER)
    second = press(app, slack_api, first, "More")
    assert [t.split(" ")[1:3] for t in titles(second)] == [["Peru", "04"], ["Peru", "05"], ["Peru", "06"]]


def test_search_pages(slack, app, slack_api, db):
    with db.session() as s:
        factories.store(s, [activity(f"Border course {i:02d}", TODAY + timedelta(days=i)) for i in range(1, 26)])
    status, first = slack.command("search border", user=MEMBER)
    assert_valid_message(first)
    assert len(titles(first)) == 20 and set(buttons(first)) == {"More"}
    second = press(app, slack_api, first, "More")
    assert len(titles(second)) == 5 and set(buttons(second)) == {"Previous"}
    assert not set(titles(first)) & set(titles(second))


def test_deadlines_page_at_twenty(slack, app, slack_api, services):
    start = datetime(2026, 7, 1, 15, tzinfo=timezone.utc)
    for day in range(25):
        save_new_deadline(services, NewDeadline(title=f"Deadline {day:02d}", due_at=start + timedelta(days=day),
                                                timezone="UTC", channel="C0REPORT"))
    status, first = slack.command("deadlines", user=MEMBER)
    assert_valid_message(first)
    assert len(titles(first)) == 20 and set(buttons(first)) == {"More"}
    second = press(app, slack_api, first, "More")
    assert_valid_message(second)
    assert len(titles(second)) == 5 and "Deadline 24" in second["text"]


def test_buttons_carry_only_listing_commands():
    assert paging.decode(paging.encode(grammar.Upcoming(limit=5, agency="DHS", page=2))) == \
        grammar.Upcoming(limit=5, agency="DHS", page=2)
    assert paging.decode(json.dumps({"kind": "Delete", "activity_id": 1})) is None
    assert paging.decode(json.dumps({"kind": "Upcoming", "page": 0})) is None
    assert paging.decode("not json") is None
    long_words = grammar.Search("word " * 500, page=1)
    assert paging.page_buttons(long_words, more=True) is None  # too long for a button: no button


def test_a_stale_button_answers_only_the_presser(app, slack_api):
    message = {"text": "x", "blocks": [{"type": "actions", "block_id": "paging", "elements": [
        {"type": "button", "action_id": paging.MORE_ACTION, "value": "{}", "text": {"type": "plain_text",
                                                                                     "text": "More"}}]}]}
    answer = press(app, slack_api, message, "More")
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False


def test_grammar_reads_pages():
    assert grammar.parse_command("upcoming 5 page 2 agency:DHS") == grammar.Upcoming(limit=5, agency="DHS", page=2)
    assert grammar.parse_command("search border page 3") == grammar.Search("border", page=3)
    assert grammar.parse_command("search page") == grammar.Search("page")
    assert grammar.parse_command("deadlines page 2") == grammar.Deadlines(page=2)
    assert isinstance(grammar.parse_command("upcoming page 0"), grammar.Invalid)
    assert isinstance(grammar.parse_command("upcoming page 2 page 3"), grammar.Invalid)
