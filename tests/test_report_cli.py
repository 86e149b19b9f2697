"""`art67bot report` and `art67bot export --format ics` against a real database (SQLite and PostgreSQL)."""

import csv
import io
import json
from datetime import date, datetime

import pytest
from icalendar import Calendar

from bot.cli import main
from bot.core.periods import default_period
from bot.core.report import COLUMNS, NO_ITEMS
from storage import Database
from storage import activities as store
from tests.factories import activity

PERIOD = ["--from", "2025-09-01", "--to", "2026-08-31"]
# The table, built by hand from what `stored` adds: activities starting in the period, by start date.
EXPECTED = [
    ["1", "Patent examination course", "2025-09-01", "Viet Nam, Peru, Chile"],
    ["2", "Seizure clinic", "2026-03-02", "Côte d'Ivoire, Ghana"],
    ["3", "Judges' roundtable", "2026-03-02", "Kenya"],
    ["4", "Counterfeit medicines webinar", "2026-08-31", "Brazil"],
]


@pytest.fixture
def stored(db):
    with db.session() as s:
        store.add_activities(s, [
            activity("Seizure clinic", date(2026, 3, 2), agency="CBP", beneficiaries=("Côte d'Ivoire", "Ghana"),
                     topics=("border-enforcement",)),
            activity("Before the period", date(2025, 8, 31), agency="CBP"),
            activity("Judges' roundtable", date(2026, 3, 2), beneficiaries=("Kenya",), topics=("adjudication",)),
            activity("Patent examination course", date(2025, 9, 1), agency="GIPA",
                     beneficiaries=("Viet Nam", "Peru", "Chile"), topics=("patents",), days=4),
            activity("Counterfeit medicines webinar", date(2026, 8, 31), agency="CBP", beneficiaries=("Brazil",),
                     topics=("anti-counterfeiting",), fmt="virtual"),
            activity("After the period", date(2026, 9, 1), agency="FBI"),
        ])
    return db.url


