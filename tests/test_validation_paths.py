"""The fast paths an import takes give the answers of the plain ones: column-by-column validation is
row-by-row validation, the ASCII shortcut of `invisible` is its definition, `fold_once` is `fold`."""

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.forms import Validator, validate_activity
from bot.core.knowledge import from_seed, read_seed
from bot.core.text import fold, fold_once, invisible

KNOWLEDGE = from_seed(read_seed())
TODAY = date(2026, 11, 29)

FIELD_VALUES = {
    "title": st.sampled_from(["Border workshop", "", "   ", "\u200b", "Atelier « droits »", "x" * 301]),
    "start_date": st.sampled_from(["2027-01-05", "", "tomorrow", "31/02/2027", "1 juillet 2027", "-2027-01-01"]),
    "end_date": st.sampled_from(["", "2027-01-07", "2026-12-01", "not a date"]),
    "beneficiaries": st.sampled_from(["Peru; Chile", "", "Vietnam", "Narnia", "Pacific Islands (other)",
                                      "Peru; Peru", "Veitnam; Kenya"]),
    "agency": st.sampled_from(["USPTO", "cbp", "", "NOPE"]),
    "topics": st.sampled_from(["", "patents", "patents, copyright", "nothing such"]),
    "format": st.sampled_from(["", "online", "in person", "sometimes"]),
    "location": st.sampled_from(["", "Lima", "L" * 301]),
    "description": st.sampled_from(["", "  Two\nlines  "]),
    "url": st.sampled_from(["", "https://example.org", "ftp://x"]),
}
ROW = st.fixed_dictionaries({}, optional=FIELD_VALUES)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ROW, min_size=1, max_size=12), allow_unknown=st.booleans())
def test_checking_a_file_column_by_column_answers_as_row_by_row(rows, allow_unknown):
    sources = [f"source {index}" for index in range(len(rows))]
    together = Validator(KNOWLEDGE, today=TODAY, allow_unknown=allow_unknown).activities(
        rows, created_by="import", sources=sources)
    one_by_one = [validate_activity(row, KNOWLEDGE, today=TODAY, created_by="import", source_document=source,
                                    allow_unknown=allow_unknown) for row, source in zip(rows, sources)]
    assert together == one_by_one


def test_a_file_with_an_unknown_column_names_it_on_each_row():
    checked = Validator(KNOWLEDGE, today=TODAY).activities([{"title": "T", "colour": "red"}])
    assert ("colour", "`colour` is not a field I know") in [(e.field, e.message) for e in checked[0][1]]


def _shows_nothing(value: str) -> bool:
    return not any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Cn")
                   for ch in value)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_invisible_on_ascii_is_its_definition(value):
    assert invisible(value) == _shows_nothing(value)


@given(st.text())
def test_invisible_on_any_text_is_its_definition(value):
    assert invisible(value) == _shows_nothing(value)


@given(st.text())
def test_fold_once_is_fold(value):
    assert fold_once(value) == fold(value)
