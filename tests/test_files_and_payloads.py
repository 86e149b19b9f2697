"""Files and Slack payloads: CSV that spreadsheets open safely, iCalendar deadlines at their
due time, and Block Kit within Slack's limits, each checked where a user sees it."""

import csv
import io
import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.cli import main
from bot.core.forms import LIMITS
from bot.core.records import Activity
from bot.core.spreadsheet import FORMULA_START, neutralise, restore
from bot.core.transfer import CSV_HEADER, read_csv, to_csv
from storage import Database
from storage import activities as store
from tests import factories
from tests.conftest import assert_valid_message
from tests.factories import activity
from tests.test_cli import run_cli
from tests.test_slack_add_form import open_form, opened_view

HEADER = ",".join(CSV_HEADER)
# values a spreadsheet would run as formulas, and values with a genuine leading apostrophe
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1", "-5", "@cmd", "=cmd|' /C calc'!A0"]
APOSTROPHES = ["'quoted", "'=already neutralised", "''=twice"]


def records(url):
    with Database(url).session() as s:
        return [(a.title, a.start_date, a.end_date, a.beneficiaries, a.agency, a.topics, a.format, a.description)
                for a in store.all_activities(s)]


# --- CSV ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", FORMULAS + ["\tx", "\rx", "a=b"] + APOSTROPHES)
def test_a_cell_written_then_read_is_the_same_cell(value):
    written = neutralise(value)
    assert not written.startswith(FORMULA_START)
    assert restore(written) == value


def test_every_csv_cell_is_neutralised_and_reads_back_exactly():
    tricky = FORMULAS + ["\tx", "\rx"] + APOSTROPHES
    activities = [Activity(id=n, title=value, start_date=date(2026, 9, 15), agency="CBP",
                           beneficiaries=(value,), description=value) for n, value in enumerate(tricky, 1)]
    text = to_csv(activities)
    raw = list(csv.reader(io.StringIO(text, newline="")))
    assert all(not cell.startswith(FORMULA_START) for row in raw for cell in row)
    assert raw[1][0] == '\'=HYPERLINK("http://evil.example","x")' and raw[3][0] == "'-5"
    assert raw[len(FORMULAS) + 3][0] == "'quoted"  # a genuine apostrophe alone is left as it is
    rows = read_csv(text)
    assert [(row["title"], row["beneficiaries"], row["description"]) for _, row in rows] == \
        [(value, f"{value} (other)", value) for value in tricky]  # names outside the WTO list carry "(other)"


