"""Parsed commands are values: equal when made alike, and never changed once made."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core import grammar

WORDS = st.sampled_from(["help", "upcoming", "add", "show", "search", "delete", "topics", "agencies", "report",
                         "narrative", "deadlines", "deadline", "digest", "who", "ask", "synonyms", "synonym",
                         "link", "unlink", "focal", "call", "status", "history", "knowledge", "learn", "set",
                         "docx", "xlsx", "2025-2026", "12", "next", "30", "days", "agency:DHS", "title:", "|",
                         "on", "off", "edit", "1", "due:", "page", "2", "remove", "add", "topic", ":"])


@given(st.lists(WORDS, min_size=1, max_size=6).map(" ".join) | st.text(max_size=40))
def test_every_parsed_command_is_a_value_that_cannot_change(text):
    command = grammar.parse_command(text)
    assert command == dataclasses.replace(command)
    fields = dataclasses.fields(command)
    if fields:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(command, fields[0].name, None)


@given(st.lists(st.sampled_from(["5", "agency:DHS", "topic:patents", "beneficiary:Peru", "next", "30", "days",
                                 "page", "2"]), max_size=5).map(" ".join))
def test_an_upcoming_listing_is_a_cache_key(rest):
    command = grammar.parse_command(f"upcoming {rest}")
    assert {command: 1}[grammar.parse_command(f"upcoming {rest}")] == 1
