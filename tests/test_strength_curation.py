"""Checking admins' synonym and link changes before they are stored: how names resolve, the limits, and
each refusal with its reason (a word of another topic or agency, only ignored words, too long, unknown)."""

import dataclasses

import pytest

from bot.core.curation import (LinkPlan, SynonymPlan, clean_synonym, find_topic, is_everyday, plan_link,
                               plan_synonyms)
from bot.core.knowledge import Knowledge
from bot.core.records import Agency, Topic

BORDER = Topic("border-enforcement", "Border enforcement", synonyms=("Seizures at ports", "border patrol", "border"))
COPYRIGHT = Topic("copyright", "Copyright", synonyms=("authors rights",))
CBP = Agency("CBP", "Customs and Border Protection", aliases=("Patrol Agency",))
AGENCY = Agency("AG", "Agency")
USPTO = Agency("USPTO", "Patent and Trademark Office")
KB = Knowledge([CBP, AGENCY, USPTO], [BORDER, COPYRIGHT], [])


def test_synonyms_are_stored_lower_case_with_single_spaces():
    assert clean_synonym("  Port \t SEIZURES ") == "port seizures"


def test_a_topic_is_found_by_slug_name_or_synonym():
    for text in ("border-enforcement", "border enforcement", "Border Enforcement", "seizures at ports"):
        assert find_topic(text, KB) == BORDER
    assert find_topic("trademarks", KB) is None


def test_adding_synonyms_splits_new_words_from_those_the_topic_already_has():
    plan = plan_synonyms("copyright", ("Software Piracy", " software  piracy ", "", "Authors Rights",
                                       "copyright", "music"), KB)
    assert plan == SynonymPlan(COPYRIGHT, ("software piracy", "music"), ("authors rights", "copyright"))


def test_a_synonym_of_another_topic_or_an_agency_name_is_refused_with_the_way_out():
    assert plan_synonyms("copyright", ("seizures at ports", "music"), KB) == [
        "`seizures at ports` already means Border enforcement; a synonym belongs to one topic only "
        "(remove it there first)."]
    assert plan_synonyms("copyright", ("patent and trademark office",), KB, adding=True) == [
        "`patent and trademark office` names the agency USPTO; link the topic to it instead "
        "(`/activities link copyright : USPTO`)."]


def test_a_synonym_only_of_ignored_words_is_refused():
    assert plan_synonyms("copyright", ("the who",), KB) == [
        "`the who` is made only of words I ignore in questions (like “who” or “the”)."]


def test_a_synonym_may_be_100_characters_long_not_more():
    longest = "piracy " * 14 + "ab"
    assert len(longest) == 100
    plan = plan_synonyms("copyright", (longest,), KB)
    assert isinstance(plan, SynonymPlan) and plan.words == (longest,)
    too_long = longest + "c"
    assert plan_synonyms("copyright", (too_long, "music"), KB) == [
        f"`{too_long[:40]}…` is longer than 100 characters."]


def test_at_most_twenty_synonyms_at_once():
    twenty = tuple(f"word{n}" for n in range(20))
    assert plan_synonyms("copyright", twenty, KB).words == twenty
    assert plan_synonyms("copyright", (*twenty, "word20"), KB) == ["Give at most 20 synonyms at once."]


def test_an_unknown_topic_is_refused_whether_adding_or_removing():
    for adding in (True, False):
        assert plan_synonyms("trademarks", ("tm",), KB, adding=adding) == [
            "I don't know the topic `trademarks`; `/activities topics` lists them."]


def test_removing_synonyms_names_them_as_stored_and_what_was_not_there():
    plan = plan_synonyms("border enforcement", ("SEIZURES AT PORTS", "music", ""), KB, adding=False)
    assert plan == SynonymPlan(BORDER, ("Seizures at ports",), ("music",))
    assert plan_synonyms("border-enforcement", ("music", "art"), KB, adding=False) == [
        "music, art: not a synonym of Border enforcement; `/activities synonyms border-enforcement` lists them."]


def test_everyday_words_are_told_apart():
    assert is_everyday("port", KB) and is_everyday("Budget", KB)
    assert not is_everyday("seizures at ports", KB) and not is_everyday("copyright", KB)


def test_a_link_resolves_topic_and_agency_given_apart():
    assert plan_link("seizures at ports", "customs and border protection", "", KB) == LinkPlan(BORDER, CBP)
    assert plan_link("copyright", "uspto", "", KB, {"role": None, "description": "x" * 500}) == \
        LinkPlan(COPYRIGHT, USPTO)


def test_a_link_field_may_be_500_characters_not_more():
    assert plan_link("copyright", "USPTO", "", KB, {"description": "x" * 501}) == [
        "The description is longer than 500 characters."]


def test_a_link_without_a_colon_is_split_where_exactly_one_reading_works():
    assert plan_link(None, None, "copyright USPTO", KB) == LinkPlan(COPYRIGHT, USPTO)
    assert plan_link(None, None, "seizures at ports patent and trademark office", KB) == LinkPlan(BORDER, USPTO)
    assert plan_link("ignored", None, "copyright CBP", KB) == LinkPlan(COPYRIGHT, CBP)
    assert plan_link(None, "ignored", "copyright CBP", KB) == LinkPlan(COPYRIGHT, CBP)
    refusal = ["I can't tell the topic from the agency in `{}`; separate them with `:`, "
               "e.g. `/activities link border enforcement : CBP partner`."]
    # "border" + "patrol agency" and "border patrol" + "agency": two readings
    assert plan_link(None, None, "border patrol agency", KB) == [refusal[0].format("border patrol agency")]
    assert plan_link(None, None, "trademarks USPTO", KB) == [refusal[0].format("trademarks USPTO")]
    assert plan_link(None, None, "copyright", KB) == [refusal[0].format("copyright")]


def test_an_unknown_topic_or_agency_in_a_link_is_named():
    assert plan_link("trademarks", "USPTO", "", KB) == [
        "I don't know the topic `trademarks`; `/activities topics` lists them."]
    assert plan_link("copyright", "WIPO", "", KB) == [
        "I don't know the agency `WIPO`; `/activities agencies` lists them."]
    assert len(plan_link("trademarks", "WIPO", "", KB)) == 2


def test_plans_are_immutable_values():
    for plan in (SynonymPlan(COPYRIGHT, ("music",)), LinkPlan(COPYRIGHT, USPTO)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            plan.topic = BORDER
        assert hash(plan) == hash(dataclasses.replace(plan))
