"""The shared records: how a source reads and round-trips as JSON, names and aliases per language, the
defaults a caller relies on, that records are immutable values, and a reply's payload as Slack takes it."""

import dataclasses
import json
from datetime import date

import pytest

from bot.core.records import (Activity, Agency, Link, NewActivity, Reply, Source, Topic, UpcomingFilters,
                              UpcomingResult)

REPORT = Source(document="Report of the United States", symbol="IP/C/W/700", date="2021-09-15", paragraph="10",
                quote="CBP trained officers.")
PAGE = Source(title="CBP training", url="https://cbp.gov/training")


def test_a_page_source_reads_as_title_and_address_and_keeps_only_those_in_json():
    assert PAGE.is_page and not REPORT.is_page
    assert PAGE.text() == "CBP training — https://cbp.gov/training"
    assert Source(title="CBP training").text() == "CBP training"
    assert Source(url="https://cbp.gov/training").text() == "https://cbp.gov/training"
    assert PAGE.to_json() == {"title": "CBP training", "url": "https://cbp.gov/training"}


def test_a_report_source_reads_with_symbol_date_paragraph_and_quote():
    assert REPORT.text() == "Report of the United States (IP/C/W/700, 2021-09-15) ¶10: “CBP trained officers.”"
    assert Source(document="Report", date="2021-09-15").text() == "Report (2021-09-15)"
    assert Source(document="Report", symbol="IP/C/W/700").text() == "Report (IP/C/W/700)"
    assert Source(document="Report", paragraph="4").text() == "Report ¶4"
    assert Source(document="Report").text() == "Report"
    assert Source(document="Report", quote="Said.").text() == "Report: “Said.”"


def test_a_report_source_in_json_has_its_address_only_when_it_has_one():
    assert REPORT.to_json() == {"document": "Report of the United States", "symbol": "IP/C/W/700",
                                "date": "2021-09-15", "paragraph": "10", "quote": "CBP trained officers."}
    with_url = dataclasses.replace(REPORT, url="https://docs.wto.org/x")
    assert with_url.to_json()["url"] == "https://docs.wto.org/x"


def test_sources_round_trip_through_json_and_missing_or_null_fields_read_as_empty():
    for source in (REPORT, PAGE, dataclasses.replace(REPORT, url="https://docs.wto.org/x")):
        assert Source.from_json(source.to_json()) == source
    assert Source.from_json({"document": "Report", "paragraph": 12, "quote": None}) == Source(document="Report",
                                                                                              paragraph="12")


def test_an_agencys_aliases_in_a_language_add_that_languages_names_to_its_own():
    agency = Agency("CBP", "Customs and Border Protection", aliases=("Customs",), aliases_fr=("Douanes",),
                    aliases_es=("Aduanas",))
    assert agency.aliases_in("en") == ("Customs",)
    assert agency.aliases_in("fr") == ("Customs", "Douanes")
    assert agency.aliases_in("es") == ("Customs", "Aduanas")
    assert agency.aliases_in("de") == ("Customs",)


def test_a_topics_name_and_words_in_a_language_fall_back_to_english_for_the_name_only():
    topic = Topic("border-enforcement", "Border enforcement", synonyms=("customs",), name_fr="Mesures à la frontière",
                  synonyms_fr=("douanes",), synonyms_es=("aduanas",))
    assert topic.name_in("en") == "Border enforcement"
    assert topic.name_in("fr") == "Mesures à la frontière"
    assert topic.name_in("es") == "Border enforcement"
    assert topic.words_in("en") == ("Border enforcement", "border enforcement", "customs")
    assert topic.words_in("fr") == ("Mesures à la frontière", "douanes")
    assert topic.words_in("es") == ("aduanas",)


def test_the_defaults_a_caller_relies_on():
    assert Link("border-enforcement", "CBP").rank == 1  # the first agency for the topic
    assert Link("border-enforcement", "CBP").role == "lead"
    assert Activity(title="T", start_date=date(2026, 1, 1), agency="CBP").id == 0  # not stored yet
    assert UpcomingResult((), ()).more is False
    reply = Reply("hi")
    assert reply.response_type == "ephemeral" and reply.escaped is False


RECORDS = [REPORT, Agency("CBP", "Customs"), Topic("ip", "IP"), Link("ip", "CBP"),
           NewActivity(title="T", start_date=date(2026, 1, 1), agency="CBP"),
           Activity(title="T", start_date=date(2026, 1, 1), agency="CBP", id=3),
           UpcomingFilters(topic="ip"), UpcomingResult((), ())]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_are_immutable_values(record):
    field = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, getattr(record, field))
    assert {record: 1}[dataclasses.replace(record)] == 1  # equal records hash alike


def test_a_replys_fallback_text_is_escaped_unless_it_is_mrkdwn_already():
    plain = Reply("Tom & <Jerry>", blocks=[{"type": "divider"}], response_type="in_channel")
    assert plain.payload() == {"text": "Tom &amp; &lt;Jerry&gt;", "blocks": [{"type": "divider"}],
                               "response_type": "in_channel"}
    made = Reply("Thanks <@U123> &amp; co", escaped=True)
    assert made.payload()["text"] == "Thanks <@U123> &amp; co"


def test_a_replys_json_is_its_payload_and_serialising_it_leaves_it_equal_to_a_fresh_one():
    reply = Reply("Tom & Jerry", blocks=[{"type": "divider"}])
    assert json.loads(reply.to_json()) == reply.payload()
    assert reply.to_json() == reply.to_json()
    assert reply == Reply("Tom & Jerry", blocks=[{"type": "divider"}])
    assert "_json" not in repr(reply)
