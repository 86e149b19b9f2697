"""The bot's replies rendered from plain data: Slack's size limits (sections, headers, fields, 50
blocks, descriptions the forms take shown whole), the add example's dates, errors with one or many problems and a
hint, the upcoming and search listings with their notes, titles and pages, one activity in full,
the agency list's sections, and the synonym and link confirmations."""

import json
from datetime import date, datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.grammar import Search, Upcoming
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, Agency, Link, Topic, UpcomingResult
from bot.core.render import (MAX_BLOCKS, activity_line, add_example, describe_filters, header, render_activity,
                             render_agencies, render_deleted, render_error, render_linked, render_search,
                             render_synonyms_changed, render_upcoming, section)

TODAY = date(2026, 6, 10)
KNOWLEDGE = Knowledge([], [Topic("patents", "Patents")], [])


def act(n, title="Workshop", **fields):
    base = dict(id=n, title=title, start_date=date(2026, 7, n % 28 + 1), agency="USPTO", agency_name="")
    return Activity(**{**base, **fields})


def texts(reply):
    found = []
    for block in reply.blocks:
        if block["type"] == "context":
            found.append(block["elements"][0]["text"])
        elif block["type"] in ("section", "header") and "text" in block:
            found.append(block["text"]["text"])
    return found


def test_sections_take_three_thousand_characters_and_headers_a_hundred_and_fifty():
    assert section("s" * 3000)["text"]["text"] == "s" * 3000
    assert section("s" * 3001)["text"]["text"] == "s" * 2999 + "…"
    assert header("h" * 150)["text"]["text"] == "h" * 150
    assert header("h" * 151)["text"]["text"] == "h" * 149 + "…"
    assert header("Title") == {"type": "header", "text": {"type": "plain_text", "text": "Title", "emoji": True}}


def test_the_add_example_is_dated_about_two_months_after_the_day_given():
    example = add_example(date(2020, 1, 1))  # 60 days after 1 January 2020 (a leap year) is 1 March
    assert "start: 1 March 2020 | end: 3 March 2020" in example


def test_one_problem_is_said_plainly_and_several_are_listed():
    one = render_error("Bad <date>")
    assert texts(one) == [":warning: Bad &lt;date&gt;"] and one.text == "Bad <date>"
    assert texts(render_error(["Only one"])) == [":warning: Only one"]
    many = render_error(["First", "Second"], hint="see help")
    assert texts(many) == [":warning: Please fix these and try again:\n• First\n• Second", "see help"]
    assert many.text == "First; Second (see help)" and many.response_type == "ephemeral"


def test_activity_lines_name_the_format_and_topic_names_only_when_there_are_some():
    line = activity_line(act(3, format="virtual", topics=("patents", "made-up")), KNOWLEDGE)
    assert line.split("\n")[1].endswith("*USPTO* · virtual")
    assert line.split("\n")[-1] == "Topics: Patents, made-up"
    assert activity_line(act(3, topics=("patents",))).split("\n")[-1] == "Topics: patents"  # no knowledge: slugs
    assert activity_line(act(3)).split("\n")[1].endswith("*USPTO*")


def test_filters_are_described_in_order_and_only_those_given():
    assert describe_filters("CBP", "patents", "Peru", date(2026, 8, 1)) == \
        "agency CBP, topic patents, beneficiary Peru, until 1 Aug 2026"
    assert describe_filters(None, "patents", None, None) == "topic patents"
    assert describe_filters(None, None, "Peru", None) == "beneficiary Peru"
    assert describe_filters(None, None, None, None) == ""


def test_the_first_page_of_upcoming_has_a_plain_title_and_lists_what_is_under_way():
    reply = render_upcoming(UpcomingResult((act(1, "Running"),), ()), TODAY)
    assert texts(reply)[0] == "Upcoming activities"
    assert texts(reply)[1] == "*Under way*" and "Running" in texts(reply)[2]
    assert "*Coming up*" not in texts(reply)
    paged = render_upcoming(UpcomingResult((act(1, "Running"),), ()), TODAY, command=Upcoming(page=1))
    assert texts(paged)[1] == "*Under way*"


