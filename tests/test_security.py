"""Hostile input: forged, replayed and oversized requests; mrkdwn and SQL in stored text; writes by non-admins."""

import time
import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select

from bot.offline.signing import signed_headers, signed_request, slash_command_body
from storage import activities as store
from storage.models import Base
from tests.conftest import ADMIN, MEMBER, SECRET, TODAY
from tests.factories import activity


def post(url, body: bytes, headers: dict):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def snapshot(db) -> dict[str, int]:
    """Row counts of every table: a write anywhere changes it."""
    with db.session() as s:
        return {name: s.scalar(select(func.count()).select_from(table))
                for name, table in Base.metadata.tables.items()}


def test_oversized_body_is_refused_before_it_is_read(server, db):
    before = snapshot(db)
    text = "add title: " + "x" * (2 * 1024 * 1024) + " | start: 2026-07-01 | for: Peru | agency: CBP"
    body = slash_command_body("/activities", text, ADMIN, "C1")
    try:
        status, _ = post(server + "/slack/events", body.encode(),
                         signed_headers(SECRET, body, "application/x-www-form-urlencoded"))
    except urllib.error.URLError as error:  # the server answered 413 and closed while we were still sending
        assert isinstance(error.reason, ConnectionResetError | BrokenPipeError)
    else:
        assert status == 413
    assert snapshot(db) == before


def test_wsgi_app_refuses_a_declared_oversized_body_without_reading_it(services, app):
    from bot.server import MAX_BODY_BYTES, make_wsgi_app

    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

    answers = []
    wsgi = make_wsgi_app(services, app)
    body = wsgi({"PATH_INFO": "/slack/events", "REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(MAX_BODY_BYTES + 1),
                 "wsgi.input": Unreadable()}, lambda status, headers: answers.append(status))
    assert answers == ["413 Payload Too Large"] and b"too large" in b"".join(body)


def test_forged_and_replayed_requests_are_rejected(app, db):
    before = snapshot(db)
    body = slash_command_body("/activities", "add title: T | start: 2026-07-01 | for: Peru | agency: CBP", ADMIN, "C1")
    other = slash_command_body("/activities", "delete 1", ADMIN, "C1")
    forged = signed_request(SECRET, body)
    forged.headers["x-slack-signature"] = [signed_request(SECRET, other).headers["x-slack-signature"][0]]
    assert app.dispatch(forged).status == 401  # a signature made for another body
    assert app.dispatch(signed_request(SECRET, body, timestamp=int(time.time()) - 301)).status == 401
    assert app.dispatch(signed_request(SECRET, body, timestamp=int(time.time()) + 3600)).status == 401
    unsigned = signed_request(SECRET, body)
    del unsigned.headers["x-slack-signature"]
    assert app.dispatch(unsigned).status == 401
    assert snapshot(db) == before


SQLISH = "Robert'); DROP TABLE activities;-- \" OR 1=1 --"


def test_sql_looking_input_is_stored_verbatim_and_harmless(slack, db):
    status, payload = slack.command(f"add title: {SQLISH} | start: 2026-07-01 | beneficiaries: Peru' OR '1'='1 "
                                    "(other) | agency: CBP")  # a name outside the WTO list, stored as written
    assert "Added activity" in payload["text"]
    with db.session() as s:
        [stored] = store.all_activities(s)
    assert stored.title == SQLISH
    assert stored.beneficiaries == ("Peru' OR '1'='1",)
    status, payload = slack.command("search DROP TABLE activities")
    assert "Robert&#39;" not in payload["text"] and "Robert'); DROP TABLE" in payload["text"]
    status, payload = slack.command("upcoming beneficiary:Peru")
    assert status == 200 and "No upcoming activities" in payload["text"]
    status, payload = slack.command("upcoming beneficiary:Peru' OR '1'='1")
    assert status == 200 and "Robert" in payload["text"]
    assert snapshot(db)["agencies"] > 10


WRITES = [
    "add title: T | start: 2026-07-01 | beneficiaries: Peru | agency: CBP",
    "delete {activity}",
    "deadline add title: Art. 67 report | due: 2027-09-15",
    "deadline edit {deadline} title: Renamed",
    "deadline delete {deadline}",
    "digest on",
    "synonym add border enforcement : frontier checks",
    "synonym remove border enforcement : customs",
    "link trade secrets : USTR partner | source: https://ustr.gov",
    "unlink border enforcement : CBP",
]


@pytest.mark.parametrize("text", WRITES)
def test_every_write_is_refused_to_non_admins_and_changes_nothing(slack, db, text):
    with db.session() as s:
        activity_id = store.add_activity(s, activity("Existing", TODAY))
    status, payload = slack.command("deadline add title: Existing deadline | due: 2027-09-15", user=ADMIN)
    deadline_id = payload["text"].split("#", 1)[1].split()[0].strip(".:") if "#" in payload["text"] else "1"
    before = snapshot(db)
    status, payload = slack.command(text.format(activity=activity_id, deadline=deadline_id), user=MEMBER)
    assert status == 200
    assert payload["response_type"] == "ephemeral"
    assert "admin" in payload["text"].lower()
    assert snapshot(db) == before
