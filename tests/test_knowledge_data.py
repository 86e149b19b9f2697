"""The shipped knowledge base covers the seed report and is internally consistent."""

from collections import Counter

from bot.core.knowledge import from_seed, read_seed
from bot.core.text import fold

KB = from_seed(read_seed())
PARAGRAPH_6 = {"USTR", "USAID", "USCO", "USDA", "DOC", "CLDP", "ITA", "USPTO", "DHS", "CBP", "ICE",
               "DOJ", "CCIPS", "FBI", "OPDAT", "DOS", "USTDA"}


def test_every_agency_and_sub_unit_of_paragraph_6():
    assert PARAGRAPH_6 <= set(KB.by_acronym)
    assert {KB.by_acronym[a].parent for a in ("CLDP", "ITA", "USPTO")} == {"DOC"}
    assert {KB.by_acronym[a].parent for a in ("CBP", "ICE")} == {"DHS"}
    assert {KB.by_acronym[a].parent for a in ("CCIPS", "FBI", "OPDAT")} == {"DOJ"}
    assert KB.by_acronym["GIPA"].parent == "USPTO"


def test_nine_topic_areas_and_the_gipa_programme_kinds():
    areas = [t for t in KB.topics if t.kind == "topic area"]
    programmes = {t.slug for t in KB.topics if t.kind == "programme"}
    assert len(areas) == 9
    assert {"patents", "plant-variety-protection", "trademarks", "copyright", "trade-secrets",
            "enforcement", "distance-learning"} <= programmes


def test_links_are_sourced_and_refer_to_known_records():
    for link in KB.links:
        assert link.topic in KB.by_slug and link.agency in KB.by_acronym
        assert link.sources and link.description  # every shipped link cites a quote or a public page
    assert {l.agency for l in KB.links} == set(KB.by_acronym)
    assert {l.topic for l in KB.links} == set(KB.by_slug)


def test_a_synonym_belongs_to_one_topic_only():
    keys = Counter(key for t in KB.topics
                   for key in {fold(s) for s in (*t.synonyms, t.name, t.slug, t.slug.replace("-", " "))})
    assert [k for k, n in keys.items() if n > 1] == []


def test_look_ups_by_acronym_name_and_alias():
    assert KB.agency("cbp").acronym == "CBP"
    assert KB.agency("U.S. Customs and Border Protection").acronym == "CBP"
    assert KB.agency("the Department of Justice").acronym == "DOJ"
    assert KB.topic("customs").slug == "border-enforcement"
    assert KB.topic("Border-Enforcement").slug == "border-enforcement"
    assert KB.agency("Ministry of Magic") is None


def test_read_as_questions_are_read_a_synonym_still_belongs_to_one_topic():
    """After stop words, spellings and stemming ("judges" ~ "judge"), no key means two topics."""
    from bot.core.knowledge.index import index_for

    index = index_for(KB)
    owners: dict[tuple[str, ...], set[str]] = {}
    for entry in index.entries:
        if entry.kind == "topic":
            owners.setdefault(entry.keys, set()).add(entry.ref)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    for topic in KB.topics:
        for synonym in topic.synonyms:
            assert index.norm.keys(synonym) or index.norm.keys(synonym.replace("-", "")), synonym


def test_the_matching_table_is_complete():
    from bot.core.knowledge.index import shipped_lexicon

    lexicon = shipped_lexicon()
    assert {"who", "handles", "which", "agency", "the"} <= lexicon.stop_words
    assert {"office", "budget", "human resources"} <= lexicon.generic
    assert "ip" in lexicon.context
    assert not lexicon.stop_words & {"office", "department", "customs", "border", "rights", "ip"}
