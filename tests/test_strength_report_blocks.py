"""The report in Slack: the summary's blocks (empty period, rows elsewhere, the table-follows note)
and the table pages: rows packed greedily into sections that fit, a fixed number of sections per
page, at most five pages (Slack's posts to one response URL), page notes that name the rows left out
only when some are."""

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge import from_seed, read_seed
from bot.core.periods import Period
from bot.core.records import Activity
from bot.core.report import NO_ITEMS, build_report
from bot.core.report_blocks import render_summary, render_table_pages

KNOWLEDGE = from_seed(read_seed())
PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
TODAY = date(2026, 9, 20)


def act(n, title, start=date(2025, 10, 1), topics=()):
    return Activity(id=n, title=title, start_date=start, agency="USPTO", agency_name="",
                    beneficiaries=("Peru",), topics=tuple(topics))


def report(activities, elsewhere=0):
    return build_report(activities, PERIOD, "Japan", TODAY, KNOWLEDGE, elsewhere=elsewhere)


def block_texts(reply):
    return [b["text"]["text"] if "text" in b else b["elements"][0]["text"] for b in reply.blocks]


def test_an_empty_period_says_so_and_names_activities_recorded_elsewhere():
    lonely = render_summary(report([], elsewhere=3), table_follows=False)
    assert block_texts(lonely)[2:] == [NO_ITEMS,
                                       "No activities in September 2025 – September 2026; 3 are recorded in other periods."]
    assert lonely.text.splitlines()[-1] == "No activities in September 2025 – September 2026; 3 are recorded in other periods."
    nothing = render_summary(report([]), table_follows=True)
    assert block_texts(nothing)[2:] == [NO_ITEMS]  # no table follows an empty report
    assert nothing.text.splitlines()[-1] == NO_ITEMS and nothing.response_type == "in_channel"


def test_the_summary_counts_and_says_whether_the_table_follows():
    rows = [act(1, "Course", topics=("patents",)), act(2, "Webinar")]
    follows = render_summary(report(rows), table_follows=True)
    texts = block_texts(follows)
    assert texts[0] == "Article 67 report: September 2025 – September 2026"
    assert texts[2].startswith("*2 programmes or activities.*\n*By agency*\n• USPTO")
    assert texts[3].startswith("*By topic*\n") and texts[3].endswith("• No topic: 1")
    assert texts[-1] == "The table follows in this channel."
    assert follows.text.splitlines()[-2] == "2 programmes or activities."
    alone = render_summary(report(rows), table_follows=False)
    assert "The table follows in this channel." not in block_texts(alone)
    assert len(alone.blocks) == len(follows.blocks) - 1


def pages_of(rows, **limits):
    return render_table_pages(report([act(n, title) for n, title in enumerate(rows, 1)]), **limits)


def numbers(section_text):
    return [int(line.split(".*", 1)[0].lstrip("*")) for line in section_text.split("\n")]


def test_each_page_has_a_header_its_sections_and_a_note():
    pages = pages_of([f"Course {n}" for n in range(1, 8)], max_blocks=4, section_limit=45)
    # each line is about 40 characters: one row per section, two sections per page of four blocks
    assert [len(p.blocks) for p in pages] == [4, 4, 4, 3]
    assert [numbers(p.blocks[1]["text"]["text"]) for p in pages] == [[1], [3], [5], [7]]
    assert [p.blocks[-1]["elements"][0]["text"] for p in pages] == \
        ["Page 1 of 4.", "Page 2 of 4.", "Page 3 of 4.", "Page 4 of 4."]
    assert [p.text for p in pages][0] == "Article 67 table: September 2025 – September 2026 (page 1 of 4)"
    assert all(p.blocks[0]["text"]["text"] == "Article 67 table: September 2025 – September 2026" for p in pages)


def test_when_every_row_fits_the_last_page_note_names_no_missing_rows():
    pages = pages_of([f"Course {n}" for n in range(1, 4)])
    assert len(pages) == 1
    assert pages[0].blocks[-1]["elements"][0]["text"] == "Page 1 of 1."
    assert numbers(pages[0].blocks[1]["text"]["text"]) == [1, 2, 3]


def test_at_most_five_pages_are_posted_and_the_rest_are_named_with_the_command():
    pages = pages_of([f"Course {n}" for n in range(1, 9)], max_blocks=3, section_limit=45)  # one row a page
    assert len(pages) == 5
    assert [numbers(p.blocks[1]["text"]["text"]) for p in pages] == [[1], [2], [3], [4], [5]]
    last = pages[-1].blocks[-1]["elements"][0]["text"]
    assert last.startswith("Page 5 of 5. Rows 6–8 do not fit in Slack messages;")
    assert "`art67bot report --from 2025-09-01 --to 2026-08-31` prints them all." in last
    assert pages[3].blocks[-1]["elements"][0]["text"] == "Page 4 of 5."


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=30),
       st.integers(min_value=80, max_value=300))
def test_rows_are_packed_in_order_into_sections_that_fit_leaving_no_room_for_the_next_row(lengths, limit):
    rows = ["x" * n for n in lengths]
    pages = pages_of(rows, max_blocks=50, section_limit=limit)
    sections = [b["text"]["text"] for p in pages for b in p.blocks if b["type"] == "section"]
    assert [n for s in sections for n in numbers(s)] == list(range(1, len(rows) + 1))  # every row, in order
    for section, following in zip(sections, sections[1:]):
        assert len(section) <= limit
        # greedy: the next section's first row would not have fitted after this one
        assert len(section) + 1 + len(following.split("\n")[0]) > limit
    assert len(sections[-1]) <= limit


def test_two_rows_that_fill_a_section_exactly_share_it():
    one = pages_of(["x"], section_limit=1000)[0].blocks[1]["text"]["text"]
    base = len(one) - 1  # a row's line without its title
    # two rows whose lines plus the newline between them are exactly the limit
    limit = 200
    first = limit // 2
    second = limit - first - 1
    pages = pages_of(["x" * (first - base), "x" * (second - base)], section_limit=limit)
    sections = [b["text"]["text"] for b in pages[0].blocks if b["type"] == "section"]
    assert len(sections) == 1 and len(sections[0]) == limit and numbers(sections[0]) == [1, 2]
    split = pages_of(["x" * (first - base), "x" * (second - base + 1)], section_limit=limit)
    assert [numbers(b["text"]["text"]) for b in split[0].blocks if b["type"] == "section"] == [[1], [2]]
    assert json.dumps(split[0].blocks).count("Page 1 of 1.") == 1


def test_three_rows_one_character_too_long_for_a_section_are_split():
    one = pages_of(["x"], section_limit=1000)[0].blocks[1]["text"]["text"]
    base = len(one) - 1  # a row's line without its title
    # three lines of 100 characters and the two newlines between them: 302 characters
    rows = ["x" * (100 - base)] * 3
    sections = [numbers(b["text"]["text"]) for b in pages_of(rows, section_limit=302)[0].blocks if b["type"] == "section"]
    assert sections == [[1, 2, 3]]
    sections = [numbers(b["text"]["text"]) for b in pages_of(rows, section_limit=301)[0].blocks if b["type"] == "section"]
    assert sections == [[1, 2], [3]]
