"""Reading an agency's name before its acronym: initials of "U.S." and short capitals, what counts as an
acronym (plurals, one-capital names of up to eight letters), commas and "&" inside a name."""

from __future__ import annotations

import pytest

from bot.core.knowledge.agency_names import (head_phrases, head_word, initials, is_agency_name,
                                             is_programme_name, looks_like_acronym, name_before)


def before(text: str, acronym: str) -> tuple[str, str] | None:
    """What the report names before "(ACRONYM)", as the agency finder asks for it."""
    return name_before(text, text.index(f"({acronym})"), acronym)


def test_initials_spell_out_dotted_and_short_capital_words_letter_by_letter():
    assert initials(["U.S.", "Trade", "JPO", "of", "Co-operation"]) == ["U", "S", "T", "J", "P", "O", "o", "C", "O"]


def test_the_us_trade_representative_is_named_from_its_office():
    assert before("the Office of the U.S. Trade Representative (USTR) leads.", "USTR") == (
        "Office of the U.S. Trade Representative", "")


@pytest.mark.parametrize("text", ["LDCs", "SMEs", "MSMEs"])
def test_plurals_of_acronyms_are_not_acronyms(text):
    assert looks_like_acronym(text) is False
    assert looks_like_acronym(text[:-1]) is True


@pytest.mark.parametrize("text,expected", [("Norad", True), ("Finnfund", True), ("Ab", False),
                                           ("Copenhagen", False), ("Switzerland", False)])
def test_a_one_capital_word_is_an_acronym_only_with_three_to_eight_letters(text, expected):
    assert looks_like_acronym(text) is expected


def test_commas_and_ampersands_inside_a_name_are_kept():
    assert before("the Foreign, Commonwealth & Development Office (FCDO) funds it.", "FCDO") == (
        "Foreign, Commonwealth & Development Office", "")
    assert before("the Ministry of Economy, Trade and Industry (METI) helps.", "METI") == (
        "Ministry of Economy, Trade and Industry", "")


def test_an_acronym_that_is_not_the_initials_names_the_organisation_after_the_last_comma():
    assert before("the Federal Department of Economic Affairs, State Secretariat for Economic Affairs (SECO) "
                  "funds it.", "SECO") == ("State Secretariat for Economic Affairs", "")


def test_words_without_an_organisation_word_and_without_the_initials_name_nothing():
    assert before("the Swiss Confederation (CH) funds it.", "CH") is None


def test_the_name_starts_at_the_acronyms_initials_when_no_connector_joins_a_body_before():
    assert before("the National Police Cybercrime Unit (CU) seized goods.", "CU") == ("Cybercrime Unit", "")


def test_a_body_joined_by_of_before_the_initials_belongs_to_the_name_with_its_capitalised_words():
    assert before("the Swiss Federal Department of Economic Affairs (EA) funds it.", "EA") == (
        "Swiss Federal Department of Economic Affairs", "")
    assert before("with Trade and Swiss Federal Department of Economic Affairs (EA) staff.", "EA") == (
        "Swiss Federal Department of Economic Affairs", "")


def test_an_acronym_ending_at_an_office_leaves_the_of_part_as_its_parent():
    assert before("the U.S. Copyright Office of the Library of Congress (USCO) trains.", "USCO") == (
        "U.S. Copyright Office", "Library of Congress")


@pytest.mark.parametrize("name,head", [
    ("Department of Justice Criminal Division", "division"),          # last word an organisation word
    ("Support to Trade in Africa project", "project"),                # last word a kind of programme
    ("Swiss Federal Institute of Intellectual Property", "institute"),  # else the word before "of"
    ("Expert Deployment Mechanism for Trade and Development", "mechanism"),
])
def test_the_head_word_says_what_a_name_names(name, head):
    assert head_word(name) == head


def test_treaties_are_programme_names_and_offices_are_not():
    assert is_programme_name("Marrakesh Treaty") is True
    assert is_programme_name("Japan Patent Office") is False


@pytest.mark.parametrize("name,acronym,expected", [
    ("Ministry of Trade", "MOT", True),
    ("Customs Enforcement Services", "", True),      # "services" names a body as well as a programme
    ("Global Programme for Intellectual Property Rights", "", False),
    ("Paris Convention", "", False),
    ("World Intellectual Property Organization", "WIPO", False),
])
def test_which_names_are_agencies_of_the_member(name, acronym, expected):
    assert is_agency_name(name, acronym, set()) is expected


def test_organisation_names_without_an_acronym_are_found_where_they_stand():
    text = "Training was given by Japan Customs. Support came from the Ministry of Foreign Affairs; thanks."
    found = head_phrases(text)
    assert [name for _, _, name in found] == ["Japan Customs", "Ministry of Foreign Affairs"]
    assert all(text[start:end] == name for start, end, name in found)


def test_a_found_name_never_starts_with_an_article():
    assert head_phrases("The Ministry of Finance, too.") == []


def test_a_parent_named_by_one_word_after_of_is_kept_as_the_parent():
    assert before("the National Copyright Office of Freedonia (NCO) trains.", "NCO") == (
        "National Copyright Office", "Freedonia")


def test_a_dotted_abbreviation_before_the_body_counts_as_a_capitalised_word_of_the_name():
    assert before("the U.S. Department of Homeland Security (HS) trains.", "HS") == (
        "U.S. Department of Homeland Security", "")
