"""Learning links from a report: which sentences make links, how the evidence for each topic and agency
adds up into ranks, and the citation each link and agency keeps."""

from __future__ import annotations

from bot.core.knowledge.documents import Paragraph
from bot.core.knowledge.extract import DocumentInfo, passages_of, propose
from tests.test_extract import VOCABULARY, learn


def ranked(result, topic: str) -> list[tuple[str, str]]:
    return [(l["agency"], l["role"]) for l in result["links"] if l["topic"] == topic]


def test_three_agencies_in_a_sentence_act_together_four_only_list_who_takes_part():
    three = learn("The Alpha Agency (AAA), the Beta Bureau (BB) and the Gamma Office (GO) trained patent examiners.")
    assert ranked(three, "patents") == [("AAA", "lead"), ("BB", "lead"), ("GO", "lead")]
    four = learn("The Alpha Agency (AAA), the Beta Bureau (BB), the Gamma Office (GO) and the Delta Service (DS) "
                 "trained patent examiners.")
    assert four["links"] == []


def test_a_topic_named_by_more_words_is_stronger_evidence():
    result = learn("The Alpha Agency (AAA) trained examiners.", "The Beta Bureau (BBB) trained patent examiners.")
    assert ranked(result, "patents") == [("BBB", "lead"), ("AAA", "lead")]


def test_evidence_adds_up_three_sentences_about_a_subject_outweigh_one_naming_another():
    result = learn("The Xeno Office (XXO) trained examiners.",
                   "The Yolo Board (YYB) held an event. It trained examiners. It also coached examiners. "
                   "It further taught examiners.")
    assert ranked(result, "patents") == [("YYB", "lead"), ("XXO", "lead")]
    quotes = [l["quote"] for l in result["links"] if l["agency"] == "YYB"]
    assert quotes == ["It trained examiners."]  # the first sentence that says it


def test_a_later_sentence_about_the_subject_counts_less_than_naming_it_and_more_than_taking_part():
    result = learn("The Beta Bureau (BBB), together with the Gamma Council (CCC), held a copyright seminar.",
                   "The Freedonia Trade Office (FTO) held an event. It also advised on copyright.")
    assert ranked(result, "copyright") == [("BBB", "lead"), ("FTO", "lead"), ("CCC", "partner")]


def test_each_link_cites_its_paragraph_and_sentence_and_the_document():
    paragraphs = [Paragraph("12", "Intro text without names."),
                  Paragraph("13", "The Freedonia Patent Office (FPO) trained patent examiners. It also advised on copyright.")]
    document = DocumentInfo(member="Freedonia", title="Report", symbol="IP/C/R/TC/FRE", date="2025-06-30",
                            url="https://example.org/r")
    proposal = propose(paragraphs, document, VOCABULARY)
    link = next(l for l in proposal.links if l.topic == "copyright")
    assert (link.agency, link.rank, link.role) == ("FPO", 1, "lead")
    source = link.sources[0]
    assert (source.document, source.symbol, source.date, source.url, source.paragraph, source.quote) == (
        "Report", "IP/C/R/TC/FRE", "2025-06-30", "https://example.org/r", "13", "It also advised on copyright.")
    agency = next(a for a in proposal.agencies if a.acronym == "FPO")
    assert agency.name == "Freedonia Patent Office"
    assert agency.sources[0].paragraph == "13"
    assert agency.sources[0].quote == "The Freedonia Patent Office (FPO) trained patent examiners."
    assert [p.text for p in passages_of(proposal)] == [p.text for p in paragraphs]
    assert [(p.where.paragraph, p.where.document, p.where.url) for p in passages_of(proposal)] == [
        ("12", "Report", "https://example.org/r"), ("13", "Report", "https://example.org/r")]


def test_an_agency_whose_name_says_its_topic_is_linked_to_it_below_every_agency_the_text_links():
    result = learn("The Freedonia Trademark Office (FTMO) held a copyright seminar.",
                   "The Gamma Council (GC) trained staff with the Delta Board (DB) on trademarks.")
    assert ranked(result, "trademarks") == [("GC", "lead"), ("DB", "partner"), ("FTMO", "lead")]


def test_equal_evidence_from_one_sentence_ranks_by_acronym():
    result = learn("The Zeta Office (ZO) and the Alpha Agency (AAA) trained examiners.")
    assert ranked(result, "patents") == [("AAA", "lead"), ("ZO", "lead")]


