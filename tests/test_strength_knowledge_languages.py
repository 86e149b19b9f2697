"""Detecting the language of a question: what each character, elision, contraction, word and ending
counts for, when a language wins outright and when the locale (then English) breaks the tie, the
confidence, and keeping only the report paragraphs in the question's language."""

import dataclasses

import pytest

from bot.core.knowledge.base import Knowledge, Passage
from bot.core.knowledge.languages import Cues, Detected, detect_language, in_language, locale_language, \
    score_languages
from bot.core.records import Source

CUES = Cues.from_texts({"en": ["patents", "who"], "fr": ["de", "brevets", "qui"], "es": ["de", "patentes"]})


def scores(en=0.0, fr=0.0, es=0.0) -> dict[str, float]:
    return {"en": en, "fr": fr, "es": es}


# The weights the module documents: "ñ ¿ ¡" and "ç œ" are strong marks (2), the accented vowels of one
# language 1.5, "ë ï" 1, and "é" (French leaning) and "ü" (Spanish leaning) only 0.5
@pytest.mark.parametrize("text,expected", [
    ("ñ", scores(es=2.0)), ("¿", scores(es=2.0)), ("¡", scores(es=2.0)),
    ("á", scores(es=1.5)), ("í", scores(es=1.5)), ("ó", scores(es=1.5)), ("ú", scores(es=1.5)),
    ("ü", scores(es=0.5)),
    ("ç", scores(fr=2.0)), ("œ", scores(fr=2.0)),
    ("à", scores(fr=1.5)), ("è", scores(fr=1.5)), ("ê", scores(fr=1.5)), ("â", scores(fr=1.5)),
    ("î", scores(fr=1.5)), ("ô", scores(fr=1.5)), ("û", scores(fr=1.5)), ("ù", scores(fr=1.5)),
    ("ë", scores(fr=1.0)), ("ï", scores(fr=1.0)), ("é", scores(fr=0.5)),
    ("Ñ À", scores(es=2.0, fr=1.5)),  # capitals count as their small letters
])
def test_each_character_counts_for_its_language(text, expected):
    assert score_languages(text) == expected


def test_elisions_count_for_french_and_contractions_for_english():
    assert score_languages("l'OMPI s'occupe") == scores(fr=4.0)
    assert score_languages("don't") == scores(en=1.5) and score_languages("who's") == scores(en=1.5)


def test_a_word_counts_whole_for_the_one_language_it_belongs_to_and_is_shared_among_several():
    assert score_languages("patents", CUES) == scores(en=1.0)
    assert score_languages("de", CUES) == scores(fr=0.5, es=0.5)  # two letters are still a word
    assert score_languages("de brevets", CUES) == scores(fr=1.5, es=0.5)
    assert score_languages("patents", None) == scores()  # no cues: words say nothing


def test_an_ending_counts_half_a_word_on_words_longer_than_four_letters_the_lists_do_not_hold():
    assert score_languages("thing") == scores(en=0.5) and score_languages("sing") == scores()
    assert score_languages("naciones") == scores(es=0.5) and score_languages("genereux") == scores(fr=0.5)
    assert score_languages("things", CUES) == scores(en=0.5)
    assert score_languages("2024 x") == scores()  # numbers and single letters say nothing


def test_cues_are_lower_case_words_without_numbers():
    cues = Cues.from_texts({"en": ["Patent Office 2024"], "fr": ["propriété intellectuelle"]})
    assert cues.words == {"en": {"patent", "office"}, "fr": {"propriete", "intellectuelle"}}


def test_a_language_leading_by_a_clear_margin_decides_with_its_confidence():
    found = detect_language("à")
    assert (found.language, found.decided, found.confidence, found.ranking) == ("fr", True, 1.0, ("fr", "en", "es"))
    one_word = detect_language("patents", cues=CUES)
    assert one_word.decided and one_word.language == "en" and one_word.confidence == 1.0
    mixed = detect_language("à ü")  # French 1.5, Spanish 0.5: a lead of 1.0, two thirds of the best
    assert mixed.decided and mixed.language == "fr" and mixed.confidence == round(1.0 / 1.5, 3)
    assert mixed.ranking == ("fr", "es", "en") and mixed.scores == scores(fr=1.5, es=0.5)


