"""Learning agencies, topics and quoted links from small made-up report paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.base import Knowledge
from bot.core.knowledge.documents import Paragraph
from bot.core.knowledge.extract import DocumentInfo, propose
from bot.core.knowledge.sentences import quote_parts

VOCABULARY = Knowledge([], from_seed(read_seed()).topics, [])
DOC = DocumentInfo(member="Freedonia", title="Test report")


def learn(*texts: str):
    paragraphs = [Paragraph(number=str(i), text=t) for i, t in enumerate(texts, start=1)]
    return propose(paragraphs, DOC, VOCABULARY).to_json()


def agencies(result) -> dict[str, dict]:
    return {a["acronym"]: a for a in result["agencies"]}


def links(result) -> set[tuple[str, str, str]]:
    return {(l["topic"], l["agency"], l["role"]) for l in result["links"]}


def test_acronyms_names_and_parents_from_including():
    result = learn("Assistance is provided by the Department of Xylography (DX), including the Alpha Bureau (AB) "
                   "and the Border Office (BO); and the Ministry of Finance, Trade and Industry (MFTI).")
    found = agencies(result)
    assert found["DX"]["name"] == "Department of Xylography"
    assert found["AB"]["parent"] == "DX" and found["BO"]["parent"] == "DX"
    assert found["MFTI"]["name"] == "Ministry of Finance, Trade and Industry"


def test_programme_of_an_offices_unit_has_that_parent():
    result = learn("The Freedonia Patent Office (FPO) trains examiners.",
                   "The Global Training Academy (GTA), a programme of the FPO's Office of Policy, offers courses "
                   "on patent examination.")
    assert agencies(result)["GTA"]["parent"] in {"FPO", "Office of Policy"}


def test_sentence_boundary_does_not_leak_into_a_name():
    result = learn("Ruritania. The Ruritanian Patent and Trademark Office (OERP) trained patent examiners.")
    assert agencies(result)["OERP"]["name"] == "Ruritanian Patent and Trademark Office"


def test_funder_role_and_subject_first():
    result = learn("The Freedonia Customs Service (FCS), in cooperation with the Freedonia Patent Office (FPO), "
                   "held a workshop on border measures, funded by the Ministry of Development (MOD).")
    found = links(result)
    assert ("border-enforcement", "FCS", "lead") in found
    assert ("border-enforcement", "FPO", "partner") in found
    assert ("border-enforcement", "MOD", "funder") in found
    first = [l for l in result["links"] if l["topic"] == "border-enforcement"][0]
    assert first["agency"] == "FCS"


def test_subject_is_carried_to_later_sentences():
    result = learn("The Freedonia Copyright Office (FCO) held a seminar for officials. "
                   "It also advised on the regulation of collecting societies.")
    assert any(l["topic"] == "copyright" and l["agency"] == "FCO" and "collecting" in l["quote"]
               for l in result["links"])


def test_listing_sentence_makes_no_links():
    result = learn("Technical assistance is given by the Alpha Agency (AA); the Beta Bureau (BB); the Gamma "
                   "Office (GO); and the Delta Service (DS), on patents, trademarks and copyright.")
    assert {"AA", "BB", "GO", "DS"} <= set(agencies(result))
    assert not result["links"]


def test_intergovernmental_organisation_is_not_an_agency():
    result = learn("The Freedonia Patent Office (FPO) trained patent examiners in cooperation with the World "
                   "Intellectual Property Organization (WIPO).")
    assert "WIPO" not in agencies(result)
    assert ("patents", "FPO", "lead") in links(result)


def test_programme_becomes_a_topic_not_an_agency():
    result = learn("The Secretariat for Trade (SET) funds the Global Programme for Design Rights (GPDR). "
                   "The GPDR is implemented by the Freedonia Patent Office (FPO).")
    assert "GPDR" not in agencies(result)
    topic = next(t["slug"] for t in result["topics"] if "Global Programme" in t["name"])
    assert {(topic, "FPO"), (topic, "SET")} <= {(l["topic"], l["agency"]) for l in result["links"]}


def test_bodies_without_acronym_from_a_list():
    result = learn("The bodies whose activities are described in this report are:\n• Patents Freedonia;\n"
                   "• the Freedonia Customs Service (FCS); and\n• Border Guard Freedonia.",
                   "Patents Freedonia delivered patent examination training.")
    found = agencies(result)
    assert "Patents Freedonia" in found and "FCS" in found
    assert ("patents", "Patents Freedonia", "lead") in links(result)


WORDS = st.sampled_from(["The", "the", "Freedonia", "Patent", "Office", "(FPO)", "trained", "customs",
                         "officers", "on", "border", "measures", "funded", "by", "Ministry", "of", "Finance",
                         "(MOF)", "copyright", "piracy", "It", "also", "advised", ".", ",", ";", "and",
                         "in", "cooperation", "with", "WIPO", "\n•", "patents", "examiners"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=3, max_size=70).map(" ".join), min_size=1, max_size=3))
def test_every_quote_is_verbatim(texts):
    paragraphs = [Paragraph(number=str(i), text=t) for i, t in enumerate(texts, start=1)]
    result = propose(paragraphs, DOC, VOCABULARY).to_json()
    by_number = {p.number: p.text for p in paragraphs}
    for link in result["links"]:
        assert len(link["quote"]) <= 300
        for part in quote_parts(link["quote"]):
            assert part.strip() in by_number[link["paragraph"]]
