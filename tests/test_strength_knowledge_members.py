"""Which Member a question names: names and aliases ignoring case (short ones only in capitals), the
name taken out of the question with its preposition, a name inside an agency's name kept, a Member
without stored knowledge reported as unknown, and names resolved to the stored spelling."""

import dataclasses

import pytest

from bot.core.knowledge.members import MemberFound, canonical, find_member

STORED = ["United States of America", "Japan", "Switzerland"]


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("question,member,left", [
    ("who handles border measures in Japan?", "Japan", "who handles border measures ?"),
    ("Switzerland: who funds IP projects?", "Switzerland", "who funds IP projects?"),
    ("customs for Switzerland", "Switzerland", "customs"),
    ("Japan's customs", "Japan", "customs"),
    ("who handles customs in the US?", "United States of America", "who handles customs ?"),
])
def test_the_member_named_is_found_and_taken_out_of_the_question(question, member, left):
    found = find_member(question, STORED)
    assert found.member == member and found.unknown is None
    assert words(found.question) == words(left)


def test_the_longest_name_is_taken_out_whole_not_a_shorter_alias_inside_it():
    found = find_member("who handles customs in the United States of America?", STORED)
    assert found.member == "United States of America"
    assert words(found.question) == ["who", "handles", "customs", "?"]


def test_a_member_name_inside_an_agency_name_selects_the_member_but_stays_in_the_question():
    question = "what does the Japan Patent Office do?"
    assert find_member(question, STORED) == MemberFound("Japan", question)


@pytest.mark.parametrize("question", ["who works in japan?", "who works in JAPAN?"])
def test_a_long_name_is_found_whatever_its_case(question):
    assert find_member(question, STORED).member == "Japan"


def test_a_stored_member_of_four_letters_is_found_whatever_its_case():
    found = find_member("who works in peru?", ["Peru"])
    assert found.member == "Peru" and words(found.question) == ["who", "works", "?"]


@pytest.mark.parametrize("question", ["let us know who handles customs", "who handles customs in usa?"])
def test_an_alias_of_three_letters_or_fewer_counts_only_in_capitals(question):
    assert find_member(question, STORED) == MemberFound(None, question)


def test_a_short_alias_in_capitals_counts():
    assert find_member("who handles customs in USA?", STORED).member == "United States of America"


def test_a_known_member_without_stored_knowledge_is_reported_unknown_and_the_question_kept():
    question = "who funds projects in Norway?"
    assert find_member(question, STORED) == MemberFound(None, question, unknown="Norway")


def test_an_alias_of_a_member_without_stored_knowledge_reports_the_wto_name():
    assert find_member("who funds Norwegian projects?", STORED).unknown == "Norway"


def test_a_question_naming_no_member_is_left_as_it_is():
    question = "who handles border enforcement?"
    assert find_member(question, STORED) == MemberFound(None, question)


def test_a_member_found_is_a_value_that_cannot_be_changed():
    found = find_member("customs for Switzerland", STORED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.member = "Japan"
    assert {found: 1}[MemberFound("Switzerland", "customs")] == 1


@pytest.mark.parametrize("name,stored,member", [
    ("JAPAN", STORED, "Japan"),                                       # a stored Member, any case
    ("usa", STORED, "United States of America"),                      # an alias, to the stored Member
    ("U.S.", ["united states of america"], "united states of america"),  # the stored spelling wins
    ("Norway", STORED, "Norway"),                                     # known to the WTO list, not stored
    ("Freedonia", ["Freedonia"], "Freedonia"),                        # stored, unknown to the WTO list
])
def test_a_name_stands_for_its_stored_member_or_the_wto_name(name, stored, member):
    assert canonical(name, stored) == member


def test_a_name_neither_stored_nor_known_stands_for_no_member():
    assert canonical("Narnia", STORED) is None
