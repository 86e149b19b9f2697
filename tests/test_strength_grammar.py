"""The command grammar (bot/core/grammar.py): synonyms, links, horizons, quotes, page and limit bounds, and
every subcommand with its own refusals: reports, narratives, calls, deadlines, knowledge, focal points."""

from datetime import timedelta

import pytest

from bot.core.grammar import (
    DEFAULT_LIMIT,
    LINK_USAGE,
    MAX_ID,
    MAX_LIMIT,
    SYNONYM_USAGE,
    Add,
    Agencies,
    Ask,
    CallForInputs,
    DeadlineAdd,
    DeadlineDelete,
    DeadlineEdit,
    Deadlines,
    Delete,
    Digest,
    Documents,
    Focal,
    Help,
    History,
    Invalid,
    LearnReport,
    LinkTopic,
    Narrative,
    Report,
    Search,
    Show,
    Status,
    Synonyms,
    Topics,
    Upcoming,
    parse_call,
    parse_command,
)
from tests import factories
from tests.conftest import TODAY
from tests.factories import activity

LIMIT_MESSAGE = "Ask for between 1 and 30 activities, e.g. `/activities upcoming 5`."
PAGE_MESSAGE = "Pages are numbered from 1, e.g. `page 2`."


# --- synonyms ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("synonym add border enforcement : border guards; frontier checks",
     Synonyms("add", "border enforcement", ("border guards", "frontier checks"))),
    ("synonym ADD patents:  a ,b;; c ", Synonyms("add", "patents", ("a", "b", "c"))),
    ("synonyms add patents : a", Synonyms("add", "patents", ("a",))),
    ("synonym remove patents : a", Synonyms("remove", "patents", ("a",))),
    ("synonym delete patents : a, b", Synonyms("remove", "patents", ("a", "b"))),
    ("synonyms delete patents : a", Synonyms("remove", "patents", ("a",))),
    ("synonyms patents", Synonyms("list", "patents")),
    ("synonyms border enforcement", Synonyms("list", "border enforcement")),
    ("synonyms list patents", Synonyms("list", "patents")),
    ("synonym list patents", Synonyms("list", "patents")),
])
def test_synonym_forms(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", [
    "synonyms", "synonym", "synonym list", "synonyms list", "synonym patents", "synonym add patents",
    "synonym add : a", "synonym add patents :", "synonym add patents : ;, ;", "synonym remove patents",
    "synonym rename patents : a",
])
def test_synonym_errors_show_the_usage(text):
    assert parse_command(text) == Invalid(SYNONYM_USAGE)


# --- links ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("link anti-counterfeiting : USTDA funder | source: https://www.ustda.gov",
     LinkTopic(False, "anti-counterfeiting", "USTDA", role="funder", source="https://www.ustda.gov")),
    ("link patents : USPTO", LinkTopic(False, "patents", "USPTO")),
    ("link patents : USPTO LEAD", LinkTopic(False, "patents", "USPTO", role="lead")),
    ("link patents : USPTO | role: Partner", LinkTopic(False, "patents", "USPTO", role="partner")),
    ("link patents : USPTO lead | role: lead", LinkTopic(False, "patents", "USPTO", role="lead")),
    ("link patents : USPTO | rank: 1", LinkTopic(False, "patents", "USPTO", rank=1)),
    ("link patents : USPTO | rank: 99", LinkTopic(False, "patents", "USPTO", rank=99)),
    ("link patents : USPTO | desc: “Runs the PCT” | source: ‘report’",
     LinkTopic(False, "patents", "USPTO", description="Runs the PCT", source="‘report’")),
    ("link patents : USPTO | description: 'Runs the PCT'",
     LinkTopic(False, "patents", "USPTO", description="Runs the PCT")),
    ("link patents USPTO", LinkTopic(False, None, None, pair="patents USPTO")),
    ("link patents USPTO partner", LinkTopic(False, None, None, pair="patents USPTO", role="partner")),
    ("unlink patents : USPTO", LinkTopic(True, "patents", "USPTO")),
    ("unlink patents USPTO", LinkTopic(True, None, None, pair="patents USPTO")),
])
def test_link_forms(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,message", [
    ("link", LINK_USAGE), ("link : USPTO", LINK_USAGE), ("link patents :", LINK_USAGE),
    ("link | source: x", LINK_USAGE), ("unlink", LINK_USAGE),
    ("link patents : USPTO lead | role: partner", "Give the role once, either as a last word or as `role:`."),
    ("link patents : USPTO | role: boss", "The role must be one of lead, partner, funder."),
    ("link patents : USPTO | rank: 0", "The rank is a number from 1 (the best answer) to 99."),
    ("link patents : USPTO | rank: 100", "The rank is a number from 1 (the best answer) to 99."),
    ("link patents : USPTO | rank: first", "The rank is a number from 1 (the best answer) to 99."),
    ("link patents : USPTO | rank:", "The rank is a number from 1 (the best answer) to 99."),
    ("link patents : USPTO | source:", "The field `source:` has no value."),
    ("link patents : USPTO | description: | source: x", "The field `description:` has no value."),
    ("link patents : USPTO | source: a | source: b", "The field `source` is given twice; give each field once."),
    ("link patents : USPTO | desc: a | description: b",
     "The field `description` is given twice; give each field once."),
    ("unlink patents : USPTO | source: x",
     "`unlink` takes only the topic and the agency: `/activities unlink TOPIC : AGENCY`."),
])
def test_link_errors(text, message):
    assert parse_command(text) == Invalid(message)


