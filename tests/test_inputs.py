"""Collecting every agency's inputs through Slack and the CLI, on SQLite and PostgreSQL: focal points, the
call for inputs (each DM once), the buttons (who may press them), status (confirmed, nothing to report,
changed after confirming), targeted reminders to pending agencies only, and the audit log."""

import json
from datetime import datetime, timedelta, timezone

from bot.delivery import Poster
from bot.app import make_client
from bot.reminders import remind
from tests.conftest import ADMIN, MEMBER, assert_valid_message
from tests.test_cli import run_cli
from tests.test_slack_deadlines import click

UTC = timezone.utc
CBP_FOCAL, CLDP_FOCAL, LATE_FOCAL = "UCBPFOCAL", "UCLDPFOCAL", "ULATEFOCAL"
PERIOD = "2025-2026"  # 1 September 2025 – 31 August 2026
ACTIVITY = ("add title: {title} | start: {start} | beneficiaries: Peru | agency: {agency} | topics: border enforcement")


def dms(slack_api, user=None):
    """The DMs the bot posted (to D… channels), each call with its params."""
    return [c for c in slack_api.calls_to("chat.postMessage")
            if c.params.get("channel", "").startswith("D") and "_failed" not in c.params
            and (user is None or c.params["channel"] == "D" + user.lstrip("U"))]


def setup_focal_points(slack):
    for agency, user in (("CBP", CBP_FOCAL), ("CLDP", CLDP_FOCAL)):
        status, reply = slack.command(f"focal {agency} <@{user}|someone>")
        assert status == 200 and f"<@{user}>" in reply["text"], reply
    slack.command(ACTIVITY.format(title="Border measures workshop", start="2025-11-03", agency="CBP"))
    slack.command(ACTIVITY.format(title="Later workshop", start="2026-10-01", agency="CBP"))  # outside the period


def send_call(slack, slack_api, text=f"call {PERIOD} due: 2026-10-15"):
    slack_api.clear()
    status, ack = slack.command(text)
    assert status == 200 and "Sending the call" in ack["text"], ack
    [done] = slack_api.wait_for("response_url")
    return done.params["text"]


def test_a_call_dms_each_focal_point_once_with_its_agencys_activities(slack, slack_api, services):
    setup_focal_points(slack)
    summary = send_call(slack, slack_api)
    assert "sent to 2 focal points" in summary and "15 October 2026" in summary
    [to_cbp] = dms(slack_api, CBP_FOCAL)
    assert_valid_message(to_cbp.params)
    blob = json.dumps(to_cbp.params["blocks"])
    assert "Border measures workshop" in blob and "Later workshop" not in blob  # only the period's
    assert "Confirm this list" in blob and "Add an activity" in blob and "Nothing to report" in blob
    assert to_cbp.params["metadata"]["event_payload"]["key"].startswith("call:")
    [to_cldp] = dms(slack_api, CLDP_FOCAL)
    assert "No activity of this agency" in json.dumps(to_cldp.params["blocks"])

    # calling again sends nothing twice; a focal point added since gets theirs
    assert "sent to 0 focal points (2 had it already)" in send_call(slack, slack_api)
    assert dms(slack_api) == []
    slack.command(f"focal CLDP <@{LATE_FOCAL}>")
    assert "sent to 1 focal point" in send_call(slack, slack_api)
    assert [c.params["channel"] for c in dms(slack_api)] == ["D" + LATE_FOCAL.lstrip("U")]


