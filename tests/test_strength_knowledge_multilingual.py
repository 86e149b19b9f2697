"""Answering in the question's language when its own index abstains: another language tries only when the
question shows a whole word of it (or on a tie), never with typo correction, and the answer speaks the
question's language when the question decided it, else the language that answered."""

from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.base import Knowledge
from bot.core.records import Agency, Link, Topic
from bot.core.knowledge.multilingual import answer_in_language, detect, localized, prepare

KB = from_seed(read_seed())


def test_a_french_question_with_one_english_topic_word_is_answered_in_french():
    # "counterfeiting" is an English topic word (a score of one whole word); the French index has no such word
    question = "qui s'occupe du counterfeiting ?"
    assert detect(question, KB).scores["en"] == 1.0 and detect(question, KB).decided
    answer = answer_in_language(question, KB)
    assert not answer.abstained and answer.topic.slug == "anti-counterfeiting" and answer.language == "fr"


def test_an_english_ending_alone_is_not_enough_for_english_to_answer_a_french_question():
    # "pirating" only looks English by its ending (half a word's score): the question is French, off its index
    question = "qui s'occupe du pirating ?"
    assert 0 < detect(question, KB).scores["en"] < 1
    answer = answer_in_language(question, KB)
    assert answer.abstained and answer.language == "fr"


def test_on_a_tie_the_other_languages_try_and_the_one_that_answers_speaks():
    # nothing in "pirating" decides a language: the French user's locale goes first, French abstains,
    # English answers, and the answer is in English, the language it was found in
    detected = detect("pirating", KB, "fr-FR")
    assert detected.language == "fr" and not detected.decided
    answer = answer_in_language("pirating", KB, locale="fr-FR")
    assert not answer.abstained and answer.topic.slug == "copyright" and answer.language == "en"


def test_the_other_languages_never_correct_typos():
    # a misspelt English word under a French locale: English would read "patnts" as "patents" with typo
    # correction, but a language other than the question's takes words as written
    answer = answer_in_language("patnts", KB, locale="fr-FR")
    assert answer.abstained and answer.language == "fr"
    assert answer_in_language("patnts", KB, locale="en-US").topic.slug == "patents"


def test_a_forced_language_is_spoken_whatever_the_question_and_an_unknown_one_is_ignored():
    assert answer_in_language("pirating", KB, language="es", locale="fr-FR").language == "es"
    assert answer_in_language("qui s'occupe du counterfeiting ?", KB, language="de").language == "fr"


def test_preparing_gives_the_localized_knowledge_that_answers_in_french():
    prepared = prepare(KB)
    assert prepared is localized(KB)
    assert answer_in_language("qui s'occupe des brevets ?", prepared).topic.slug == "patents"


def test_the_questions_own_language_is_read_once_with_typos_corrected_and_not_again_word_by_word():
    # typo correction reads "konfidencal information" as the everyday phrase "confidential information", which
    # alone abstains and suggests its topic; reading the question again in English with its words as written
    # would drop the misspelt word and answer the topic of "information" alone, a guess
    knowledge = Knowledge([Agency("NPO", "Naming Office")],
                          [Topic("information", "Information"),
                           Topic("confidential-information", "Confidential information")],
                          [Link("information", "NPO"), Link("confidential-information", "NPO")])
    question = "konfidencal information"
    assert detect(question, knowledge).language == "en" and detect(question, knowledge).decided
    answer = answer_in_language(question, knowledge)
    assert answer.abstained and [t.slug for t in answer.suggestions] == ["confidential-information"]
    assert answer_in_language("information", knowledge).topic.slug == "information"
