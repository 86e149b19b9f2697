"""Generated input, thousands of cases: no exception escapes; every input gets a clear reply or rejection."""

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.core.knowledge.answering import answer_question
from bot.core.grammar import parse_command
from bot.core.knowledge import from_seed, read_seed
from bot.core.transfer import ImportRejected, parse_import
from tests.conftest import assert_valid_message

KNOWLEDGE = from_seed(read_seed())
WORDS = st.sampled_from(["upcoming", "add", "show", "search", "delete", "who", "deadline", "deadlines", "report",
                         "synonym", "link", "help", "agency:", "topic:", "beneficiary:", "next", "30", "days",
                         "title:", "start:", "end:", "|", ";", "USPTO", "CBP", "Peru", "2026-09-15", "03/04/2026",
                         "<!channel>", "&", "*bold*", "'", '"', "%", "_", "🙂", "Côte d'Ivoire", "\n"])
COMMAND_TEXT = st.one_of(st.text(max_size=120), st.lists(WORDS, max_size=14).map(" ".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=COMMAND_TEXT)
def test_any_activities_text_gets_a_valid_reply_through_slack(slack, text):
    status, payload = slack.command(text)
    assert status == 200
    if text.strip().lower() == "add":  # the add-activity form opens instead of a message
        assert payload == {} and slack.api.calls_to("views.open")
        return
    assert payload["response_type"] in ("ephemeral", "in_channel")
    assert_valid_message(payload)
    assert "<!channel>" not in json.dumps(payload)


@settings(max_examples=2000, deadline=None)
@given(text=COMMAND_TEXT)
def test_grammar_never_raises(text):
    parse_command(text)


@settings(max_examples=2000, deadline=None)
@given(question=st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=12).map(" ".join)))
def test_question_answerer_always_answers_or_abstains(question):
    answer = answer_question(question, KNOWLEDGE)
    shape = answer.to_json()
    assert shape["question"] == question
    if shape["topic"] is None:
        assert shape["agencies"] == [] and shape["source"] is None
    for agency in shape["agencies"]:
        assert agency["acronym"] in KNOWLEDGE.by_acronym


CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "2026-09-15", "15 September 2026", "03/04/2026",
                                                        "CBP", "USPTO", "Ministry", "Peru; Chile", "patents",
                                                        "virtual", "hybrid", "x" * 400]))


@settings(max_examples=1000, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=6),
       header=st.sampled_from(["title,start_date,end_date,beneficiaries,agency,topics,format,description",
                               "title,start_date,beneficiaries,agency", "name,date", ""]))
def test_csv_importer_accepts_or_rejects_with_line_numbers(rows, header):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    text = (header + "\n" if header else "") + out.getvalue()
    try:
        items = parse_import(text, "csv", KNOWLEDGE, today=date(2026, 6, 1))
    except ImportRejected as rejected:
        assert rejected.errors and all(error.line >= 1 and error.message for error in rejected.errors)
    else:
        assert items and all(item.title and item.beneficiaries and item.agency for item in items)


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=300))
def test_json_importer_accepts_or_rejects(text):
    try:
        parse_import(text, "json", KNOWLEDGE)
    except ImportRejected as rejected:
        assert rejected.errors


@pytest.mark.parametrize("typed", ["<!channel>", "<@U123>", "<!here|here>"])
def test_a_typed_filter_that_looks_like_a_mention_notifies_nobody(slack, typed):
    status, payload = slack.command(f"upcoming beneficiary:{typed}")
    assert status == 200 and typed not in json.dumps(payload)
    assert "&lt;" in payload["text"] and "&lt;" in payload["blocks"][0]["text"]["text"]
