"""Questions through Slack: signed events and slash commands dispatched to the real Bolt app, replies
posted to the local Web API stand-in; admins teaching the bot synonyms and links."""

import json
import time
from datetime import timedelta

from bot.services import Services
from storage import activities as store
from tests.conftest import MEMBER, TODAY, assert_valid_message, make_services
from tests.factories import activity

BOT = "UBOT"


def mention(text: str, ts: str = "1718000000.000100", **extra) -> dict:
    return {"type": "app_mention", "user": MEMBER, "text": f"<@{BOT}> {text}", "ts": ts, "event_ts": ts,
            "channel": "C0CHAN", "channel_type": "channel", **extra}


def direct(text: str, ts: str = "1718000000.000200", **extra) -> dict:
    return {"type": "message", "user": MEMBER, "text": text, "ts": ts, "event_ts": ts, "channel": "D0DM",
            "channel_type": "im", **extra}


def posted(slack_api, count: int = 1) -> list[dict]:
    return [call.params for call in slack_api.wait_for("chat.postMessage", count, timeout=2)]


def test_a_mention_is_answered_in_its_thread(slack, slack_api):
    response = slack.event(mention("who handles border enforcement?"))
    assert response.status == 200
    [message] = posted(slack_api)
    assert message["channel"] == "C0CHAN"
    assert message["thread_ts"] == "1718000000.000100"
    assert message["text"].startswith("IP border enforcement: CBP and ICE (U.S. Department of Homeland Security)")
    assert_valid_message(message)


def test_a_mention_inside_a_thread_answers_in_that_thread(slack, slack_api):
    slack.event(mention("what does CCIPS do?", ts="1718000000.000300", thread_ts="1718000000.000001"))
    [message] = posted(slack_api)
    assert message["thread_ts"] == "1718000000.000001"
    assert message["text"].startswith("CCIPS (Computer Crime and Intellectual Property Section")


def test_a_direct_message_is_answered_in_the_dm(slack, slack_api):
    assert slack.event(direct("which agency deals with counterfeit medicines?")).status == 200
    [message] = posted(slack_api)
    assert message["channel"] == "D0DM" and "thread_ts" not in message
    assert "ICE" in message["text"].split("\n")[0]


def test_off_topic_questions_get_an_honest_abstention(slack, slack_api):
    slack.event(mention("who handles the office coffee machine?"))
    [message] = posted(slack_api)
    assert "I don't know that one" in message["text"]
    assert "IP border enforcement" in message["text"]  # a hint of what it can answer
    assert "CBP" not in message["text"] and "USPTO" not in message["text"]


def test_the_bots_own_messages_edits_and_other_bots_are_never_answered(slack, slack_api):
    for event in (
        direct("who handles border enforcement?", user=BOT),  # the bot itself (Bolt's self-event filter)
        direct("who handles border enforcement?", bot_id="BBOT"),
        {**direct("who handles border enforcement?", bot_id="BOTHER"), "subtype": "bot_message"},
        {**direct(""), "subtype": "message_changed",
         "message": {"text": "who handles border enforcement?", "user": MEMBER}},
        {**direct(""), "subtype": "message_deleted"},
        {**direct("who handles border enforcement?"), "channel_type": "channel", "channel": "C0CHAN"},
        mention("who handles border enforcement?", bot_id="BOTHER"),
    ):
        assert slack.event(event).status == 200
    time.sleep(0.1)
    assert slack_api.calls_to("chat.postMessage") == []


def test_activities_who(slack):
    status, payload = slack.command("who border enforcement", user=MEMBER)
    assert status == 200 and payload["response_type"] == "in_channel"
    assert payload["text"].startswith("IP border enforcement: CBP and ICE")
    assert_valid_message(payload)
    status, payload = slack.command("ask what does USAID do?", user=MEMBER)
    assert payload["text"].startswith("USAID (U.S. Agency for International Development)")
    status, payload = slack.command("who payroll", user=MEMBER)
    assert payload["response_type"] == "ephemeral" and "I don't know that one" in payload["text"]


def test_answers_list_up_to_three_upcoming_activities_on_the_topic(slack, db):
    with db.session() as s:
        store.add_activities(s, [
            activity(f"Customs course {n}", TODAY + timedelta(days=n), agency="CBP", topics=("border-enforcement",))
            for n in range(1, 5)
        ] + [
            activity("Patent course", TODAY + timedelta(days=1), topics=("patents",)),
            activity("Old customs course", TODAY - timedelta(days=30), agency="CBP", topics=("border-enforcement",)),
        ])
    _, payload = slack.command("who customs")
    text = payload["text"]
    assert [n for n in range(1, 5) if f"Customs course {n}" in text] == [1, 2, 3]
    assert "Patent course" not in text and "Old customs course" not in text
    _, payload = slack.command("ask what does DHS do?")  # reverse look-up: the agency and its units
    assert "Customs course 1" in payload["text"]


