"""The report as it is filed: the Word document and the Excel workbook (command line and Slack), and the
narrative stored per reporting period (SQLite and PostgreSQL)."""

import csv
import io
import json
import re
import zipfile
from datetime import date, datetime

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from bot.cli import main
from bot.core.grammar import Invalid, Narrative, Report, parse_command
from bot.core.periods import Period, long_date
from bot.core.report import COLUMNS, NO_ITEMS, build_report
from bot.core.reporting.docx_report import CIRCULATED, COUNCIL, TITLE, to_docx, with_article
from bot.core.reporting.filed import ColumnsError, filed_table, narrative_blocks, parse_columns
from bot.offline.web_api import Failure
from bot.services import prepare_database
from storage import Database, audit
from storage import activities as store
from storage import narratives
from tests.conftest import ADMIN, MEMBER, TODAY, assert_valid_message
from tests.factories import activity

PERIOD = ["--from", "2025-09-01", "--to", "2026-08-31"]
INJECTED = '=HYPERLINK("http://evil.example","webinar")'
# The e-TRIPS table of `stored`'s period, by hand: start date order, ties by the order they were added.
EXPECTED = [
    ["1", "Patent examination course", "2025-09-01", "Viet Nam, Peru, Chile"],
    ["2", "Seizure clinic", "2026-03-02", "Côte d'Ivoire, Ghana"],
    ["3", "Judges' roundtable", "2026-03-02", "Kenya, Uganda"],
    ["4", INJECTED, "2026-08-31", "Bangladesh"],
]
NARRATIVE = """# Introduction

In the period, the United States **continued** its technical
cooperation with developing and least-developed country Members.

3. A paragraph its author numbered by hand.

## Programmes

- border enforcement
- patents

The table lists every programme.
"""


def _add(database: Database) -> None:
    with database.session() as s:
        store.add_activities(s, [
            activity("Seizure clinic", date(2026, 3, 2), agency="CBP", beneficiaries=("Côte d'Ivoire", "Ghana"),
                     topics=("border-enforcement",), days=2, fmt="in-person"),
            activity("Before the period", date(2025, 8, 31), agency="CBP"),
            activity("Judges' roundtable", date(2026, 3, 2), beneficiaries=("Kenya", "Uganda"),
                     topics=("adjudication",)),
            activity("Patent examination course", date(2025, 9, 1), agency="GIPA",
                     beneficiaries=("Viet Nam", "Peru", "Chile"), topics=("patents",), days=4),
            activity(INJECTED, date(2026, 8, 31), agency="CBP", beneficiaries=("Bangladesh",),
                     topics=("anti-counterfeiting", "border-enforcement"), fmt="virtual"),
            activity("After the period", date(2026, 9, 1), agency="FBI"),
        ])


@pytest.fixture
def local(sqlite_url):
    """`stored` on SQLite only: for what the files hold, which does not depend on the backend."""
    database = Database(sqlite_url)
    prepare_database(database)
    _add(database)
    yield sqlite_url
    database.dispose()


@pytest.fixture
def stored(db):
    _add(db)
    return db.url


def _docx(path) -> Document:
    return Document(str(path))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _repeats(row) -> bool:
    flag = row._tr.trPr.find(qn("w:tblHeader")) if row._tr.trPr is not None else None
    return flag is not None and flag.get(qn("w:val")) in ("true", "1", None)


def _table_section(document):
    """The section holding the first table: the first section whose break comes after the table."""
    body = list(document.element.body)
    at = body.index(document.tables[0]._tbl)
    breaks = [i for i, element in enumerate(body)
              if element.tag == qn("w:p") and element.find(".//" + qn("w:sectPr")) is not None]
    return document.sections[sum(1 for i in breaks if i < at)]


# The Word document

