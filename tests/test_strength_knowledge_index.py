"""The answer index (bot/core/knowledge/index.py), read with a small knowledge base and `[matching]` lists of
its own: which phrases it holds (hyphens, abbreviations, each written form in French), which are everyday
ones, what each phrase weighs (its most specific word, a little its others; IP words nothing), how a
question is read into words (stop words, capitals, the word limit, typo correction and its limits), which
phrases a question matches (IP words inside a phrase, near-misses inside a longer phrase, words sharing a
stem), where a question says it is about IP, and that an index is built once per knowledge and language."""

import pytest

from bot.core.knowledge.base import Knowledge, Passage
from bot.core.knowledge.index import BASE_WEIGHT, FUZZY_FACTOR, MAX_WORDS, OTHER_WORDS_FACTOR, SHORT_WORD, \
    AnswerIndex, index_for
from bot.core.language import Lexicon
from bot.core.records import Agency, Link, Source, Topic

LEXICON = Lexicon(
    stop_words=frozenset({"who", "handles", "the", "of", "on", "for", "about", "and"}),
    generic=frozenset({"online courses"}),
    context=frozenset({"ip", "intellectual property"}),
    abbreviations=(("tk", "traditional knowledge"),),
    keep_words=frozenset({"customs"}),
    language="en",
)
# the everyday words of this small world
COMMON = frozenset({"state", "stated", "records", "department", "online", "courses", "patient"})
TOPICS = [
    Topic("patents", "Patents", synonyms=("patent", "patent examination")),
    Topic("distance-learning", "Distance learning", synonyms=("online courses",)),
    Topic("border-enforcement", "Border enforcement", synonyms=("customs", "IP enforcement", "anti-piracy")),
    Topic("civil-enforcement", "Civil enforcement"),
    Topic("traditional-knowledge", "Traditional knowledge databases", synonyms=("traditional knowledge",)),
    Topic("recordation", "Recordation"),
    Topic("grants", "Cash grants"),
]
AGENCIES = [
    Agency("USPTO", "Patent and Trademark Office"),
    Agency("DOS", "Department of State", aliases=("State",)),
]
KB = Knowledge(AGENCIES, TOPICS, [Link("patents", "USPTO")])
INDEX = AnswerIndex(KB, LEXICON, COMMON)


def entries(ref: str) -> dict[tuple[str, ...], object]:
    """The phrases held for a topic or an agency, by their words as written."""
    return {e.surfaces: e for e in INDEX.entries if e.ref == ref}


def read(question: str, typos: bool = True):
    words, _ = INDEX.words(question, typos=typos)
    return words


def matched(question: str, typos: bool = True) -> dict[tuple[str, tuple[int, ...]], float]:
    """What the question matches: (slug or acronym, the question words covered) -> worth."""
    return {(m.entry.ref, m.positions): m.worth for m in INDEX.matches(read(question, typos))}


# ---------------------------------------------------------------------------------------------
# The phrases held
# ---------------------------------------------------------------------------------------------

def test_an_english_phrase_is_held_once_whatever_its_written_forms_and_french_keeps_each_form():
    # "Patents", "patents" (the slug) and "patent" are one key: English holds one phrase for them
    assert [e.surfaces for e in INDEX.entries if e.ref == "patents" and len(e.keys) == 1] == [("patents",)]
    french = AnswerIndex(Knowledge([], [Topic("patents", "Patents", name_fr="Brevets", synonyms_fr=("brevet",))], []),
                         Lexicon(language="fr"), frozenset())
    assert sorted(e.surfaces for e in french.entries) == [("brevet",), ("brevets",)]


def test_a_note_in_brackets_is_left_out_of_a_topic_name_unless_it_is_all_the_name():
    index = AnswerIndex(Knowledge([], [Topic("pvp", "Plant variety protection (PVP)", synonyms=("(UPOV)",))], []),
                        LEXICON, COMMON)
    assert sorted(e.surfaces for e in index.entries) == [("plant", "variety", "protection"), ("pvp",), ("upov",)]