def test_a_later_page_names_its_page_and_its_filters():
    reply = render_upcoming(UpcomingResult((), (act(2, "Next"),)), TODAY, filters="agency CBP",
                            command=Upcoming(page=2))
    assert texts(reply)[0] == "Upcoming activities (agency CBP), page 2"
    assert reply.text.startswith("Upcoming activities (agency CBP), page 2\nComing up:")
    empty = render_upcoming(UpcomingResult((), ()), TODAY, command=Upcoming(page=3))
    assert texts(empty) == ["Upcoming activities, page 3", "No more upcoming activities."]


def test_nothing_upcoming_suggests_adding_one_and_names_the_filters():
    reply = render_upcoming(UpcomingResult((), ()), TODAY, filters="beneficiary <Peru>")
    assert texts(reply)[1].startswith("No upcoming activities for beneficiary &lt;Peru&gt;. Add one with `/activities add")
    assert reply.text == "No upcoming activities for beneficiary <Peru>. Add one with /activities add."
    bare = render_upcoming(UpcomingResult((), ()), TODAY)
    assert texts(bare)[1].startswith("No upcoming activities. Add one with")
    assert bare.text == "No upcoming activities. Add one with /activities add."


def test_upcoming_notes_say_when_more_are_under_way_or_coming():
    some = UpcomingResult((act(1),), (act(2),), more=True)
    plain = render_upcoming(some, TODAY)
    assert texts(plain)[-1] == ("As of 10 Jun 2026. More are coming: ask for more with `/activities upcoming 20` "
                                "or narrow with filters.")
    paged = render_upcoming(some, TODAY, under_way_more=True, command=Upcoming())
    assert texts(paged)[-1] == ("As of 10 Jun 2026. More activities are under way than shown. "
                                "More are coming: press More, or narrow with filters.")
    assert paged.blocks[-1]["type"] == "actions"
    assert texts(render_upcoming(UpcomingResult((), (act(2),)), TODAY))[-1] == "As of 10 Jun 2026."


def test_a_long_listing_stays_within_fifty_blocks_with_its_note_and_buttons():
    many = UpcomingResult((), tuple(act(n) for n in range(1, 80)), more=True)
    reply = render_upcoming(many, TODAY, command=Upcoming(page=2))
    assert len(reply.blocks) == MAX_BLOCKS == 50
    assert reply.blocks[-1]["type"] == "actions" and reply.blocks[-2]["type"] == "context"


def test_an_activity_in_full_shows_its_fields_with_dashes_for_what_is_missing():
    reply = render_activity(act(4, "Seminar", agency_name="", agency="XYZ"))
    fields = [f["text"] for f in reply.blocks[1]["fields"]]
    assert fields == ["*Dates*\n5 Jul 2026", "*Agency*\nXYZ (XYZ)", "*Beneficiaries*\n—", "*Topics*\n—",
                      "*Format*\n—", "*Location*\n—"]
    assert texts(reply) == ["#4 Seminar"]  # no description, no notes
    named = render_activity(act(4, agency_name="Patent Office", beneficiaries=("Peru", "Chile")))
    assert [f["text"] for f in named.blocks[1]["fields"]][1:3] == ["*Agency*\nPatent Office (USPTO)",
                                                                    "*Beneficiaries*\nPeru, Chile"]


def test_an_activity_opens_with_its_intro_and_ends_with_its_link_source_and_record_date():
    reply = render_activity(act(4, url="https://example.org", source_document="IP/C/R/TC/USA/1",
                                created_at=datetime(2026, 5, 1, 9, tzinfo=timezone.utc)),
                            intro="Added <it>.", response_type="ephemeral")
    assert texts(reply)[0] == "Added &lt;it&gt;." and texts(reply)[1] == "#4 Workshop"
    assert texts(reply)[-1] == "https://example.org · Source: IP/C/R/TC/USA/1 · Recorded 1 May 2026"
    assert reply.text.startswith("Added <it>. #4 Workshop") and reply.response_type == "ephemeral"
    assert render_activity(act(4)).text.startswith("#4 Workshop")


