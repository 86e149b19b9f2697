"""The report table (core): numbering, order, beneficiaries, summary, Markdown/CSV/JSON, Slack pages."""

import csv
import io
import json
from datetime import date

import pytest

from bot.core.knowledge import from_seed, read_seed
from bot.core.periods import Period
from bot.core.records import Activity
from bot.core.report import COLUMNS, NO_ITEMS, build_report, to_csv, to_json, to_markdown
from bot.core.report_blocks import render_summary, render_table_pages
from tests.conftest import assert_valid_message

KNOWLEDGE = from_seed(read_seed())
PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
TODAY = date(2026, 9, 20)


def act(id, title, start, agency="USPTO", beneficiaries=("Peru",), topics=(), end=None):
    return Activity(id=id, title=title, start_date=start, end_date=end, agency=agency, agency_name="",
                    beneficiaries=tuple(beneficiaries), topics=tuple(topics))


ACTIVITIES = [
    act(7, "Seizure clinic | ports", date(2026, 3, 2), "CBP", ("Côte d'Ivoire", "Ghana"),
        ("border-enforcement", "anti-counterfeiting")),
    act(3, "Before the period", date(2025, 8, 31), "CBP"),
    act(5, "Patent examination course", date(2025, 9, 1), "GIPA", ("Viet Nam", "Peru", "Chile"), ("patents",)),
    act(9, "Judges' roundtable", date(2026, 3, 2), "USPTO", ("Kenya",), ("adjudication",)),
    act(4, "Counterfeit medicines webinar", date(2026, 8, 31), "CBP", ("Brazil",), ("anti-counterfeiting",)),
    act(8, "After the period", date(2026, 9, 1), "FBI"),
]

# The table, built by hand: in the period only, by start date (then by id), numbered from 1.
EXPECTED = [
    ["1", "Patent examination course", "2025-09-01", "Viet Nam, Peru, Chile"],
    ["2", "Seizure clinic | ports", "2026-03-02", "Côte d'Ivoire, Ghana"],
    ["3", "Judges' roundtable", "2026-03-02", "Kenya"],
    ["4", "Counterfeit medicines webinar", "2026-08-31", "Brazil"],
]


def report(activities=ACTIVITIES, member="United States of America"):
    return build_report(activities, PERIOD, member, TODAY, KNOWLEDGE)


def test_csv_matches_the_hand_built_table_column_for_column():
    rows = list(csv.reader(io.StringIO(to_csv(report()))))
    assert rows[0] == list(COLUMNS) == [
        "#", "Title of programme or activity", "Start date", "Beneficiary Members or observers"]
    assert rows[1:] == EXPECTED


def test_json_has_the_header_fields_and_the_same_rows():
    data = json.loads(to_json(report()))
    assert data["reporting_member"] == "United States of America"
    assert data["date"] == "2026-09-20"
    assert data["reporting_period"] == {"start": "2025-09-01", "end": "2026-08-31",
                                        "label": "September 2025 – September 2026"}
    assert data["columns"] == list(COLUMNS)
    assert [[str(row[c]) for c in COLUMNS] for row in data["rows"]] == EXPECTED
    assert data["rows"][0]["#"] == 1
    assert "message" not in data


def markdown_table(text: str) -> list[list[str]]:
    """The rows of the last Markdown table in `text`, cells unescaped."""
    lines = text.split("## Programmes", 1)[-1].strip().splitlines()
    rows = []
    for line in lines[2:]:
        cells = [c.strip().replace("\\|", "|") for c in line.strip().strip("|").split(" | ")]
        rows.append(cells)
    return rows


