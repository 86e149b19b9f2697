"""Every input gets a clear answer (through Slack and the CLI): huge numbers, text that shows nothing,
impossible dates and times, date wording, the under-way cap, accent-insensitive search, who may press a
reminder's buttons, an empty mention, and `--db` before the command."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from bot.core.reminders import ReminderRef
from tests.conftest import ADMIN, MEMBER, TODAY, assert_valid_message
from tests.test_cli import run_cli
from tests.test_slack_deadlines import click, tick
from tests.test_slack_questions import mention, posted

UTC = timezone.utc
ADD = "add title: {title} | start: {start} | beneficiaries: Peru | agency: CBP"
DEADLINE = "deadline add title: {title} | due: {due} | timezone: {zone} | channel: C0REPORT"


@pytest.mark.parametrize("text,expected", [
    ("show 99999999999999999999", "There is no activity #99999999999999999999"),
    ("delete 99999999999999999999", "There is no activity #99999999999999999999"),
    ("history 99999999999999999999", "There is no activity #99999999999999999999"),
    ("deadline edit 99999999999999999999 notes: x", "There is no deadline #99999999999999999999"),
    ("deadline delete 99999999999999999999", "There is no deadline #99999999999999999999"),
])
def test_huge_numbers_get_a_clear_message(slack, text, expected):
    status, reply = slack.command(text)
    assert status == 200 and expected in reply["text"] and "Something went wrong" not in reply["text"]
    assert reply["response_type"] == "ephemeral"


def test_a_due_date_in_year_one_is_refused_clearly(slack, db):
    status, reply = slack.command(DEADLINE.format(title="Old", due="0001-01-01 00:00", zone="Europe/Zurich"))
    assert "too far from today" in reply["text"] and "Something went wrong" not in reply["text"]


@pytest.mark.parametrize("title", ["\u200b\u200b", "\x00", "\x07\x1b", "\u202e\u200d", " \u2060 "])
def test_titles_that_show_nothing_are_refused_and_nothing_is_written(slack, title):
    status, reply = slack.command(ADD.format(title=title, start="2027-01-04"))
    assert "the title shows nothing" in reply["text"]
    status, reply = slack.command(DEADLINE.format(title=title, due="2027-09-15 17:00", zone="UTC"))
    assert "the title shows nothing" in reply["text"]
    assert "No activities" in slack.command("search a")[1]["text"] or "#1" not in slack.command("show 1")[1]["text"]


@pytest.mark.parametrize("title", ["Côte d'Ivoire IP week", "東京 seminar", "Taller 🇵🇪 de marcas", "Ñandú"])
def test_normal_unicode_titles_are_kept(slack, title):
    status, reply = slack.command(ADD.format(title=title, start="2027-01-04"))
    assert "Added activity" in reply["text"] and title.split()[0] in reply["text"]


def test_signed_dates_and_times_the_clocks_skip_are_refused(slack):
    status, reply = slack.command(ADD.format(title="Signed", start="-2027-01-01"))
    assert "has a sign" in reply["text"] and "Added" not in reply["text"]
    status, reply = slack.command(DEADLINE.format(title="Gap", due="2027-03-28 02:30", zone="Europe/Zurich"))
    assert "does not exist in Europe/Zurich" in reply["text"] and "Added" not in reply["text"]
    status, reply = slack.command(DEADLINE.format(title="Fine", due="2027-03-28 03:30", zone="Europe/Zurich"))
    assert "Added deadline" in reply["text"]


@pytest.mark.parametrize("written,stored", [
    ("4 Apr 27", date(2027, 4, 4)), ("Apr 4, 27", date(2027, 4, 4)), ("1 juillet 2027", date(2027, 7, 1)),
    ("1er août 2027", date(2027, 8, 1)), ("1 de julio de 2027", date(2027, 7, 1)),
    ("15 diciembre 2026", date(2026, 12, 15)),
    ("next tuesday", TODAY + timedelta(days=(1 - TODAY.weekday()) % 7 or 7)),
    ("friday", TODAY + timedelta(days=(4 - TODAY.weekday()) % 7)),
])
def test_date_wording_people_use_is_read(slack, written, stored):
    status, reply = slack.command(ADD.format(title="Worded", start=written))
    assert "Added activity #1" in reply["text"], reply["text"]
    shown = slack.command("show 1")[1]["text"]
    assert f"{stored.day} {stored.strftime('%b %Y')}" in shown


def test_a_date_with_a_time_says_to_write_only_the_day(slack):
    status, reply = slack.command(ADD.format(title="Timed", start="2027-04-02 10:00"))
    assert "write only the day: 2027-04-02" in reply["text"]
    status, reply = slack.command(ADD.format(title="Unknown", start="1 juillot 2027"))
    assert "is not a date I can read" in reply["text"] and "Unknown string format" not in reply["text"]


def test_upcoming_next_week_and_the_under_way_cap(slack):
    for n in range(5):  # under way today
        slack.command(ADD.format(title=f"Running {n}", start=(TODAY - timedelta(days=1)).isoformat())
                      + f" | end: {(TODAY + timedelta(days=5)).isoformat()}")
    for n in range(5):
        slack.command(ADD.format(title=f"Soon {n}", start=(TODAY + timedelta(days=2 + n)).isoformat()))
    slack.command(ADD.format(title="Later", start=(TODAY + timedelta(days=20)).isoformat()))
    status, reply = slack.command("upcoming next week")
    assert status == 200 and "Soon 4" in reply["text"] and "Later" not in reply["text"]
    status, reply = slack.command("upcoming 3")
    assert reply["text"].count("Running") == 3 and reply["text"].count("Soon") == 3
    assert "More activities are under way than shown" in json.dumps(reply["blocks"])


def test_search_ignores_accents_both_ways(slack):
    slack.command(ADD.format(title="Indications géographiques", start="2027-01-04"))
    slack.command(ADD.format(title="Geographical indications in Peru", start="2027-01-05"))
    assert "Indications géographiques" in slack.command("search geographiques")[1]["text"]
    found = slack.command("search GÉOGRAPHIQUES")[1]["text"]
    assert "Indications géographiques" in found and "Geographical indications in Peru" not in found


def test_reminder_buttons_are_for_admins_and_the_deadlines_author_and_refuse_forged_occurrences(slack, app, services,
                                                                                                 slack_api, db):
    services.clock = lambda: datetime(2027, 6, 1, tzinfo=UTC)
    slack.command("deadline add title: Report | due: 2027-09-15 17:00 | timezone: UTC | channel: C0REPORT")
    tick(services, slack_api, datetime(2027, 8, 16, 17, 0, tzinfo=UTC))
    [reminder] = slack_api.calls_to("chat.postMessage")
    services.clock = lambda: datetime(2027, 8, 20, tzinfo=UTC)
    slack_api.clear()
    click(app, slack_api, reminder, "deadline_submitted", user=MEMBER)
    [refused] = slack_api.wait_for("response_url")
    assert "Only art67bot admins" in refused.params["text"] and not slack_api.calls_to("chat.update")

    forged = json.loads(json.dumps(reminder.params))
    for block in forged["blocks"]:
        for element in block.get("elements", ()):
            if element.get("action_id") == "deadline_submitted":
                element["value"] = ReminderRef(1, datetime(2031, 9, 15, 17, 0, tzinfo=UTC), 1440).encode()
    slack_api.clear()
    click(app, slack_api, type(reminder)(reminder.method, forged), "deadline_submitted", user=ADMIN)
    [refused] = slack_api.wait_for("response_url")
    assert "is not due on 2031-09-15" in refused.params["text"]

    slack_api.clear()
    click(app, slack_api, reminder, "deadline_submitted", user=ADMIN)
    assert slack_api.wait_for("chat.update")
    listed = json.loads(run_cli("audit", "--json", "--db", db.url).stdout)
    assert [(e["action"], e["who"]) for e in listed if e["entity"] == "deadline"][-1] == ("submitted", ADMIN)


def test_an_empty_mention_gets_a_short_help(slack, slack_api):
    slack.event(mention("<@UBOT>"))
    [message] = posted(slack_api)
    assert_valid_message(message)
    assert "Ask me which agency covers a topic" in message["text"] and "I don't know" not in message["text"]


def test_db_before_the_command_is_honoured(tmp_path):
    result = run_cli("--db", f"sqlite:///{tmp_path / 'chosen.db'}", "init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "chosen.db").exists() and not (tmp_path / "art67bot.db").exists()


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    """`art67bot command … | head -1`: the reader is gone before the reply is written."""
    import os
    import subprocess
    import sys

    from tests.test_cli import ROOT

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails with a broken pipe
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("DATABASE_URL", None)
    process = subprocess.run([sys.executable, "-m", "bot", "command", "/activities help", "--db",
                              f"sqlite:///{tmp_path / 'p.db'}"], stdout=write_end, stderr=subprocess.PIPE,
                             text=True, cwd=tmp_path, env=environment, timeout=60)
    os.close(write_end)
    assert process.returncode == 0, process.stderr
    assert "Broken pipe" not in process.stderr and "could not start" not in process.stderr


def test_serve_help_says_what_it_needs_and_starting_logs_no_token_notice(tmp_path):
    assert "SLACK_SIGNING_SECRET" in run_cli("serve", "--help").stdout
    result = run_cli("command", "/activities help", "--db", f"sqlite:///{tmp_path / 'n.db'}",
                     env={"SLACK_BOT_TOKEN": "xoxb-test", "ART67_LOG_LEVEL": "INFO"})
    assert result.returncode == 0 and "will be unused" not in result.stderr


def test_remind_dry_run_prints_what_would_be_posted_and_writes_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    added = run_cli("deadline", "add", "--title", "Art. 67 report", "--due", "2027-09-15T17:00", "--tz", "UTC",
                    "--lead", "30", "--channel", "C0ABCDEF1", "--db", db)
    assert added.returncode == 0, added.stderr
    for _ in range(2):  # nothing is claimed, so the preview is the same again
        result = run_cli("remind", "--once", "--dry-run", "--now", "2027-08-16T17:00Z", "--db", db)
        assert result.returncode == 0 and "would post to C0ABCDEF1: Reminder: Art. 67 report" in result.stdout
        assert "1 reminder due; nothing was posted or written" in result.stdout
    assert "--dry-run goes with --once" in run_cli("remind", "--dry-run", "--db", db).stderr


def test_an_unknown_subcommand_points_to_help_once(slack):
    status, reply = slack.command("frobnicate")
    assert reply["text"].count("/activities help") == 1


def test_sqlite_side_files_are_ignored_by_git():
    from tests.test_cli import ROOT

    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"*.db", "*.db-wal", "*.db-shm"} <= set(ignored)
