"""The knowledge base as plain data: reading knowledge.toml's layout (documents cited by key, a parent,
the default rank), the shipped Member, and the look-ups: agencies by any name ignoring "the"/"U.S.",
topics by slug or synonym, every unit below an agency, the chain of parents, links in rank order."""

import dataclasses

import pytest

from bot.core.knowledge.base import Knowledge, Passage, from_seed, read_seed, seed_bytes, shipped_member
from bot.core.records import Agency, Link, Source, Topic

SEED = {
    "documents": [{"key": "ip-c-1", "title": "Technical cooperation report", "symbol": "IP/C/W/1",
                   "date": "2025-10-01", "url": "https://docs.example/1"}],
    "agencies": [
        {"acronym": "ITA", "name": "International Trade Administration", "parent": "DOC"},
        {"acronym": "DOC", "name": "Department of Commerce", "parent": ""},
        {"acronym": "USPTO", "name": "United States Patent and Trademark Office", "parent": "DOC",
         "aliases": ["Patent Office"],
         "sources": [{"document": "ip-c-1", "paragraph": 12, "quote": "The USPTO trains examiners."},
                     {"title": "USPTO", "url": "https://uspto.example"}]},
        {"acronym": "GIPA", "name": "Global Intellectual Property Academy", "parent": "USPTO"},
        {"acronym": "CBP", "name": "Customs and Border Protection"},
    ],
    "topics": [{"slug": "border-enforcement", "name": "Border enforcement", "synonyms": ["customs seizures"]}],
    "links": [
        {"topic": "border-enforcement", "agency": "USPTO", "rank": 2, "role": "partner"},
        {"topic": "border-enforcement", "agency": "CBP"},
        {"topic": "border-enforcement", "agency": "ITA", "rank": 2},
    ],
}


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return from_seed(SEED)


def test_a_source_citing_a_document_by_key_takes_the_documents_title_symbol_date_and_url(kb):
    cited, page = kb.by_acronym["USPTO"].sources
    assert cited == Source(document="Technical cooperation report", symbol="IP/C/W/1", date="2025-10-01",
                           paragraph="12", quote="The USPTO trains examiners.", url="https://docs.example/1")
    assert page == Source(title="USPTO", url="https://uspto.example") and page.is_page


def test_an_empty_parent_is_no_parent_and_a_link_without_rank_comes_first(kb):
    assert kb.by_acronym["DOC"].parent is None and kb.by_acronym["USPTO"].parent == "DOC"
    [cbp] = [link for link in kb.links if link.agency == "CBP"]
    assert cbp.rank == 1 and cbp.role == "lead"


def test_the_shipped_member_is_the_seeds_or_the_united_states():
    assert shipped_member({"member": "Japan"}) == "Japan"
    assert shipped_member({}) == "United States of America"
    assert shipped_member({"member": ""}) == "United States of America"


def test_the_shipped_seed_is_the_file_as_stored_and_parses():
    assert read_seed() == __import__("tomllib").loads(seed_bytes().decode("utf-8"))
    assert from_seed(read_seed()).agencies


@pytest.mark.parametrize("name", ["USPTO", "uspto", "United States Patent and Trademark Office",
                                  "the Patent Office", "U.S. Patent Office", "US Patent Office", "U S Patent Office",
                                  "The U.S.P.T.O."])
def test_an_agency_is_found_by_any_name_ignoring_case_dots_and_a_leading_the_or_us(kb, name):
    assert kb.agency(name).acronym == "USPTO"


def test_an_unknown_agency_name_finds_none(kb):
    assert kb.agency("Patent Bureau") is None


@pytest.mark.parametrize("text", ["border-enforcement", "border enforcement", "Border Enforcement",
                                  "customs seizures"])
def test_a_topic_is_found_by_slug_name_or_synonym(kb, text):
    assert kb.topic(text).slug == "border-enforcement"


def test_an_agency_with_sub_units_includes_every_level_below_it_in_any_order(kb):
    # ITA is listed before DOC, GIPA after USPTO: the units are found whatever order they come in
    assert kb.with_sub_units("DOC") == {"DOC", "ITA", "USPTO", "GIPA"}
    assert kb.with_sub_units("USPTO") == {"USPTO", "GIPA"}
    assert kb.with_sub_units("CBP") == {"CBP"}


def test_units_found_below_a_grandchild_listed_first():
    agencies = [Agency("C", "Grandchild", parent="B"), Agency("B", "Child", parent="A"), Agency("A", "Top")]
    assert Knowledge(agencies, [], []).with_sub_units("A") == {"A", "B", "C"}


def test_the_parents_of_an_agency_go_up_the_chain_nearest_first(kb):
    assert [a.acronym for a in kb.parents("GIPA")] == ["USPTO", "DOC"]
    assert kb.parents("DOC") == [] and kb.parents("NOPE") == []


def test_a_parent_that_is_not_an_agency_and_a_loop_of_parents_end_the_chain():
    knowledge = Knowledge([Agency("A", "A", parent="GONE"), Agency("X", "X", parent="Y"),
                           Agency("Y", "Y", parent="X")], [], [])
    assert knowledge.parents("A") == []
    assert [a.acronym for a in knowledge.parents("X")] == ["Y"]


def test_links_come_in_rank_order_then_by_name(kb):
    assert [l.agency for l in kb.links_for_topic("border-enforcement")] == ["CBP", "ITA", "USPTO"]
    assert [l.topic for l in kb.links_for_agency("USPTO")] == ["border-enforcement"]
    assert kb.links_for_topic("other") == [] and kb.links_for_agency("DOC") == []


def test_links_of_an_agency_in_rank_order_then_by_topic():
    links = [Link("b", "A", rank=2), Link("c", "A", rank=1), Link("a", "A", rank=2), Link("a", "B")]
    knowledge = Knowledge([Agency("A", "A"), Agency("B", "B")], [], links)
    assert [(l.topic, l.rank) for l in knowledge.links_for_agency("A")] == [("c", 1), ("a", 2), ("b", 2)]


def test_an_agency_is_labelled_by_its_name_or_else_its_acronym(kb):
    assert kb.agency_label("CBP") == "Customs and Border Protection"
    assert kb.agency_label("XYZ") == "XYZ"


def test_a_passage_is_a_value_and_the_look_up_tables_stay_out_of_the_repr(kb):
    passage = Passage(Source(document="Report", paragraph="3"), "The text.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        passage.text = "changed"
    assert len({passage, Passage(Source(document="Report", paragraph="3"), "The text.")}) == 1
    shown = repr(Knowledge([Agency("CBP", "Customs and Border Protection")], [Topic("t", "Topic")], []))
    assert "_agency_keys" not in shown and "_topic_keys" not in shown
