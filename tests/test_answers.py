"""Answering questions in plain words: the pure core (bot/core/knowledge/answering.py) and its rendering."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge.render import render_answer, summary
from bot.core.knowledge.answering import answer_question
from bot.core.knowledge.index import index_for
from bot.core.knowledge.multilingual import answer_in_language
from bot.core.knowledge import Knowledge, from_seed, read_seed
from bot.core.records import Activity
from tests.conftest import assert_valid_message

KB = from_seed(read_seed())
DATA = Path(__file__).parent / "data" / "questions.jsonl"
# The public example questions, kept in the repository so that their test always runs; where the team's
# shared folder sits beside the repository, the kept copy must match it.
EXAMPLES = Path(__file__).parent / "data" / "examples"
SHARED_EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


def first(question: str, knowledge: Knowledge = KB) -> str | None:
    answer = answer_question(question, knowledge)
    return answer.agencies[0].acronym if answer.agencies else None


def topic(question: str, knowledge: Knowledge = KB) -> str | None:
    answer = answer_question(question, knowledge)
    return answer.topic.slug if answer.topic else None


def score(path: Path, language: str = "en") -> tuple[float, float, list]:
    """Top-1 and abstention through the path every entry point takes (the question's language detected);
    an answer in another language than the set's counts as a miss."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    answers = {i["q"]: answer_in_language(i["q"], KB) for i in items}

    def got(q: str) -> str | None:
        return answers[q].agencies[0].acronym if answers[q].agencies else None

    topical = [i for i in items if i["accept"]]
    off_topic = [i for i in items if not i["accept"]]
    wrong = [(i["q"], got(i["q"])) for i in topical if got(i["q"]) not in i["accept"]]
    guessed = [(i["q"], got(i["q"])) for i in off_topic if not answers[i["q"]].abstained]
    spoken = [(q, a.language) for q, a in answers.items() if a.language != language]
    return (1 - len(wrong) / len(topical), 1 - len(guessed) / len(off_topic) if not spoken else 0.0,
            wrong + guessed + spoken)


def test_the_question_set_meets_the_bar():
    top1, abstention, misses = score(DATA)
    assert top1 >= 0.97, misses
    assert abstention == 1.0, misses
    assert sum(1 for _ in DATA.open()) >= 300


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_french_and_spanish_question_sets_meet_the_bar(language):
    path = DATA.with_name(f"questions_{language}.jsonl")
    top1, abstention, misses = score(path, language)
    assert top1 >= 0.90, misses
    assert abstention == 1.0, misses
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 150 and sum('"accept": []' in line for line in lines) >= 0.2 * len(lines)


def test_the_example_questions_meet_the_bar():
    top1, abstention, misses = score(EXAMPLES / "questions.jsonl")
    assert top1 >= 0.97 and abstention == 1.0, misses
    assert sum(1 for line in (EXAMPLES / "questions.jsonl").open() if line.strip()) >= 10


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_french_and_spanish_example_questions_meet_the_bar(language, tmp_path):
    lines = (EXAMPLES / "questions_fr_es.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if line.strip() and json.loads(line)["lang"] == language]
    assert chosen, f"no {language} example questions"
    path = tmp_path / f"examples_{language}.jsonl"
    path.write_text("\n".join(chosen), encoding="utf-8")
    top1, abstention, misses = score(path, language)
    assert top1 >= 0.97 and abstention == 1.0, misses


def test_the_kept_examples_match_the_shared_folder_when_it_is_there():
    kept = sorted(p.name for p in EXAMPLES.glob("*.jsonl"))
    assert kept == ["questions.jsonl", "questions_fr_es.jsonl"]
    if SHARED_EXAMPLES.is_dir():
        for name in kept:
            assert (EXAMPLES / name).read_bytes() == (SHARED_EXAMPLES / name).read_bytes(), name


@pytest.mark.parametrize("question,slug", [
    ("who handles customs?", "border-enforcement"),
    ("border measures", "border-enforcement"),
    ("who handles seizures of infringing goods?", "border-enforcement"),
    ("who deals with fakes?", "anti-counterfeiting"),
    ("who handles piracy?", "copyright"),
    ("who handles cybercrime?", "computer-forensics"),
    ("who trains on electronic evidence?", "computer-forensics"),
    ("UPOV", "plant-variety-protection"),
    ("who handles breeders' rights?", "plant-variety-protection"),
    ("who handles GIs?", "geographical-indications"),
    ("who handles knock-offs", "anti-counterfeiting"),
    ("who handles knockoffs", "anti-counterfeiting"),
    ("e-learning on IP", "distance-learning"),
])
def test_synonyms_from_the_data_file(question, slug):
    assert topic(question) == slug


@pytest.mark.parametrize("question,expected", [
    ("who handles border enforcment?", "CBP"),
    ("who deals with boarder enforcement?", "CBP"),
    ("counterfiet medicines", "ICE"),
    ("who handles copywright", "USCO"),
    ("who teaches computer forensices", "CCIPS"),
    ("what does USTPO do?", "USPTO"),
    ("what does SPTO do?", "USPTO"),
    ("what does the Commerical Law Development Program do?", "CLDP"),
    ("WHO HANDLES BORDER ENFORCEMENT???", "CBP"),
    ("Who... handles -- border/enforcement!!", "CBP"),
    ("  who   handles\tBORDER enforcement  ", "CBP"),
])
def test_typos_case_and_punctuation(question, expected):
    assert first(question) == expected


def test_everyday_words_that_are_not_typos_are_not_corrected():
    # "patient" is one letter from "patent", "records" shares a stem with "recordation"
    assert answer_question("who handles patient records?", KB).abstained
    assert answer_question("who handles customer complaints?", KB).abstained


@pytest.mark.parametrize("question,expected", [
    ("what does CCIPS do?", "CCIPS"),
    ("what does the Computer Crime and Intellectual Property Section do?", "CCIPS"),
    ("what does HSI do", "ICE"),
    ("tell me about the IPR Center", "ICE"),
    ("what does the Copyright Office do?", "USCO"),
    ("what does U.S.A.I.D. do?", "USAID"),
    ("What does State do?", "DOS"),
    ("what does DOC do?", "DOC"),
    ("what does ICE do?", "ICE"),
])
def test_reverse_look_up_by_acronym_name_or_alias(question, expected):
    answer = answer_question(question, KB)
    assert answer.kind == "agency"
    assert [a.acronym for a in answer.agencies] == [expected]
    assert answer.covers and all(link.agency == expected for _, link in answer.covers)
    assert answer.source == KB.by_acronym[expected].sources[0].text()  # a quote or a public page


def test_everyday_words_that_are_agency_names_need_capitals_or_to_stand_alone():
    assert answer_question("who handles the state of the kitchen?", KB).abstained
    assert answer_question("who handles the office ice machine?", KB).abstained
    assert first("what does ice do?") == "ICE"  # all the question says


def test_a_named_agency_with_a_topic_comes_first_with_its_units():
    answer = answer_question("who at DOJ handles cybercrime?", KB)
    assert answer.topic.slug == "computer-forensics"
    order = [a.acronym for a in answer.agencies]
    assert order[:3] == ["CCIPS", "FBI", "OPDAT"] and "DOJ" in order
    assert first("does CBP handle counterfeits?") == "CBP"  # CBP is only second for anti-counterfeiting
    # a topic the named agency has nothing to do with keeps its own order
    assert first("does USDA handle copyright?") == "USCO"


def test_longest_phrase_wins():
    assert topic("who handles customs enforcement of IP rights") == "border-enforcement"
    assert topic("criminal enforcement of intellectual property") == "criminal-investigation-prosecution"
    assert first("what does the copyright office do?") == "USCO"  # the agency, not the topic


@pytest.mark.parametrize("question", [
    "what time is it?", "who handles the office coffee machine?", "who handles payroll?",
    "what's the weather?", "who handles the budget?", "who handles human resources?",
    "who handles hiring?", "who handles business trips?", "what is my IP address?", "", "?", "hello",
    "who handles PTO requests?",
])
def test_off_topic_questions_abstain_with_a_hint(question):
    answer = answer_question(question, KB)
    assert answer.abstained and not answer.agencies and answer.topic is None
    assert answer.suggestions
    assert answer.to_json() == {"question": question, "topic": None, "agencies": [], "source": None, "member": "",
                                "language": "en"}


def test_everyday_words_count_when_the_question_is_about_ip():
    assert topic("who helps IP offices with their budget?") == "ip-office-administration"
    assert topic("who handles human resources for intellectual property offices?") == "ip-office-administration"
    assert topic("who handles TRIPS?") == "trade-policy"  # written as the acronym
    assert topic("who funds IP capacity building?") == "development-funding"


def test_json_shape():
    answer = answer_question("who handles border enforcement?", KB)
    data = answer.to_json()
    assert list(data) == ["question", "topic", "agencies", "source", "member", "language"]
    assert data["topic"] == {"slug": "border-enforcement", "name": "IP border enforcement"}
    first = data["agencies"][0]
    assert {k: first[k] for k in ("acronym", "name", "parent", "role")} == {
        "acronym": "CBP", "name": "U.S. Customs and Border Protection", "parent": "DHS", "role": "lead"}
    assert first["sources"] and all(set(s) == {"title", "url"} or {"document", "paragraph", "quote"} <= set(s)
                                    for s in first["sources"])
    assert all(set(a) == {"acronym", "name", "parent", "role", "sources"} for a in data["agencies"])
    assert data["source"] and "seed" not in data["source"]
    json.dumps(data)


def test_summary_names_units_before_their_parent():
    answer = answer_question("who handles border enforcement?", KB)
    assert summary(answer.agencies, KB) == "CBP and ICE (U.S. Department of Homeland Security)"
    answer = answer_question("who handles copyright?", KB)
    assert summary(answer.agencies, KB) == "USCO (Library of Congress) and USPTO (U.S. Department of Commerce)"
    answer = answer_question("who handles patents?", KB)  # GIPA is part of USPTO
    assert summary(answer.agencies, KB) == "USPTO (U.S. Department of Commerce)"


def test_the_index_is_built_once_per_knowledge_and_new_synonyms_count():
    assert index_for(KB) is index_for(KB)
    assert answer_question("who handles frontier checks?", KB).abstained
    topics = [replace(t, synonyms=t.synonyms + ("frontier checks",)) if t.slug == "border-enforcement" else t
              for t in KB.topics]
    extended = Knowledge(KB.agencies, topics, KB.links)
    assert index_for(extended) is not index_for(KB)
    assert first("who handles frontier checks?", extended) == "CBP"
    assert first("who handles fronteir checks?", extended) == "CBP"


def _activity(n: int, title: str) -> Activity:
    return Activity(id=n, title=title, start_date=date(2026, 9, n), end_date=None, agency="CBP",
                    agency_name="U.S. Customs and Border Protection", beneficiaries=("Peru",),
                    topics=("border-enforcement",))


def test_rendered_answers_cite_sources_contacts_and_activities():
    answer = answer_question("who handles border enforcement?", KB)
    reply = render_answer(answer, KB, [_activity(1, "Seizure clinic <!channel>"), _activity(2, "Ports course")])
    payload = reply.payload()
    assert_valid_message(payload)
    assert reply.response_type == "in_channel"
    blob = json.dumps(payload["blocks"], ensure_ascii=False)
    assert "CBP and ICE (U.S. Department of Homeland Security)" in blob
    assert "Sources: <https://cbp.gov/" in blob and "https://www.cbp.gov" in blob  # a public page, a contact
    assert "seed" not in blob.lower() and "domain.md" not in blob
    assert "Seizure clinic &lt;!channel&gt;" in blob and "<!channel>" not in blob
    assert "Ports course" in payload["text"]

    reverse = render_answer(answer_question("what does DHS do?", KB), KB)
    assert_valid_message(reverse.payload())
    assert "Its units: CBP, ICE" in json.dumps(reverse.blocks)

    abstain = render_answer(answer_question("who handles payroll?", KB), KB)
    assert_valid_message(abstain.payload())
    assert abstain.response_type == "ephemeral"
    assert "I don't know that one" in abstain.text and "IP border enforcement" in abstain.text


def test_a_pasted_essay_is_read_only_as_far_as_a_question_goes():
    essay = " ".join(f"zqxw{n} lorem ipsum" for n in range(5000)) + " who handles border enforcement?"
    assert answer_question(essay, KB).abstained  # only the first 60 words are read: bounded time


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_an_answer_or_an_abstention(text):
    answer = answer_question(text, KB)
    assert answer.kind in ("topic", "agency", "none")
    assert answer.abstained == (not answer.agencies)
    assert_valid_message(render_answer(answer, KB).payload())