def test_docx_reads_as_a_communication_to_the_trips_council(local, tmp_path, capsys):
    notes = tmp_path / "narrative.md"
    notes.write_text(NARRATIVE, encoding="utf-8")
    out = tmp_path / "report.docx"
    assert main(["report", *PERIOD, "--format", "docx", "--narrative", str(notes), "--output", str(out),
                 "--db", local]) == 0
    assert str(out) in capsys.readouterr().err
    document = _docx(out)
    texts = _texts(document)
    assert texts.index(COUNCIL) < texts.index(TITLE) < texts.index("UNITED STATES OF AMERICA")
    [circulated] = [t for t in texts if "is being circulated" in t]
    dated = re.fullmatch(r"The following communication, dated (.+), is being circulated at the request of the "
                         r"delegation of the United States of America\.", circulated)
    assert dated, circulated
    assert abs((datetime.strptime(dated.group(1), "%d %B %Y").date() - date.today()).days) <= 1
    numbered = [t for t in texts if re.match(r"\d+\.\t", t)]
    assert numbered == [
        "1.\tIn the period, the United States continued its technical cooperation with developing and "
        "least-developed country Members.",
        "2.\tA paragraph its author numbered by hand.",
        "3.\tThe table lists every programme.",
    ]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == [("Heading 1", "Introduction"), ("Heading 2", "Programmes")]
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == ["border enforcement", "patents"]
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold and "continued" in run.text]
    assert bold == ["continued"]
    assert texts.index(circulated) < texts.index(numbered[0])


def test_docx_table_has_the_markdown_reports_rows_and_a_repeating_header(local, tmp_path, capsys):
    assert main(["report", *PERIOD, "--db", local]) == 0
    markdown = capsys.readouterr().out.split("## Programmes", 1)[1].strip().splitlines()[2:]
    out = tmp_path / "report.docx"
    assert main(["report", *PERIOD, "--format", "docx", "-o", str(out), "--db", local]) == 0
    document = _docx(out)
    [table] = document.tables
    rows = _rows(table)
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == [[c.strip().replace("\\|", "|") for c in line.strip("|").split(" | ")] for line in markdown]
    assert rows[1] == ["1", "Patent examination course", "1 September 2025", "Viet Nam, Peru, Chile"]
    assert rows[4][1] == INJECTED  # a Word table holds text, never a formula
    assert _repeats(table.rows[0]) and not any(_repeats(row) for row in table.rows[1:])
    assert len(document.sections) == 1 and _table_section(document).orientation == WD_ORIENT.PORTRAIT


def test_extra_columns_go_in_a_landscape_section(local, tmp_path):
    out = tmp_path / "wide.docx"
    assert main(["report", *PERIOD, "--format", "docx", "-o", str(out), "--columns", "end_date,agency,topics,format",
                 "--db", local]) == 0
    document = _docx(out)
    rows = _rows(document.tables[0])
    assert rows[0] == [*COLUMNS, "End date", "Organising agency", "Topics", "Format"]
    assert rows[1][4:] == ["5 September 2025", "Global Intellectual Property Academy (GIPA)", "Patents", ""]
    assert rows[2][4:] == ["4 March 2026", "U.S. Customs and Border Protection (CBP)", "IP border enforcement",
                           "In-person"]
    assert rows[4][4:] == ["", "U.S. Customs and Border Protection (CBP)",
                           "Anti-counterfeiting (incl. counterfeit medicines); IP border enforcement", "Virtual"]
    section = _table_section(document)
    assert len(document.sections) == 2 and section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert _repeats(document.tables[0].rows[0])


def test_columns_are_kept_in_the_order_given(local, tmp_path):
    out = tmp_path / "two.docx"
    assert main(["report", *PERIOD, "--format", "docx", "-o", str(out), "--columns", "format, agency",
                 "--db", local]) == 0
    assert _rows(_docx(out).tables[0])[0][4:] == ["Format", "Organising agency"]


@pytest.mark.parametrize("args,fragment", [
    (["--format", "docx", "--columns", "end_date,venue"],
     "unknown column venue; the columns you can add are end_date, agency, topics, format"),
    (["--format", "xlsx", "--columns", "cost,Agency,budget"], "unknown columns cost, budget"),
    (["--format", "csv", "--columns", "agency"], "--columns goes with --format docx or xlsx"),
    (["--format", "xlsx", "--narrative", "notes.md"], "--narrative goes with --format docx"),
    (["--format", "docx", "--narrative", "missing.md"], "cannot read missing.md"),
])
def test_bad_file_options_are_refused_before_anything_is_written(sqlite_url, tmp_path, capsys, monkeypatch,
                                                                 args, fragment):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "report.out"
    assert main(["report", *PERIOD, *args, "-o", str(out), "--db", sqlite_url]) == 2
    assert fragment in capsys.readouterr().err
    assert not out.exists()


