"""Topics in a report's text: where each vocabulary topic is named in a sentence (and by how many
words), the report's own topic lists under an introduction, the programmes and treaties it names,
and the question-friendly names of a listed topic."""

from __future__ import annotations

import pytest

from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.base import Knowledge
from bot.core.knowledge.documents import Paragraph
from bot.core.knowledge.index import index_for
from bot.core.knowledge.topics_found import head_synonyms, named_topics, report_topics, topics_in

VOCABULARY = Knowledge([], from_seed(read_seed()).topics, [])
INDEX = index_for(VOCABULARY)

# --- topics in a sentence ---------------------------------------------------------------------------


def test_each_topic_is_given_once_at_the_first_place_that_names_it_with_its_word_count():
    text = "The FCS held a workshop on border measures and trained patent examiners and patent examiners."
    lengths: dict[str, int] = {}
    found = topics_in(INDEX, text, lengths=lengths)
    assert found == [("border-enforcement", text.index("border")), ("patents", text.index("patent"))]
    assert lengths == {"border-enforcement": 2, "patents": 2}


def test_a_topic_named_at_the_very_start_is_at_offset_zero():
    assert topics_in(INDEX, "Patents were examined.") == [("patents", 0)]
    assert topics_in(INDEX, "Copyright, then patents.") == [("copyright", 0), ("patents", len("Copyright, then "))]


@pytest.mark.parametrize("text,slug,word", [
    ("Staff met; staff training followed.", "ip-office-administration", "staff training"),  # not the first "staff"
    ("Reexaminers and examiners met.", "patents", " examiners"),  # a whole word, not inside another
])
def test_the_offset_is_that_of_the_words_that_name_the_topic(text, slug, word):
    assert topics_in(INDEX, text) == [(slug, text.index(word) + (word[0] == " "))]


def test_a_word_spelled_differently_in_the_text_is_placed_where_it_stands_and_the_next_ones_after_it():
    # "pátents" is read as "patents", which the text does not contain as written
    text = "The uncopyrighted pátents and copyright"
    found = dict(topics_in(INDEX, text))
    assert 0 <= found["patents"] < len(text) and text[found["patents"]:].lstrip().startswith("pátents")
    assert found["copyright"] == text.rindex("copyright")


def test_a_shorter_naming_inside_a_longer_one_does_not_count():
    # "enforcement" alone names the general enforcement topic; inside "border enforcement" it does not
    assert topics_in(INDEX, "border enforcement") == [("border-enforcement", 0)]
    assert topics_in(INDEX, "customs authorities") == [("border-enforcement", 0)]


def test_the_longest_naming_counts_and_the_word_count_keeps_the_most_words():
    lengths: dict[str, int] = {}
    topics_in(INDEX, "Examiners met. Patent examiners met.", lengths=lengths)
    assert lengths == {"patents": 2}


def test_words_that_only_say_ip_and_misspellings_name_no_topic():
    assert topics_in(INDEX, "intellectual property matters") == []
    assert topics_in(INDEX, "Patnets were filed.") == []
    assert topics_in(INDEX, "") == [] and topics_in(INDEX, "the and of") == []


def test_an_everyday_word_names_its_topic_unless_only_strong_words_count():
    assert topics_in(INDEX, "Examiners were trained.") == [("patents", 0)]
    assert topics_in(INDEX, "Examiners were trained.", strong_only=True) == []
    text = "agriculture and plant varieties"
    assert topics_in(INDEX, text) == [("plant-variety-protection", 0)]
    assert topics_in(INDEX, text, strong_only=True) == [("plant-variety-protection", text.index("plant"))]


def test_a_topic_far_into_a_very_long_text_is_still_found():
    text = "kite " * 100_000 + "patents"
    assert topics_in(INDEX, text) == [("patents", len(text) - len("patents"))]


# --- a report's own topic lists ---------------------------------------------------------------------

def listed(text: str):
    return report_topics([Paragraph("7", text)], VOCABULARY)


def test_bullets_under_an_introduction_ending_in_a_colon_are_the_reports_topics():
    result = listed("Areas of work:\n• patents;\n• Trade secrets: their protection\n• kite flying for beginners, and\n"
                    "Other text.\n• copyright")
    assert result.listed == {"patents", "trade-secrets"}  # the bullet after other text is not listed
    assert [(t.slug, t.name, t.kind, t.paragraph) for t in result.new] == [
        ("kite-flying-for-beginners", "kite flying for beginners", "topic area", "7")]
    assert set(result.new[0].synonyms) >= {"kite flying", "kite flying for beginners"}


def test_bullets_without_an_introduction_are_not_a_topic_list():
    result = listed("• patents\n• kite flying\nThe office works hard.\n• copyright")
    assert result.listed == set() and result.new == []


def test_an_empty_bullet_is_skipped():
    result = listed("Topics:\n• ;\n• kite flying")
    assert [t.name for t in result.new] == ["kite flying"]


