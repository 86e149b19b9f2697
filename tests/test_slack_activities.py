"""`/activities` through the real request path: signed requests dispatched to the Bolt app."""

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.offline.signing import signed_request, slash_command_body
from storage import activities as store
from storage.models import ActivityRow
from tests.conftest import ADMIN, MEMBER, SECRET, TODAY, assert_valid_message
from tests import factories
from tests.factories import activity

ADD = ("add title: Border enforcement workshop | start: 2026-07-01 | end: 3 July 2026 | "
       "beneficiaries: Peru; Chile | agency: CBP | topics: border enforcement; counterfeit medicines | "
       "format: in person | location: Lima")


def count(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ActivityRow))


def test_help_is_ephemeral_and_lists_every_subcommand(slack):
    for text in ("", "help"):
        status, payload = slack.command(text)
        assert status == 200
        assert payload["response_type"] == "ephemeral"
        assert_valid_message(payload)
        rendered = json.dumps(payload["blocks"])
        for sub in ("upcoming", "add", "show", "search", "delete", "next 30 days", "agency:", "beneficiary:"):
            assert sub in rendered


def test_admin_adds_an_activity_and_the_channel_sees_it_in_upcoming(slack, db):
    status, payload = slack.command(ADD)
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert "Added activity #" in payload["text"]
    assert_valid_message(payload)
    with db.session() as s:
        [stored] = store.all_activities(s)
    assert stored.title == "Border enforcement workshop"
    assert stored.beneficiaries == ("Peru", "Chile")
    assert stored.agency == "CBP" and stored.format == "in-person" and stored.location == "Lima"
    assert stored.topics == ("border-enforcement", "anti-counterfeiting")
    assert stored.created_by == ADMIN

    status, payload = slack.command("upcoming", user=MEMBER)
    assert status == 200 and payload["response_type"] == "in_channel"
    assert_valid_message(payload)
    assert "Border enforcement workshop" in payload["text"]
    assert "1–3 Jul 2026" in json.dumps(payload["blocks"], ensure_ascii=False)


def test_non_admin_writes_are_refused_and_write_nothing(slack, db):
    status, payload = slack.command(ADD, user=MEMBER)
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert "admins" in payload["text"]
    assert count(db) == 0
    with db.session() as s:
        [activity_id] = factories.store(s, [activity("keep me", TODAY)])
    status, payload = slack.command(f"delete {activity_id}", user=MEMBER)
    assert "admins" in payload["text"]
    assert count(db) == 1


@pytest.mark.parametrize("text,fragment", [
    ("add start: 2026-07-01 | beneficiaries: Peru | agency: CBP", "title is missing"),
    ("add title: X | start: 03/04/2026 | beneficiaries: Peru | agency: CBP", "ambiguous"),
    ("add title: X | start: 31 June 2026 | beneficiaries: Peru | agency: CBP", "June"),
    ("add title: X | start: 2026-07-01 | beneficiaries: Peru | agency: Ministry of Magic", "Ministry of Magic"),
    ("add title: X | start: 2026-07-05 | end: 2026-07-01 | beneficiaries: Peru | agency: CBP", "before the start"),
    ("add title: X | start: 2026-07-05 | beneficiaries: Peru | agency: CBP | format: carrier pigeon", "format"),
    ("add title: X | start: 2026-07-05 | agency: CBP", "beneficiar"),
    ("add title: X | start: 2026-07-05 | beneficiaries: Peru | agency: CBP | topics: knitting", "knitting"),
])
def test_bad_input_gets_a_clear_ephemeral_error_and_writes_nothing(slack, db, text, fragment):
    status, payload = slack.command(text)
    assert status == 200
    assert payload["response_type"] == "ephemeral"
    assert fragment in payload["text"]
    assert_valid_message(payload)
    assert count(db) == 0


def test_upcoming_order_under_way_heading_and_never_ended(slack, db):
    with db.session() as s:
        store.add_activities(s, [
            activity("third", TODAY + timedelta(days=9)),
            activity("first", TODAY),
            activity("over", TODAY - timedelta(days=5), days=2),
            activity("ongoing", TODAY - timedelta(days=1), days=3),
            activity("second", TODAY + timedelta(days=2)),
        ])
    status, payload = slack.command("upcoming")
    text = payload["text"]
    assert "over" not in text
    assert text.index("Under way") < text.index("ongoing") < text.index("Coming up")
    assert text.index("first") < text.index("second") < text.index("third")
    status, payload = slack.command("upcoming 2")
    assert "third" not in payload["text"] and "second" in payload["text"]