def test_export_then_import_keeps_formula_like_values_and_apostrophes(db, second_db_url, tmp_path, capsys):
    db_url = db.url
    values = FORMULAS + APOSTROPHES
    with db.session() as s:
        store.add_activities(s, [activity(value, date(2026, 9, 15), beneficiaries=(value, "Peru"),
                                          description=f"{value}") for value in values])
    out = tmp_path / "out.csv"
    assert main(["export", "--output", str(out), "--db", db_url]) == 0
    cells = [cell for row in csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'+1" in cells and "'@cmd" in cells
    assert not any(cell.startswith(FORMULA_START) for cell in cells)  # nothing a spreadsheet would run
    assert main(["import", str(out), "--db", second_db_url]) == 0
    capsys.readouterr()
    assert records(second_db_url) == records(db_url)
    assert [r[0] for r in records(second_db_url)] == values


def test_the_report_csv_neutralises_formulas(db, capsys):
    with db.session() as s:
        store.add_activities(s, [activity("=HYPERLINK(\"http://evil.example\")", date(2026, 3, 2),
                                          beneficiaries=("@cmd", "Peru"))])
    assert main(["report", "--from", "2025-09-01", "--to", "2026-08-31", "--format", "csv",
                 "--db", db.url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[1] == ["1", "'=HYPERLINK(\"http://evil.example\")", "2026-03-02", "'@cmd, Peru"]


def test_csv_rows_end_in_crlf(db, capsysbinary):
    with db.session() as s:
        store.add_activities(s, [activity("Course", date(2026, 3, 2)), activity("Clinic", date(2026, 4, 2))])
    assert main(["export", "--db", db.url]) == 0
    exported = capsysbinary.readouterr().out
    assert main(["report", "--from", "2025-09-01", "--to", "2026-08-31", "--format", "csv", "--db", db.url]) == 0
    reported = capsysbinary.readouterr().out
    for data in (exported, reported):
        assert data.count(b"\r\n") == 3 and data.count(b"\n") == 3 and data.endswith(b"\r\n")


def test_excel_option_writes_a_byte_order_mark_that_import_accepts(db, second_db_url, tmp_path, capsys):
    db_url = db.url
    with db.session() as s:
        store.add_activities(s, [activity("Séminaire régional", date(2026, 3, 2), beneficiaries=("Côte d'Ivoire",))])
    out = tmp_path / "excel.csv"
    assert main(["export", "--excel", "--output", str(out), "--db", db_url]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode()) and "Côte d'Ivoire".encode() in data
    assert main(["import", str(out), "--db", second_db_url]) == 0
    assert records(second_db_url) == records(db_url)
    capsys.readouterr()
    assert main(["export", "--db", second_db_url]) == 0
    assert not capsys.readouterr().out.startswith("\ufeff")  # only with --excel


def test_report_excel_option_through_the_command_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli("report", "--format", "csv", "--excel", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeff#,Title of programme or activity")
    refused = run_cli("export", "--format", "json", "--excel", "--db", db)
    assert refused.returncode == 2 and "--excel goes with --format csv" in refused.stderr


def test_a_windows_1252_file_is_refused_with_its_line_and_how_to_save_it(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    path = tmp_path / "excel.csv"
    rows = [HEADER,
            'Course,2026-09-15,,Peru,USPTO,,,"two lines,\nof description"',  # line 2, two physical lines
            "Séminaire régional,2026-09-16,,Peru,USPTO,,,"]  # line 3 as a spreadsheet numbers it
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    result = run_cli("import", str(path), "--db", db)
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    assert "line 3: is not UTF-8 text: byte 0xE9" in result.stderr
    assert 'save it as "CSV UTF-8"' in result.stderr
    assert "Traceback" not in result.stderr and "codec" not in result.stderr
    assert records(db) == []


def test_a_nul_byte_is_refused_with_its_line_on_every_backend(db_url, tmp_path, capsys):
    path = tmp_path / "nul.csv"
    path.write_bytes(f"{HEADER}\r\nGood,2026-09-15,,Peru,USPTO,,,\r\nBad\x00title,2026-09-15,,Peru,USPTO,,,\r\n"
                     .encode())
    assert main(["import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "line 3: holds a NUL character" in err and "line 2" not in err
    assert records(db_url) == []


# --- iCalendar ------------------------------------------------------------------------------------

def test_deadlines_are_exported_at_their_due_time_in_their_zone(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("ART67_TIMEZONE", "America/New_York")  # the bot's zone must not move a deadline
    assert main(["deadline", "add", "--title", "Tokyo report", "--due", "2030-03-10T17:00", "--tz", "Asia/Tokyo",
                 "--yearly", "--lead", "7,1", "--channel", "C123", "--db", sqlite_url]) == 0
    assert main(["deadline", "add", "--title", "One-off note", "--due", "2030-10-31T12:00Z", "--tz", "UTC",
                 "--channel", "C123", "--db", sqlite_url]) == 0
    out = tmp_path / "feed.ics"
    assert main(["export", "--format", "ics", "--output", str(out), "--db", sqlite_url]) == 0
    data = out.read_bytes()
    assert b"DTSTART;TZID=Asia/Tokyo:20300310T170000" in data
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo" in data
    assert b"DTSTART:20301031T120000Z" in data
    assert b"deadline-deadline" not in data
    calendar = Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    tokyo, once = events["deadline-1@art67bot"], events["deadline-2@art67bot"]
    assert tokyo.decoded("dtstart") == datetime(2030, 3, 10, 8, 0, tzinfo=timezone.utc)  # 17:00 in Tokyo
    assert tokyo.decoded("dtstart").tzinfo == ZoneInfo("Asia/Tokyo")
    assert tokyo["rrule"].to_ical() == b"FREQ=YEARLY" and "rrule" not in once
    assert "dtend" not in tokyo  # not an all-day event: a moment
    assert sorted(str(a.decoded("trigger")) for a in tokyo.walk("VALARM")) == ["-1 day, 0:00:00",
                                                                             "-7 days, 0:00:00"]
    assert {tz.tz_name for tz in calendar.timezones} >= {"Asia/Tokyo"}


# --- Block Kit ------------------------------------------------------------------------------------

def test_the_add_form_and_validation_take_what_slack_allows(app, slack_api, slack, db):
    open_form(app, slack_api)
    view = opened_view(slack_api)
    inputs = [b["element"] for b in view["blocks"] if b["element"]["type"] == "plain_text_input"]
    assert all(element.get("max_length", 0) <= 3000 for element in inputs)  # Slack's most
    [description] = [b["element"] for b in view["blocks"] if b["block_id"] == "description"]
    assert description["max_length"] == 3000 == LIMITS["description"]
    add = "add title: Long one | start: 2026-09-15 | beneficiaries: Peru | agency: CBP | description: "
    status, payload = slack.command(add + "x" * 3001)
    assert "the description is longer than 3000 characters" in payload["text"]
    status, payload = slack.command(add + "x" * 3000)
    assert "Added activity #" in payload["text"]
    with db.session() as s:
        assert [a.description for a in store.all_activities(s)] == ["x" * 3000]


def _shown_description(payload):
    texts = [b["text"]["text"] for b in payload["blocks"] if b["type"] == "section" and "text" in b]
    return "".join(texts).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_show_gives_a_whole_description_even_when_escaping_makes_it_long(slack, db):
    description = ("R&D <draft> " * 250)[:3000]  # what the forms take; escaped, about 6,000 characters
    with db.session() as s:
        [activity_id] = factories.store(s, [activity("Research course", date(2026, 9, 15), description=description)])
    status, payload = slack.command(f"show {activity_id}")
    assert_valid_message(payload)
    assert _shown_description(payload) == description
    assert "cut" not in json.dumps(payload["blocks"])


def test_show_says_where_a_cut_description_can_be_read(slack, db):
    description = "&" * 20_000  # stored before the limits (or by hand): more than a message shows
    with db.session() as s:
        [activity_id] = factories.store(s, [activity("Legacy record", date(2026, 9, 15), description=description)])
    status, payload = slack.command(f"show {activity_id}")
    assert_valid_message(payload)
    shown = _shown_description(payload)
    assert shown.endswith("…") and description.startswith(shown[:-1])
    notes = " ".join(e["text"] for b in payload["blocks"] if b["type"] == "context" for e in b["elements"])
    assert f"cut here ({20_000 - len(shown) + 1:,} more characters)" in notes
    assert "`art67bot export`" in notes


def test_digest_on_fallback_text_keeps_the_channel_mention(slack):
    status, payload = slack.command("digest on", channel="C0DIGEST")
    assert status == 200
    assert_valid_message(payload)
    assert payload["text"].startswith("<#C0DIGEST> will get a digest")
    assert "&lt;" not in payload["text"] and "&gt;" not in payload["text"]
    status, payload = slack.command("digest off", channel="C0DIGEST")
    assert payload["text"] == "<#C0DIGEST> will no longer get the weekly digest."
