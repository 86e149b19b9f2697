"""Deadline validation (bot/core/deadlines.py): the repeat words, title edits, past deadlines, times
of day, offsets, lead times, length limits, channels, unknown fields, the years read and clock changes, through
deadline_from_fields, parse_due, parse_leads, parse_channel and the Slack path."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import DateError
from bot.core.deadlines import MAX_LEAD_DAYS, Deadline, deadline_from_fields, parse_channel, parse_due, parse_leads
from storage import deadlines as store

UTC = timezone.utc
ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
DUE = datetime(2027, 9, 15, 15, 0, tzinfo=UTC)  # 17:00 in Zurich
PAST = "the due date is in the past; give a future date or `repeat: yearly`"
ONE_OFF_WORDS = ["none", "no", "once", "never", "None", "NEVER", " once "]
YEARLY_WORDS = ["yearly", "annually", "every year", "yes", "Yearly", "ANNUALLY", "every   year", "Every Year"]


def add(now=NOW, **fields):
    values = {"title": "Art. 67 report", "due": "2027-09-15 17:00", "timezone": "Europe/Zurich", **fields}
    return deadline_from_fields(values, default_zone="UTC", default_channel="C0HERE", now=now)


def stored(**changes) -> Deadline:
    values = dict(id=1, title="Art. 67 report", due_at=DUE, timezone="Europe/Zurich", yearly=False,
                  lead_days=(30, 14, 7, 1), channel="C0REMIND", notes="old notes")
    values.update(changes)
    return Deadline(**values)


def edit(base, now=NOW, **fields):
    return deadline_from_fields(fields, default_zone=base.timezone, default_channel=base.channel, now=now, base=base)


# --- repeat (item 2): every accepted word, both ways ----------------------------------------------

@pytest.mark.parametrize("word", ONE_OFF_WORDS)
def test_one_off_words(word):
    new, errors = add(repeat=word)
    assert errors == [] and new.yearly is False
    changed, errors = edit(stored(yearly=True), repeat=word)
    assert errors == [] and changed.yearly is False
    # one-off, so a due date already past is refused
    assert add(due="2027-05-01 17:00", repeat=word) == (None, [PAST])


@pytest.mark.parametrize("word", YEARLY_WORDS)
def test_yearly_words(word):
    new, errors = add(repeat=word)
    assert errors == [] and new.yearly is True
    changed, errors = edit(stored(yearly=False), repeat=word)
    assert errors == [] and changed.yearly is True
    # yearly, so a first due date already past is fine: it comes round again
    new, errors = add(due="2027-05-01 17:00", repeat=word)
    assert errors == [] and new.yearly is True


def test_without_repeat_a_new_deadline_is_one_off_and_an_edit_keeps_it():
    assert add()[0].yearly is False
    assert edit(stored(yearly=True), notes="x")[0].yearly is True
    assert edit(stored(yearly=False), notes="x")[0].yearly is False


@pytest.mark.parametrize("word", ["sometimes", "monthly", "y", "every years", "true"])
def test_other_repeat_words_are_refused(word):
    assert add(repeat=word) == (None, [f"repeat is `yearly` or `none` (got `{word}`)"])


# --- title edits (item 3) ------------------------------------------------------------------------

def test_editing_the_title_changes_only_the_title():
    changed, errors = edit(stored(), title="  Art. 67   report 2027 ")
    assert errors == []
    assert changed.title == "Art. 67 report 2027"
    assert (changed.due_at, changed.notes, changed.lead_days, changed.channel) == (DUE, "old notes", (30, 14, 7, 1),
                                                                                  "C0REMIND")


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_an_empty_title_is_refused_on_edit(empty):
    assert edit(stored(), title=empty) == (None, ["the title cannot be empty"])


def test_a_missing_title_is_refused_on_add():
    new, errors = add(title="")
    assert new is None and errors == ["the title is missing (e.g. `title: Art. 67 report to the TRIPS Council`)"]


# --- a one-off deadline already past (item 4) ------------------------------------------------------

AFTER = DUE + timedelta(days=3)


@pytest.mark.parametrize("fields,attribute,expected", [
    ({"notes": "submitted late"}, "notes", "submitted late"),
    ({"title": "Old report"}, "title", "Old report"),
    ({"leads": "7"}, "lead_days", (7,)),
    ({"channel": "C0OTHER"}, "channel", "C0OTHER"),
    ({"repeat": "yearly"}, "yearly", True),
])
def test_a_past_one_off_deadline_can_still_be_edited(fields, attribute, expected):
    changed, errors = edit(stored(), now=AFTER, **fields)
    assert errors == []
    assert getattr(changed, attribute) == expected and changed.due_at == DUE


def test_a_new_due_date_in_the_past_is_refused_and_one_minute_ahead_accepted():
    assert edit(stored(), now=AFTER, due="2027-09-16 17:00") == (None, [PAST])
    assert edit(stored(), due="2027-06-01 12:00 UTC") == (None, [PAST])  # exactly now is not the future
    changed, errors = edit(stored(), due="2027-06-01 12:01 UTC")
    assert errors == [] and changed.due_at == NOW + timedelta(minutes=1)


# --- times of day and offsets (item 5) -------------------------------------------------------------

@pytest.mark.parametrize("due", ["2027-09-15 25:00", "2027-09-15 24:00", "2027-09-15 23:60", "2027-09-15 17:99",
                                 "15 September 2027 25:00"])
def test_an_impossible_time_of_day_says_so(due):
    assert add(due=due) == (None, [f"due: '{due}' has no valid time of day; write it like 2027-09-15 17:00"])


@pytest.mark.parametrize("due,expected", [
    ("2027-09-15 23:59", datetime(2027, 9, 15, 21, 59, tzinfo=UTC)),
    ("2027-09-15 00:00", datetime(2027, 9, 14, 22, 0, tzinfo=UTC)),
    ("2027-09-15 7:05", datetime(2027, 9, 15, 5, 5, tzinfo=UTC)),
    ("15 September 2027 at 17:00", DUE),
    ("2027-09-15", DUE),  # a date alone is 17:00 local
])
def test_valid_times_of_day_are_read_in_the_zone(due, expected):
    assert parse_due(due, ZURICH) == expected
    new, errors = add(due=due)
    assert errors == [] and new.due_at == expected


@pytest.mark.parametrize("due,expected", [
    ("2027-09-15 17:00+0200", DUE),
    ("2027-09-15 17:00+02:00", DUE),
    ("15 September 2027 17:00 +0200", DUE),
    ("15 September 2027 17:00 -0530", datetime(2027, 9, 15, 22, 30, tzinfo=UTC)),
    ("15 September 2027 12:30 -05:30", datetime(2027, 9, 15, 18, 0, tzinfo=UTC)),
    ("15 September 2027 17:00 Z", datetime(2027, 9, 15, 17, 0, tzinfo=UTC)),
    ("15 September 2027, 17:00 gmt", datetime(2027, 9, 15, 17, 0, tzinfo=UTC)),
])
def test_offsets_override_the_zone(due, expected):
    assert parse_due(due, ZoneInfo("Asia/Tokyo")) == expected


@pytest.mark.parametrize("zone", ["+0200", "+02:00", "europe/zurich", "Mars/Olympus"])
def test_an_offset_or_unknown_name_is_not_a_time_zone(zone):
    assert add(timezone=zone) == (None, [f"`{zone}` is not a time zone name (e.g. UTC, Europe/Zurich)"])


def test_a_new_zone_keeps_the_wall_clock():
    changed, errors = edit(stored(), timezone="America/New_York")
    assert errors == [] and changed.due_at == datetime(2027, 9, 15, 21, 0, tzinfo=UTC)


# --- lead times --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [("1", (1,)), (str(MAX_LEAD_DAYS), (MAX_LEAD_DAYS,)),
                                           ("1, 366", (366, 1)), ("7 d and 1 day", (7, 1))])
def test_lead_times_at_the_bounds(text, expected):
    assert MAX_LEAD_DAYS == 366
    assert parse_leads(text) == expected


@pytest.mark.parametrize("text", ["0", "0, 7", "367", "7, 367"])
def test_lead_times_out_of_bounds(text):
    assert add(leads=text) == (None, ["lead times must be between 1 and 366 days"])


# --- length limits -------------------------------------------------------------------------------------

@pytest.mark.parametrize("field,limit", [("title", 300), ("notes", 2000)])
def test_length_limits(field, limit):
    new, errors = add(**{field: "x" * limit})
    assert errors == [] and getattr(new, field) == "x" * limit
    assert add(**{field: "x" * (limit + 1)}) == (None, [f"the {field} is longer than {limit} characters"])
    changed, errors = edit(stored(), **{field: "y" * limit})
    assert errors == [] and getattr(changed, field) == "y" * limit
    assert edit(stored(), **{field: "y" * (limit + 1)}) == (None, [f"the {field} is longer than {limit} characters"])


def test_notes_keep_their_lines():
    new, _ = add(notes="  airgram WTO/AIR/IP/40\nsee   annex \n")
    assert new.notes == "airgram WTO/AIR/IP/40\nsee   annex"


# --- the Slack path ----------------------------------------------------------------------------------

def test_slack_title_edit_repeat_none_and_a_past_one_off(slack, services, db):
    services.clock = lambda: NOW
    status, payload = slack.command("deadline add title: Report | due: 2027-09-15 17:00 | timezone: Europe/Zurich "
                                    "| repeat: none")
    assert "Added deadline #1" in payload["text"], payload
    status, payload = slack.command("deadline edit 1 title: Art. 67 report 2027")
    assert "Updated deadline #1" in payload["text"], payload
    status, payload = slack.command("deadline edit 1 title: \"\"")
    assert "the title cannot be empty" in payload["text"] and payload["response_type"] == "ephemeral"
    services.clock = lambda: AFTER
    status, payload = slack.command("deadline edit 1 notes: sent on time")
    assert "Updated deadline #1" in payload["text"], payload
    status, payload = slack.command("deadline edit 1 due: 2027-09-16 17:00")
    assert "the due date is in the past" in payload["text"] and "Nothing was changed" in payload["text"]
    with db.session() as s:
        deadline = store.get_deadline(s, 1)
    assert (deadline.title, deadline.notes, deadline.yearly, deadline.due_at) == (
        "Art. 67 report 2027", "sent on time", False, DUE)


# --- what a new deadline gets when a field is left out ---------------------------------------------

def test_a_new_deadline_without_leads_is_reminded_30_14_7_and_1_days_before():
    new, errors = add()
    assert errors == [] and new.lead_days == (30, 14, 7, 1)
    assert (new.title, new.timezone, new.channel, new.notes, new.yearly) == (
        "Art. 67 report", "Europe/Zurich", "C0HERE", "", False)


def test_a_new_deadline_without_a_zone_is_read_in_the_default_zone():
    new, errors = deadline_from_fields({"title": "Report", "due": "2027-09-15"}, default_zone="Asia/Tokyo",
                                       default_channel="C0HERE", now=NOW)
    assert errors == [] and new.timezone == "Asia/Tokyo"
    assert new.due_at == datetime(2027, 9, 15, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo


def test_an_edit_that_touches_neither_due_nor_zone_keeps_the_due_time():
    changed, errors = edit(stored(), notes="new notes")
    assert errors == [] and changed.due_at == DUE and changed.timezone == "Europe/Zurich"


# --- unknown fields, invisible titles, channels --------------------------------------------------------

def test_an_unknown_field_is_named():
    assert add(colour="red", size="big") == (None, ["`colour` is not a deadline field I know",
                                                    "`size` is not a deadline field I know"])


@pytest.mark.parametrize("title", ["\u200b", "\u200b\u200d", "\x07"])
def test_a_title_that_shows_nothing_is_refused(title):
    assert add(title=title) == (None, [
        "the title shows nothing (only invisible or control characters); write it in words"])
    assert edit(stored(), title=title) == (None, [
        "the title shows nothing (only invisible or control characters); write it in words"])


@pytest.mark.parametrize("text,expected", [
    ("<#C0TRIPS|trips-reporting>", "C0TRIPS"), ("<#C0TRIPS>", "C0TRIPS"), ("C0TRIPS", "C0TRIPS"),
    (" G0PRIVATE ", "G0PRIVATE"), ("D0DIRECT", "D0DIRECT"),
])
def test_a_channel_by_mention_or_id(text, expected):
    assert parse_channel(text) == expected
    new, errors = add(channel=text)
    assert errors == [] and new.channel == expected


@pytest.mark.parametrize("text", ["#trips-reporting", "trips", "<@U0123ABC>", "C0", "c0trips"])
def test_a_channel_that_cannot_be_posted_to_is_refused(text):
    message = (f"`{text.strip()}` is not a channel I can post to; mention it (`#channel`) or give its ID, "
               "e.g. `C0123ABCD`")
    assert add(channel=text) == (None, [message])
    # refused even when no default channel stands behind it, and only once
    new, errors = deadline_from_fields({"title": "Report", "due": "2027-09-15", "channel": text},
                                       default_zone="UTC", default_channel="", now=NOW)
    assert new is None and errors == [message]


def test_without_any_channel_the_deadline_is_refused():
    new, errors = deadline_from_fields({"title": "Report", "due": "2027-09-15"}, default_zone="UTC",
                                       default_channel="", now=NOW)
    assert new is None and errors == ["say which channel to remind (e.g. `channel: #trips-reporting`), "
                                      "or set ART67_REMINDER_CHANNEL"]


# --- lead times that are not numbers -------------------------------------------------------------------

@pytest.mark.parametrize("text", ["soon", "7 days, soon", "", " , ", "1.5", "-7", "a week"])
def test_lead_times_must_be_whole_days(text):
    with pytest.raises(ValueError) as info:
        parse_leads(text)
    assert str(info.value) == f"lead times must be whole days, e.g. `30, 14, 7, 1` (got `{text}`)"


def test_lead_times_are_sorted_largest_first_without_repeats():
    assert parse_leads("1; 7, 30 and 7 days, 14 d") == (30, 14, 7, 1)


@pytest.mark.parametrize("text,expected", [("7d", (7,)), ("30d, 14d, 7d, 1d", (30, 14, 7, 1)), ("7days; 1D", (7, 1)),
                                           ("14 DAYS and 2d", (14, 2))])
def test_lead_times_may_carry_their_unit_without_a_space(text, expected):
    assert parse_leads(text) == expected


@pytest.mark.parametrize("text", ["7dd", "d7", "7x", "7 weeks"])
def test_a_unit_that_is_not_days_is_refused(text):
    with pytest.raises(ValueError, match="whole days"):
        parse_leads(text)


# --- due dates: seconds, years, clock changes ----------------------------------------------------------

@pytest.mark.parametrize("due", ["2027-09-15 17:00:45", "2027-09-15T17:00:59", "2027-09-15T17:00:30+02:00",
                                 "2027-09-15T15:00:00Z"])
def test_seconds_are_dropped(due):
    assert parse_due(due, ZURICH) == DUE


@pytest.mark.parametrize("due,expected", [
    ("1900-01-01 12:00 UTC", datetime(1900, 1, 1, 12, 0, tzinfo=UTC)),
    ("9000-12-31 12:00 UTC", datetime(9000, 12, 31, 12, 0, tzinfo=UTC)),
])
def test_years_from_1900_to_9000_are_read(due, expected):
    assert parse_due(due, ZURICH) == expected


@pytest.mark.parametrize("due", ["1899-12-31 12:00 UTC", "9001-01-01 12:00 UTC", "1899-12-31", "0100-01-01"])
def test_years_outside_1900_to_9000_are_refused(due):
    with pytest.raises(DateError) as info:
        parse_due(due, ZURICH)
    message = str(info.value)
    assert message.startswith(f"'{due}' is too far from today; write a year like ")
    assert int(message.rsplit(" ", 1)[1]) == datetime.now().year + 1


def test_a_time_the_clocks_skip_does_not_exist():
    # in Zurich the clocks go from 02:00 to 03:00 on 28 March 2027
    with pytest.raises(DateError, match=r"^'2027-03-28 02:30' does not exist in Europe/Zurich: the clocks change"):
        parse_due("2027-03-28 02:30", ZURICH)
    assert parse_due("2027-03-28 01:59", ZURICH) == datetime(2027, 3, 28, 0, 59, tzinfo=UTC)
    assert parse_due("2027-03-28 03:00", ZURICH) == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    # a time the clocks repeat (31 October 2027, 02:30) happens, and is read the first time
    assert parse_due("2027-10-31 02:30", ZURICH) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_a_deadline_reads_its_times_in_its_own_zone():
    new, errors = add(timezone="America/New_York")
    assert errors == [] and new.zone() == ZoneInfo("America/New_York")
    assert new.due_at.astimezone(new.zone()).strftime("%Y-%m-%d %H:%M") == "2027-09-15 17:00"


@pytest.mark.parametrize("due,expected", [
    ("15 September 2027 23:59", datetime(2027, 9, 15, 21, 59, tzinfo=UTC)),
    ("15 September 2027 23:00", datetime(2027, 9, 15, 21, 0, tzinfo=UTC)),
    ("15 September 2027 0:00", datetime(2027, 9, 14, 22, 0, tzinfo=UTC)),
    ("Sep 15, 2027, 7:05", datetime(2027, 9, 15, 5, 5, tzinfo=UTC)),
    ("15/09/2027 at 17:00", DUE),
])
def test_times_of_day_after_a_written_date(due, expected):
    assert parse_due(due, ZURICH) == expected


@pytest.mark.parametrize("due", ["15 September 2027 24:00", "15 September 2027 23:60", "15 September 2027 99:59"])
def test_impossible_times_after_a_written_date(due):
    with pytest.raises(DateError, match=f"^'{due}' has no valid time of day; write it like 2027-09-15 17:00$"):
        parse_due(due, ZURICH)