def test_csv_report_matches_the_hand_built_table(stored, capsys):
    assert main(["report", *PERIOD, "--format", "csv", "--db", stored]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [list(COLUMNS)] + EXPECTED


def test_json_report_has_the_header_fields_and_rows(stored, capsys):
    assert main(["report", *PERIOD, "--format", "json", "--member", "United States of America",
                 "--db", stored]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reporting_member"] == "United States of America"
    assert data["reporting_period"]["label"] == "September 2025 – September 2026"
    assert date.fromisoformat(data["date"])
    assert [[str(row[c]) for c in COLUMNS] for row in data["rows"]] == EXPECTED


def test_markdown_report_is_the_default_with_summary_and_table(stored, capsys):
    assert main(["report", *PERIOD, "--member", "Japan", "--db", stored]) == 0
    text = capsys.readouterr().out
    assert "Reporting Member: Japan" in text
    assert "| CBP (U.S. Customs and Border Protection) | 2 |" in text
    table = text.split("## Programmes", 1)[1].strip().splitlines()[2:]
    dates = {"2025-09-01": "1 September 2025", "2026-03-02": "2 March 2026", "2026-08-31": "31 August 2026"}
    assert [[c.strip() for c in line.strip("|").split("|")] for line in table] == \
        [[n, t, dates[d], b] for n, t, d, b in EXPECTED]


def test_report_to_a_file(stored, tmp_path, capsys):
    out = tmp_path / "report.md"
    assert main(["report", *PERIOD, "--output", str(out), "--db", stored]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and str(out) in captured.err
    assert "Patent examination course" in out.read_text(encoding="utf-8")


def test_an_empty_period_prints_the_header_and_no_items(stored, capsys):
    assert main(["report", "--from", "2001-03-01", "--to", "2001-06-30", "--db", stored]) == 0
    text = capsys.readouterr().out
    assert "Reporting period: 1 March 2001 – 30 June 2001" in text
    assert "| # | Title of programme or activity | Start date | Beneficiary Members or observers |" in text
    assert text.rstrip().endswith(NO_ITEMS)
    assert main(["report", "--from", "2001-03-01", "--to", "2001-06-30", "--format", "csv", "--db", stored]) == 0
    captured = capsys.readouterr()
    assert captured.out == ",".join(COLUMNS) + "\r\n" and NO_ITEMS in captured.err


def test_without_dates_the_report_covers_the_default_period(sqlite_url, capsys, monkeypatch):
    monkeypatch.setenv("ART67_PERIOD_START_MONTH", "7")
    assert main(["report", "--format", "json", "--db", sqlite_url]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = default_period(date.fromisoformat(data["date"]), 7)
    assert data["reporting_period"]["start"] == expected.start.isoformat()
    assert data["reporting_period"]["end"] == expected.end.isoformat()


@pytest.mark.parametrize("args,fragment", [
    (["--from", "2025-09-01"], "both --from and --to"),
    (["--from", "2026-08-31", "--to", "2025-09-01"], "before it starts"),
    (["--from", "03/04/2025", "--to", "2026-08-31"], "ambiguous"),
])
def test_bad_report_periods_fail_with_a_message(sqlite_url, capsys, args, fragment):
    assert main(["report", *args, "--db", sqlite_url]) == 2
    assert fragment in capsys.readouterr().err


def test_ics_export_holds_every_activity(stored, tmp_path, capsys):
    with_output = tmp_path / "art67.ics"
    assert main(["export", "--format", "ics", "--output", str(with_output), "--db", stored]) == 0
    calendar = Calendar.from_ical(with_output.read_bytes())
    with Database(stored).session() as s:
        stored_activities = store.all_activities(s)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(stored_activities) == 6
    for a in stored_activities:
        event = events[f"activity-{a.id}@art67bot"]
        assert str(event["summary"]) == a.title
        assert event.decoded("dtstart") == a.start_date
    course = events[f"activity-{stored_activities[1].id}@art67bot"]
    assert course.decoded("dtend") == date(2025, 9, 6)  # four days after the start, plus one (exclusive)
    assert isinstance(calendar.walk("VEVENT")[0].decoded("dtstamp"), datetime)


def test_ics_export_to_standard_output(sqlite_url, capsysbinary):
    assert main(["export", "--format", "ics", "--db", sqlite_url]) == 0
    data = capsysbinary.readouterr().out
    assert Calendar.from_ical(data).walk("VEVENT") == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")



def test_ics_export_holds_every_deadline_with_alarms(sqlite_url, tmp_path, capsys):
    assert main(["deadline", "add", "--title", "Art. 67 report", "--due", "2026-09-15T17:00",
                 "--tz", "Europe/Zurich", "--yearly", "--lead", "30,7", "--channel", "C123", "--db", sqlite_url]) == 0
    assert main(["deadline", "add", "--title", "Art. 66.2 report", "--due", "2030-10-31T12:00",
                 "--channel", "C123", "--db", sqlite_url]) == 0
    output = tmp_path / "feed.ics"
    assert main(["export", "--format", "ics", "--output", str(output), "--db", sqlite_url]) == 0
    events = {str(e["summary"]): e for e in Calendar.from_ical(output.read_bytes()).walk("VEVENT")}
    assert set(events) >= {"Art. 67 report", "Art. 66.2 report"}
    yearly = events["Art. 67 report"]
    start = yearly.decoded("dtstart")  # the next occurrence, at its due time in its own zone
    assert (start.month, start.day, start.hour, start.minute) == (9, 15, 17, 0) and start.date() > date.today()
    assert str(start.tzinfo) == "Europe/Zurich" and yearly["rrule"]["FREQ"] == ["YEARLY"]
    assert sorted(str(a.decoded("trigger")) for a in yearly.walk("VALARM")) == ["-30 days, 0:00:00",
                                                                              "-7 days, 0:00:00"]
    assert events["Art. 66.2 report"].decoded("dtstart").date() == date(2030, 10, 31)
