"""The "Add an activity" modal in detail: when selects switch to option groups and how groups are
split, cut and labelled, which inputs are required, multiline or limited, which agency is chosen
already, how every kind of submitted value reads back, where field errors land, and which channel
a submission came from."""

import json

from bot.core.activity_form import (add_activity_view, agency_choices, choices, field_errors, origin_channel,
                                    submitted_fields, topic_choices)
from bot.core.forms import FieldError
from bot.core.knowledge import Knowledge
from bot.core.records import Agency, Topic


def items(count, group=lambda i: "G"):
    return [(f"Label {i}", f"v{i}", group(i)) for i in range(count)]


def test_a_hundred_options_fit_in_one_select_and_a_hundred_and_one_are_grouped():
    flat = choices(items(100))
    assert [o["value"] for o in flat["options"]] == [f"v{i}" for i in range(100)] and "option_groups" not in flat
    grouped = choices(items(101))
    assert "options" not in grouped
    assert [(g["label"]["text"], len(g["options"])) for g in grouped["option_groups"]] == [("G (1)", 100), ("G (2)", 1)]
    assert [o["value"] for g in grouped["option_groups"] for o in g["options"]] == [f"v{i}" for i in range(101)]


def test_a_group_that_fits_keeps_its_plain_name():
    found = choices(items(150, group=lambda i: "Small" if i < 40 else "Large"))
    assert [(g["label"]["text"], len(g["options"])) for g in found["option_groups"]] == \
        [("Small", 40), ("Large (1)", 100), ("Large (2)", 10)]  # 110 "Large" options: two numbered parts


def test_a_group_of_exactly_a_hundred_is_one_part():
    found = choices(items(130, group=lambda i: "A" if i < 100 else "B"))
    assert [(g["label"]["text"], len(g["options"])) for g in found["option_groups"]] == [("A", 100), ("B", 30)]


def test_at_most_a_hundred_groups_are_offered():
    found = choices(items(202, group=lambda i: f"G{i // 2:03d}"))  # 101 groups of two
    labels = [g["label"]["text"] for g in found["option_groups"]]
    assert len(labels) == 100 and labels[0] == "G000" and labels[-1] == "G099"