def test_a_field_takes_two_thousand_characters():
    label = "*Location*\n"
    fits = render_activity(act(4, location="l" * (2000 - len(label))))
    assert fits.blocks[1]["fields"][5]["text"] == label + "l" * (2000 - len(label))
    over = render_activity(act(4, location="l" * (2001 - len(label))))
    assert over.blocks[1]["fields"][5]["text"] == label + "l" * (1999 - len(label)) + "…"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="&<> x\n", max_size=3000))
def test_any_description_the_forms_take_is_shown_whole_even_all_escapes(description):
    reply = render_activity(act(4, description=description))
    body = texts(reply)[1:]
    assert not any("cut here" in t for t in body)
    assert all(len(t) <= 3000 for t in body)
    shown = "".join(body).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown.strip() == description.strip() or not description.strip()


def test_the_longest_all_escape_descriptions_are_shown_whole():
    for description in ("&" * 3000, ("&" * 301 + " ") * 10):  # the second breaks after every word
        body = texts(render_activity(act(4, description=description[:3000])))[1:]
        assert not any("cut here" in t for t in body)
        assert "".join(body).replace("&amp;", "&") == description[:3000]


def test_a_description_beyond_ten_sections_is_cut_and_says_how_much():
    long = render_activity(act(4, description="x" * 40000))
    pieces = texts(long)[1:-1]
    assert len(pieces) == 10 and all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces) == "x" * (10 * 2999) + "…"  # each section leaves room for the closing ellipsis
    assert texts(long)[-1].startswith("_The description is cut here (10,010 more characters);")


def test_a_blank_description_piece_is_left_out():
    reply = render_activity(act(4, description="   "))
    assert texts(reply) == ["#4 Workshop"]


def test_search_results_have_a_title_with_the_page_and_a_note_when_more_match():
    first = render_search("peru", [act(1)], more=True)
    assert texts(first)[0] == "Activities matching “peru”"
    assert texts(first)[-1] == "More activities match; add words to narrow the search."
    assert first.text.startswith("Activities matching “peru”\n#1 Workshop")
    paged = render_search("peru", [act(1)], more=True, command=Search("peru", page=2))
    assert texts(paged)[0] == "Activities matching “peru”, page 2"
    assert texts(paged)[-1] == "More activities match: press More, or add words to narrow the search."
    assert [e["text"]["text"] for e in paged.blocks[-1]["elements"]] == ["Previous", "More"]
    last = render_search("peru", [act(1)], more=False, command=Search("peru", page=1))
    assert [b["type"] for b in last.blocks] == ["header", "section"]


def test_no_search_results_on_the_first_page_suggest_other_words_and_later_pages_go_back():
    none = render_search("zz", [], more=False, command=Search("zz", page=1))
    assert texts(none) == ["No activities match “zz”. Try fewer or other words."] and none.response_type == "ephemeral"
    later = render_search("zz", [], more=False, command=Search("zz", page=2))
    assert texts(later) == ["No more activities match “zz”."] and later.blocks[-1]["type"] == "actions"


def test_a_long_search_result_fills_fifty_blocks_with_its_note_and_buttons():
    reply = render_search("w", [act(n) for n in range(1, 80)], more=True, command=Search("w", page=1))
    assert len(reply.blocks) == 50
    assert reply.blocks[0]["type"] == "header" and reply.blocks[-1]["type"] == "actions"
    assert reply.blocks[-2]["type"] == "context"


def test_a_deletion_is_confirmed_with_the_number_and_title():
    reply = render_deleted(act(7, "Old <one>"))
    assert reply.text == "Deleted #7 Old <one>." and texts(reply) == [":wastebasket: Deleted #7 Old &lt;one&gt;."]