# --- `next N units` horizons ------------------------------------------------------------------------

@pytest.mark.parametrize("unit,days", [("d", 1), ("day", 1), ("days", 1), ("w", 7), ("wk", 7), ("week", 7),
                                       ("weeks", 7), ("m", 30), ("month", 30), ("months", 30)])
def test_horizon_units(unit, days):
    assert parse_command(f"upcoming next 3 {unit}") == Upcoming(within_days=3 * days)
    assert parse_command(f"upcoming within 2 {unit.upper()}") == Upcoming(within_days=2 * days)
    assert parse_command(f"upcoming 5 next: 1{unit} agency: CBP") == Upcoming(limit=5, within_days=days, agency="CBP")


@pytest.mark.parametrize("text,expected", [
    ("upcoming next 1 day", Upcoming(within_days=1)),
    ("upcoming next 9999 days", Upcoming(within_days=9999)),
    ("upcoming next 0 days", Invalid("The horizon must be at least one day, e.g. `next 30 days`.")),
    ("upcoming next 0 months", Invalid("The horizon must be at least one day, e.g. `next 30 days`.")),
    ("upcoming next 30 days next 2 weeks", Invalid("Give one horizon only, e.g. `next 30 days`.")),
])
def test_horizon_bounds(text, expected):
    assert parse_command(text) == expected


# --- limits and pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("upcoming", Upcoming(limit=DEFAULT_LIMIT)), ("upcoming 1", Upcoming(limit=1)),
    (f"upcoming {MAX_LIMIT}", Upcoming(limit=30)),
    ("upcoming 0", Invalid(LIMIT_MESSAGE)), ("upcoming 31", Invalid(LIMIT_MESSAGE)),
    ("upcoming 031", Invalid(LIMIT_MESSAGE)), ("upcoming 99999", Invalid(LIMIT_MESSAGE)),
])
def test_limit_bounds(text, expected):
    assert MAX_LIMIT == 30 and DEFAULT_LIMIT == 10
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("upcoming page 1", Upcoming(page=1)), ("upcoming page 2", Upcoming(page=2)),
    ("upcoming page 9999", Upcoming(page=9999)), ("upcoming 5 page: 3", Upcoming(limit=5, page=3)),
    ("upcoming page 0", Invalid(PAGE_MESSAGE)), ("upcoming page 0000", Invalid(PAGE_MESSAGE)),
    ("upcoming 5 page 2 page 3", Invalid("Give one page only, e.g. `page 2`.")),
    ("deadlines", Deadlines(1)), ("deadlines page 9999", Deadlines(9999)), ("deadline list page 2", Deadlines(2)),
    ("deadlines page 0", Invalid(PAGE_MESSAGE)), ("deadline list page 0", Invalid(PAGE_MESSAGE)),
    ("search border enforcement page 3", Search("border enforcement", 3)),
    ("search patents page 9999", Search("patents", 9999)),
    ("search patents page 0", Invalid(PAGE_MESSAGE)),
    ("search page 2", Search("page 2")),  # nothing before it: these are the words searched for
])
def test_page_bounds(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,leftover", [("upcoming page 10000", "page 10000"),
                                           ("upcoming next 10000 days", "next 10000 days")])
def test_five_digit_pages_and_horizons_are_not_read(text, leftover):
    assert parse_command(text) == Invalid(
        f"I don't understand `{leftover}`. Filters look like "
        "`agency:USPTO topic:patents beneficiary:Peru next 30 days`.")


