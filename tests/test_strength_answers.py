"""The scoring constants of question answering (bot/core/knowledge/index.py, answering.py), pinned by
the answers they produce with the shipped knowledge: WEAK_FACTOR, FUZZY_FACTOR, SHORT_WORD,
PHRASE_FUZZY_CUTOFF, BASE_WEIGHT, OTHER_WORDS_FACTOR and MAX_WORDS; then named agencies with everyday topics,
acronyms in capitals, what each answer cites, and answers from a Member's learned report."""

import pytest

from bot.core.knowledge import Knowledge, from_seed, read_seed
from bot.core.knowledge.answering import answer_question
from bot.core.knowledge.documents import read_document
from bot.core.knowledge.extract import DocumentInfo, passages_of, propose
from bot.core.knowledge.index import MAX_WORDS, PHRASE_FUZZY_CUTOFF, SHORT_WORD
from bot.core.records import Agency, Link

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


# --- a named agency and an everyday topic ---------------------------------------------------------

@pytest.mark.parametrize("question,agency", [
    ("does CBP handle budgets?", "CBP"),  # CBP has nothing to do with office budgets: what CBP covers
    ("what does CBP do about the budget?", "CBP"),
    ("does USCO handle students?", "USCO"),
])
def test_a_named_agency_with_an_everyday_topic_it_does_not_cover_is_a_reverse_look_up(question, agency):
    answer = answer_question(question, KB)
    assert answer.kind == "agency" and answer.agency.acronym == agency
    assert [a.acronym for a in answer.agencies] == [agency]


@pytest.mark.parametrize("question,expected,agency", [
    ("does USPTO handle the budget?", "ip-office-administration", "USPTO"),
    ("who at USPTO handles hiring?", "ip-office-administration", "USPTO"),
    ("does CBP handle ports?", "border-enforcement", "CBP"),
])
def test_a_named_agency_with_an_everyday_topic_it_covers_answers_the_topic(question, expected, agency):
    answer = answer_question(question, KB)
    assert answer.kind == "topic" and answer.topic.slug == expected
    assert answer.agencies[0].acronym == agency and answer.named == (agency,)


def test_several_named_agencies_without_a_topic_look_up_the_first():
    answer = answer_question("what do CBP and ICE do?", KB)
    assert answer.kind == "agency" and answer.agency.acronym == "CBP" and answer.named == ("CBP", "ICE")
    answer = answer_question("what do ICE and CBP do?", KB)
    assert answer.kind == "agency" and answer.agency.acronym == "ICE" and answer.named == ("ICE", "CBP")


def test_a_single_letter_in_capitals_is_not_an_acronym():
    # "E-LEARNING" is the everyday word e-learning written loudly, not an acronym: it abstains as e-learning does
    for question in ("who handles E-LEARNING?", "who handles e-learning?"):
        answer = answer_question(question, KB)
        assert answer.abstained and answer.suggestions[0].slug == "distance-learning"


# --- what every answer cites -----------------------------------------------------------------------------

def _link(slug: str, acronym: str):
    return next(link for link in KB.links if link.topic == slug and link.agency == acronym)


@pytest.mark.parametrize("topic_", KB.topics, ids=lambda t: t.slug)
def test_a_topic_answer_cites_each_agency_by_its_links_first_source(topic_):
    answer = answer_question(f"who handles {topic_.name}?", KB)
    assert answer.kind == "topic" and answer.agencies, topic_.slug
    for agency in answer.agencies:
        link = _link(answer.topic.slug, agency.acronym)
        assert agency.role == link.role
        assert agency.description == (link.description or KB.by_acronym[agency.acronym].description)
        assert agency.source == (link.sources[0].text() if link.sources else link.source)
    assert answer.source == (answer.agencies[0].source or None)


@pytest.mark.parametrize("agency", KB.agencies, ids=lambda a: a.acronym)
def test_a_reverse_look_up_names_the_agencys_best_ranked_topic(agency):
    answer = answer_question(f"what does {agency.acronym} do?", KB)
    assert answer.kind == "agency" and answer.agency == agency
    [entry] = answer.agencies
    assert entry.acronym == agency.acronym
    assert entry.source == (agency.sources[0].text() if agency.sources else agency.source)
    assert answer.source == (entry.source or None)
    if not answer.covers:
        assert answer.topic is None and entry.role == "lead"
        return
    best_rank = min(link.rank for _, link in answer.covers)
    main = [(t, link) for t, link in answer.covers if link.rank == best_rank]
    assert (answer.topic, entry.role) in [(t, link.role) for t, link in main]
    assert all(link.agency == agency.acronym for _, link in answer.covers)


