"""`/activities help`: the long example dates in each language (French "1er" for the first of a month),
the numbers it states for `upcoming` match the command's own, and the usage line lists every command."""

from datetime import date, timedelta

import pytest

from bot.core.grammar import DEFAULT_LIMIT, MAX_LIMIT
from bot.core.help import long_example, next_deadline_example, render_help

TODAY = date(2026, 6, 10)


@pytest.mark.parametrize("day,language,words", [
    (date(2027, 9, 15), "en", "15 September 2027"),
    (date(2027, 9, 15), "fr", "15 septembre 2027"),
    (date(2027, 9, 15), "es", "15 de septiembre de 2027"),
    (date(2027, 1, 1), "fr", "1er janvier 2027"),
    (date(2027, 1, 1), "es", "1 de enero de 2027"),
    (date(2027, 1, 1), "en", "1 January 2027"),
    (date(2027, 12, 2), "fr", "2 décembre 2027"),
    (date(2027, 12, 31), "es", "31 de diciembre de 2027"),
    (date(2027, 12, 31), "en", "31 December 2027"),
    (date(2027, 12, 31), "de", "31 December 2027"),  # a language without its own months: English
])
def test_the_long_example_date_is_written_as_a_reader_of_the_language_writes_it(day, language, words):
    assert long_example(day, language) == words


@pytest.mark.parametrize("today,due", [
    (date(2026, 9, 14), date(2026, 9, 15)),
    (date(2026, 9, 15), date(2027, 9, 15)),   # on the day itself the example moves to next year
    (date(2026, 9, 16), date(2027, 9, 15)),
    (date(2026, 1, 1), date(2026, 9, 15)),
])
def test_the_deadline_example_is_the_next_15_september_strictly_after_today(today, due):
    assert next_deadline_example(today) == due


@pytest.mark.parametrize("language,words", [("en", "by default, at most"), ("fr", "par défaut, au plus")])
def test_the_help_states_the_default_and_largest_number_of_upcoming_activities(language, words):
    reply = render_help(language, TODAY)
    [upcoming] = [b["text"]["text"] for b in reply.blocks if b["type"] == "section"
                  and b["text"]["text"].startswith("`/activities upcoming")]
    assert f"({DEFAULT_LIMIT} {words} {MAX_LIMIT})" in upcoming


def test_the_add_example_dates_are_two_months_ahead_and_the_edit_two_weeks_after_the_deadline():
    reply = render_help("en", TODAY)
    text = "\n".join(b["text"]["text"] for b in reply.blocks if b["type"] == "section")
    ahead = TODAY + timedelta(days=60)
    assert f"`{ahead.isoformat()}`" in text and f"`{long_example(ahead, 'en')}`" in text
    assert "due: 2026-09-15 17:00" in text and "deadline edit ID due: 2026-09-29`" in text


def test_the_reporting_periods_start_in_the_month_asked_for():
    # on 10 June 2026 the latest complete period is September 2024 to August 2025, or calendar 2025
    september = str(render_help("en", TODAY).blocks)
    january = str(render_help("en", TODAY, start_month=1).blocks)
    assert "`2024-2025`" in september and "`2024-09-01..2025-08-31`" in september
    assert "`2025-01-01..2025-12-31`" in january and "2024-09-01" not in january


@pytest.mark.parametrize("language,prefix", [("en", "Usage: "), ("fr", "Utilisation : "), ("es", "Uso: ")])
def test_the_text_fallback_is_the_usage_line_of_every_command(language, prefix):
    reply = render_help(language, TODAY)
    assert reply.text.startswith(prefix) and reply.response_type == "ephemeral"
    listed = reply.text[len(prefix):]
    sections = [b["text"]["text"] for b in reply.blocks if b["type"] == "section"]
    assert listed.startswith("/activities upcoming [N] [filters] · ") and listed.endswith(" · /activities help")
    assert listed == " · ".join(text.split("\n")[0].replace("`", "") for text in sections)
    assert reply.blocks[0]["type"] == "header" and reply.blocks[-1]["type"] == "context"