# --- quotes -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("quoted", ["“Border workshop”", "\"Border workshop\"", "'Border workshop'",
                                    "”Border workshop”", "“ Border workshop ”"])
def test_quoted_field_values_lose_their_quotes(quoted):
    assert parse_command(f"add title: {quoted} | start: today") == Add({"title": "Border workshop",
                                                                       "start_date": "today"})
    assert parse_command(f"deadline add title: {quoted} | due: “2027-09-15”") == DeadlineAdd(
        {"title": "Border workshop", "due": "2027-09-15"})
    assert parse_command(f"upcoming beneficiary: {quoted}") == Upcoming(beneficiary="Border workshop")


@pytest.mark.parametrize("quotes", ["“”", '""', "''"])
def test_empty_quotes_are_an_empty_value(quotes):
    assert parse_command(f"add title: {quotes} | start: today") == Add({"title": "", "start_date": "today"})


@pytest.mark.parametrize("value", ["“Border workshop", "Border workshop”", "\"", "“Border workshop\"",
                                   "‘Border workshop’", "“Border” workshop"])
def test_unbalanced_or_inner_quotes_are_kept(value):
    assert parse_command(f"add title: {value}") == Add({"title": value})


# --- every subcommand reaches its own command -----------------------------------------------------

USE_DEADLINE = ("Use `/activities deadline add title: … | due: 2027-09-15 17:00`, "
                "`/activities deadline edit ID due: …` or `/activities deadline delete ID`.")
FOCAL = ("Write `/activities focal AGENCY @user [@user …]`, `/activities focal remove AGENCY @user` or "
         "`/activities focal` for the list, e.g. `/activities focal CLDP @maria`.")
NOT_A_FILE = ("That is not a link to a Slack file. Share the report here and write "
              "`/activities knowledge learn`, or paste the file's link (Copy link in its menu).")


@pytest.mark.parametrize("text,expected", [
    (None, Help()), ("help", Help()), ("HELP", Help()), ("?", Help()), ("usage", Help()), ("  help  ", Help()),
    ("upcoming", Upcoming()), ("next", Upcoming()), ("list", Upcoming()), ("next 5", Upcoming(limit=5)),
    ("List 7", Upcoming(limit=7)),
    ("topics", Topics()), ("agencies", Agencies()), ("TOPICS", Topics()),
    ("topics patents", Invalid("`topics` takes no arguments; try `/activities topics`.")),
    ("agencies CBP", Invalid("`agencies` takes no arguments; try `/activities agencies`.")),
    ("show 12", Show(12)), ("view 12", Show(12)), ("view #1", Show(1)),
    ("delete 3", Delete(3)), ("remove 3", Delete(3)), ("rm #3", Delete(3)),
    ("history 4", History(4)), ("history #4", History(4)),
    ("status", Status("")), ("status 2025-2026", Status("2025-2026")),
    ("digest on", Digest(True)), ("digest OFF", Digest(False)), ("Digest On", Digest(True)),
    ("find patents", Search("patents")), ("search border enforcement", Search("border enforcement")),
    ("ask what does CCIPS do?", Ask("what does CCIPS do?")),
    ("question who funds training?", Ask("who funds training?")),
    ("who border enforcement", Ask("who border enforcement")),
    ("Who handles patents?", Ask("Who handles patents?")),
    ("what does CBP do", Ask("what does CBP do")), ("which agency trains judges", Ask("which agency trains judges")),
    ("whose job is piracy", Ask("whose job is piracy")), ("where is USPTO", Ask("where is USPTO")),
])
def test_each_subcommand(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,message", [
    ("digest", "Say `/activities digest on` or `/activities digest off`."),
    ("digest maybe", "Say `/activities digest on` or `/activities digest off`."),
    ("who", "Ask about a topic, e.g. `/activities who border enforcement`."),
    ("where", "Ask about a topic, e.g. `/activities who border enforcement`."),
    ("ask", "Ask a question, e.g. `/activities ask what does CCIPS do?`."),
    ("question", "Ask a question, e.g. `/activities ask what does CCIPS do?`."),
    ("search", "Tell me what to search for, e.g. `/activities search border enforcement`."),
    ("find", "Tell me what to search for, e.g. `/activities search border enforcement`."),
    ("show 0", "Give the activity number, e.g. `/activities show 12`."),
    ("show", "Give the activity number, e.g. `/activities show 12`."),
    ("delete 0", "Give the activity number, e.g. `/activities delete 12`."),
    ("rm x", "Give the activity number, e.g. `/activities delete 12`."),
    ("history", "Give the activity number, e.g. `/activities history 12`."),
    ("history -1", "Give the activity number, e.g. `/activities history 12`."),
    ("show 2147483648", "There is no activity #2147483648: numbers go up to 2,147,483,647."),
    ("history 99999999999", "There is no activity #99999999999: numbers go up to 2,147,483,647."),
])
def test_each_subcommand_refuses_with_its_own_message(text, message):
    assert parse_command(text) == Invalid(message)


