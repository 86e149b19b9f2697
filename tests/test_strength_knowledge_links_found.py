"""Who does what in one sentence: the role each named agency gets (lead, partner, funder), where the
words that say it pays stand, which agency the sentence is about, and how those places rank the
agencies of a topic in a learned report."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot.core.knowledge.links_found import sentence_roles, subject_of
from tests.test_extract import learn


def named(sentence: str, *keys: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each acronym as a whole word, in the order of the sentence."""
    spans = []
    for key in keys:
        match = re.search(rf"(?<![\w-]){key}(?![\w-])", sentence)
        spans.append((match.start(), match.end(), key))
    return sorted(spans)


def roles_of(sentence: str, *keys: str) -> dict[str, str]:
    return {r.key: r.role for r in sentence_roles(sentence, named(sentence, *keys))}


def subject(sentence: str, *keys: str) -> str | None:
    return subject_of(sentence_roles(sentence, named(sentence, *keys)))


def ranked(result, topic: str) -> list[tuple[str, str]]:
    return [(l["agency"], l["role"]) for l in result["links"] if l["topic"] == topic]


# --- roles in one sentence -------------------------------------------------------------------------

def test_the_subject_leads_a_cooperating_body_is_a_partner_and_the_payer_a_funder():
    sentence = "The FOCBS, in cooperation with the IPI, organised a workshop and was funded by SECO."
    assert roles_of(sentence, "FOCBS", "IPI", "SECO") == {"FOCBS": "lead", "IPI": "partner", "SECO": "funder"}
    assert subject(sentence, "FOCBS", "IPI", "SECO") == "FOCBS"


def test_on_behalf_of_names_the_funder_and_the_subject_still_leads():
    sentence = "GIZ, on behalf of the BMZ, supported the FPO."
    assert roles_of(sentence, "GIZ", "BMZ", "FPO") == {"GIZ": "lead", "BMZ": "funder", "FPO": "lead"}
    assert subject(sentence, "GIZ", "BMZ", "FPO") == "GIZ"


def test_funding_words_at_the_very_start_of_the_sentence_name_a_funder():
    sentence = "Funded by the MOD, the FCS held a workshop."
    assert roles_of(sentence, "MOD", "FCS") == {"MOD": "funder", "FCS": "lead"}
    assert subject(sentence, "MOD", "FCS") == "FCS"


def test_the_funding_words_before_a_funder_are_where_the_role_says():
    sentence = "The FCS held a workshop, which was funded by the MOD."
    funder = [r for r in sentence_roles(sentence, named(sentence, "FCS", "MOD")) if r.key == "MOD"][0]
    assert funder.role == "funder"
    assert sentence[funder.funding[0]:funder.funding[1]] == "funded by the "


def test_a_subject_that_funds_is_a_funder_and_its_funding_verb_follows_it():
    sentence = "The MOD funds the FCS."
    roles = sentence_roles(sentence, named(sentence, "MOD", "FCS"))
    assert {r.key: r.role for r in roles} == {"MOD": "funder", "FCS": "lead"}
    mod = roles[0]
    assert sentence[mod.funding[0]:mod.funding[1]].strip() == "funds"
    assert subject_of(roles) == "MOD"


def test_the_agent_of_a_passive_verb_acts_when_there_is_no_other_subject():
    assert roles_of("The training was organised by the IPO.", "IPO") == {"IPO": "lead"}
    assert subject("The training was organised by the IPO.", "IPO") == "IPO"


def test_the_subject_is_preferred_to_the_agent_of_a_later_passive_verb():
    sentence = "The FCS said the GPIPR is implemented by the IPI."
    assert subject(sentence, "FCS", "GPIPR", "IPI") == "FCS"


def test_agencies_joined_by_and_share_the_subject_and_a_with_body_is_a_partner():
    sentence = "The FCS and the FPO held a workshop with the APO."
    assert roles_of(sentence, "FCS", "FPO", "APO") == {"FCS": "lead", "FPO": "lead", "APO": "partner"}
    worth = {r.key: r.worth for r in sentence_roles(sentence, named(sentence, "FCS", "FPO", "APO"))}
    assert worth["FCS"] == worth["FPO"] > worth["APO"]


def test_a_body_named_only_after_the_verb_is_not_what_the_sentence_is_about():
    assert roles_of("Examiners visited the FPO.", "FPO") == {"FPO": "lead"}
    assert subject("Examiners visited the FPO.", "FPO") is None
    assert subject("The FCS trained the FPO.", "FCS", "FPO") == "FCS"


@pytest.mark.parametrize("lead", ["In 2024, ", "Under the plan shared widely, "])
def test_a_leading_phrase_does_not_hide_the_subject(lead):
    sentence = lead + "the FCS trained the FPO."
    assert subject(sentence, "FCS", "FPO") == "FCS"


def test_no_mention_gives_no_roles_and_no_subject():
    assert sentence_roles("Nobody is named here.", []) == []
    assert subject_of([]) is None


@pytest.mark.parametrize("sentence,keys", [
    ("The FOCBS, in cooperation with the IPI, organised a workshop and was funded by SECO.", ("FOCBS", "IPI", "SECO")),
    ("GIZ, on behalf of the BMZ, supported the FPO.", ("GIZ", "BMZ", "FPO")),
    ("Examiners visited the FPO.", ("FPO",)),
    ("The FCS and the FPO held a workshop with the APO.", ("FCS", "FPO", "APO")),
])
def test_every_mention_is_evidence_for_its_agency_never_against_it(sentence, keys):
    assert all(r.worth > 0 for r in sentence_roles(sentence, named(sentence, *keys)))


