"""A Member's learned report read sentence by sentence: which sentence answers a question no topic
names (the share of the question's word weight it holds, the words it must share, the agencies it
names or carries over, in the order of who acts), and whether the report uses a phrase at all."""

from __future__ import annotations

import dataclasses
import math

import pytest

from bot.core.knowledge.base import Knowledge, Passage
from bot.core.knowledge.index import shipped_lexicon
from bot.core.knowledge.passages import PassageIndex
from bot.core.language import Normaliser
from bot.core.records import Agency, Source

NORM = Normaliser(shipped_lexicon("en"))
EVERYDAY = frozenset({"coffee", "weather"})
AGENCIES = [
    Agency("DCA", "Development Cooperation Agency"),
    Agency("FCS", "Freedonia Customs Service", aliases=("Customs",)),
    Agency("IPO", "Island Patent Office"),
    Agency("TXA", "Treasury Excise Administration", aliases=("Fisc", "Tax")),  # "Tax" is too short to look for
    Agency("AAA", "Alpha Agency"), Agency("BBB", "Beta Board"), Agency("CCC", "Gamma Council"),
]
PARAGRAPHS = [
    "The Development Cooperation Agency runs the Amber Bridge programme for universities. It also funds student "
    "exchanges. Exchanges last one semester.",
    "The FCS trained customs officers on border measures, with the IPO.",
    "The IPO held talks on border measures.",
    "Lottery winners thanked the DCA.",
    "Development Cooperation Agency staff planted orchards.",
    "The Fisc audits casino revenue.",
    "Tax inspectors counted casino chips.",
    "Weather was fine.",
    "Officers rested in July.",
    "The DCA funds the harbour programme implemented by the FCS.",
    "The IPO keeps alpha beta gamma records.",
    "Delta flooded.",
    "Epsilon shone.",
    "The FCS, together with the IPO, the AAA, the BBB and the CCC, sponsored a kite festival.",
]
SENTENCES = 16  # the sentences of PARAGRAPHS: three in the first, one in each other
WHERE = dict(document="Freedonia report", symbol="IP/C/R/TC/FRE", date="2025-06-30", url="https://example.org/r")


def index(context_words: set[str] = frozenset()) -> PassageIndex:
    passages = [Passage(Source(paragraph=str(n), **WHERE), text) for n, text in enumerate(PARAGRAPHS, start=1)]
    return PassageIndex(Knowledge(AGENCIES, [], [], passages), NORM, set(context_words), EVERYDAY)


def words(question: str) -> list[tuple[str, str]]:
    """The question's (key, lower-case word) pairs, stop words aside, as the answer index gives them."""
    lowered = [w.lower() for w in NORM.split(question)]
    return [(NORM.key(w), w) for w in lowered if not NORM.is_stop(w)]


def keys(phrase: str) -> tuple[str, ...]:
    return tuple(key for key, _ in words(phrase))


def weight(sentences_using_it: int) -> float:
    """What a word weighs: rarer in the report's sentences, heavier (ln((sentences + 1) / (uses + ½)))."""
    return math.log((SENTENCES + 1) / (sentences_using_it + 0.5))


UNSEEN_RARE = math.log(SENTENCES + 1) + 1  # a word the reports never use, not an everyday one
UNSEEN_EVERYDAY = 1.0


# --- which sentence answers ---------------------------------------------------------------------------

def test_the_sentence_sharing_the_questions_words_answers_with_the_agency_it_names_and_its_citation():
    found = index().best(words("who runs the Amber Bridge programme?"))
    assert found.agencies == (("DCA", "lead"),)
    assert found.sentence.text == "The Development Cooperation Agency runs the Amber Bridge programme for universities."
    assert found.sentence.start == 0
    assert found.source == Source(paragraph="1", quote=found.sentence.text, **WHERE)
    assert found.coverage == 1.0


def test_a_sentence_naming_no_agency_speaks_for_the_one_its_paragraph_last_named():
    ix = index()
    found = ix.best(words("student exchanges"))
    assert found.agencies == (("DCA", "lead"),)
    assert found.sentence.text == "It also funds student exchanges."
    assert found.sentence.start == PARAGRAPHS[0].index("It also")
    third = ix.best(words("semester"))  # two sentences on, still the agency of the paragraph's first
    assert third.agencies == (("DCA", "lead"),) and third.sentence.text == "Exchanges last one semester."


def test_a_sentence_naming_no_agency_and_carrying_none_never_answers():
    assert index().best(words("was the weather fine?")) is None
    assert index().best(words("who counted the casino chips?")) is None  # "Tax" alone names no agency


def test_the_words_of_an_agencys_name_are_not_what_its_sentence_says():
    assert index().best(words("development cooperation")) is None  # only ever in the names
    found = index().best(words("who thanked the lottery winners?"))  # words before the name count
    assert found.agencies == (("DCA", "lead"),) and found.sentence.text == "Lottery winners thanked the DCA."
    assert index().best(words("orchards staff")).sentence.text == PARAGRAPHS[4]