def test_the_largest_record_number_is_two_to_the_thirty_first_minus_one():
    assert MAX_ID == 2**31 - 1
    assert parse_command("show 2147483647") == Show(2**31 - 1)
    assert parse_command("delete 2147483647") == Delete(2**31 - 1)
    assert parse_command("deadline delete 2147483647") == DeadlineDelete(2**31 - 1)
    assert parse_command("deadline delete 2147483648") == Invalid(
        "There is no deadline #2147483648: numbers go up to 2,147,483,647.")


# --- reports, narratives, calls for inputs ------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("report", Report("", "")), ("report 2025-2026", Report("2025-2026", "")),
    ("report 2025-2026 docx", Report("2025-2026", "docx")), ("report XLSX", Report("", "xlsx")),
    ("report last year  Docx", Report("last year", "docx")),
    ("report mydocx", Report("mydocx", "")),  # the format is a word of its own
    ("report docx 2025", Report("docx 2025", "")),  # and the last one
])
def test_report_period_and_format(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("narrative", Narrative("")), ("narrative 2025-2026", Narrative("2025-2026")),
    ("narrative  last   year ", Narrative("last year")),
    ("narrative 2025-2026 set In the period.\n\nA second paragraph.",
     Narrative("2025-2026", "In the period.\n\nA second paragraph.")),
    ("narrative set  Done. ", Narrative("", "Done.")),
    ("narrative SET Done", Narrative("", "Done")),
    ("narrative last  year set Done", Narrative("last year", "Done")),
    ("narrative sunset", Narrative("sunset")), ("narrative settle", Narrative("settle")),
])
def test_narrative_show_or_set(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", ["narrative set", "narrative 2025-2026 set", "narrative 2025-2026 set   "])
def test_a_narrative_set_without_text_is_refused(text):
    command = parse_command(text)
    assert isinstance(command, Invalid) and command.message.startswith("Write the narrative after `set`")


@pytest.mark.parametrize("text,expected", [
    ("call", CallForInputs("", "")), ("call 2025-2026", CallForInputs("2025-2026", "")),
    ("call 2025-2026 due: next friday", CallForInputs("2025-2026", "next friday")),
    ("call 2025-2026 | due: 2026-10-01", CallForInputs("2025-2026", "2026-10-01")),
    ("call due:2026-10-01", CallForInputs("", "2026-10-01")),
    ("call DUE : 1 October 2026", CallForInputs("", "1 October 2026")),
])
def test_call_for_inputs(text, expected):
    assert parse_command(text) == expected


# --- deadlines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("deadline list", Deadlines()), ("deadline LIST page 3", Deadlines(3)), ("deadlines page: 2", Deadlines(2)),
    ("deadline add title: Report | due: 2027-09-15 17:00",
     DeadlineAdd({"title": "Report", "due": "2027-09-15 17:00"})),
    ("deadlines add Report due: 2027-09-15", DeadlineAdd({"title": "Report", "due": "2027-09-15"})),
    ("deadline ADD Report | time zone: Europe/Zurich | lead times: 30, 7 | repeats: yearly | note: x",
     DeadlineAdd({"title": "Report", "timezone": "Europe/Zurich", "leads": "30, 7", "repeat": "yearly",
                  "notes": "x"})),
    ("deadline edit 3 due: 2027-09-29 17:00", DeadlineEdit(3, {"due": "2027-09-29 17:00"})),
    ("deadline Edit #3 title: New | tz: UTC", DeadlineEdit(3, {"title": "New", "timezone": "UTC"})),
    ("deadline delete 3", DeadlineDelete(3)), ("deadline remove #3", DeadlineDelete(3)),
    ("deadline rm 3", DeadlineDelete(3)), ("deadlines delete 1", DeadlineDelete(1)),
])
def test_deadline_forms(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,message", [
    ("deadline", USE_DEADLINE), ("deadline rename 3", USE_DEADLINE), ("deadline list 3", USE_DEADLINE),
    ("deadlines soon", USE_DEADLINE),
    ("deadline edit 0 due: 2027-01-01", "Give the deadline number, e.g. `/activities deadline edit 3`."),
    ("deadline delete x", "Give the deadline number, e.g. `/activities deadline delete 3`."),
    ("deadline rm", "Give the deadline number, e.g. `/activities deadline rm 3`."),
    ("deadline edit 2147483648 due: x", "There is no deadline #2147483648: numbers go up to 2,147,483,647."),
    ("deadline delete 3 now", "`deadline delete` takes only the number."),
    ("deadline remove 3 x", "`deadline remove` takes only the number."),
    ("deadline edit 3", "Say what to change, e.g. `/activities deadline edit 3 due: 2027-09-29 17:00`."),
    ("deadline edit 3 later", "Say what to change, e.g. `/activities deadline edit 3 due: 2027-09-29 17:00`."),
    ("deadline edit 3 later due: 2027-01-01",
     "Say what to change, e.g. `/activities deadline edit 3 due: 2027-09-29 17:00`."),
    ("deadline edit 3 due: a | due date: b", "The field `due date` is given twice; give each field once."),
    ("deadline add title: a | title: b", "The field `title` is given twice; give each field once."),
    ("deadline add Report | title: Report",
     "I don't understand `Report`; every field needs a name, e.g. `due: 2027-09-15`."),
])
def test_deadline_errors(text, message):
    assert parse_command(text) == Invalid(message)