def test_markdown_has_the_header_a_summary_and_the_same_table():
    text = to_markdown(report())
    head, table = text.split("## Programmes")
    assert head.startswith("# Technical Cooperation Activities under TRIPS Art. 67")
    assert "Reporting Member: United States of America" in head
    assert "Date: 20 September 2026" in head
    assert "Reporting period: September 2025 – September 2026" in head
    assert "4 programmes or activities." in head
    assert "| CBP (U.S. Customs and Border Protection) | 2 |" in head
    assert "| GIPA (Global Intellectual Property Academy) | 1 |" in head
    assert "| Anti-counterfeiting (incl. counterfeit medicines) | Topic areas (¶5) | 2 |" in head
    assert "| IP border enforcement | Topic areas (¶5) | 1 |" in head
    assert "| Computer forensics and cybercrime | Topic areas (¶5) | 0 |" in head
    assert "| Patents | Programmes (¶10) | 1 |" in head  # the patent course's ¶10 programme topic is named
    assert "| No topic | | 0 |" in head and "None of these" not in head
    assert table.strip().splitlines()[0] == "| # | Title of programme or activity | Start date | Beneficiary Members or observers |"
    long_dates = {"2025-09-01": "1 September 2025", "2026-03-02": "2 March 2026", "2026-08-31": "31 August 2026"}
    assert markdown_table(text) == [[n, t, long_dates[d], b] for n, t, d, b in EXPECTED]


def test_summary_counts_by_agency_most_first_and_every_topic_area_in_order():
    built = report()
    assert [(c.label.split()[0], c.count) for c in built.by_agency] == [("CBP", 2), ("GIPA", 1), ("USPTO", 1)]
    areas = [t.name for t in KNOWLEDGE.topics if t.paragraph == "¶5"]
    assert [c.label for c in built.by_topic_area] == areas and len(areas) == 9
    assert built.without_topic_area == 1


@pytest.mark.parametrize("render", [to_markdown, to_csv, to_json])
def test_an_empty_period_prints_the_header_and_e_trips_words(render):
    empty = report(activities=[act(1, "Long ago", date(2001, 1, 1))])
    text = render(empty)
    if render is to_csv:
        assert text == ",".join(COLUMNS) + "\r\n"  # only the header (CRLF); the CLI says NO_ITEMS on stderr
    elif render is to_json:
        data = json.loads(text)
        assert data["rows"] == [] and data["message"] == NO_ITEMS
        assert data["reporting_period"]["label"] == "September 2025 – September 2026"
    else:
        assert "Reporting Member: United States of America" in text
        assert "| # | Title of programme or activity | Start date | Beneficiary Members or observers |" in text
        assert text.rstrip().endswith(NO_ITEMS)
        assert "Summary" not in text


def test_the_member_is_the_one_given():
    assert json.loads(to_json(report(member="Japan")))["reporting_member"] == "Japan"


def test_slack_summary_escapes_and_stays_within_limits():
    hostile = report(member="<!channel> Member")
    reply = render_summary(hostile, table_follows=True)
    assert_valid_message(reply.payload())
    blob = json.dumps(reply.blocks)
    assert "<!channel>" not in blob and "&lt;!channel&gt;" in blob
    assert "CBP (U.S. Customs and Border Protection): 2" in blob
    assert reply.response_type == "in_channel"
    empty = render_summary(report(activities=[]), table_follows=False)
    assert NO_ITEMS in empty.text


def test_table_pages_hold_every_row_within_slack_limits():
    many = [act(i, f"<@U{i}> " + "T" * 280, date(2025, 10, 1), beneficiaries=[f"Member {n}" for n in range(20)])
            for i in range(1, 401)]
    pages = render_table_pages(report(activities=many))
    assert len(pages) > 1
    shown = []
    for page in pages:
        payload = page.payload()
        assert_valid_message(payload)
        assert len(payload["blocks"]) <= 50
        for block in payload["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
                shown += [line.split(".*", 1)[0].lstrip("*") for line in block["text"]["text"].splitlines()]
        assert "<@U" not in json.dumps(payload["blocks"])
    assert shown == [str(n) for n in range(1, 401)]
    assert "Page 1 of" in json.dumps(pages[0].blocks)


def test_rows_that_do_not_fit_in_five_messages_are_named_with_the_command():
    many = [act(i, f"Course {i}", date(2025, 10, 1)) for i in range(1, 41)]
    pages = render_table_pages(report(activities=many), max_blocks=4, section_limit=120, max_pages=2)
    assert len(pages) == 2
    last = json.dumps(pages[-1].blocks, ensure_ascii=False)
    assert "Rows 13–40 do not fit" in last and "art67bot report --from 2025-09-01 --to 2026-08-31" in last
