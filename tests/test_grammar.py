import dataclasses
import typing

from hypothesis import given, settings, strategies as st

from bot.core import grammar
from bot.core.grammar import parse_command


def test_empty_text_and_help_give_help():
    assert parse_command("") == grammar.Help()
    assert parse_command("   ") == grammar.Help()
    assert parse_command("help") == grammar.Help()


def test_upcoming_defaults_and_count():
    assert parse_command("upcoming") == grammar.Upcoming(limit=10)
    assert parse_command("upcoming 3").limit == 3


def test_upcoming_filters_with_multiword_values_and_horizon():
    command = parse_command('upcoming 5 agency: Patent and Trademark Office topic:border enforcement '
                            'beneficiary:"Viet Nam" next 2 weeks')
    assert command == grammar.Upcoming(limit=5, agency="Patent and Trademark Office",
                                       topic="border enforcement", beneficiary="Viet Nam", within_days=14)


def test_upcoming_rejects_out_of_range_counts_and_noise():
    assert isinstance(parse_command("upcoming 0"), grammar.Invalid)
    assert isinstance(parse_command(f"upcoming {grammar.MAX_LIMIT + 1}"), grammar.Invalid)
    assert "banana" in parse_command("upcoming banana").message
    assert isinstance(parse_command("upcoming agency:CBP agency:ICE"), grammar.Invalid)
    assert isinstance(parse_command("upcoming agency:"), grammar.Invalid)


def test_add_fields_by_name_and_leading_title():
    command = parse_command("add title: Workshop | start: 2026-09-15 | beneficiaries: Peru; Chile | agency: CBP")
    assert command.fields == {"title": "Workshop", "start_date": "2026-09-15",
                              "beneficiaries": "Peru; Chile", "agency": "CBP"}
    command = parse_command("add Workshop: patents start: 2026-09-15 for: Peru agency: USPTO")
    assert command.fields["title"] == "Workshop: patents"
    assert command.fields["beneficiaries"] == "Peru"


def test_add_rejects_duplicate_field():
    assert isinstance(parse_command("add title: a title: b"), grammar.Invalid)


def test_ids_for_show_and_delete():
    assert parse_command("show 12") == grammar.Show(12)
    assert parse_command("show #7") == grammar.Show(7)
    assert parse_command("delete 3") == grammar.Delete(3)
    assert isinstance(parse_command("delete three"), grammar.Invalid)
    assert isinstance(parse_command("show"), grammar.Invalid)


def test_unknown_subcommand_names_it():
    result = parse_command("frobnicate now")
    assert isinstance(result, grammar.Invalid) and "frobnicate" in result.message


COMMAND_TYPES = typing.get_args(grammar.Command)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_to_a_command(text):
    result = parse_command(text)  # never raises
    assert isinstance(result, COMMAND_TYPES)
    if isinstance(result, grammar.Invalid):
        assert result.message.strip()  # a refusal always says what to fix
    if isinstance(result, grammar.Upcoming):
        assert 1 <= result.limit <= grammar.MAX_LIMIT


def test_every_command_type_is_in_the_command_union():
    declared = {value for value in vars(grammar).values()
                if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == grammar.__name__}
    assert declared == set(COMMAND_TYPES)  # a new command type cannot be left out of `Command`
