"""Importing and exporting activities in detail: which line each refusal names (bytes that are not
UTF-8, rows of the wrong width, NUL characters, broken CSV, bad JSON records), which rows are
skipped as blank, when apostrophes are taken off, what the header must hold, and the exact shape of
CSV and JSON exports."""

import dataclasses
import json
from datetime import date

import pytest

from bot.core.knowledge import from_seed, read_seed
from bot.core.records import Activity
from bot.core.transfer import (CSV_HEADER, NUL_MESSAGE, ImportRejected, RowError, decode_import, parse_import,
                               parse_import_lines, read_csv, read_csv_table, read_json, to_csv, to_json,
                               validate_lines, validate_table)

KNOWLEDGE = from_seed(read_seed())
TODAY = date(2026, 6, 1)
HEADER = "title,start_date,beneficiaries,agency"
GOOD = "Workshop,2026-09-15,Peru,USPTO"


def refusal(call, *args, **kwargs):
    with pytest.raises(ImportRejected) as caught:
        call(*args, **kwargs)
    return [(e.line, e.message) for e in caught.value.errors]


def lines(rejected):
    return [line for line, _ in rejected]


# --- bytes that are not UTF-8


def test_a_json_file_names_the_physical_line_of_the_first_unreadable_byte():
    [(line, message)] = refusal(decode_import, b'\n\n[{"title": "caf\xe9"}]', "json")
    assert line == 3
    assert message.startswith("is not UTF-8 text: byte 0xE9 cannot be read")
    assert message.endswith("; save it as UTF-8 and import it again")
    assert "CSV UTF-8" not in message


def test_a_json_file_with_a_bad_byte_on_its_first_line_names_line_one():
    assert lines(refusal(decode_import, b'[{"title": "caf\xe9"}]\n\n', "json")) == [1]


def test_a_csv_file_names_the_spreadsheet_line_of_the_unreadable_byte_not_the_physical_line():
    data = (HEADER + '\r\n"Two\r\nlines",2026-09-15,Peru,USPTO\r\nCaf\xe9,2026-09-15,Peru,USPTO\r\n').encode("latin-1")
    [(line, message)] = refusal(decode_import, data, "csv")
    assert line == 3  # the header, a record on two physical lines, then the bad record
    assert 'save it as "CSV UTF-8"' in message


def test_a_csv_file_with_a_bad_byte_on_its_first_record_names_line_one():
    assert lines(refusal(decode_import, b"titl\xe9,start_date\r\nx,y\r\n", "csv")) == [1]


def test_a_csv_file_too_broken_to_read_names_the_physical_line():
    huge = "x" * 200_000  # longer than the csv module's field limit
    data = (HEADER + "\n" + huge + ",2026-09-15,Peru,USPTO\nCaf").encode() + b"\xe9\n"
    assert lines(refusal(decode_import, data, "csv")) == [3]


def test_readable_files_lose_only_their_byte_order_mark():
    assert decode_import("\ufeffa,b".encode()) == "a,b"
    assert decode_import("a,\ufeffb".encode(), "json") == "a,\ufeffb"


# --- the CSV header


def test_an_empty_file_is_refused_naming_the_header_it_needs():
    assert refusal(read_csv, "") == [(1, "the file is empty; the first line must be the header " + ",".join(CSV_HEADER))]


def test_header_problems_are_named_together_on_line_one():
    [(line, message)] = refusal(read_csv, "Title,start_date,colour,colour\n")
    assert line == 1
    assert message == ("the header lacks beneficiaries, agency; the header has unknown columns colour, colour; "
                       "the header names a column twice (expected " + ",".join(CSV_HEADER) + ")")


def test_header_names_are_read_without_case_or_spaces_and_extra_known_columns_are_allowed():
    rows = read_csv(" TITLE , Start_Date,beneficiaries,agency,location\n" + GOOD + ",Lima\n")
    assert rows == [(2, {"title": "Workshop", "start_date": "2026-09-15", "beneficiaries": "Peru",
                         "agency": "USPTO", "location": "Lima"})]


def test_a_column_named_twice_is_refused_alone():
    assert refusal(read_csv, HEADER + ",title\n") == [
        (1, "the header names a column twice (expected " + ",".join(CSV_HEADER) + ")")]


# --- CSV rows


def test_rows_are_numbered_as_a_spreadsheet_numbers_them_and_blank_ones_are_skipped():
    text = HEADER + "\n" + GOOD + "\n\n , ,,\n,,\nSecond,2026-09-16,Chile,USPTO\n"
    assert [line for line, _ in read_csv(text)] == [2, 6]