def test_a_hyphenated_word_is_also_held_joined_up():
    assert {("anti", "piracy"), ("antipiracy",)} <= set(entries("border-enforcement"))


def test_an_abbreviation_stands_for_its_words_inside_a_longer_phrase_but_never_alone():
    held = set(entries("traditional-knowledge"))
    assert ("tk", "databases") in held
    assert ("traditional", "knowledge") in held and ("tk",) not in held


def test_an_everyday_topic_phrase_and_a_one_word_everyday_agency_alias_are_weak():
    assert entries("distance-learning")[("online", "courses")].weak
    assert not entries("distance-learning")[("distance", "learning")].weak
    assert entries("DOS")[("state",)].weak
    # two everyday words make a name, not an everyday word
    assert not entries("DOS")[("department", "state")].weak
    assert not entries("USPTO")[("uspto",)].weak


def test_a_phrase_weighs_its_most_specific_word_and_a_quarter_of_its_others():
    # a word used by one topic says everything (1), one used by two says half; "IP" says nothing
    assert entries("patents")[("patents",)].weight == BASE_WEIGHT + 1
    assert entries("patents")[("patent", "examination")].weight == BASE_WEIGHT + 1 + OTHER_WORDS_FACTOR * 1
    assert entries("border-enforcement")[("border", "enforcement")].weight == \
        BASE_WEIGHT + 1 + OTHER_WORDS_FACTOR * 0.5
    assert entries("civil-enforcement")[("civil", "enforcement")].weight == \
        BASE_WEIGHT + 1 + OTHER_WORDS_FACTOR * 0.5
    assert entries("border-enforcement")[("ip", "enforcement")].weight == BASE_WEIGHT + 0.5
    # agency words are not counted among the topics': each says everything
    assert entries("DOS")[("department", "state")].weight == BASE_WEIGHT + 1 + OTHER_WORDS_FACTOR * 1


def test_the_length_of_a_phrase_leaves_out_its_ip_words():
    assert entries("border-enforcement")[("ip", "enforcement")].length == 1
    assert entries("traditional-knowledge")[("traditional", "knowledge", "databases")].length == 3


def test_report_paragraphs_are_indexed_only_when_there_are_any():
    assert INDEX.passages is None
    paragraph = Passage(Source(document="Report", paragraph="3"), "The Patent Office trains examiners in Lima.")
    learned = AnswerIndex(Knowledge(AGENCIES, TOPICS, [], [paragraph]), LEXICON, COMMON)
    assert learned.passages is not None


# ---------------------------------------------------------------------------------------------
# Reading a question
# ---------------------------------------------------------------------------------------------

def test_a_question_is_read_without_stop_words_its_known_words_exactly():
    words = read("Who handles the patents?")
    assert [(w.original, w.key, w.candidates) for w in words] == [("patents", "patent", (("patent", 1.0),))]


def test_a_question_in_capitals_is_shouting_and_one_capitalised_word_is_not():
    assert INDEX.words("WHO HANDLES PATENTS 2024")[1] is True
    assert INDEX.words("Who handles PATENTS")[1] is False
    assert INDEX.words("")[1] is False


def test_only_the_first_content_words_of_a_long_question_are_read():
    words, _ = INDEX.words("the patents " * (MAX_WORDS + 10))
    assert len(words) == MAX_WORDS
    assert len(INDEX.words("the patents " * 3)[0]) == 3


def test_a_misspelt_word_is_corrected_for_less_than_an_exact_one():
    [word] = read("patnts")
    assert word.candidates == (("patent", FUZZY_FACTOR),) and 0 < FUZZY_FACTOR < 1
    [match] = INDEX.matches([word])
    assert match.worth == FUZZY_FACTOR
    assert match.strength == entries("patents")[("patents",)].weight * FUZZY_FACTOR
    assert match.strength < INDEX.matches(read("patents"))[0].strength