def test_an_admin_adds_a_synonym_and_it_answers_at_once(slack, services):
    _, payload = slack.command("who frontier checks")
    assert "I don't know that one" in payload["text"]
    _, payload = slack.command("synonym add border enforcement : frontier checks; border guards")
    assert payload["response_type"] == "ephemeral"
    assert "frontier checks, border guards" in payload["text"]
    _, payload = slack.command("who frontier checks")
    assert payload["text"].startswith("IP border enforcement: CBP")
    _, payload = slack.command("synonyms border-enforcement", user=MEMBER)
    assert "frontier checks" in payload["text"]
    _, payload = slack.command("synonym remove border enforcement : frontier checks")
    assert "Removed" in payload["text"]
    _, payload = slack.command("who frontier checks")
    assert "I don't know that one" in payload["text"]


def test_synonym_changes_are_checked(slack, db):
    _, payload = slack.command("synonym add border enforcement : frontier checks", user=MEMBER)
    assert "admins" in payload["text"]
    _, payload = slack.command("synonym add patents : piracy")
    assert "already means Copyright" in payload["text"]
    _, payload = slack.command("synonym add knitting : yarn")
    assert "knitting" in payload["text"]
    _, payload = slack.command("synonym add patents : the who")
    assert "ignore" in payload["text"]
    _, payload = slack.command("synonym add patents")
    assert "synonym add TOPIC : WORDS" in payload["text"]
    _, payload = slack.command("who frontier checks")
    assert "I don't know that one" in payload["text"]


def test_an_admin_links_a_topic_to_an_agency_with_its_source(slack):
    _, payload = slack.command("link trade secrets : USTR partner | source: https://ustr.gov/special-301 "
                               "| description: Trade secret protection in the Special 301 report")
    assert "Linked Trade secrets to USTR (partner, rank 5)" in payload["text"]
    _, payload = slack.command("link trade secrets : USTR | rank: 1")
    assert "Updated the link" in payload["text"] and "rank 1" in payload["text"]
    _, payload = slack.command("who handles trade secrets?")
    first = payload["text"].split("\n")[1]
    assert first.startswith("USTR (partner): Trade secret protection in the Special 301 report")
    assert "Source: https://ustr.gov/special-301" in first
    _, payload = slack.command("unlink trade secrets : USTR")
    assert "Unlinked" in payload["text"]
    _, payload = slack.command("who handles trade secrets?")
    assert "USTR" not in payload["text"]


def test_links_without_a_colon_are_split_with_the_knowledge_base(slack):
    _, payload = slack.command("link border enforcement U.S. Customs and Border Protection lead")
    assert "Updated the link of IP border enforcement to CBP (lead, rank 1)" in payload["text"]
    _, payload = slack.command("link counterfeit goods GIPA | rank: 2")
    assert "Linked Anti-counterfeiting (incl. counterfeit medicines) to GIPA (partner, rank 2)" in payload["text"]
    assert "no source given" in payload["text"]
    _, payload = slack.command("link knitting Ministry of Magic")
    assert "separate them with `:`" in payload["text"]
    _, payload = slack.command("link patents : CBP", user=MEMBER)
    assert "admins" in payload["text"]


def test_stored_text_from_admins_never_pings(slack):
    slack.command("link patents : CBP | description: <!channel> ping | source: <@U123>")
    _, payload = slack.command("who handles patents?")
    blob = json.dumps(payload["blocks"]) + payload["text"]
    assert "<!channel>" not in blob and "<@U123>" not in blob and "&lt;!channel&gt;" in blob


def test_another_process_sees_a_change_without_a_restart(slack, services, db):
    other = make_services(db)
    other.knowledge_check_seconds = 0.0
    from bot.questions import ask

    assert ask("who handles frontier checks?", other)[0].abstained
    slack.command("synonym add border enforcement : frontier checks")
    assert ask("who handles frontier checks?", other)[0].agencies[0].acronym == "CBP"


def test_the_version_check_is_throttled(db):
    services: Services = make_services(db)
    first = services.knowledge()
    assert services.knowledge() is first  # within a second: no database read
    services.knowledge_check_seconds = 0.0
    assert services.knowledge() is first  # read the version; unchanged, so the same object
