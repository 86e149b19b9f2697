"""`/activities help`: its example dates are reckoned from today (never a date gone by), and it lists
every subcommand, the report files and the narrative included, in English, French and Spanish."""

import json
import re
from datetime import date, timedelta

import pytest

from bot.core.dates import parse_date
from bot.core.help import long_example, next_deadline_example, render_help
from bot.core.periods import default_period
from tests.conftest import MEMBER, TODAY, assert_valid_message

LANGUAGES = ("en", "fr", "es")
LATER = date(2031, 9, 15)  # a 15 September: the deadline example is the next year's
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LONG = re.compile(r"`((?:1er|\d{1,2}) (?:de )?[A-Za-zéû]+ (?:de )?\d{4})`")
FIELD = re.compile(r"(?:start|end): (\d{1,2} [A-Za-z]+ \d{4})")  # in the add example
NEW_COMMANDS = ("`/activities report [period] [docx|xlsx]`", "`/activities narrative [period]`",
                "`/activities narrative [period] set TEXT`")
OLD_COMMANDS = ("upcoming", "add title:", "who TOPIC", "ask QUESTION", "show ID", "search WORDS", "delete ID",
                "`/activities report [period]`", "deadlines", "deadline add", "digest on", "topics", "agencies",
                "synonyms TOPIC", "synonym add", "link TOPIC", "unlink TOPIC", "focal AGENCY", "call [period]",
                "status [period]", "history ID", "knowledge", "`/activities help`")


def sections(reply) -> list[str]:
    return [block["text"]["text"] for block in reply.blocks if block["type"] == "section"]


def section_of(reply, command: str) -> str:
    [found] = [text for text in sections(reply) if text.split("\n")[0].startswith(command)]
    return found


def expected(today: date) -> dict[str, str]:
    ahead = today + timedelta(days=60)
    due = next_deadline_example(today)
    period = default_period(today, 9)
    return {"ahead": ahead.isoformat(), "due": due.isoformat(), "edit": (due + timedelta(days=14)).isoformat(),
            "years": f"{period.start.year}-{period.end.year}", "start": period.start.isoformat(),
            "end": period.end.isoformat()}


def example_dates(reply) -> list[date]:
    """Every date in the help but the reporting periods' (a complete period has ended before today)."""
    found = []
    for text in sections(reply):
        if text.startswith("`/activities report [period]`\n"):
            continue
        found += [date.fromisoformat(value) for value in ISO.findall(text)]
        found += [parse_date(value) for value in LONG.findall(text) + FIELD.findall(text)]
    return found


def test_the_deadline_example_is_the_next_15_september():
    assert next_deadline_example(date(2026, 6, 10)) == date(2026, 9, 15)
    assert next_deadline_example(date(2026, 9, 14)) == date(2026, 9, 15)
    assert next_deadline_example(date(2026, 9, 15)) == date(2027, 9, 15)
    assert next_deadline_example(date(2026, 12, 31)) == date(2027, 9, 15)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("day", [date(2026, 9, 1), date(2027, 2, 1), date(2027, 12, 3)])
def test_the_long_example_date_is_read_back_by_the_date_parser(language, day):
    assert parse_date(long_example(day, language)) == day


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("today", [TODAY, LATER])
def test_example_dates_move_with_today(language, today):
    reply = render_help(language, today)
    want = expected(today)
    add = section_of(reply, "`/activities add")
    assert f"`{want['ahead']}`" in add and f"`{long_example(today + timedelta(days=60), language)}`" in add
    assert f"start: {(today + timedelta(days=60)).day} " in add  # the add example: two months ahead too
    deadline = section_of(reply, "`/activities deadline add")
    assert f"due: {want['due']} 17:00" in deadline and f"due: {want['edit']}`" in deadline
    report = section_of(reply, "`/activities report [period]`")
    assert f"`{want['years']}`" in report and f"`{want['start']}..{want['end']}`" in report
    assert f"`from {want['start']} to {want['end']}`" in report
    assert f"`/activities report {want['years']} docx`" in section_of(reply, "`/activities report [period] [docx")
    assert f"`/activities narrative {want['years']} set" in section_of(reply, "`/activities narrative")
    dates = example_dates(reply)
    assert len(dates) == 6 and all(day > today for day in dates), dates
    assert date.fromisoformat(want["end"]) < today  # the latest complete period, over before today
    assert_valid_message(reply.payload())