def test_rows_of_the_wrong_width_are_refused_each_with_its_line():
    text = HEADER + "\nonly,two\n" + GOOD + "\na,b,c,d,e\n"
    assert refusal(read_csv, text) == [(2, "has 2 columns, the header has 4"), (4, "has 5 columns, the header has 4")]


def test_a_nul_character_is_refused_on_its_own_line_only():
    text = HEADER + "\n" + GOOD + "\nBad\x00title,2026-09-15,Peru,USPTO\n" + GOOD + "\n"
    assert refusal(read_csv, text) == [(3, NUL_MESSAGE)]


def test_a_field_too_long_for_csv_is_refused_on_the_line_it_starts():
    text = HEADER + "\n" + GOOD + "\n" + "x" * 200_000 + ",2026-09-15,Peru,USPTO\n"
    [(line, message)] = refusal(read_csv, text)
    assert line == 3 and message.startswith("is not valid CSV (")


def test_the_apostrophe_export_adds_is_taken_off_and_others_are_kept():
    text = HEADER + "\n'=SUM(1),2026-09-15,Peru,USPTO\n\"'+1\",2026-09-15,Peru,USPTO\n'quoted,2026-09-15,Peru,USPTO\n"
    assert [row["title"] for _, row in read_csv(text)] == ["=SUM(1)", "+1", "'quoted"]


def test_an_apostrophe_inside_a_cell_is_never_taken_off():
    text = HEADER + "\nO'=Brien,2026-09-15,Peru,USPTO\n"
    assert read_csv(text)[0][1]["title"] == "O'=Brien"


# --- JSON records


def test_json_that_does_not_parse_names_the_line_of_the_mistake():
    [(line, message)] = refusal(read_json, '[\n{"title": "a"},\n{"title": }\n]')
    assert line == 3 and message.startswith("not valid JSON (")


def test_json_must_be_a_list_of_activities_or_an_object_holding_one():
    expected = [(1, 'expected a list of activities (or {"activities": [...]})')]
    assert refusal(read_json, '{"items": []}') == expected
    assert refusal(read_json, '"text"') == expected
    assert read_json('{"activities": []}') == [] and read_json("[]") == []


def test_json_records_are_numbered_from_one_and_bad_ones_each_named():
    text = json.dumps([{"title": "ok"}, "text", {"title": "x", "colour": "red", "age": 1}, {"title": "a\x00"}])
    assert refusal(read_json, text) == [(2, "is not an object"), (3, "has unknown fields age, colour"),
                                        (4, NUL_MESSAGE)]


def test_json_lists_are_joined_missing_fields_are_empty_and_an_id_is_ignored():
    [(number, row)] = read_json(json.dumps([{"id": 9, "title": "T", "beneficiaries": ["Peru", "Chile"],
                                             "topics": None, "start_date": 20260915}]))
    assert number == 1
    assert row["beneficiaries"] == "Peru; Chile" and row["topics"] == "" and row["start_date"] == "20260915"
    assert row["url"] == "" and "id" not in row


# --- validation and the whole import


def test_every_invalid_line_is_named_and_nothing_is_imported():
    text = HEADER + "\n" + GOOD + "\nNo date,,Peru,USPTO\nNo agency,2026-09-15,Peru,\n"
    assert lines(refusal(parse_import, text, "csv", KNOWLEDGE, today=TODAY)) == [3, 4]


def test_a_file_with_only_blank_rows_holds_no_activities():
    assert refusal(parse_import, HEADER + "\n,,,\n", "csv", KNOWLEDGE) == [(1, "the file holds no activities")]


def test_imported_activities_are_made_by_import_unless_named_and_keep_their_source():
    rows = [(2, {"title": "Workshop", "start_date": "2026-09-15", "beneficiaries": "Peru", "agency": "USPTO",
                 "source_document": "IP/C/R/TC/USA/1"})]
    [(line, new)] = validate_lines(rows, KNOWLEDGE, today=TODAY)
    assert line == 2 and new.created_by == "import" and new.source_document == "IP/C/R/TC/USA/1"
    [new] = parse_import(HEADER + "\n" + GOOD + "\n", "csv", KNOWLEDGE, today=TODAY)
    assert new.created_by == "import" and new.source_document == ""
    [(_, named)] = parse_import_lines(HEADER + "\n" + GOOD + "\n", "csv", KNOWLEDGE, created_by="U123")
    assert named.created_by == "U123"


def test_unknown_beneficiaries_are_refused_unless_allowed():
    text = HEADER + "\nWorkshop,2026-09-15,Atlantis,USPTO\n"
    assert lines(refusal(parse_import, text, "csv", KNOWLEDGE, today=TODAY)) == [2]
    assert lines(refusal(parse_import_lines, text, "csv", KNOWLEDGE, today=TODAY)) == [2]
    assert parse_import(text, "csv", KNOWLEDGE, today=TODAY, allow_unknown=True)[0].beneficiaries == ("Atlantis",)
    [(line, new)] = parse_import_lines(text, "csv", KNOWLEDGE, today=TODAY, allow_unknown=True)
    assert line == 2 and new.beneficiaries == ("Atlantis",)


