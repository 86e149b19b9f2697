"""The scoring constants of question answering (bot/core/knowledge/index.py, answering.py), pinned by
the answers they produce with the shipped knowledge: WEAK_FACTOR, FUZZY_FACTOR, SHORT_WORD,
PHRASE_FUZZY_CUTOFF, BASE_WEIGHT, OTHER_WORDS_FACTOR and MAX_WORDS."""

import pytest

from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.answering import answer_question
from bot.core.knowledge.index import MAX_WORDS, PHRASE_FUZZY_CUTOFF, SHORT_WORD

KB = from_seed(read_seed())


def topic(question: str) -> str | None:
    answer = answer_question(question, KB)
    return answer.topic.slug if answer.topic else None


def abstains(question: str) -> bool:
    answer = answer_question(question, KB)
    return answer.abstained and answer.topic is None and not answer.agencies


# --- everyday keys (WEAK_FACTOR) --------------------------------------------------------------

@pytest.mark.parametrize("question,hint", [
    ("who handles the budget?", "ip-office-administration"),
    ("budget", "ip-office-administration"),
    ("who handles webinars?", "distance-learning"),
])
def test_an_everyday_word_alone_abstains_and_suggests_its_topic(question, hint):
    answer = answer_question(question, KB)
    assert abstains(question)
    assert answer.suggestions[0].slug == hint


def test_an_everyday_word_counts_once_the_question_is_about_ip():
    assert topic("who handles IP webinars?") == "distance-learning"
    assert topic("who helps IP offices with their budget?") == "ip-office-administration"


@pytest.mark.parametrize("question,expected,also", [
    # the everyday key counts at half strength, so the specific topic wins
    ("online courses on patents", "patents", "distance-learning"),
    ("webinars on trademarks", "trademarks", "distance-learning"),
    ("IP budget for patent examiners", "patents", "ip-office-administration"),
    ("IP funding for customs", "border-enforcement", "development-funding"),
    ("who funds customs training?", "border-enforcement", "development-funding"),
    ("who funds IP awareness campaigns?", "public-awareness", "development-funding"),
])
def test_a_specific_topic_beats_an_everyday_one(question, expected, also):
    answer = answer_question(question, KB)
    assert answer.topic.slug == expected
    assert also in [t.slug for t in answer.also]


def test_an_everyday_key_still_outweighs_a_topic_named_only_by_ip_words():
    # "regulations" is everyday, "IP rights" says little; half of the former still wins
    assert topic("who handles regulations on IP rights?") == "legislative-assistance"


# --- typos (FUZZY_FACTOR, SHORT_WORD) ------------------------------------------------------------------

@pytest.mark.parametrize("question,expected", [
    ("who handles patetn?", "patents"),  # six letters, two letters swapped: one typo
    ("who handles patentt?", "patents"),
    ("who handles copyrihgt?", "copyright"),
    ("who handles tradmrk?", "trademarks"),  # seven letters: two typos are still corrected
    ("who handles trademaks", "trademarks"),
    ("who handles counterfiting", "anti-counterfeiting"),
])
def test_a_near_miss_typo_is_corrected(question, expected):
    assert topic(question) == expected


@pytest.mark.parametrize("question", [
    "who handles patten?",  # six letters, two edits from "patent": too far for a short word
    "who handles ptnt?",  # shorter than any word corrected
    "who handles patient records?",  # an everyday word is never a typo
])
def test_a_far_or_everyday_word_is_not_corrected(question):
    assert SHORT_WORD == 6
    assert abstains(question)


@pytest.mark.parametrize("question,expected,corrected", [
    ("who handles copyrihgt and trademarks?", "trademarks", "copyright"),
    ("who handles trademaks and copyright?", "copyright", "trademarks"),
    ("who handles counterfiet copyright works?", "copyright", "anti-counterfeiting"),
])
def test_an_exact_word_outweighs_a_corrected_one_whatever_the_order(question, expected, corrected):
    answer = answer_question(question, KB)
    assert answer.topic.slug == expected
    assert [t.slug for t in answer.also] == [corrected]


# --- near misses inside a phrase (PHRASE_FUZZY_CUTOFF) ------------------------------------------------

@pytest.mark.parametrize("question", [
    "who handles bord enforcement",  # "bord" ~ "border": a ratio of exactly 80
    "who handles brdr enforcement",  # also exactly 80
    "who handles bord protection",
])
def test_a_near_miss_inside_a_phrase_at_the_cutoff_counts(question):
    assert PHRASE_FUZZY_CUTOFF == 80.0
    assert topic(question) == "border-enforcement"


def test_near_misses_inside_a_phrase():
    assert topic("who handles trad secrets") == "trade-secrets"
    assert topic("who handles trade secrt") == "trade-secrets"
    assert abstains("who handles trade scrt")  # "scrt" ~ "secrets" is below the cutoff
    assert abstains("who handles bor enforcement")  # three letters are never a near miss
    assert topic("who handles fake goods") == "anti-counterfeiting"
    assert abstains("who handles fak goods")  # "fak" ~ "fake" is close enough, but three letters are not read


# --- phrase weights (BASE_WEIGHT, OTHER_WORDS_FACTOR) --------------------------------------------------

@pytest.mark.parametrize("question,expected,also", [
    ("who trains prosecutors on counterfeit goods?", "anti-counterfeiting", "criminal-investigation-prosecution"),
    ("copyright and counterfiet goods", "copyright", "anti-counterfeiting"),
    ("counterfiet goods and copyright", "copyright", "anti-counterfeiting"),
])
def test_the_weight_of_a_phrase(question, expected, also):
    answer = answer_question(question, KB)
    assert answer.topic.slug == expected
    assert also in [t.slug for t in answer.also]


def test_the_longer_phrase_wins():
    assert topic("who handles customs enforcement of IP rights") == "border-enforcement"
    assert topic("criminal enforcement") == "criminal-investigation-prosecution"
    assert topic("trade secret theft") == "trade-secrets"
    answer = answer_question("what does the copyright office do?", KB)
    assert answer.kind == "agency" and answer.agencies[0].acronym == "USCO"


# --- how much of a question is read (MAX_WORDS) ------------------------------------------------------

def _padded(fillers: int) -> str:
    return " ".join(f"zqxw{n}" for n in range(fillers)) + " copyright"


def test_only_the_first_sixty_content_words_are_read():
    assert MAX_WORDS == 60
    assert topic(_padded(MAX_WORDS - 1)) == "copyright"  # the sixtieth word
    assert abstains(_padded(MAX_WORDS))  # the sixty-first
    # stop words do not count towards the sixty
    assert topic("who the " * 40 + _padded(MAX_WORDS - 1)) == "copyright"