def test_an_empty_period_says_so_as_e_trips_does(local, capsysbinary):
    assert main(["report", "--from", "2001-03-01", "--to", "2001-06-30", "--format", "docx", "--db", local]) == 0
    captured = capsysbinary.readouterr()
    assert NO_ITEMS in captured.err.decode()
    document = Document(io.BytesIO(captured.out))  # no --output: the bytes on standard output
    rows = _rows(document.tables[0])
    assert rows[0] == list(COLUMNS) and len(rows) == 2 and set(rows[1]) == {NO_ITEMS}
    assert not [t for t in _texts(document) if re.match(r"\d+\.\t", t)]  # no narrative stored: no paragraphs


def test_the_core_dates_the_communication_and_names_the_member():
    report = build_report([], Period(date(2020, 9, 1), date(2021, 8, 31)), "European Union", date(2021, 9, 15),
                          _knowledge())
    texts = _texts(Document(io.BytesIO(to_docx(filed_table(report, [], _knowledge()), "Plain.\n\nSecond."))))
    assert CIRCULATED.format(date="15 September 2021", member="the European Union") in texts
    assert "EUROPEAN UNION" in texts and "15 September 2021" in texts
    assert [t for t in texts if t[:1].isdigit() and "\t" in t] == ["1.\tPlain.", "2.\tSecond."]
    assert with_article("Japan") == "Japan" and with_article("United Kingdom") == "the United Kingdom"


def _knowledge():
    from bot.core.knowledge import from_seed, read_seed

    return from_seed(read_seed())


def test_narrative_blocks_number_paragraphs_across_headings():
    blocks = narrative_blocks("# A\nFirst line\nsame paragraph\n\n## B\n\nSecond\r\n\r\n- x\n- y\n\n\x07Third")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "A", 1), ("paragraph", "First line same paragraph", 1), ("heading", "B", 2),
        ("paragraph", "Second", 2), ("item", "x", 0), ("item", "y", 0), ("paragraph", "Third", 3)]
    assert parse_columns(" agency ,end-date,agency") == ("agency", "end_date")
    with pytest.raises(ColumnsError, match="end_date, agency, topics, format"):
        parse_columns("title")


# The Excel workbook

def test_xlsx_holds_the_csv_reports_rows_with_real_dates(local, tmp_path, capsys):
    assert main(["report", *PERIOD, "--format", "csv", "--db", local]) == 0
    csv_rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    out = tmp_path / "report.xlsx"
    assert main(["report", *PERIOD, "--format", "xlsx", "-o", str(out), "--db", local]) == 0
    sheet = load_workbook(out)["Activities"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    shown = [[v.date().isoformat() if isinstance(v, datetime) else str(v) for v in row] for row in values]
    neutralised = [r if r[1] != INJECTED else [r[0], "'" + INJECTED, *r[2:]] for r in EXPECTED]
    assert shown == csv_rows == [list(COLUMNS)] + neutralised
    starts = [row[2] for row in list(sheet.iter_rows())[1:]]
    assert all(c.is_date and "yy" in c.number_format for c in starts)
    assert [c.value.date() for c in starts] == [date(2025, 9, 1), date(2026, 3, 2), date(2026, 3, 2), date(2026, 8, 31)]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D5"
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width <= 60
    assert isinstance(values[1][0], int)


def test_xlsx_text_that_looks_like_a_formula_stays_text(local, tmp_path):
    out = tmp_path / "report.xlsx"
    assert main(["report", *PERIOD, "--format", "xlsx", "-o", str(out), "--db", local]) == 0
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)  # no formula anywhere
    cell = load_workbook(out)["Activities"]["B5"]
    assert cell.value == "'" + INJECTED and cell.data_type == "s"