def test_the_largest_deadline_number_is_accepted():
    assert parse_command("deadline edit 2147483647 due: x") == DeadlineEdit(2**31 - 1, {"due": "x"})


# --- activities: fields and filters ------------------------------------------------------------

def test_a_field_without_a_name_after_a_title_is_refused():
    assert parse_command("add Workshop | title: Workshop") == Invalid(
        "I don't understand `Workshop`; every field needs a name, e.g. `start: next tuesday`.")


def test_every_add_field_name():
    text = ("add title: T | start date: 2026-09-01 | end: 2026-09-02 | members: Peru | by: CBP | topic: patents"
            " | format: online | where: Lima | desc: D | link: https://x.org | allow duplicate: yes")
    assert parse_command(text) == Add({"title": "T", "start_date": "2026-09-01", "end_date": "2026-09-02",
                                       "beneficiaries": "Peru", "agency": "CBP", "topics": "patents",
                                       "format": "online", "location": "Lima", "description": "D",
                                       "url": "https://x.org", "allow_duplicate": "yes"})


def test_a_field_name_inside_a_word_is_not_a_field():
    assert parse_command("add subtitle: x | start: today") == Add({"title": "subtitle: x", "start_date": "today"})
    assert parse_command("add title:x|start:today") == Add({"title": "x", "start_date": "today"})


@pytest.mark.parametrize("text,message", [
    ("upcoming agency:", "The filter `agency:` has no value."),
    ("upcoming agency: CBP topic:", "The filter `topic:` has no value."),
    ("upcoming agency: CBP by: ICE", "The filter `by` is given twice; give each filter once."),
    ("upcoming page 1 page 2", "Give one page only, e.g. `page 2`."),
])
def test_filter_errors(text, message):
    assert parse_command(text) == Invalid(message)


@pytest.mark.parametrize("text,expected", [
    ("upcoming about: patents member: Peru", Upcoming(topic="patents", beneficiary="Peru")),
    ("upcoming for: Chile by: CBP", Upcoming(beneficiary="Chile", agency="CBP")),
    ("upcoming next week", Upcoming(within_days=7)), ("upcoming next a week", Upcoming(within_days=7)),
    ("upcoming within one month", Upcoming(within_days=30)),
    ("upcoming next fortnight", Upcoming(within_days=14)), ("upcoming next 2 fortnight", Upcoming(within_days=28)),
    ("upcoming next year", Upcoming(within_days=365)), ("upcoming within 2 year", Upcoming(within_days=730)),
    ("upcoming next 2 weeks 5", Upcoming(limit=5, within_days=14)),
    ("upcoming page 2 next 3 days agency: CBP", Upcoming(page=2, within_days=3, agency="CBP")),
    ("upcoming 3 page 2", Upcoming(limit=3, page=2)),
])
def test_upcoming_filters_horizons_and_pages(text, expected):
    assert parse_command(text) == expected


