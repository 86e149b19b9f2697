"""Splitting a report into paragraphs at its edges: consecutive numbers without blank lines, wrapped
lines that only look numbered, headings at the length limit, "o" bullets after a colon, ISO cover dates,
and paragraphs as immutable values."""

from __future__ import annotations

import dataclasses

import pytest

from bot.core.knowledge.documents import Paragraph, document_heading, paragraphs_from_text


def test_numbered_lines_without_blank_lines_between_them_are_separate_paragraphs():
    text = "1. First point\n2. Second point\n2.1 A sub point\n2.2 Another sub point\n3. Third point"
    assert paragraphs_from_text(text) == [
        Paragraph("1", "First point"), Paragraph("2", "Second point"), Paragraph("2.1", "A sub point"),
        Paragraph("2.2", "Another sub point"), Paragraph("3", "Third point")]


def test_a_wrapped_line_two_levels_deeper_is_text_not_a_paragraph():
    # "2.1.1" right after paragraph 2 skips the level "2.1": it is the wrapped end of a sentence
    text = "2. Tariffs on medicines fell to\n2.1.1 percent on average in the year."
    assert paragraphs_from_text(text) == [
        Paragraph("2", "Tariffs on medicines fell to 2.1.1 percent on average in the year.")]


def _with_heading(heading: str) -> list[Paragraph]:
    return paragraphs_from_text(f"1. First point\n\n{heading}\n\n2. Second point")


def test_a_heading_of_up_to_eighty_characters_between_paragraphs_is_left_out():
    heading = "Capacity Building " + "X" * 62
    assert len(heading) == 80
    assert _with_heading(heading) == [Paragraph("1", "First point"), Paragraph("2", "Second point")]


def test_a_longer_line_between_paragraphs_stays_in_the_paragraph_before():
    line = "Capacity Building " + "X" * 63
    assert _with_heading(line) == [Paragraph("1", f"First point\n{line}"), Paragraph("2", "Second point")]


def test_o_items_after_a_colon_are_bullets_of_the_paragraph():
    text = "1. The programme covered:\no patents\no trademarks"
    assert paragraphs_from_text(text) == [Paragraph("1", "The programme covered:\n• patents\n• trademarks")]


def test_a_line_starting_with_the_word_o_after_plain_text_is_wrapped_text():
    text = "1. The programme said\no dear, nothing more"
    assert paragraphs_from_text(text) == [Paragraph("1", "The programme said o dear, nothing more")]


def test_a_cover_date_written_year_month_day_is_read():
    data = b"Report\nThe following communication, dated 2021-09-15, is being circulated."
    assert document_heading(data, "r.txt")["date"] == "2021-09-15"


def test_paragraphs_are_values_that_can_be_collected_but_not_changed():
    one, same = Paragraph("1", "Text"), Paragraph("1", "Text")
    assert {one, same} == {one}
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.text = "Changed"  # type: ignore[misc]


@pytest.mark.parametrize("length,title_kept", [(149, True), (150, False)])
def test_the_first_line_is_the_title_only_when_shorter_than_150_characters(length, title_kept):
    first = "T" * length
    heading = document_heading(f"{first}\nBody text.".encode(), "r.txt")
    assert heading["title"] == (first if title_kept else None)


COVER = "The following communication, dated 3 March 2020, is being circulated at the request of the delegation of Japan."


@pytest.mark.parametrize("line,found", [(60, True), (61, False)])
def test_the_cover_sentence_is_looked_for_in_the_first_sixty_lines(line, found):
    lines = [f"Line {n} of the opening." for n in range(1, line)] + [COVER]
    heading = document_heading("\n".join(lines).encode(), "r.txt")
    assert heading["member"] == ("Japan" if found else None)
    assert heading["date"] == ("2020-03-03" if found else None)


def test_a_sub_number_more_than_three_ahead_of_the_last_is_wrapped_text():
    text = "2. Results\n2.1 The project trained about\n2.5 million people."
    assert paragraphs_from_text(text) == [
        Paragraph("2", "Results"), Paragraph("2.1", "The project trained about 2.5 million people.")]