def test_xlsx_summary_counts_by_agency_topic_beneficiary_and_ldc_status(local, tmp_path):
    out = tmp_path / "report.xlsx"
    assert main(["report", *PERIOD, "--format", "xlsx", "-o", str(out), "--columns", "end_date,agency",
                 "--db", local]) == 0
    book = load_workbook(out)
    activities = book["Activities"]
    assert [c.value for c in activities[1]][4:] == ["End date", "Organising agency"]
    assert activities["E2"].is_date and activities["E2"].value.date() == date(2025, 9, 5)
    assert activities["E5"].value is None and activities.auto_filter.ref == "A1:F5"
    rows = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    table = {row[0]: row[1:] for row in rows if row[0] is not None}
    assert table["Reporting Member"][0] == "United States of America"
    assert table["Programmes or activities"][0] == 4
    assert table["U.S. Customs and Border Protection (CBP)"][0] == 2
    assert table["Global Intellectual Property Academy (GIPA)"][0] == 1
    assert table["U.S. Patent and Trademark Office (USPTO)"][0] == 1
    assert "Federal Bureau of Investigation (FBI)" not in table  # outside the period
    assert table["IP border enforcement"][0] == 2 and table["Patents"][0] == 1
    assert "No topic" not in table
    assert table["Uganda"][:2] == [1, "yes"] and table["Bangladesh"][:2] == [1, "yes"]
    assert table["Kenya"][:2] == [1, None] and table["Peru"][:2] == [1, None]
    assert table["At least one least-developed country among the beneficiaries"][0] == 2
    assert table["No least-developed country among the beneficiaries"][0] == 2
    beneficiaries = [r[0] for r in rows[rows.index(["Beneficiary Member or observer", "Activities",
                                                    "Least-developed country"]) + 1:] if r[0]]
    assert beneficiaries[:8] == ["Bangladesh", "Chile", "Côte d'Ivoire", "Ghana", "Kenya", "Peru", "Uganda",
                                 "Viet Nam"]


def test_an_empty_xlsx_has_the_header_and_e_trips_words(local, tmp_path):
    out = tmp_path / "empty.xlsx"
    assert main(["report", "--from", "2001-03-01", "--to", "2001-06-30", "--format", "xlsx", "-o", str(out),
                 "--db", local]) == 0
    book = load_workbook(out)
    assert [c.value for c in book["Activities"][1]] == list(COLUMNS)
    assert book["Activities"]["A2"].value == NO_ITEMS
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows() if row[0].value}
    assert summary["Programmes or activities"] == 0


# The narrative, stored per period (SQLite and PostgreSQL)