def test_no_example_date_is_fixed():
    later = json.dumps(render_help("en", LATER).blocks)
    for stale in ("2026-09-15", "15 September 2026", "2027-09-15", "2027-09-29", "2024-2025", "2025-09-01",
                  "2026-08-31"):
        assert stale not in later
    assert render_help("en", TODAY).blocks != render_help("en", LATER).blocks
    assert render_help("fr").blocks == render_help("fr", date.today()).blocks  # None is the system's today


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_commands_are_listed_with_every_other_one(language):
    reply = render_help(language, TODAY)
    rendered = "\n".join(sections(reply))
    for command in NEW_COMMANDS + OLD_COMMANDS:
        assert command in rendered, command
        assert command.strip("`") in reply.text
    # the notification text is plain: no code marks left over where two commands share a line
    assert "`" not in reply.text and "/activities who TOPIC · /activities ask QUESTION" in reply.text
    files = section_of(reply, "`/activities report [period] [docx|xlsx]`")
    assert "`docx`" in files and "`xlsx`" in files and "Word" in files and "Excel" in files
    assert ("TRIPS" if language == "en" else "ADPIC") in files
    narrative = section_of(reply, "`/activities narrative")
    assert "`set`" in narrative and "Word" in narrative
    assert len(reply.blocks) <= 50 and all(len(text) <= 3000 for text in sections(reply))
    assert_valid_message(reply.payload())


def test_french_and_spanish_help_are_translated_not_english():
    english, french, spanish = (render_help(language, TODAY) for language in LANGUAGES)
    for command in ("`/activities report [period] [docx|xlsx]`", "`/activities narrative"):
        texts = [section_of(reply, command).split("\n", 1)[1] for reply in (english, french, spanish)]
        assert len(set(texts)) == 3
    assert "9 août 2026" in section_of(french, "`/activities add")
    assert "9 de agosto de 2026" in section_of(spanish, "`/activities add")


def test_help_through_slack_uses_the_services_today(slack, services):
    assert services.today() == TODAY
    want = expected(TODAY)
    status, payload = slack.command("help")
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert_valid_message(payload)
    rendered = json.dumps(payload["blocks"], ensure_ascii=False)
    for value in (want["ahead"], f"due: {want['due']} 17:00", f"due: {want['edit']}", f"`{want['years']}`",
                  f"{want['start']}..{want['end']}", "9 August 2026"):
        assert value in rendered, value
    for command in NEW_COMMANDS:
        assert command in rendered and command.strip("`") in payload["text"]
    assert payload["blocks"] == render_help("en", TODAY).payload()["blocks"]


def test_help_through_slack_in_french_and_spanish(slack):
    slack.api.users[MEMBER] = {"locale": "fr-FR"}
    slack.api.users["UESPANOL"] = {"locale": "es-ES"}
    status, french = slack.command("help", user=MEMBER)
    assert status == 200 and french["blocks"] == render_help("fr", TODAY).payload()["blocks"]
    status, spanish = slack.command("help", user="UESPANOL")
    assert status == 200 and spanish["blocks"] == render_help("es", TODAY).payload()["blocks"]
    for payload, long in ((french, "9 août 2026"), (spanish, "9 de agosto de 2026")):
        assert_valid_message(payload)
        rendered = json.dumps(payload["blocks"], ensure_ascii=False)
        assert long in rendered and "2026-09-15 17:00" in rendered
        assert all(command in rendered for command in NEW_COMMANDS)
