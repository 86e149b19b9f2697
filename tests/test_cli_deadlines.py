"""`art67bot deadline …`, `remind --once` and the console's reminder ticker."""

import re
from datetime import datetime, timedelta, timezone

from bot.offline.web_api import SlackWebAPI
from tests.test_cli import run_cli


def test_deadline_add_list_delete_and_remind_once(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    added = run_cli("deadline", "add", "--title", "Art. 67 report", "--due", "2027-09-15T17:00", "--tz",
                    "Europe/Zurich", "--yearly", "--lead", "30,7", "--channel", "C0REPORT", "--notes",
                    "airgram WTO/AIR/IP/40", "--db", db)
    assert added.returncode == 0, added.stderr
    assert "Added deadline #1" in added.stdout and "Reminders 30, 7 days before" in added.stdout
    refused = run_cli("deadline", "add", "--title", "Late", "--due", "2020-01-01T10:00", "--db", db)
    assert refused.returncode == 1 and "channel" in refused.stderr and "Nothing was saved" in refused.stderr
    listed = run_cli("deadline", "list", "--db", db)
    assert "Next reminder Monday 16 August 2027, 17:00 CEST" in listed.stdout

    with SlackWebAPI() as api:
        env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": api.base_url}
        early = run_cli("remind", "--once", "--now", "2027-08-16T16:59+02:00", "--db", db, env=env)
        assert early.returncode == 0 and "nothing posted" in early.stdout
        due = run_cli("remind", "--once", "--now", "2027-08-16T17:00+02:00", "--db", db, env=env)
        assert due.returncode == 0, due.stderr
        assert "posted to C0REPORT" in due.stdout and "(in 30 days)" in due.stdout
        again = run_cli("remind", "--once", "--now", "2027-08-16T17:05+02:00", "--db", db, env=env)
        assert "nothing posted" in again.stdout
        assert len(api.calls_to("chat.postMessage")) == 1

    deleted = run_cli("deadline", "delete", "1", "--db", db)
    assert deleted.returncode == 0 and "Deleted deadline #1" in deleted.stdout
    assert run_cli("deadline", "delete", "1", "--db", db).returncode == 1


def test_console_shows_reminders_the_ticker_posts(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    # due in 6 days: its 7-day reminder fell due a day ago, within the catch-up window
    added = run_cli("console", "--db", db,
                    stdin="/activities deadline add title: Console report | due: 2099-01-01\n")
    assert "Added deadline #1" in added.stdout
    run_cli("deadline", "add", "--title", "Soon report", "--due", _days_ahead(6), "--channel", "CLOCAL", "--db", db)
    shown = run_cli("console", "--db", db, stdin="/activities deadlines\n")
    assert shown.returncode == 0, shown.stderr
    before, _, after = shown.stdout.partition("> /activities deadlines")
    assert "(reminder posted to CLOCAL)" in before and "Soon report" in before
    assert re.search(r"in [56] days", before)  # 5 if midnight passed since it was added
    assert "[Mark submitted] [Snooze 1 day]" in before
    assert "Reporting deadlines" in after


def _days_ahead(days: int) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M+00:00")