def test_narrative_set_show_and_the_docx_uses_it(stored, tmp_path, capsys):
    notes = tmp_path / "n.md"
    notes.write_text("\ufeffFirst paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    assert main(["narrative", "show", *PERIOD, "--db", stored]) == 1
    assert "no narrative is stored" in capsys.readouterr().err
    assert main(["narrative", "set", *PERIOD, str(notes), "--db", stored]) == 0
    assert "2 numbered paragraphs" in capsys.readouterr().out
    assert main(["narrative", "show", *PERIOD, "--db", stored]) == 0
    assert capsys.readouterr().out == "First paragraph.\n\nSecond paragraph.\n"
    out = tmp_path / "r.docx"
    assert main(["report", *PERIOD, "--format", "docx", "-o", str(out), "--db", stored]) == 0
    assert [t for t in _texts(_docx(out)) if t[:2] in ("1.", "2.")] == ["1.\tFirst paragraph.", "2.\tSecond paragraph."]
    other = tmp_path / "other.md"
    other.write_text("Only for this docx.", encoding="utf-8")
    assert main(["report", *PERIOD, "--format", "docx", "-o", str(out), "--narrative", str(other),
                 "--db", stored]) == 0
    assert [t for t in _texts(_docx(out)) if t[:2] in ("1.", "2.")] == ["1.\tOnly for this docx."]
    assert main(["narrative", "show", *PERIOD, "--db", stored]) == 0
    assert "Only for this docx" not in capsys.readouterr().out  # --narrative does not store


def test_narrative_storage_is_one_per_member_and_period(db):
    start, end = date(2025, 9, 1), date(2026, 8, 31)
    with db.session() as s:
        narratives.set_narrative(s, "Japan", start, end, "v1", "UADMIN")
        narratives.set_narrative(s, "Japan", start, date(2026, 6, 30), "shorter period", "UADMIN")
        narratives.set_narrative(s, "Switzerland", start, end, "swiss", "cli")
    with db.session() as s:
        replaced = narratives.set_narrative(s, "Japan", start, end, "v2", "UOTHER")
    with db.session() as s:
        found = narratives.get_narrative(s, "Japan", start, end)
        entries = audit.entries(s, entity="narrative")
        listed = narratives.narratives(s, "Japan")
    assert found.text == "v2" and found.updated_by == "UOTHER" and found.updated_at.tzinfo is not None
    assert replaced.text == "v2" and len(listed) == 2
    assert [e["action"] for e in entries] == ["add", "add", "add", "edit"]
    assert [e["who"] for e in entries] == ["UADMIN", "UADMIN", "cli", "UOTHER"]
    assert entries[-1]["before"] == {"text": "v1"} and entries[-1]["after"] == {"text": "v2"}
    with db.session() as s:
        assert narratives.get_narrative(s, "Switzerland", start, end).text == "swiss"
        assert narratives.get_narrative(s, "Japan", date(2024, 9, 1), date(2025, 8, 31)) is None


# Slack: `/activities report [period] docx|xlsx` and `/activities narrative`

def test_grammar_reads_the_file_format_and_the_narrative():
    assert parse_command("report 2025-2026 docx") == Report("2025-2026", "docx")
    assert parse_command("report XLSX") == Report("", "xlsx")
    assert parse_command("report 2025-2026") == Report("2025-2026", "")
    assert parse_command("narrative") == Narrative("", None)
    assert parse_command("narrative 2025-2026 set One.\n\nTwo.") == Narrative("2025-2026", "One.\n\nTwo.")
    assert parse_command("narrative from 1 September 2025 to 31 August 2026") == \
        Narrative("from 1 September 2025 to 31 August 2026", None)
    assert isinstance(parse_command("narrative 2025-2026 set"), Invalid)


def _uploaded(slack_api):
    [complete] = slack_api.wait_for("files.completeUploadExternal")
    [requested] = json.loads(complete.params["files"])
    return complete, slack_api.files[requested["id"]]


def test_slack_uploads_the_docx_with_the_stored_narrative(slack, slack_api, stored):
    status, payload = slack.command("narrative 2025-2026 set Our cooperation grew.\n\n# Details\n\nMore.")
    assert status == 200 and payload["response_type"] == "ephemeral" and "2 numbered paragraphs" in payload["text"]
    status, payload = slack.command("report 2025-2026 docx", user=MEMBER)
    assert status == 200 and payload["response_type"] == "ephemeral" and "Word document" in payload["text"]
    complete, uploaded = _uploaded(slack_api)
    assert complete.params["channel_id"] == "C0CHAN" and uploaded.completed
    assert uploaded.filename == "art67-report-2025-09-01-2026-08-31.docx"
    document = Document(io.BytesIO(uploaded.content))
    texts = _texts(document)
    assert "1.\tOur cooperation grew." in texts and "2.\tMore." in texts and "Details" in texts
    assert [row[1] for row in _rows(document.tables[0])[1:]] == [r[1] for r in EXPECTED]
    [told] = slack_api.wait_for("response_url")
    assert told.params["response_type"] == "ephemeral" and "<#C0CHAN>" in told.params["text"]
    assert "4 programmes or activities" in told.params["text"]


def test_slack_uploads_the_xlsx(slack, slack_api, stored):
    status, payload = slack.command("report from 2025-09-01 to 2026-08-31 xlsx")
    assert status == 200 and payload["response_type"] == "ephemeral"
    _, uploaded = _uploaded(slack_api)
    assert uploaded.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(uploaded.content))["Activities"]
    assert [[str(c.value) for c in row][:2] for row in sheet.iter_rows(min_row=2)] == [r[:2] if r[1] != INJECTED
                                                                                       else [r[0], "'" + INJECTED]
                                                                                       for r in EXPECTED]
    assert sheet["C2"].is_date