def test_a_links_role_is_lead_if_any_sentence_says_so_else_partner_else_funder():
    result = learn("The Alpha Agency (AAA) trained examiners with the Beta Board (BB).",
                   "The Gamma Council (GC) trained examiners, funded by the Beta Board (BB).")
    assert ranked(result, "patents") == [("AAA", "lead"), ("GC", "lead"), ("BB", "partner")]
    result = learn("The Alpha Agency (AAA) trained examiners with the Beta Board (BB).",
                   "The Beta Board (BB) trained examiners.",
                   "The Gamma Council (GC) trained examiners, funded by the Beta Board (BB).")
    assert ranked(result, "patents") == [("BB", "lead"), ("AAA", "lead"), ("GC", "lead")]


def test_a_link_keeps_at_most_three_sentences_strongest_first_and_an_agency_its_first():
    paragraphs = [Paragraph("1", "Intro. Freedonia Patent Office (FPO) trained examiners. It examined patents. "
                                 "It also examined patents. It again examined patents.")]
    proposal = propose(paragraphs, DocumentInfo(member="Freedonia", title="T"), VOCABULARY)
    (link,) = proposal.links
    assert (link.topic, link.agency, link.rank) == ("patents", "FPO", 1)
    assert [s.quote for s in link.sources] == ["Freedonia Patent Office (FPO) trained examiners.",
                                               "It examined patents.", "It also examined patents."]
    (agency,) = proposal.agencies
    assert agency.name not in agency.aliases
    assert [s.quote for s in agency.sources] == ["Freedonia Patent Office (FPO) trained examiners."]


def test_an_agency_named_at_the_very_start_of_a_paragraph_cites_its_sentence():
    proposal = propose([Paragraph("4", "Freedonia Patent Office (FPO) trained examiners.")],
                       DocumentInfo(member="Freedonia", title="T"), VOCABULARY)
    (agency,) = proposal.agencies
    assert [(s.paragraph, s.quote) for s in agency.sources] == [("4", "Freedonia Patent Office (FPO) trained examiners.")]


def test_two_words_naming_the_topic_add_a_fifth_to_a_subject_as_much_as_three_carried_sentences():
    # 1.5 × 1.2 for "patent examiners" equals 3 × 0.6 for "It … examiners" thrice: equal weight, the earlier first
    result = learn("The Xeno Office (XXO) trained patent examiners.",
                   "The Alpha Board (AAB) held an event. It trained examiners. It also coached examiners. "
                   "It further taught examiners.")
    assert ranked(result, "patents") == [("XXO", "lead"), ("AAB", "lead")]


def test_an_agency_that_funds_the_topic_after_its_verb_ranks_as_a_funder_below_those_doing_the_work():
    result = learn("The Freedonia Customs Service (FCS) said the Ministry of Development (MOD) funds patent examiners.",
                   "The Gamma Council (GC) trained examiners with the Delta Board (DB).")
    assert ranked(result, "patents") == [("FCS", "lead"), ("GC", "lead"), ("MOD", "funder"), ("DB", "partner")]


def test_a_name_says_its_topic_only_with_a_strong_word_and_cites_the_sentence_naming_the_agency():
    # "Agriculture" is an everyday word: the board's name does not tie it to plant varieties
    result = learn("The Freedonia Agriculture Board (FAB) held a copyright seminar.")
    assert {l["topic"] for l in result["links"]} == {"copyright"}
    # "Trademark" in the name does, quoting the sentence that names the office, not the paragraph's first
    result = learn("Intro sentence here. The Freedonia Trademark Office (FTMO) held a copyright seminar.")
    named = next(l for l in result["links"] if l["topic"] == "trademarks")
    assert (named["agency"], named["quote"]) == ("FTMO", "The Freedonia Trademark Office (FTMO) held a copyright seminar.")


def test_a_list_of_who_takes_part_makes_no_links_even_in_its_first_piece():
    result = learn("Patent training is given by the Alpha Agency (AA); the Beta Bureau (BB); the Gamma Office (GO); "
                   "and the Delta Service (DS).")
    assert result["links"] == []
    assert {"AA", "BB", "GO", "DS"} <= {a["acronym"] for a in result["agencies"]}


def test_a_list_of_who_takes_part_makes_no_links_on_a_later_line_of_its_paragraph():
    lines = [f"• Item {n} noted." for n in range(60)]
    result = learn("\n".join([*lines, "Training is given by the Alpha Agency (AA); the Beta Bureau (BB); the Gamma "
                                      "Office (GO); and the Delta Service (DS), on patents."]))
    assert result["links"] == []