def agency_lines(count, length):
    """Agencies whose list lines ("• *ACR*: name") are each `length` characters long."""
    return [Agency(f"A{n:02d}", "n" * (length - len(f"• *A{n:02d}*: "))) for n in range(count)]


def test_the_agency_list_keeps_each_section_under_2800_characters():
    together = render_agencies(Knowledge(agency_lines(2, 1399), [], []))  # 1399 + 1 + 1399 = 2799
    assert [b["type"] for b in together.blocks] == ["header", "section"]
    assert len(together.blocks[1]["text"]["text"]) == 2799
    apart = render_agencies(Knowledge(agency_lines(2, 1400), [], []))  # would be 2801
    assert [len(b["text"]["text"]) for b in apart.blocks[1:]] == [1400, 1400]
    split = render_agencies(Knowledge(agency_lines(2, 1399) + agency_lines(1, 10)[:0] +
                                      [Agency("B", "b" * (1400 - len("• *B*: ")))], [], []))
    assert [len(b["text"]["text"]) for b in split.blocks[1:]] == [2799, 1400]
    assert texts(together)[0] == "Agencies" and together.text == "Agencies: A00, A01"


def test_the_agency_list_names_parents():
    reply = render_agencies(Knowledge([Agency("TOP", "Dept"), Agency("SUB", "Office", parent="TOP")], [], []))
    assert texts(reply)[1] == "• *TOP*: Dept\n• *SUB*: Office — part of TOP"


def test_synonym_changes_say_what_changed_what_did_not_and_which_are_everyday_words():
    topic = Topic("patents", "Patents")
    added = render_synonyms_changed(topic, ["invention"], ["patent"], True, everyday=["budget"])
    assert added.text == ("Added for Patents: invention. Questions use this now. Already known: patent. "
                          "budget: everyday words; they answer only questions that are otherwise about IP "
                          "(e.g. “IP office budgets”).")
    removed = render_synonyms_changed(topic, [], ["colour"], False)
    assert removed.text == "Not synonyms of this topic: colour. Nothing changed."
    assert texts(removed) == ["Not synonyms of this topic: colour.\nNothing changed."]
    assert render_synonyms_changed(topic, ["x"], [], False).text == "Removed for Patents: x. Questions use this now."


def test_a_link_is_confirmed_as_new_or_updated_with_its_source():
    topic, agency = Topic("patents", "Patents"), Agency("USPTO", "Patent Office")
    link = Link("patents", "USPTO", rank=2, role="partner", description="Examiner training", source="Annual report")
    created = render_linked(topic, agency, link, True)
    assert texts(created) == ["Linked Patents to USPTO (partner, rank 2). Questions use this now.",
                              "Source: Annual report · Examiner training"]
    updated = render_linked(topic, agency, Link("patents", "USPTO", source="Memo"), False)
    assert updated.text == "Updated the link of Patents to USPTO (lead, rank 1). Questions use this now. Source: Memo"
    assert json.dumps(updated.blocks).count("Examiner") == 0


def test_an_activity_line_names_its_beneficiaries_only_when_it_has_some():
    assert activity_line(act(3, beneficiaries=("Peru", "Chile"))).split("\n")[2:] == ["For: Peru, Chile"]
    assert activity_line(act(3)).split("\n") == ["*#3 · Workshop*", "4 Jul 2026 · *USPTO*"]


def test_a_page_past_the_last_upcoming_one_offers_the_way_back():
    empty = render_upcoming(UpcomingResult((), ()), TODAY, command=Upcoming(page=3))
    assert [e["text"]["text"] for e in empty.blocks[-1]["elements"]] == ["Previous"]
    assert empty.text == "Upcoming activities, page 3: no more upcoming activities."


def test_two_agency_lines_that_would_make_exactly_2800_characters_are_split():
    reply = render_agencies(Knowledge(agency_lines(1, 1399) + [Agency("B", "b" * (1400 - len("• *B*: ")))], [], []))
    assert [len(b["text"]["text"]) for b in reply.blocks[1:]] == [1399, 1400]