def test_an_agency_is_found_by_its_name_in_any_case_and_by_an_alias_of_four_letters_or_more():
    found = index().best(words("who audits casino revenue?"))
    assert found.agencies == (("TXA", "lead"),)


def test_coverage_is_the_shared_share_of_the_questions_word_weight():
    # "officers" is in two sentences, "border" in two, "weather" in one (naming no agency)
    found = index().best(words("officers border weather"))
    shared = weight(2) + weight(2)
    assert found.coverage == pytest.approx(shared / (shared + weight(1)))
    assert found.agencies[0] == ("FCS", "lead")


def test_an_everyday_word_the_reports_never_use_weighs_little_a_rare_one_much():
    found = index().best(words("amber bridge coffee"))
    shared = 2 * weight(1)
    assert found.coverage == pytest.approx(shared / (shared + UNSEEN_EVERYDAY))
    assert found.agencies == (("DCA", "lead"),)
    # the same question with a rare word nobody wrote holds less than 60 % of its weight: no answer
    assert shared / (shared + UNSEEN_RARE) < 0.6
    assert index().best(words("amber bridge xylophone")) is None


def test_a_sentence_holding_exactly_sixty_percent_of_the_weight_answers():
    # five words each used once; the sentence naming the IPO holds three of them
    found = index().best(words("alpha beta gamma delta epsilon"))
    assert found.coverage == 0.6
    assert found.agencies == (("IPO", "lead"),)


def test_context_words_are_left_out_of_the_question():
    found = index({"ip"}).best(words("ip amber bridge"))
    assert found.coverage == 1.0
    assert index({"ip"}).best(words("ip")) is None


def test_two_shared_words_are_needed_unless_the_question_has_one():
    assert index().best(words("amber")).agencies == (("DCA", "lead"),)
    # "amber" holds more than 60 % of "amber coffee", but one shared word of two is too few
    assert weight(1) / (weight(1) + UNSEEN_EVERYDAY) >= 0.6
    assert index().best(words("amber coffee")) is None
    # two of three words shared are enough
    assert index().best(words("amber bridge coffee")) is not None


def test_of_equal_sentences_the_first_answers_and_a_fuller_later_one_wins():
    assert index().best(words("border measures")).agencies[0] == ("FCS", "lead")
    # "talks on border measures": the IPO's sentence holds all three words, the FCS's two
    assert index().best(words("talks border measures")).agencies == (("IPO", "lead"),)


def test_the_agencies_of_the_answer_come_in_the_order_of_who_acts_each_once():
    # the DCA is the subject and pays; the FCS is the agent of "implemented by": the one that acts first
    found = index().best(words("harbour programme"))
    assert found.agencies == (("FCS", "lead"), ("DCA", "funder"))
    # the FCS named twice (acronym and alias) is one agency, the partner after it
    found = index().best(words("customs officers trained on border measures"))
    assert found.agencies == (("FCS", "lead"), ("IPO", "partner"))


def test_an_answer_names_at_most_four_agencies():
    found = index().best(words("kite festival"))
    assert [key for key, _ in found.agencies] == ["FCS", "IPO", "AAA", "BBB"]


def test_nothing_to_look_for_gives_no_answer():
    assert index().best([]) is None
    assert PassageIndex(Knowledge(AGENCIES, [], [], []), NORM, set(), EVERYDAY).best(words("amber bridge")) is None


def test_answers_are_values_that_cannot_be_changed():
    found = index().best(words("amber bridge"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.coverage = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.sentence.text = ""


# --- whether the reports use a phrase -----------------------------------------------------------------

@pytest.mark.parametrize("phrase,used", [
    ("amber", True), ("xylophone", False),
    ("amber bridge", True), ("programme universities", True),  # two words in a row, also at the end
    ("amber programme", False),  # both used, not in a row
    ("amber bridge programme", True), ("bridge programme universities", True),
    ("amber bridge programme universities", True),
    ("amber bridge programme students", False),  # the fourth word differs
    ("amber bridge programme universities students", True),  # only the first four words are compared
    ("bridge amber", False),
])
def test_a_phrase_is_used_when_its_first_four_words_stand_in_a_row(phrase, used):
    assert index().mentions(keys(phrase)) is used


def test_context_words_are_left_out_of_a_phrase():
    assert index({"ip"}).mentions(keys("ip amber")) is True
    assert index({"ip"}).mentions(keys("ip amber bridge")) is True
    assert index().mentions(keys("ip amber")) is False


def test_a_rare_word_nobody_wrote_weighs_more_than_any_word_written_once():
    found = index().best(words("amber bridge universities xylophone"))
    shared = 3 * weight(1)
    assert found.coverage == pytest.approx(shared / (shared + UNSEEN_RARE))
    assert UNSEEN_RARE > weight(1)