@pytest.mark.parametrize("method,failure,said", [
    ("files.completeUploadExternal", Failure(200, body={"ok": False, "error": "not_in_channel"}), "not_in_channel"),
    ("upload", Failure(500), "the upload did not go through"),
])
def test_a_failed_upload_gets_an_ephemeral_error(slack, slack_api, stored, method, failure, said):
    slack_api.fail(method, failure)
    status, payload = slack.command("report 2025-2026 docx")
    assert status == 200 and payload["response_type"] == "ephemeral"
    [told] = slack_api.wait_for("response_url")
    assert told.params["response_type"] == "ephemeral" and ":warning:" in json.dumps(told.params["blocks"])
    assert said in told.params["text"] and "--format docx" in told.params["text"]
    assert not any(f.completed for f in slack_api.files.values())  # nothing was shared in the channel
    assert_valid_message(told.params)


def test_a_bad_period_for_a_file_is_refused_at_once(slack, slack_api):
    status, payload = slack.command("report 2024-2026 xlsx")
    assert payload["response_type"] == "ephemeral" and "consecutive years" in payload["text"]
    assert slack_api.calls_to("files.getUploadURLExternal") == []


def test_slack_narrative_show_and_set_for_admins_only(slack, services):
    status, payload = slack.command("narrative", user=MEMBER)
    assert payload["response_type"] == "ephemeral" and "September 2024 – September 2025" in payload["text"]
    assert "none stored" in payload["text"] and "set TEXT" in json.dumps(payload["blocks"])
    assert_valid_message(payload)
    status, payload = slack.command("narrative set <!channel> Words.", user=MEMBER)
    assert payload["response_type"] == "ephemeral" and "Only art67bot admins" in payload["text"]
    with services.db.session() as s:
        assert narratives.get_narrative(s, services.settings.member, date(2024, 9, 1), date(2025, 8, 31)) is None
    slack.command("narrative set <!channel> Words.\n\nMore words.", user=ADMIN)
    status, payload = slack.command("narrative 2024-2025", user=MEMBER)
    blob = json.dumps(payload["blocks"])
    assert "1. &lt;!channel&gt; Words." in blob and "2. More words." in blob and "<!channel>" not in blob
    assert f"<@{ADMIN}>" in blob and long_date(TODAY) in blob
    assert_valid_message(payload)
    with services.db.session() as s:
        found = narratives.get_narrative(s, services.settings.member, date(2024, 9, 1), date(2025, 8, 31))
    assert found.text == "<!channel> Words.\n\nMore words." and found.updated_by == ADMIN


def test_a_long_narrative_fits_in_one_slack_message(slack):
    text = "\n\n".join(f"Paragraph {n} " + "x" * 400 for n in range(80))
    slack.command(f"narrative 2025-2026 set {text}")
    status, payload = slack.command("narrative 2025-2026")
    assert_valid_message(payload)
    assert "more paragraphs do not fit" in json.dumps(payload["blocks"])


def test_the_console_names_the_uploaded_file(services):
    from bot.console import LocalSlack

    _add(services.db)
    with LocalSlack(services) as local:
        local.send("/activities report 2025-2026 xlsx")
        [complete] = local.api.wait_for("files.completeUploadExternal")
        shown = local.shared_files_text(complete.params)
    assert re.search(r"\[file art67-report-2025-09-01-2026-08-31\.xlsx, [\d,]+ bytes\]", shown)


def test_the_report_is_dated_today_and_rows_keep_their_activities(services):
    from bot.report_files import load_filed

    _add(services.db)
    table = load_filed(services, Period(date(2025, 9, 1), date(2026, 8, 31)))
    assert table.report.date == TODAY and [r.row.title for r in table.rows] == [r[1] for r in EXPECTED]
    assert [r.agency for r in table.rows] == ["GIPA", "CBP", "USPTO", "CBP"]
    assert [r.end_date for r in table.rows] == [date(2025, 9, 5), date(2026, 3, 4), None, None]