def test_typos_are_corrected_unless_asked_not_to():
    assert INDEX.words("patnts")[0][0].candidates == (("patent", FUZZY_FACTOR),)
    assert read("patnts", typos=False)[0].candidates == ()


def test_a_short_word_is_corrected_one_typo_away_and_a_longer_one_two():
    assert len("distan") == SHORT_WORD and read("distan")[0].candidates == ()  # two letters missing
    assert len("pattens") == SHORT_WORD + 1 and read("pattens")[0].candidates == (("patent", FUZZY_FACTOR),)
    assert read("bordre")[0].candidates == (("border", FUZZY_FACTOR),)  # two letters swapped: one typo


def test_words_shorter_than_the_minimum_are_not_corrected_except_acronyms_in_capitals():
    assert read("patnt")[0].candidates == (("patent", FUZZY_FACTOR),)  # five letters: long enough
    assert read("spto")[0].candidates == ()
    assert read("SPTO")[0].candidates == (("uspto", FUZZY_FACTOR),)  # "SPTO" for USPTO
    assert read("CSH")[0].candidates == ()  # three capitals are too few, though "cash" is one letter away


def test_everyday_words_and_numbers_are_never_corrected():
    assert read("patient")[0].candidates == ()  # not a typo for "patent"
    assert read("patents 20244")[1].candidates == ()


# ---------------------------------------------------------------------------------------------
# Matching phrases
# ---------------------------------------------------------------------------------------------

def test_a_phrase_is_found_at_the_start_and_at_the_end_of_a_question():
    assert matched("online courses") == {("distance-learning", (0, 1)): 1.0}
    assert matched("distance learning for patents") == {("distance-learning", (0, 1)): 1.0,
                                                         ("patents", (2,)): 1.0}


def test_ip_words_may_stand_inside_a_phrase():
    assert matched("online IP courses") == {("distance-learning", (0, 2)): 1.0}


def test_an_agency_acronym_matches_exactly_and_inflected_counts_as_corrected():
    assert matched("uspto") == {("USPTO", (0,)): 1.0}
    assert matched("USPTOs") == {("USPTO", (0,)): FUZZY_FACTOR}
    # names are not inflected: an everyday word sharing the stem is not the agency
    assert matched("stated") == {}


def test_a_phrase_needs_one_word_as_written():
    assert matched("distance lerning") == {("distance-learning", (0, 1)): FUZZY_FACTOR}
    assert matched("distanse lerning") == {}


def test_without_typo_correction_a_longer_phrase_still_forgives_a_near_miss_word():
    assert matched("bordr enforcement", typos=False) == {("border-enforcement", (0, 1)): FUZZY_FACTOR}
    assert matched("customz", typos=False) == {}  # a phrase of one word needs it as written
    assert matched("cas grants", typos=False) == {("grants", (1,)): 1.0}  # three letters are too few to forgive


def test_a_topic_word_sharing_a_stem_counts_unless_it_is_an_everyday_word_for_a_rare_one():
    assert matched("recordations") == {("recordation", (0,)): 1.0}
    assert matched("recorded") == {("recordation", (0,)): 1.0}
    assert matched("records") == {}  # "records" is not "recordation"


def test_where_a_question_says_it_is_about_ip():
    def context(question):
        return INDEX.context_positions(read(question))

    assert context("intellectual property enforcement and IP") == {0, 1, 3}
    assert context("patents of intellectual property") == {1, 2}
    assert context("patents") == set()


def test_the_index_of_a_knowledge_is_built_once_per_language():
    knowledge = Knowledge(AGENCIES, TOPICS, [Link("patents", "USPTO")])
    english = index_for(knowledge)
    assert isinstance(english, AnswerIndex) and index_for(knowledge) is english
    assert index_for(knowledge, "en") is english
    french = index_for(knowledge, "fr")
    assert french is not english and french.language == "fr" and index_for(knowledge, "fr") is french