# --- knowledge and focal points ----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("knowledge", Documents()), ("knowledge list", Documents()), ("knowledge documents", Documents()),
    ("knowledge Reports", Documents()),
    ("knowledge learn", LearnReport("")), ("knowledge LEARN F0123ABCD", LearnReport("F0123ABCD")),
    ("knowledge learn F123456", LearnReport("F123456")),
    ("knowledge learn <https://team.slack.com/files/U0123ABC/F0123ABCD/report.docx>", LearnReport("F0123ABCD")),
    ("knowledge learn \"F0123ABCD\"", LearnReport("F0123ABCD")),
])
def test_knowledge_forms(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,message", [
    ("knowledge list all", "`knowledge` takes no arguments; try `/activities knowledge`."),
    ("knowledge forget", "Write `/activities knowledge` (the stored reports) or `/activities knowledge learn` "
                         "after sharing a report here (or `/activities knowledge learn FILE LINK`)."),
    ("knowledge learn report.docx", NOT_A_FILE),
    ("knowledge learn F12345", NOT_A_FILE),  # too short for a file ID
    ("knowledge learn XF0123ABCD", NOT_A_FILE),
])
def test_knowledge_errors(text, message):
    assert parse_command(text) == Invalid(message)


@pytest.mark.parametrize("text,expected", [
    ("focal", Focal("list")), ("focal list", Focal("list")), ("focal LIST", Focal("list")),
    ("focal CLDP <@U0123ABC>", Focal("add", "CLDP", ("U0123ABC",))),
    ("focal add CLDP <@U0123ABC|maria> <@W0456DEF>", Focal("add", "CLDP", ("U0123ABC", "W0456DEF"))),
    ("focal Add CLDP <@U0123ABC> <@U0123ABC>", Focal("add", "CLDP", ("U0123ABC",))),
    ("focal remove CLDP <@U0123ABC>", Focal("remove", "CLDP", ("U0123ABC",))),
    ("focal rm CLDP <@U0123ABC>", Focal("remove", "CLDP", ("U0123ABC",))),
    ("focal DELETE CLDP <@U0123ABC>", Focal("remove", "CLDP", ("U0123ABC",))),
    ("focals Patent Office, <@U0123ABC>", Focal("add", "Patent Office", ("U0123ABC",))),
    ("focal-points CLDP U0123ABC", Focal("add", "CLDP", ("U0123ABC",))),
])
def test_focal_forms(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text,message", [
    ("focal CLDP @maria", "Mention each person with @ so that Slack sends who they are, e.g. "
                          "`/activities focal CLDP @maria`. " + FOCAL),
    ("focal CLDP", FOCAL), ("focal <@U0123ABC>", FOCAL), ("focal remove CLDP", FOCAL), ("focal add", FOCAL),
])
def test_focal_errors(text, message):
    assert parse_command(text) == Invalid(message)


# --- the Slack path reads `/activities upcoming` more than once ------------------------------------

def test_upcoming_answers_the_same_twice_through_slack(slack, services, db):
    with db.session() as s:
        factories.store(s, [activity("Border workshop", TODAY + timedelta(days=3))])
    first = slack.command("upcoming")
    second = slack.command("upcoming")
    assert first[0] == second[0] == 200
    assert "Border workshop" in first[1]["text"]
    assert first[1] == second[1]


def test_listings_start_on_the_first_page():
    assert parse_command("upcoming") == Upcoming(limit=DEFAULT_LIMIT, page=1)
    assert parse_command("upcoming agency: CBP") == Upcoming(agency="CBP", page=1)
    assert parse_command("search patents") == Search("patents", page=1)
    assert parse_command("deadlines") == Deadlines(page=1)


def test_a_call_with_an_empty_due_date_is_refused():
    assert parse_call("2025-2026 due:  ") == Invalid(
        "Give the due date after `due:`, e.g. `/activities call due: next friday`.")
    assert parse_call("due: 2026-10-01") == CallForInputs("", "2026-10-01")


@pytest.mark.parametrize("text,expected", [
    ("search Q page 2", Search("Q", 2)), ("search 5G page 3", Search("5G", 3)),
    ("find x  page: 2", Search("x", 2)),
])
def test_a_page_after_a_short_search_is_still_a_page(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", ["call 2025-2026 due:", "call due:", "call 2025-2026 | due:  "])
def test_a_call_with_nothing_after_due_is_refused(text):
    from bot.core import grammar

    command = grammar.parse_command(text)
    assert isinstance(command, grammar.Invalid) and "after `due:`" in command.message