def test_a_role_is_a_value_that_cannot_be_changed():
    role = sentence_roles("The FCS trained staff.", named("The FCS trained staff.", "FCS"))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        role.role = "funder"
    assert len({role, dataclasses.replace(role)}) == 1


# --- how far the words around a name are read ------------------------------------------------------

def _funded_at(distance: int) -> str:
    """A sentence whose "funded … by the" begins `distance` characters before the name MOD."""
    filler_length = distance - len("funded ") - len("by the ")  # up to six words in between
    words = ["w" * 9] * 6
    spare = filler_length - 60
    words[0] = "w" * (9 + spare)
    return "The FCS held a course " + "funded " + " ".join(words) + " by the MOD."


@pytest.mark.parametrize("distance,role", [(80, "funder"), (90, "funder"), (91, "lead"), (100, "lead")])
def test_funding_words_are_read_in_the_90_characters_before_a_name(distance, role):
    sentence = _funded_at(distance)
    assert sentence.index("MOD") - sentence.index("funded") == distance
    assert roles_of(sentence, "FCS", "MOD")["MOD"] == role


def _sponsored_after(reach: int) -> str:
    """A sentence whose subject MOD is followed by a parenthesis, then "sponsored", ending `reach`
    characters after the name."""
    inside = "x" * (reach - len(" () sponsored"))
    return f"The MOD ({inside}) sponsored a course."


@pytest.mark.parametrize("reach,role", [(50, "funder"), (60, "funder"), (61, "lead")])
def test_a_funding_verb_is_read_in_the_60_characters_after_a_name(reach, role):
    sentence = _sponsored_after(reach)
    end = sentence.index("MOD") + 3
    assert sentence.index("sponsored") + len("sponsored") - end == reach
    assert roles_of(sentence, "MOD") == {"MOD": role}


def _helped_at(distance: int) -> str:
    """A sentence whose "with the help of" begins `distance` characters before the name FPO."""
    word = "w" * (distance - len("with the help of ") - len(" the "))
    return f"The FCS held a course with the help of {word} the FPO."


@pytest.mark.parametrize("distance,role", [(40, "partner"), (50, "partner"), (51, "lead")])
def test_partner_words_are_read_in_the_50_characters_before_a_name(distance, role):
    sentence = _helped_at(distance)
    assert sentence.index("FPO") - sentence.index("with the help") == distance
    assert roles_of(sentence, "FCS", "FPO")["FPO"] == role


# --- what the places are worth, as the ranks of a learned report show -----------------------------

def test_a_funder_ranks_below_the_lead_and_above_a_partner():
    result = learn("The Freedonia Customs Service (FCS), in cooperation with the Freedonia Patent Office (FPO), "
                   "held a workshop on border measures, funded by the Ministry of Development (MOD).")
    assert ranked(result, "border-enforcement") == [("FCS", "lead"), ("MOD", "funder"), ("FPO", "partner")]


def test_a_funder_of_the_topic_its_funding_words_name_ranks_with_the_lead():
    # the funding words themselves name the topic: the funder weighs as much as the subject (ties go
    # to the first named, then the acronym), and above the partner
    result = learn("The Freedonia Customs Service (FCS), together with the Alpha Patent Office (APO), held a "
                   "workshop funded under the border measures budget by the Ministry of Development (MOD).")
    assert ranked(result, "border-enforcement") == [("FCS", "lead"), ("MOD", "funder"), ("APO", "partner")]


def test_the_body_a_subject_acts_on_ranks_below_the_subject():
    result = learn("The Xylo Customs Service (XCS) trained the Alpha Patent Office (APO) on border measures.")
    assert ranked(result, "border-enforcement") == [("XCS", "lead"), ("APO", "lead")]


def test_the_agent_of_a_passive_verb_counts_as_much_as_a_subject():
    # the GPIPR is the subject, the IPI the agent: both lead with the same weight, the first named first
    sentence = "The GPIPR is implemented by the IPI."
    worth = {r.key: r.worth for r in sentence_roles(sentence, named(sentence, "GPIPR", "IPI"))}
    assert worth["GPIPR"] == worth["IPI"]
    assert subject(sentence, "GPIPR", "IPI") == "GPIPR"


def test_a_body_after_the_subject_that_funds_is_a_funder_with_its_verb_after_it():
    sentence = "The FCS said the MOD funds the course."
    roles = sentence_roles(sentence, named(sentence, "FCS", "MOD"))
    assert {r.key: r.role for r in roles} == {"FCS": "lead", "MOD": "funder"}
    mod = roles[1]
    assert sentence[mod.funding[0]:mod.funding[1]] == " funds"
    assert subject_of(roles) == "FCS"


def test_of_a_paying_subject_and_an_acting_agent_the_one_that_acts_is_what_the_sentence_is_about():
    sentence = "The DCA funds the harbour programme implemented by the FCS."
    assert roles_of(sentence, "DCA", "FCS") == {"DCA": "funder", "FCS": "lead"}
    assert subject(sentence, "DCA", "FCS") == "FCS"