def test_an_import_reads_bytes_and_text_as_csv_or_json_by_kind():
    as_json = json.dumps([{"title": "Workshop", "start_date": "2026-09-15", "beneficiaries": ["Peru"],
                           "agency": "USPTO"}])
    [(number, new)] = parse_import_lines(as_json.encode(), "json", KNOWLEDGE, today=TODAY)
    assert number == 1 and new.title == "Workshop"
    [(line, again)] = parse_import_lines(("\ufeff" + HEADER + "\n" + GOOD + "\n").encode(), "csv", KNOWLEDGE,
                                         today=TODAY)
    assert line == 2 and again == new


def test_row_errors_read_as_line_and_message_and_do_not_change():
    error = RowError(3, "has 2 columns")
    assert str(error) == "line 3: has 2 columns"
    assert str(ImportRejected([error, RowError(5, "bad")])) == "line 3: has 2 columns; line 5: bad"
    with pytest.raises(dataclasses.FrozenInstanceError):
        error.line = 4  # type: ignore[misc]


# --- export


def stored(**fields):
    base = dict(id=1, title="Séminaire", start_date=date(2026, 9, 15), agency="USPTO", agency_name="",
                beneficiaries=("Peru", "Atlantis"), topics=("patents", "trademarks"))
    return Activity(**{**base, **fields})


def test_csv_export_writes_empty_cells_for_no_end_date_or_format_and_no_byte_order_mark():
    text = to_csv([stored(), stored(end_date=date(2026, 9, 17), format="virtual", description="=1+1")])
    assert text.split("\r\n") == [
        ",".join(CSV_HEADER),
        "Séminaire,2026-09-15,,Peru; Atlantis (other),USPTO,patents; trademarks,,",
        "Séminaire,2026-09-15,2026-09-17,Peru; Atlantis (other),USPTO,patents; trademarks,virtual,'=1+1",
        ""]
    assert to_csv([], excel=True) == "\ufeff" + ",".join(CSV_HEADER) + "\r\n"


def test_json_export_is_indented_unescaped_text_with_lists_and_every_field():
    text = to_json([stored(location="Lima", url="https://example.org", source_document="IP/C/R/TC/USA/1")])
    assert text.endswith("}\n") and '\n  "activities": [\n    {\n      "title": "Séminaire",' in text
    assert json.loads(text) == {"activities": [{
        "title": "Séminaire", "start_date": "2026-09-15", "end_date": "", "beneficiaries": ["Peru", "Atlantis (other)"],
        "agency": "USPTO", "topics": ["patents", "trademarks"], "format": "", "description": "",
        "location": "Lima", "url": "https://example.org", "source_document": "IP/C/R/TC/USA/1"}]}


def test_a_single_neutralised_cell_in_a_file_is_restored_wherever_it_starts():
    at_line_start = HEADER + "\nUSPTO course,2026-09-15,Peru,USPTO\n'=SUM(1),2026-09-15,Peru,USPTO\n"
    assert [row["title"] for _, row in read_csv(at_line_start)] == ["USPTO course", "=SUM(1)"]
    after_comma = HEADER + "\nTitle,2026-09-15,'+Peru,USPTO\n"
    assert read_csv(after_comma)[0][1]["beneficiaries"] == "+Peru"
    in_quotes = HEADER + "\nTitle,2026-09-15,Peru,\"'@USPTO\"\n"
    assert read_csv(in_quotes)[0][1]["agency"] == "@USPTO"


def test_validating_rows_or_a_table_refuses_unknown_beneficiaries_unless_allowed():
    text = HEADER + "\nWorkshop,2026-09-15,Atlantis,USPTO\n"
    assert lines(refusal(validate_lines, read_csv(text), KNOWLEDGE, today=TODAY)) == [2]
    assert lines(refusal(validate_table, read_csv_table(text), KNOWLEDGE, today=TODAY)) == [2]
    [(line, new)] = validate_table(read_csv_table(text), KNOWLEDGE, today=TODAY, allow_unknown=True)
    assert line == 2 and new.beneficiaries == ("Atlantis",) and new.created_by == "import"


def test_a_table_holds_the_rows_column_by_column_and_does_not_change():
    table = read_csv_table(HEADER + "\n" + GOOD + "\nSecond,2026-09-16,Chile,USPTO\n")
    assert table.lines == [2, 3] and table.columns["title"] == ["Workshop", "Second"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.lines = []  # type: ignore[misc]