@pytest.mark.parametrize("count,kept", [(12, True), (13, False)])
def test_a_listed_item_of_more_than_twelve_words_is_not_a_topic(count, kept):
    item = " ".join(f"kite{n}" for n in range(count))
    assert bool(listed("Topics:\n• " + item).new) is kept


def test_every_new_topic_has_its_own_slug():
    result = listed("Topics:\n• kite flying\n• kite flying")
    slugs = [t.slug for t in result.new]
    assert slugs == ["kite-flying", "kite-flying-r"]


def test_a_listed_topics_synonyms_leave_out_the_vocabularys_words():
    result = listed("Topics:\n• the regulation of collective management organisations")
    # "collective management" names a vocabulary topic, so it is found, not made new
    assert result.listed or result.new
    result = listed("Topics:\n• training on the enforcement of patents of kites")
    keys = {k for t in VOCABULARY.topics for k in (t.name.lower(), *t.synonyms)}
    assert all(s not in keys for t in result.new for s in t.synonyms)


# --- programmes, funds and treaties a report names ------------------------------------------------

REPORT = [Paragraph("1", "Freedonia joined the Marrakesh Treaty in 2020. It funds the Amber Bridge Programme for "
                         "Young Inventors and a Kite Fund. Freedonia also set up the Global Harbour Initiative on "
                         "Ports (GHIP). Freedonia Mechanism matters. The Big Forum met."),
          Paragraph("2", "Freedonia ran the Amber Bridge Programme again.")]


def test_programmes_and_funds_named_in_the_text_are_the_reports_topics_once_each():
    topics = named_topics(REPORT, {}, VOCABULARY, set())
    assert [(t.slug, t.name, t.kind, t.paragraph) for t in topics] == [
        ("marrakesh-treaty", "Marrakesh Treaty", "programme", "1"),
        ("amber-bridge-programme-for-young-inventors", "Amber Bridge Programme for Young Inventors", "programme", "1"),
        ("kite-fund", "Kite Fund", "programme", "1"),
        ("global-harbour-initiative-on-ports", "Global Harbour Initiative on Ports", "programme", "1"),
        ("freedonia-mechanism", "Freedonia Mechanism", "programme", "1"),
    ]
    amber = topics[1]
    assert amber.synonyms == ("amber bridge programme", "amber bridge programme for young inventors")


def test_a_programme_with_an_acronym_is_named_with_it_and_an_agencys_name_is_not_a_programme():
    programmes = {"GHIP": ("Global Harbour Initiative on Ports", "GHIP", 0)}
    topics = named_topics(REPORT, programmes, VOCABULARY, {"ghip"}, {"freedonia mechanism"})
    first = topics[0]
    assert (first.slug, first.name, first.paragraph) == ("ghip-r", "Global Harbour Initiative on Ports (GHIP)", "1")
    assert "ghip" in first.synonyms
    assert "freedonia-mechanism" not in [t.slug for t in topics]
    assert [t.slug for t in topics].count("global-harbour-initiative-on-ports") == 0  # named once, with its acronym


def test_a_one_word_name_without_an_acronym_and_a_vocabulary_topic_are_not_programmes():
    text = "Freedonia signed the Berne Convention and a Fund. Kites Fund grew."
    topics = named_topics([Paragraph("3", text)], {"K": ("Kites", "KF", 0)}, VOCABULARY, set())
    names = [t.name for t in topics]
    assert "Kites (KF)" in names  # one word, but with an acronym
    assert "Fund" not in names


# --- question-friendly names ------------------------------------------------------------------------

@pytest.mark.parametrize("item,names", [
    ("the regulation of collective management organisations",
     ("collective management", "collective management organisations", "regulation of collective management organisations")),
    ("training on the enforcement of rights", ("rights", "training on the enforcement of rights")),
    ("Data", ("data",)),
    ("a test", ("test",)),
    ("kite flying for beginners", ("beginners", "kite flying", "kite flying for beginners")),
    ("kites for young beginners", ("kites for young beginners", "young beginners")),
    ("advice on patent filing procedures", ("advice on patent filing procedures", "patent filing",
                                            "patent filing procedures")),
    ("advice on filing procedures", ("advice on filing procedures", "filing procedures")),
    ("tips on the art", ("tips on the art",)),
    ("the tips of kite", ("kite", "tips of kite")),
])
def test_head_synonyms(item, names):
    assert head_synonyms(item) == names


def test_a_new_topics_slug_is_the_start_of_its_name_and_at_most_sixty_characters():
    words = [f"kite{letter}flying" for letter in "abcdefgh"]  # 8 words, 94 characters with hyphens
    result = listed("Topics:\n• " + " ".join(words))
    slug = result.new[0].slug
    assert len(slug) == 60 and "-".join(words).startswith(slug)