def test_answers_status_and_a_change_after_confirming(slack, slack_api, services, db_url):
    setup_focal_points(slack)
    send_call(slack, slack_api)
    [to_cbp] = dms(slack_api, CBP_FOCAL)
    [to_cldp] = dms(slack_api, CLDP_FOCAL)

    # a user who is neither the agency's focal point nor an admin is refused, and nothing is written
    slack_api.clear()
    click(slack.app, slack_api, to_cbp, "inputs_confirm", user=CLDP_FOCAL)
    [refused] = slack_api.wait_for("response_url")
    assert "Only CBP's focal points and admins" in refused.params["text"]
    assert refused.params.get("replace_original") is False
    status, reply = slack.command(f"status {PERIOD}")
    assert "0 of 2 agencies confirmed; waiting on CBP, CLDP" in reply["text"]

    slack_api.clear()
    click(slack.app, slack_api, to_cbp, "inputs_confirm", user=CBP_FOCAL)
    [answered] = slack_api.wait_for("response_url")
    assert "confirmed the list" in answered.params["text"] and answered.params["replace_original"] is True
    slack_api.clear()
    click(slack.app, slack_api, to_cldp, "inputs_nothing", user=CLDP_FOCAL)
    slack_api.wait_for("response_url")
    status, reply = slack.command(f"status {PERIOD}")
    assert_valid_message(reply)
    assert "2 of 2 agencies confirmed" in reply["text"]

    # an activity of CBP in the period added after it confirmed: changed, waited on again
    slack.command(ACTIVITY.format(title="Added after confirming", start="2026-02-02", agency="CBP"))
    listed = json.loads(run_cli("status", "--period", PERIOD, "--json", "--db", db_url).stdout)
    assert listed["period"] == {"start": "2025-09-01", "end": "2026-08-31"}
    assert (listed["confirmed"], listed["total"]) == (1, 2)
    cbp, cldp = listed["agencies"]
    assert (cbp["acronym"], cbp["state"], cbp["activities"], cbp["focal_points"]) == ("CBP", "changed", 2, [CBP_FOCAL])
    assert (cldp["state"], cldp["by"], cldp["activities"]) == ("nothing", CLDP_FOCAL, 0)
    assert cldp["at"] is not None

    # the report's summary says how complete it is
    status, report = slack.command(f"report {PERIOD}")
    assert "1 of 2 agencies confirmed; waiting on CBP" in report["text"]


def test_reminders_name_the_pending_agencies_and_dm_their_focal_points_once(slack, slack_api, services):
    setup_focal_points(slack)
    services.clock = lambda: datetime(2026, 9, 1, tzinfo=UTC)
    status, added = slack.command("deadline add title: Art. 67 report | due: 2026-10-15 17:00 | timezone: UTC | "
                                  "leads: 7", channel="C0REPORT")
    assert "Added deadline" in added["text"], added
    send_call(slack, slack_api, f"call {PERIOD}")  # due: the deadline's day
    [to_cldp] = dms(slack_api, CLDP_FOCAL)
    slack_api.clear()
    click(slack.app, slack_api, to_cldp, "inputs_confirm", user=CLDP_FOCAL)
    slack_api.wait_for("response_url")

    slack_api.clear()
    lead = datetime(2026, 10, 8, 17, 0, tzinfo=UTC)
    poster = Poster(services.db, make_client("xoxb-test", slack_api.base_url, retries=False))
    services.clock = lambda: lead
    remind(services, poster, lead)
    remind(services, poster, lead + timedelta(minutes=1))  # a second tick doubles nothing
    [channel] = [c for c in slack_api.calls_to("chat.postMessage") if c.params["channel"] == "C0REPORT"]
    assert "1 of 2 agencies confirmed; waiting on CBP" in channel.params["text"]
    assert f"<@{CBP_FOCAL}>" in json.dumps(channel.params["blocks"])
    assert len(dms(slack_api, CBP_FOCAL)) == 1 and dms(slack_api, CLDP_FOCAL) == []  # pending agencies only
    assert "Reminder, inputs due in 7 days" in dms(slack_api, CBP_FOCAL)[0].params["text"]


def test_focal_points_who_left_are_reported_and_skipped(slack, slack_api, db_url):
    setup_focal_points(slack)
    slack_api.gone_users.add(CLDP_FOCAL)
    assert "sent to 1 focal point" in send_call(slack, slack_api) and "1 could not be reached" in \
        slack_api.calls_to("response_url")[0].params["text"]
    listed = json.loads(run_cli("status", "--period", PERIOD, "--json", "--db", db_url).stdout)
    assert listed["agencies"][1]["unreachable"] == [CLDP_FOCAL]
    slack_api.clear()
    assert "sent to 0 focal points" in send_call(slack, slack_api)
    assert slack_api.calls_to("conversations.open") == []  # never retried


