"""Page buttons: every page from the first on travels in a button and comes back as the same command;
a button's value may use Slack's whole 2000-character limit, counted on the text as typed (accents
are not escaped), and a command too long for it gets no button."""

from hypothesis import given
from hypothesis import strategies as st

from bot.core import paging
from bot.core.grammar import Deadlines, Search, Upcoming

pages = st.integers(min_value=1, max_value=10_000)
words = st.text(min_size=1, max_size=200)


@given(st.one_of(
    st.builds(Search, words=words, page=pages),
    st.builds(Deadlines, page=pages),
    st.builds(Upcoming, limit=st.integers(1, 50), agency=st.none() | words, page=pages),
))
def test_every_listing_command_from_page_one_on_comes_back_from_its_button(command):
    assert paging.decode(paging.encode(command)) == command


def test_the_first_page_is_a_page_a_button_can_carry():
    assert paging.decode(paging.encode(Deadlines(page=1))) == Deadlines(page=1)
    assert paging.decode(paging.encode(Search("Peru", page=1))) == Search("Peru", page=1)


def more_button(command):
    block = paging.page_buttons(command, more=True)
    return None if block is None else [e for e in block["elements"] if e["text"]["text"] == "More"][0]


def padded_search(length):
    """A first-page search whose More button's value (the search at page 2) is `length` characters long."""
    overhead = len(paging.encode(Search("", page=2)))
    return Search("w" * (length - overhead), page=1)


def test_a_button_value_of_exactly_slacks_limit_is_kept_and_one_more_character_is_not():
    at_limit = padded_search(paging.VALUE_LIMIT)
    button = more_button(at_limit)
    assert button is not None and len(button["value"]) == 2000
    assert paging.decode(button["value"]) == Search(at_limit.words, page=2)
    assert more_button(padded_search(2001)) is None


def test_accented_search_words_travel_as_typed_and_count_once_each():
    typed = "Séminaire régional à Bogotá"
    assert typed in more_button(Search(typed))["value"]
    # 600 accented letters fit in 2000 characters as typed (they would not as \u00e9 escapes)
    button = more_button(Search("é" * 600))
    assert button is not None and paging.decode(button["value"]) == Search("é" * 600, page=2)