@pytest.mark.parametrize("text", ["é", "thing"])
def test_a_small_lead_does_not_decide_and_english_goes_first_without_a_locale(text):
    found = detect_language(text)
    assert not found.decided and found.language == "en"


def test_without_english_among_the_tied_the_best_goes_first():
    found = detect_language("ë ü")  # French 1.0, Spanish 0.5, English 0: more than the margin behind
    assert not found.decided and found.language == "fr" and found.confidence == 0.5


def test_on_a_tie_the_locale_decides_when_its_language_is_among_the_tied():
    assert detect_language("é", "fr-FR").language == "fr" and detect_language("é", "es-ES").language == "es"
    near = detect_language("ë ü", "es-ES")  # French 1.0, Spanish 0.5: close enough for Spanish
    assert near.language == "es" and near.ranking == ("es", "fr", "en") and not near.decided


def test_a_language_more_than_the_margin_behind_is_not_chosen_by_the_locale():
    assert detect_language("ë", "en-US").language == "fr"  # English 0 against French 1.0
    # French 2.0 against Spanish 1.5: Spanish is tied, English (0) is out of the tie
    found = detect_language("àé á", "en-US")
    assert not found.decided and found.language == "fr"
    assert detect_language("àé á", "es-ES").language == "es"


def test_an_empty_question_is_an_undecided_english_with_no_confidence():
    found = detect_language("")
    assert found == Detected("en", 0.0, False, ("en", "fr", "es"), scores())
    assert detect_language("", "fr-FR").language == "fr"


def test_a_detection_and_cues_are_values_that_cannot_be_changed():
    found = detect_language("à")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.language = "en"
    with pytest.raises(dataclasses.FrozenInstanceError):
        CUES.words = {}


@pytest.mark.parametrize("locale,language", [("fr-CA", "fr"), ("es_MX", "es"), (" EN-gb", "en"), ("pt-BR", None),
                                             ("", None), (None, None)])
def test_the_language_of_a_slack_locale(locale, language):
    assert locale_language(locale) == language


# ---------------------------------------------------------------------------------------------
# Report paragraphs per language
# ---------------------------------------------------------------------------------------------

def passage(text: str) -> Passage:
    return Passage(Source(document="Report", paragraph="1"), text)


ENGLISH = passage("The office trains examiners on patents.")
FRENCH = passage("L'office forme les examinateurs à la propriété intellectuelle.")
SPANISH = passage("La oficina capacita a los examinadores en materia de patentes y información.")


def test_a_french_question_reads_only_the_french_paragraphs_and_english_reads_all():
    knowledge = Knowledge([], [], [], [ENGLISH, FRENCH, SPANISH])
    assert in_language(knowledge, "en", CUES) is knowledge
    french = in_language(knowledge, "fr", CUES)
    assert french.passages == [FRENCH] and in_language(knowledge, "fr", CUES) is french
    assert in_language(knowledge, "es", CUES).passages == [SPANISH]


def test_knowledge_without_paragraphs_is_the_same_in_every_language():
    knowledge = Knowledge([], [], [])
    assert in_language(knowledge, "fr", CUES) is knowledge and in_language(knowledge, "es", CUES) is knowledge


def test_an_elided_word_counts_as_the_word_after_the_apostrophe():
    # "s'occupe": two for the French elision, one for "occupe", a French word of its own
    cues = Cues.from_texts({"fr": ["s'occupe"]})
    assert score_languages("s'occupe", cues) == scores(fr=3.0)


def test_single_letters_say_nothing_except_the_one_letter_words_a_y_o_e():
    cues = Cues.from_texts({"en": ["x"], "es": ["y"]})
    assert score_languages("x", cues) == scores()
    assert score_languages("y", cues) == scores(es=1.0)