def test_only_admins_change_focal_points_and_send_calls(slack, slack_api):
    status, reply = slack.command(f"focal CBP <@{CBP_FOCAL}>", user=MEMBER)
    assert "Only art67bot admins" in reply["text"]
    status, reply = slack.command("call", user=MEMBER)
    assert "Only art67bot admins" in reply["text"]
    status, reply = slack.command("focal NOSUCH <@U0NOBODY>")
    assert "I don't know the agency" in reply["text"]
    status, reply = slack.command("focal CBP @maria")
    assert "Mention each person with @" in reply["text"]
    status, reply = slack.command("focal")
    assert "No focal points yet" in reply["text"]


def test_the_cli_runs_the_same_loop_and_the_audit_log_records_every_write(slack, slack_api, db_url):
    assert run_cli("focal", "add", "CBP", CBP_FOCAL, "--db", db_url).returncode == 0
    assert "UCBPFOCAL" in run_cli("focal", "list", "--db", db_url).stdout
    slack.command(ACTIVITY.format(title="Border measures workshop", start="2025-11-03", agency="CBP"))
    env = {"SLACK_API_URL": slack_api.base_url, "SLACK_BOT_TOKEN": "xoxb-test"}
    sent = run_cli("call", "--period", PERIOD, "--due", "2026-10-15", "--db", db_url, env=env)
    assert sent.returncode == 0 and "Sent 1 DMs" in sent.stdout, sent.stderr
    refused = run_cli("confirm", "CBP", "--user", MEMBER, "--period", PERIOD, "--db", db_url)
    assert refused.returncode == 2 and "Only CBP's focal points" in refused.stderr
    assert run_cli("confirm", "CBP", "--user", CBP_FOCAL, "--period", PERIOD, "--db", db_url).returncode == 0
    status, history = slack.command("history 1")
    assert "add by <@UADMIN>" in history["text"] or "add by" in json.dumps(history["blocks"])
    entries = json.loads(run_cli("audit", "--json", "--db", db_url).stdout)
    seen = {(e["entity"], e["action"], e["who"]) for e in entries}
    assert {("focal_point", "add", "cli"), ("activity", "add", ADMIN), ("call", "add", "cli"),
            ("confirmation", "confirm", CBP_FOCAL)} <= seen
    added = next(e for e in entries if e["entity"] == "activity")
    assert added["before"] is None and added["after"]["title"] == "Border measures workshop"
    assert all(set(e) == {"at", "who", "action", "entity", "id", "before", "after"} for e in entries)
    later = run_cli("audit", "--since", "2999-01-01", "--json", "--db", db_url)
    assert json.loads(later.stdout) == []


def test_add_an_activity_opens_the_form_for_the_agency_and_its_focal_point_may_save_it(slack, slack_api, db):
    from tests.test_slack_add_form import count, state, submit

    setup_focal_points(slack)
    send_call(slack, slack_api)
    [to_cbp] = dms(slack_api, CBP_FOCAL)
    slack_api.clear()
    click(slack.app, slack_api, to_cbp, "inputs_add", user=CBP_FOCAL)
    [opened] = slack_api.wait_for("views.open")
    view = opened.params["view"] if isinstance(opened.params["view"], dict) else json.loads(opened.params["view"])
    [agency_block] = [b for b in view["blocks"] if b.get("block_id") == "agency"]
    assert agency_block["element"]["initial_option"]["value"] == "CBP"
    before = count(db)
    assert submit(slack.app, view, state(agency="CBP"), user=CBP_FOCAL) == {}  # saved: the modal closes
    assert count(db) == before + 1
    refused = submit(slack.app, view, state(agency="CLDP"), user=CBP_FOCAL)  # not their agency
    assert refused["response_action"] == "errors" and count(db) == before + 1
