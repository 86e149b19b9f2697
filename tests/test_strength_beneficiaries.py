"""Beneficiary names: the shared key of two spellings, the shipped entries, suggestions drawn from names (not
codes), the unknown-name message, resolving with " (other)" and --allow-unknown, LDC counts, export names, and
search words rewritten to WTO names without breaking a name already written the WTO's way."""

import dataclasses

import pytest

from bot.core import beneficiaries as b


def test_the_key_ignores_case_accents_punctuation_and_a_leading_the():
    assert b.key("The Bahamas") == b.key("bahamas") == "bahamas"
    assert b.key("the  Gambia") == "gambia"
    assert b.key("Theland") == "theland"  # "the" only as a word of its own
    assert b.key("Côte d’Ivoire") == b.key("cote divoire") == "cotedivoire"
    assert b.key("") == "" and b.key(None) == ""


def test_an_entry_lists_every_spelling_and_reads_as_json():
    peru = b.canonical("Pérou")
    assert peru.name == "Peru" and {"Peru", "Pérou", "Perú", "PER"} <= set(peru.names())
    assert peru.to_json() == {"name": "Peru", "code": "PER", "ldc": False, "kind": "member", "name_fr": "Pérou",
                              "name_es": "Perú", "region": peru.region, "variants": list(peru.variants)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        peru.ldc = True


def test_an_entry_is_no_ldc_unless_the_list_says_so():
    assert b.Entry("Somewhere").ldc is False and b.Entry("Somewhere").kind == "member"
    assert not b.is_ldc("Peru") and not b.is_ldc("Chile") and b.is_ldc("Haiti")
    assert sum(entry.ldc for entry in b.entries()) < len(b.entries()) / 3


def test_known_names_resolve_with_or_without_the_other_suffix_and_unknown_ones_do_not():
    assert b.canonical_name("Peru (other)") == "Peru"
    assert b.canonical_name("Pacific Islands (autre)") == "Pacific Islands"
    assert b.canonical_name("Vietnam") == "Viet Nam"
    assert b.is_other("Pacific Islands ( Otro )") and not b.is_other("Pacific Islands") and not b.is_other(None)
    assert b.strip_other("Pacific Islands (other) ") == "Pacific Islands" and b.strip_other(None) == ""


def test_resolving_keeps_each_name_once_in_order_and_skips_blanks():
    assert b.resolve(["Pacific Islands (other)", "pacific  islands (OTHER)", None, "", "  ", "Vietnam",
                      "  Viet   Nam "]) == (["Pacific Islands", "Viet Nam"], [])
    # names that are only punctuation have no key: each is kept as written
    assert b.resolve(["!!! (other)", "??? (other)"]) == (["!!!", "???"], [])


def test_unknown_names_are_refused_unless_allowed():
    names, errors = b.resolve(["Narnia", "Peru"])
    assert names == ["Peru"] and errors == [b.unknown_message("Narnia")]
    assert b.resolve(["Narnia", "narnia"], allow_unknown=True) == (["Narnia"], [])


def test_the_unknown_message_offers_the_close_names_and_the_other_suffix():
    assert b.unknown_message("Congoo") == (
        'Unknown beneficiary "Congoo" — did you mean "Congo" or "Democratic Republic of the Congo"? Write a WTO '
        "Member or observer (English, French or Spanish name, or ISO code), or add \"(other)\" to record a name "
        "outside the list: `Congoo (other)`.")
    assert b.unknown_message("Qwxzv").startswith('Unknown beneficiary "Qwxzv". Write a WTO Member')


def test_suggestions_are_at_most_three_names_each_once_closest_first():
    many = b.suggest("Repblic of Korea")
    assert many[0] == "Korea, Republic of" and len(many) == 3 and len(set(many)) == 3
    assert b.suggest("Repblic of Korea", limit=1) == ["Korea, Republic of"]
    assert b.suggest("Koreaa") == ["Korea, Republic of"]  # several spellings of one entry: named once
    assert b.suggest("!!!") == [] and b.suggest("") == []


def test_suggestions_come_from_names_not_from_codes_and_acronyms():
    assert "United States" not in b.suggest("USAA")  # "USA", "U.S.A." are codes
    assert b.suggest("COMESAA") == []  # six capitals: an acronym
    assert b.suggest("CARICON") == ["Caribbean Community"]  # CARICOM, seven capitals, is a name


def test_ldcs_are_counted_once_each_among_known_names():
    assert b.count_ldcs(["Nepal", "Peru", "nepal", "Haiti", "Narnia", "Bangladesh (other)"]) == 2
    assert b.count_ldcs([]) == 0


def test_search_words_use_the_wto_name_of_phrases_up_to_six_words():
    assert b.search_words("Democratic Socialist Republic of Sri Lanka talks") == "Sri Lanka talks"
    seven = "Democratic Republic of Sao Tome and Principe"  # a seven-word variant is too long to look up whole
    assert b.search_words(seven) == seven


def test_search_words_keep_a_name_already_written_the_wto_way():
    assert b.search_words("workshop in Viet Nam") == "workshop in Viet Nam"
    assert b.search_words("Sao Tome and Principe training") == "Sao Tome and Principe training"
    assert b.search_words("Peru Chile") == "Peru Chile"


def test_short_words_count_as_names_only_when_capitalised():
    assert b.search_words("Laos office") == "Lao People s Democratic Republic office"
    assert b.search_words("laos office") == "laos office"
    assert b.search_words("burma trip") == "Myanmar trip"  # five letters: a name even in lower case
    assert b.search_words("U.S.A. Pérou") == "United States Peru"
    assert b.search_words("") == ""


def test_a_spelling_three_quarters_alike_is_suggested_and_one_just_less_alike_is_not():
    from rapidfuzz import fuzz

    assert fuzz.ratio(b.key("Afgani"), b.key("Afganistan")) == 75  # exactly the cutoff
    assert b.suggest("Afgani") == ["Afghanistan"]
    assert 74 < fuzz.ratio(b.key("Islamic Emirate of"), b.key("Islamic Emirate of Afghanistan")) < 75
    assert b.suggest("Islamic Emirate of") == []
