"""`/activities report [period]` through signed requests: the summary in the acknowledgement, then the
table uploaded as a file (files upload v2, recorded by the stand-in) or, where uploads fail, as pages."""

import csv
import io
import json
from datetime import date

import pytest

from bot.core.report import COLUMNS, NO_ITEMS
from bot.offline.web_api import Failure
from storage import activities as store
from tests.conftest import MEMBER, assert_valid_message
from tests.factories import activity

EXPECTED = [
    ["1", "Patent examination course", "2025-09-01", "Viet Nam, Peru"],
    ["2", "<!channel> seizure clinic", "2026-03-02", "Côte d'Ivoire"],
]


@pytest.fixture
def stored(db):
    with db.session() as s:
        store.add_activities(s, [
            activity("<!channel> seizure clinic", date(2026, 3, 2), agency="CBP", beneficiaries=("Côte d'Ivoire",),
                     topics=("border-enforcement",)),
            activity("Patent examination course", date(2025, 9, 1), agency="GIPA", beneficiaries=("Viet Nam", "Peru")),
            activity("Outside", date(2024, 9, 1), agency="FBI"),
        ])


def test_report_posts_the_summary_and_uploads_the_table(slack, slack_api, stored):
    status, payload = slack.command("report 2025-09-01..2026-08-31", user=MEMBER)
    assert status == 200 and payload["response_type"] == "in_channel"
    assert_valid_message(payload)
    blob = json.dumps(payload["blocks"], ensure_ascii=False)
    assert "September 2025 – September 2026" in blob and "United States of America" in blob
    assert "2 programmes or activities" in blob
    assert "CBP (U.S. Customs and Border Protection): 1" in blob and "IP border enforcement: 1" in blob

    [complete] = slack_api.wait_for("files.completeUploadExternal")
    assert complete.params["channel_id"] == "C0CHAN"
    [requested] = json.loads(complete.params["files"])
    uploaded = slack_api.files[requested["id"]]
    assert uploaded.completed and uploaded.filename == "art67-report-2025-09-01-2026-08-31.csv"
    assert uploaded.title == "Article 67 report table, September 2025 – September 2026"
    rows = list(csv.reader(io.StringIO(uploaded.content.decode("utf-8"))))
    assert rows == [list(COLUMNS)] + EXPECTED
    assert [c.params["length"] for c in slack_api.calls_to("upload")] == [len(uploaded.content)]
    assert slack_api.calls_to("response_url") == []


@pytest.mark.parametrize("method,failure", [
    ("files.getUploadURLExternal", Failure(200, body={"ok": False, "error": "missing_scope"})),
    ("files.completeUploadExternal", Failure(200, body={"ok": False, "error": "not_allowed"})),
    ("files.completeUploadExternal", Failure(200, body={"ok": False, "error": "not_in_channel"})),
    ("upload", Failure(500)),
])
def test_where_uploads_fail_the_table_comes_as_messages(slack, slack_api, stored, method, failure):
    slack_api.fail(method, failure)
    status, payload = slack.command("report from 2025-09-01 to 2026-08-31")
    assert status == 200 and payload["response_type"] == "in_channel"
    [page] = slack_api.wait_for("response_url")
    assert page.params["response_type"] == "in_channel"
    assert_valid_message(page.params)
    text = "\n".join(b["text"]["text"] for b in page.params["blocks"] if b["type"] == "section")
    assert text.splitlines() == [
        "*1.* Patent examination course · 1 September 2025 · Viet Nam, Peru",
        "*2.* &lt;!channel&gt; seizure clinic · 2 March 2026 · Côte d'Ivoire",
    ]
    assert "<!channel>" not in json.dumps(page.params)
    assert "Page 1 of 1." in json.dumps(page.params["blocks"])


def test_a_long_table_comes_as_several_pages_within_slack_limits(slack, slack_api, db):
    with db.session() as s:
        store.add_activities(s, [activity("T" * 300, date(2025, 10, 1), beneficiaries=[f"Member {n}" for n in range(12)])
                                 for _ in range(500)])
    slack_api.fail("files.getUploadURLExternal", Failure(200, body={"ok": False, "error": "missing_scope"}))
    slack.command("report 2025-2026")
    first = slack_api.wait_for("response_url")[0]
    pages_total = int(json.dumps(first.params["blocks"]).split("Page 1 of ", 1)[1].split(".", 1)[0])
    assert pages_total > 1
    pages = slack_api.wait_for("response_url", count=pages_total)
    numbers = []
    for page in pages:
        assert_valid_message(page.params)
        for block in page.params["blocks"]:
            if block["type"] == "section":
                numbers += [int(line[1:].split(".", 1)[0]) for line in block["text"]["text"].splitlines()]
    assert sorted(numbers) == list(range(1, 501))


def test_without_a_period_the_report_covers_the_latest_complete_one(slack, stored):
    # the tests' today is 10 June 2026: the latest complete period is September 2024 - August 2025
    status, payload = slack.command("report")
    assert "September 2024 – September 2025" in payload["text"]
    assert NO_ITEMS not in payload["text"] and "1 programme or activity" in payload["text"]


def test_an_empty_period_says_so_as_e_trips_does(slack, stored):
    status, payload = slack.command("report 2010-2011")
    assert payload["response_type"] == "in_channel"
    assert NO_ITEMS in payload["text"]
    assert "follows" not in json.dumps(payload["blocks"])
    assert_valid_message(payload)


@pytest.mark.parametrize("text,fragment", [
    ("report 2024-2026", "consecutive years"),
    ("report last year", "can't read the period"),
    ("report 2026-08-31..2025-09-01", "ends before it starts"),
])
def test_a_bad_period_gets_a_clear_ephemeral_error(slack, text, fragment):
    status, payload = slack.command(text)
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert fragment in payload["text"] and "2024-2025" in payload["text"]
    assert_valid_message(payload)


def test_help_lists_report(slack):
    status, payload = slack.command("help")
    assert "/activities report [period]" in json.dumps(payload["blocks"])


def test_the_stand_in_takes_files_upload_v2_byte_for_byte(slack_api):
    from bot.app import make_client

    content = bytes(range(256)) + "é,\r\n".encode()
    response = make_client("xoxb-test", slack_api.base_url).files_upload_v2(
        channel="C9", content=content, filename="raw.bin", title="Raw", initial_comment="here")
    file_id = response["file"]["id"]
    shared = slack_api.files[file_id]
    assert shared.content == content and shared.channel_id == "C9" and shared.title == "Raw"
    assert shared.initial_comment == "here" and response["file"]["size"] == len(content)
    assert [c.method for c in slack_api.calls] == [
        "files.getUploadURLExternal", "upload", "files.completeUploadExternal"]


def test_the_console_shows_the_uploaded_table(services, stored):
    from bot.console import LocalSlack, format_output

    with LocalSlack(services) as local:
        [summary] = [o for o in local.send("/activities report 2025-2026") if o.kind == "ack"]
        [complete] = local.api.wait_for("files.completeUploadExternal")
        shown = local.shared_files_text(complete.params)
    assert "Article 67 report: September 2025 – September 2026" in format_output(summary)
    assert "[file art67-report-2025-09-01-2026-08-31.csv]" in shown
    assert '1,Patent examination course,2025-09-01,"Viet Nam, Peru"' in shown