def test_upcoming_filters_by_agency_with_sub_units_topic_beneficiary_and_horizon(slack, db):
    with db.session() as s:
        store.add_activities(s, [
            activity("gipa course", TODAY + timedelta(days=3), agency="GIPA", beneficiaries=("Kenya",),
                     topics=("patents",)),
            activity("cbp seizure clinic", TODAY + timedelta(days=4), agency="CBP", beneficiaries=("Peru",),
                     topics=("border-enforcement",)),
            activity("fbi far away", TODAY + timedelta(days=90), agency="FBI", beneficiaries=("Peru",)),
        ])

    def listed(filters):
        status, payload = slack.command(f"upcoming {filters}")
        assert status == 200
        return [t for t in ("gipa course", "cbp seizure clinic", "fbi far away") if t in payload["text"]]

    assert listed("agency:Department of Commerce") == ["gipa course"]
    assert listed("agency:doc") == ["gipa course"]
    assert listed("agency:Homeland Security") == ["cbp seizure clinic"]
    assert listed("topic:customs") == ["cbp seizure clinic"]
    assert listed("beneficiary:peru") == ["cbp seizure clinic", "fbi far away"]
    assert listed("beneficiary:peru next 30 days") == ["cbp seizure clinic"]
    status, payload = slack.command("upcoming agency:Ministry of Magic")
    assert payload["response_type"] == "ephemeral" and "Ministry of Magic" in payload["text"]


def test_empty_upcoming_says_so_and_how_to_add(slack):
    status, payload = slack.command("upcoming")
    assert payload["response_type"] == "in_channel"
    assert "No upcoming activities" in payload["text"]
    assert "/activities add" in payload["text"]
    assert_valid_message(payload)


def test_stored_mrkdwn_never_pings(slack, db):
    with db.session() as s:
        store.add_activities(s, [activity("<!channel> & <@U123> <https://evil.example|click>", TODAY,
                                          beneficiaries=("<!here>",), description="<!everyone>")])
    for text in ("upcoming", "show 1", "search channel"):
        status, payload = slack.command(text)
        # header blocks are plain_text, which Slack never parses for mentions; everything else is mrkdwn
        blob = json.dumps([b for b in payload["blocks"] if b["type"] != "header"]) + payload["text"]
        assert "<!channel>" not in blob and "<@U123>" not in blob and "<!here>" not in blob
        assert "<https://" not in blob and "<!everyone>" not in blob
        assert "&lt;!channel&gt;" in blob


def test_show_search_and_delete(slack, db):
    with db.session() as s:
        [first, second] = factories.store(s, [
            activity("Copyright seminar", TODAY, agency="USCO", beneficiaries=("Ghana",)),
            activity("Trade secrets webinar", TODAY, agency="USPTO", beneficiaries=("Peru",)),
        ])
    status, payload = slack.command(f"show {first}")
    assert "Copyright seminar" in payload["text"] and "Ghana" in json.dumps(payload["blocks"])
    assert_valid_message(payload)
    status, payload = slack.command("search ghana")
    assert "Copyright seminar" in payload["text"] and "Trade secrets" not in payload["text"]
    status, payload = slack.command(f"delete {second}")
    assert "Deleted" in payload["text"]
    status, payload = slack.command(f"show {second}")
    assert payload["response_type"] == "ephemeral" and f"no activity #{second}" in payload["text"]


def test_thirty_long_activities_stay_within_slack_limits(slack, db):
    with db.session() as s:
        store.add_activities(s, [
            activity("T" * 300, TODAY + timedelta(days=i), beneficiaries=tuple(f"Member {n}" for n in range(40)),
                     topics=("patents", "copyright", "trademarks"))
            for i in range(35)
        ] + [activity("U" * 300, TODAY - timedelta(days=1), days=5) for _ in range(15)])
    status, payload = slack.command("upcoming 30")
    assert_valid_message(payload)
    assert len(payload["blocks"]) <= 50


def test_bad_signature_and_stale_timestamp_are_rejected_without_side_effects(app, db):
    body = slash_command_body("/activities", ADD, ADMIN, "C1")
    assert app.dispatch(signed_request("wrong-secret", body)).status == 401
    assert app.dispatch(signed_request(SECRET, body, timestamp=int(time.time()) - 600)).status == 401
    assert count(db) == 0
