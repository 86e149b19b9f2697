"""Duplicates are refused (add, form, import), past starts get a note, the report names every topic."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from bot.cli import main
from bot.core.checks import ago, duplicates_within, past_note
from bot.core.periods import Period
from bot.core.records import Activity
from bot.core.report import build_report, elsewhere_line, to_markdown
from bot.core.report_blocks import render_summary
from storage import Database
from storage import activities as store
from tests import factories
from tests.conftest import TODAY, assert_valid_message
from tests.factories import activity
from tests.test_cli import write_csv
from tests.test_slack_add_form import open_form, opened_view, state, submit

ADD = "add title: Border enforcement workshop | start: 2026-07-01 | beneficiaries: Peru | agency: CBP"


def titles(db):
    with db.session() as s:
        return [a.title for a in store.all_activities(s)]


def test_find_duplicates_matches_title_date_and_agency_in_one_query(db):
    with db.session() as s:
        [first] = factories.store(s, [activity("Border  Enforcement Workshop", date(2026, 7, 1), agency="CBP")])
    batch = [activity("border enforcement workshop", date(2026, 7, 1), agency="CBP"),  # same, other case/spacing
             activity("Bördér enforcement workshop", date(2026, 7, 1), agency="CBP"),  # accents
             activity("Border enforcement workshop", date(2026, 7, 2), agency="CBP"),  # another day
             activity("Border enforcement workshop", date(2026, 7, 1), agency="USPTO")]  # another agency
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        with db.session() as s:
            found = store.find_duplicates(s, batch)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert found == {0: first, 1: first}
    assert len([sql for sql in statements if "FROM activities" in sql]) == 1
    many = [activity("Border enforcement workshop", date(2020, 1, 1) + timedelta(days=n), agency="CBP")
            for n in range(0, 3000, 3)]  # more dates than an IN list takes: the range instead
    [same_day] = [index for index, a in enumerate(many) if a.start_date == date(2026, 7, 1)]
    with db.session() as s:
        assert store.find_duplicates(s, many) == {same_day: first}
        assert store.find_duplicates(s, []) == {}


def test_duplicates_within_a_batch():
    items = [activity("A", date(2026, 1, 1)), activity("a ", date(2026, 1, 1)), activity("A", date(2026, 1, 2))]
    assert duplicates_within(items) == {1: 0}


def test_slack_add_refuses_a_duplicate_unless_told(slack, db):
    assert "Added activity #1" in slack.command(ADD)[1]["text"]
    _, payload = slack.command(ADD.replace("Border enforcement", "border  ENFORCEMENT"))
    assert payload["response_type"] == "ephemeral"
    assert "already recorded as #1" in payload["text"] and "allow-duplicate: yes" in payload["text"]
    assert titles(db) == ["Border enforcement workshop"]
    _, payload = slack.command(ADD + " | allow-duplicate: maybe")
    assert "takes yes or no" in payload["text"] and len(titles(db)) == 1
    _, payload = slack.command(ADD + " | allow-duplicate: yes")
    assert "Added activity #2" in payload["text"]
    assert len(titles(db)) == 2


def test_the_form_refuses_a_duplicate_on_the_title(app, slack_api, db):
    with db.session() as s:
        [first] = factories.store(s, [activity("Border enforcement workshop", date(2026, 9, 15), agency="CBP")])
    open_form(app, slack_api)
    answer = submit(app, opened_view(slack_api), state())
    assert answer["response_action"] == "errors"
    assert f"already recorded as #{first}" in answer["errors"]["title"]
    assert len(titles(db)) == 1


def test_import_reports_duplicates_with_their_lines(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["import", str(write_csv(tmp_path / "a.csv", ["Course,2026-09-15,,Peru,USPTO,,,"])), "--db", db]) == 0
    path = write_csv(tmp_path / "b.csv", ["New one,2026-09-20,,Chile,USPTO,,,",
                                          "course,2026-09-15,,Peru,USPTO,,,",  # recorded already as #1
                                          "Twice,2026-10-01,,Peru,CBP,,,",
                                          "TWICE,2026-10-01,,Chile,CBP,,,"])  # repeats line 4
    capsys.readouterr()
    assert main(["import", str(path), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "line 3: already recorded as #1" in err and "line 5: repeats line 4" in err
    assert "line 2" not in err and "line 4:" not in err and "--allow-duplicates" in err
    with Database(db).session() as s:
        assert store.count_activities(s) == 1
    assert main(["import", str(path), "--db", db, "--allow-duplicates"]) == 0
    with Database(db).session() as s:
        assert store.count_activities(s) == 5


@pytest.mark.parametrize("days,words", [(1, "yesterday"), (5, "5 days ago"), (21, "3 weeks ago"),
                                        (92, "3 months ago"), (800, "2 years ago")])
def test_ago(days, words):
    assert ago(TODAY - timedelta(days=days), TODAY) == words


def test_past_starts_are_recorded_with_a_note(slack, app, slack_api, db):
    assert past_note(TODAY, TODAY) == "" and past_note(TODAY + timedelta(days=3), TODAY) == ""
    start = (TODAY - timedelta(days=92)).isoformat()
    _, payload = slack.command(f"add title: Past course | start: {start} | beneficiaries: Peru | agency: CBP")
    assert "Added activity #1" in payload["text"]
    assert "This activity started 3 months ago; recorded for the report." in payload["text"]
    _, payload = slack.command(f"add title: Future course | start: {(TODAY + timedelta(days=4)).isoformat()} | "
                               "beneficiaries: Peru | agency: CBP")
    assert "Added activity #2" in payload["text"] and "started" not in payload["text"]
    open_form(app, slack_api)
    submit(app, opened_view(slack_api), state(start=(TODAY - timedelta(days=5)).isoformat()))
    [call] = slack_api.wait_for("chat.postEphemeral")
    assert "This activity started 5 days ago; recorded for the report." in call.params["text"]


def act(id, title, start, topics=(), beneficiaries=("Peru",)):
    return Activity(id=id, title=title, start_date=start, agency="USPTO", beneficiaries=tuple(beneficiaries),
                    topics=tuple(topics))


PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))


def test_the_summary_names_every_topic_programmes_included_and_counts_ldcs(services):
    KB = services.knowledge()  # noqa: N806 - the shipped knowledge base
    report = build_report([act(1, "Patent course", date(2025, 10, 1), ("patents",), ("Nepal", "Peru")),
                           act(2, "PVP seminar", date(2025, 11, 1), ("plant-variety-protection",), ("Haiti",)),
                           act(3, "Untagged", date(2025, 12, 1), (), ("Nepal",))], PERIOD, "United States of America",
                          TODAY, KB)
    labels = {c.label: (c.group, c.count) for c in report.by_topic}
    assert len(labels) == len(KB.topics)
    assert labels["Patents"] == ("Programmes (¶10)", 1)
    assert labels["Plant variety protection (PVP)"] == ("Programmes (¶10)", 1)
    assert labels["IP border enforcement"] == ("Topic areas (¶5)", 0)
    assert labels["Geographical indications (GIs)"] == ("Other topics", 0)
    assert report.without_topic == 1 and report.ldc_beneficiaries == 2 and report.ldc_activities == 3
    reply = render_summary(report, table_follows=True)
    assert_valid_message(reply.payload())
    blob = json.dumps(reply.blocks, ensure_ascii=False)
    assert "Patents: 1" in blob and "Programmes (¶10)" in blob and "No topic: 1" in blob
    assert "None of these" not in blob
    assert "2 least developed countries benefit, in 3 of the 3 activities." in blob
    assert "| Patents | Programmes (¶10) | 1 |" in to_markdown(report)


def test_an_empty_period_says_how_many_are_recorded_elsewhere(slack, db, services):
    KB = services.knowledge()  # noqa: N806
    with db.session() as s:
        factories.store(s, [activity(f"Course {n}", date(2026, 3, 1) + timedelta(days=n)) for n in range(14)])
        assert store.count_outside(s, date(2026, 9, 1), date(2027, 8, 31)) == 14
        assert store.count_outside(s, date(2026, 3, 5), date(2027, 8, 31)) == 4
    _, payload = slack.command("report 2026-2027")
    assert "No activities in September 2026 – September 2027; 14 are recorded in other periods." in payload["text"]
    assert_valid_message(payload)
    empty = build_report([], PERIOD, "United States of America", TODAY, KB, elsewhere=1)
    assert elsewhere_line(empty) == "No activities in September 2025 – September 2026; 1 is recorded in other periods."
    assert elsewhere_line(build_report([], PERIOD, "X", TODAY, KB)) == ""