def test_option_and_group_labels_are_cut_to_seventy_five_characters():
    fits, long = "a" * 75, "b" * 76
    options = choices([(fits, "1", "g"), (long, "2", "g")])["options"]
    assert options[0]["text"]["text"] == fits
    assert options[1]["text"]["text"] == "b" * 74 + "…"
    groups = choices([(f"L{i}", f"v{i}", "g" * 80 if i else "h" * 75) for i in range(101)])["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["h" * 75, "g" * 74 + "…"]


CHAIN = Knowledge([Agency("TOP", "Department"), Agency("MID", "Bureau", parent="TOP"),
                   Agency("LOW", "Office", parent="MID")]
                  + [Agency(f"X{i:03d}", f"Other {i}") for i in range(100)], [], [])


def test_agencies_are_grouped_under_their_top_level_agency_however_deep():
    groups = {g["label"]["text"]: [o["value"] for o in g["options"]] for g in agency_choices(CHAIN)["option_groups"]}
    assert groups["TOP"] == ["TOP", "MID", "LOW"]
    assert groups["X000"] == ["X000"]
    first = agency_choices(CHAIN)["option_groups"][0]["options"]
    assert [o["text"]["text"] for o in first] == ["TOP: Department", "MID: Bureau", "LOW: Office"]


def test_topics_are_grouped_by_their_kind_in_words():
    topics = [Topic(f"t{i}", f"Topic {i}", kind="topic-area" if i % 2 else "programme") for i in range(101)]
    groups = topic_choices(Knowledge([], topics, []))["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["Programme", "Topic area"]
    assert topic_choices(Knowledge([], topics[:3], []))["options"][1] == \
        {"text": {"type": "plain_text", "text": "Topic 1"}, "value": "t1"}


SMALL = Knowledge([Agency("CBP", "Customs and Border Protection"), Agency("USPTO", "Patent and Trademark Office")],
                  [Topic("patents", "Patents", kind="topic-area")], [])


def blocks(view):
    return {b["block_id"]: b for b in view["blocks"]}


def test_only_title_start_beneficiaries_and_agency_are_required():
    found = blocks(add_activity_view(SMALL))
    assert [b for b, block in found.items() if not block["optional"]] == ["title", "start_date", "beneficiaries",
                                                                          "agency"]
    assert list(found) == ["title", "start_date", "end_date", "beneficiaries", "agency", "topics", "format",
                           "location", "description", "url"]


def test_text_inputs_carry_their_hints_placeholders_limits_and_only_the_description_is_multiline():
    found = blocks(add_activity_view(SMALL))
    assert found["end_date"]["hint"]["text"] == "Leave empty for a one-day activity."
    assert "hint" not in found["title"] and "hint" not in found["agency"]
    assert {b: block["element"]["multiline"] for b, block in found.items()
            if block["element"]["type"] == "plain_text_input"} == \
        {"title": False, "beneficiaries": False, "location": False, "description": True, "url": False}
    assert found["title"]["element"]["max_length"] == 300 and found["description"]["element"]["max_length"] == 3000
    assert "max_length" not in found["beneficiaries"]["element"]  # a list of names has no limit of its own
    assert found["title"]["element"]["placeholder"]["text"] == "Border enforcement workshop"
    assert "placeholder" not in found["description"]["element"]


def test_the_agency_given_is_chosen_already_and_an_unknown_or_absent_one_is_not():
    chosen = blocks(add_activity_view(SMALL, agency="USPTO"))["agency"]["element"]
    assert chosen["initial_option"]["value"] == "USPTO"
    assert "initial_option" not in blocks(add_activity_view(SMALL, agency="FBI"))["agency"]["element"]
    assert "initial_option" not in blocks(add_activity_view(SMALL))["agency"]["element"]
    grouped = blocks(add_activity_view(CHAIN, agency="LOW"))["agency"]["element"]
    assert grouped["initial_option"] == {"text": {"type": "plain_text", "text": "LOW: Office"}, "value": "LOW"}


def test_the_topics_input_appears_only_when_there_are_topics_and_the_channel_travels_along():
    view = add_activity_view(SMALL, "C0CHAN")
    assert blocks(view)["topics"]["element"]["type"] == "multi_static_select"
    assert origin_channel(view["private_metadata"]) == "C0CHAN"
    assert "topics" not in blocks(add_activity_view(Knowledge(SMALL.agencies, [], [])))


def test_every_kind_of_submitted_value_reads_back_as_text():
    state = {
        "title": {"value": {"type": "plain_text_input", "value": "Workshop"}},
        "start_date": {"value": {"type": "datepicker", "selected_date": "2026-09-15"}},
        "end_date": {"value": {"type": "datepicker", "selected_date": None}},
        "agency": {"value": {"type": "static_select", "selected_option": {"value": "CBP"}}},
        "format": {"value": {"type": "static_select", "selected_option": None}},
        "topics": {"value": {"type": "multi_static_select",
                             "selected_options": [{"value": "patents"}, {"value": "trademarks"}]}},
        "location": {"value": {"type": "plain_text_input", "value": None}},
        "url": None,
        "description": {},
    }
    assert submitted_fields(state) == {"title": "Workshop", "start_date": "2026-09-15", "end_date": "",
                                       "agency": "CBP", "format": "", "topics": "patents; trademarks",
                                       "location": "", "url": "", "description": ""}
    assert submitted_fields({"topics": {"value": {"type": "multi_static_select", "selected_options": None}}}) == \
        {"topics": ""}
    assert submitted_fields({"format": {"value": {"type": "static_select", "selected_option": {}}}}) == \
        {"format": ""}
    assert submitted_fields(None) == {}


def test_field_errors_land_on_their_input_joined_and_unknown_fields_on_the_title():
    found = field_errors([FieldError("start_date", "Use `YYYY-MM-DD`"), FieldError("start_date", "Too early"),
                          FieldError("colour", "Unknown field"), FieldError("agency", "Unknown agency")])
    assert found == {"start_date": "Use YYYY-MM-DD; Too early", "title": "Unknown field",
                     "agency": "Unknown agency"}


def test_a_field_error_is_cut_to_two_thousand_characters():
    assert field_errors([FieldError("title", "e" * 2000)])["title"] == "e" * 2000
    assert field_errors([FieldError("title", "e" * 2001)])["title"] == "e" * 1999 + "…"


def test_the_origin_channel_is_empty_for_missing_or_malformed_metadata():
    assert origin_channel(json.dumps({"channel": "C1"})) == "C1"
    assert origin_channel("") == "" and origin_channel(json.dumps({})) == ""
    assert origin_channel(json.dumps({"channel": None})) == ""
    assert origin_channel("not json") == "" and origin_channel("[1]") == ""