def test_a_funder_looked_up_is_a_funder():
    answer = answer_question("what does USAID do?", KB)
    assert answer.topic.slug == "development-funding" and answer.agencies[0].role == "funder"


def test_the_default_suggestions_when_nothing_hints_at_a_topic():
    answer = answer_question("what time is it?", KB)
    assert [t.slug for t in answer.suggestions] == ["border-enforcement", "anti-counterfeiting", "computer-forensics",
                                                    "patents", "copyright", "plant-variety-protection"]


# --- a Member's learned report ----------------------------------------------------------------------------

LEARNED_REPORT = """Technical cooperation activities: information from Members — Freedonia

1. This report covers technical assistance provided by Freedonia from July 2024 to June 2025.
2. The agencies involved include the Ministry of Economy (MOE), including the Freedonia Intellectual Property Office (FIPO) and the Freedonia Customs Service (FCS); and the Development Cooperation Agency (DCA).
3. FIPO trains patent examiners from partner offices on search and examination practice.
4. The FCS delivered workshops on border measures against counterfeit goods for customs officers, funded by the DCA.
5. FIPO also runs an awareness campaign on copyright for students.
6. The Amber Bridge programme, which links Freedonian universities with partner universities, is run by the DCA.
"""


@pytest.fixture(scope="module")
def learned():
    """What storage gives back for a Member whose report was learned: its agencies, links, their topics and
    the report's paragraphs."""
    paragraphs = read_document(LEARNED_REPORT.encode(), "freedonia.txt")
    proposal = propose(paragraphs, DocumentInfo(member="Freedonia", title="Freedonia report"),
                       Knowledge([], KB.topics, []))
    slugs = {link.topic for link in proposal.links}
    topics = [t for t in (*KB.topics, *proposal.topics) if t.slug in slugs]
    topics = list({t.slug: t for t in topics}.values())
    return Knowledge(list(proposal.agencies), topics, list(proposal.links), passages_of(proposal))


def test_a_sentence_of_the_report_answers_what_no_topic_names(learned):
    answer = answer_question("who runs the Amber Bridge programme?", learned)
    assert answer.kind == "passage" and answer.topic is None
    assert [a.acronym for a in answer.agencies] == ["DCA"]
    assert "¶6" in answer.source and "is run by the DCA" in answer.source
    assert answer.agencies[0].sources[0].quote in LEARNED_REPORT


def test_a_report_answers_a_narrower_subject_only_when_it_names_it(learned):
    # the report never mentions industrial designs or piracy, so its patent and copyright links do not answer them
    for question in ("who handles industrial designs?", "who deals with online piracy?"):
        answer = answer_question(question, learned)
        assert answer.abstained and not answer.agencies, question
    # what it does name answers from its own links
    answer = answer_question("who handles patents?", learned)
    assert answer.kind == "topic" and answer.topic.slug == "patents" and answer.agencies[0].acronym == "FIPO"
    answer = answer_question("who handles border measures?", learned)
    assert answer.topic.slug == "border-enforcement" and [a.acronym for a in answer.agencies][:1] == ["FCS"]
    assert answer_question("what does FIPO do?", learned).agency.acronym == "FIPO"


def test_a_report_that_says_nothing_on_the_question_abstains(learned):
    answer = answer_question("who handles the office coffee machine?", learned)
    assert answer.abstained and not answer.agencies


def test_a_two_letter_everyday_acronym_names_its_agency_only_in_capitals():
    # "pa" is an everyday word; "PA", in capitals in a question written in lower case, is the acronym
    authority = Agency(acronym="PA", name="Patent Authority of Freedonia", parent=None, aliases=(),
                       description="Grants patents.", contact="", source="pa.example")
    knowledge = Knowledge([*KB.agencies, authority], KB.topics,
                          [*KB.links, Link(topic="patents", agency="PA", rank=9, role="partner", description="",
                                           source="pa.example")])
    loud = answer_question("who at PA handles patents?", knowledge)
    assert loud.named == ("PA",) and loud.agencies[0].acronym == "PA"
    quiet = answer_question("who at pa handles patents?", knowledge)
    assert quiet.named == () and quiet.agencies[0].acronym == "USPTO"


def test_an_abstention_suggests_at_most_six_topics():
    # eight everyday words, each hinting at a different topic, and nothing about IP: the first six hints
    answer = answer_question("who handles budget, ports, courts, hacking, students, farmers, trials and licensing?", KB)
    assert answer.abstained
    assert [t.slug for t in answer.suggestions] == ["ip-office-administration", "border-enforcement", "adjudication",
                                                    "computer-forensics", "public-awareness",
                                                    "plant-variety-protection"]
