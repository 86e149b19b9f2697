"""The command grammar (bot/core/grammar.py): synonyms, links, horizons, quotes, page and limit bounds."""

import pytest

from bot.core.grammar import (
    DEFAULT_LIMIT,
    LINK_USAGE,
    MAX_LIMIT,
    SYNONYM_USAGE,
    Add,
    DeadlineAdd,
    Deadlines,
    Invalid,
    LinkTopic,
    Search,
    Synonyms,
    Upcoming,
    parse_command,
)

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
