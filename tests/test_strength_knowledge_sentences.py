"""A report's paragraph cut into sentences (abbreviations, colons, lines and bullets), and quotes cut
from a long sentence word for word around the place they must show, within the length limit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge.sentences import ELLIPSIS, QUOTE_LIMIT, cut_quote, quote_parts, sentence_spans, sentences

# --- sentences --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("The U.S. Government helps. It trains examiners.", ["The U.S. Government helps.", "It trains examiners."]),
    ("It covers marks, e.g. logos. Dr. Smith came.", ["It covers marks, e.g. logos.", "Dr. Smith came."]),
    ("See No. 5 of the list. Then stop.", ["See No. 5 of the list.", "Then stop."]),
    ("J. Doe left! Why? Yes; no.", ["J. Doe left!", "Why?", "Yes;", "no."]),
    ("It began in 2024. It ended in 2025.", ["It began in 2024.", "It ended in 2025."]),
    ("It joined (WIPO). Then it left.", ["It joined (WIPO).", "Then it left."]),
    ("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
    ("It follows the rules (see Art.) of the treaty.", ["It follows the rules (see Art.) of the treaty."]),
])
def test_a_line_splits_after_an_ending_mark_but_not_after_an_abbreviation_or_initial(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Note: lower case goes on.", ["Note: lower case goes on."]),
    ("Topics: Patents come first.", ["Topics:", "Patents come first."]),
    ("Topics: • patents", ["Topics:", "patents"]),  # the bullet mark is trimmed off
    ("He said: \"Go.\"", ["He said:", "\"Go.\""]),
    ("A list follows: ", ["A list follows:"]),
    ("The label said \"Warning:\" in red.", ["The label said \"Warning:\" in red."]),
])
def test_a_colon_ends_a_sentence_only_before_a_capital_a_bullet_or_a_quote(text, expected):
    assert sentences(text) == expected


def test_lines_are_sentences_and_bullets_and_spaces_are_trimmed_off():
    text = "First line.\n  • Bullet one.\n- \n* * *\n   Second line here.  \n..."
    assert sentences(text) == ["First line.", "Bullet one.", "Second line here."]
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == sentences(text)
    assert spans[0] == (0, len("First line."))
    assert spans[1][0] == text.index("Bullet")


WORD = st.text(st.sampled_from("abcdefghijKLMNOP0123.,;:!?'•-"), min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORD, min_size=0, max_size=8).map(" ".join), min_size=1, max_size=5).map("\n".join))
def test_spans_point_at_trimmed_pieces_of_the_text_in_order(text):
    spans = sentence_spans(text)
    for a, b in spans:
        piece = text[a:b]
        assert piece == piece.strip() and any(ch.isalnum() for ch in piece)
        assert "\n" not in piece
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    # nothing with a letter or digit is lost between the spans
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    assert all(i in covered for i, ch in enumerate(text) if ch.isalnum())


# --- quotes -----------------------------------------------------------------------------------------

def numbered(count: int) -> str:
    """A sentence of `count` words "w000 w001 …", each five characters with its space."""
    return " ".join(f"w{i:03d}" for i in range(count))


def test_a_sentence_within_the_limit_is_quoted_whole_and_trimmed():
    exact = "x" * (QUOTE_LIMIT - 5) + " end."
    assert len(exact) == QUOTE_LIMIT == 300
    assert cut_quote("  " + exact + " ") == exact
    longer = exact + "!"
    assert cut_quote(longer) != longer and len(cut_quote(longer)) <= QUOTE_LIMIT


def test_a_long_sentence_is_quoted_from_its_start_when_the_focus_is_early():
    sentence = numbered(100)  # 499 characters
    quote = cut_quote(sentence, 0)
    assert not quote.startswith(ELLIPSIS) and quote.endswith(ELLIPSIS)
    assert sentence.startswith(quote[:-1]) and sentence[len(quote) - 1] == " "  # ends after a whole word
    assert QUOTE_LIMIT - 2 - 5 <= len(quote) <= QUOTE_LIMIT
    assert cut_quote(sentence, -40) == quote  # a focus before the start is the start


def test_a_long_sentence_is_quoted_to_its_end_when_the_focus_is_late():
    sentence = numbered(100)
    quote = cut_quote(sentence, len(sentence) - 1)
    assert quote.startswith(ELLIPSIS) and not quote.endswith(ELLIPSIS)
    assert sentence.endswith(quote[1:]) and sentence[-len(quote)] == " "  # begins at a whole word
    assert QUOTE_LIMIT - 2 - 5 <= len(quote) <= QUOTE_LIMIT
    assert cut_quote(sentence, 10_000) == quote  # a focus past the end is the end


def test_a_focus_in_the_middle_stands_a_third_into_the_quote():
    sentence = numbered(100)
    focus = sentence.index("w050")
    quote = cut_quote(sentence, focus)
    assert quote.startswith(ELLIPSIS) and quote.endswith(ELLIPSIS)
    body = quote[1:-1]
    at = sentence.index(body)
    assert sentence[at - 1] == " " and sentence[at + len(body)] == " "
    # the window begins a third of the limit before the focus, at the next whole word
    assert QUOTE_LIMIT // 3 - 5 <= focus - at <= QUOTE_LIMIT // 3
    assert QUOTE_LIMIT - 2 - 10 <= len(quote) <= QUOTE_LIMIT


FOCUSED = st.lists(st.text("abcdefgh", min_size=1, max_size=8), min_size=1, max_size=120).map(
    lambda ws: " ".join(f"{w}{i}" for i, w in enumerate(ws)))  # unique words of up to 11 characters


@settings(max_examples=300, deadline=None)
@given(FOCUSED, st.integers(0, 10_000), st.integers(40, 320))
def test_a_quote_is_verbatim_within_the_limit_shows_the_focus_and_cuts_only_between_words(sentence, at, limit):
    quote = cut_quote(sentence, at, limit)
    assert len(quote) <= limit
    if len(sentence) <= limit:
        assert quote == sentence
        return
    focus = min(at, len(sentence) - 1)
    if sentence[focus] == " ":
        focus -= 1
    parts = quote_parts(quote)
    assert len(parts) == 1
    body = parts[0]
    start = sentence.index(body)
    end = start + len(body)
    assert start <= focus < end  # the quote shows the focus
    assert quote.startswith(ELLIPSIS) == (start > 0) and quote.endswith(ELLIPSIS) == (end < len(sentence))
    assert start == 0 or sentence[start - 1] == " "  # it begins at a word
    assert end == len(sentence) or sentence[end] == " "  # and ends after one
    assert len(quote) >= limit - 2 - 2 * 12  # at most a word lost at either side


def test_the_parts_of_a_quote_are_what_stands_between_its_ellipses():
    assert quote_parts("…one two…") == ["one two"]
    assert quote_parts("whole") == ["whole"]
    assert quote_parts("a…b") == ["a", "b"]
    assert quote_parts("") == []


# --- quotes at the edges: long words, the window's ends, a focus on a space ------------------------

def test_a_quote_ends_after_a_whole_word_even_if_only_the_first_word_fits():
    sentence = "a " + "b" * 299 + " " + "c" * 100
    assert cut_quote(sentence) == "a…"
    assert cut_quote(sentence, 0) == "a…"


def test_a_word_longer_than_the_window_fills_the_limit_less_room_for_two_ellipses():
    assert cut_quote("b" * 299 + " a", 62) == "b" * (QUOTE_LIMIT - 2) + ELLIPSIS
    assert cut_quote("c " + "d" * 299, 100) == "c " + "d" * (QUOTE_LIMIT - 4) + ELLIPSIS


def test_a_window_that_starts_one_character_in_begins_at_the_next_word_and_says_so():
    sentence = numbered(61)  # 304 characters: a window of 298 around focus 101 spans 1..299
    quote = cut_quote(sentence, 101)
    assert quote.startswith(ELLIPSIS + "w001 ") and quote.endswith(" w058" + ELLIPSIS)
    assert quote == ELLIPSIS + sentence[5:294] + ELLIPSIS


def test_a_window_starting_at_the_sentence_start_leaves_nothing_out_there():
    quote = cut_quote(numbered(100), 50)
    assert quote.startswith("w000 ") and quote.endswith(ELLIPSIS)


def test_a_window_reaching_the_sentence_end_keeps_the_last_word():
    quote = cut_quote(numbered(100), 400)
    assert quote.endswith(" w099") and quote.startswith(ELLIPSIS + "w041 ")


def test_a_quote_that_leaves_out_one_character_at_its_start_says_so():
    assert cut_quote("b" * 299 + " ccc", 101) == ELLIPSIS + "b" * 298 + ELLIPSIS


def test_a_focus_inside_a_word_too_long_to_begin_at_keeps_the_last_characters_within_the_limit():
    sentence = "ccc " + "d" * 299
    quote = cut_quote(sentence, 252)
    assert len(quote) <= QUOTE_LIMIT
    assert quote == ELLIPSIS + sentence[5:]


def test_a_focus_on_the_last_word_after_a_very_long_word_quotes_that_word():
    sentence = "b" * 400 + " x"
    assert cut_quote(sentence, len(sentence) - 1) == ELLIPSIS + "x"
    assert cut_quote(sentence, 10_000) == ELLIPSIS + "x"


@pytest.mark.parametrize("sentence,focus", [
    ("a " + "b" * 299, 1),                          # the space after the first word
    ("x " + "y" * 150 + " " + "z" * 300, 152),      # the space before a word longer than the window
])
def test_a_focus_on_a_space_is_inside_the_quote(sentence, focus):
    quote = cut_quote(sentence, focus)
    body = quote.strip(ELLIPSIS)
    at = sentence.find(body)
    assert at >= 0 and at <= focus < at + len(body)
