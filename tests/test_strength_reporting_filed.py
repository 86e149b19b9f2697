"""The report as filed: which extra columns may be asked for, text an Office file can hold, each report row
matched to the activity it was made from, the agency and text cells, the narrative's headings, numbered
paragraphs and lists, and Markdown emphasis as runs."""

from datetime import date

import pytest

from bot.core.knowledge import Knowledge
from bot.core.periods import Period
from bot.core.records import Activity, Agency, Topic
from bot.core.report import COLUMNS, Report, Row
from bot.core.reporting.filed import (Block, ColumnsError, FiledRow, FiledTable, agency_cell, filed_table,
                                      inline_runs, narrative_blocks, parse_columns, text_cells, xml_text)

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
KB = Knowledge([Agency("CBP", "U.S. Customs and Border Protection"), Agency("USPTO", "USPTO")],
               [Topic("border-enforcement", "Border enforcement")], [])


def test_extra_columns_are_read_once_each_in_the_order_written():
    assert parse_columns(None) == () and parse_columns("") == () and parse_columns(" , ") == ()
    assert parse_columns(" End-Date , AGENCY,agency,,format ") == ("end_date", "agency", "format")


def test_unknown_columns_are_named_with_the_ones_that_exist():
    with pytest.raises(ColumnsError) as one:
        parse_columns("agency,cost")
    assert str(one.value) == "unknown column cost; the columns you can add are end_date, agency, topics, format"
    with pytest.raises(ColumnsError) as two:
        parse_columns("cost,budget")
    assert str(two.value).startswith("unknown columns cost, budget; ")


def test_office_files_lose_only_the_control_characters_xml_cannot_hold():
    assert xml_text("a\x00b\x07c\x0bd\x0ce\x1ff\ufffeg\uffffh") == "abcdefgh"
    assert xml_text("tab\tline\nreturn\r café") == "tab\tline\nreturn\r café"


def _activity(n: int, title: str, start: date, **more) -> Activity:
    return Activity(title=title, start_date=start, agency=more.pop("agency", "CBP"), id=n, **more)


def _report(*rows: tuple[str, date]) -> Report:
    return Report("United States", date(2026, 10, 1), PERIOD,
                  tuple(Row(n, title, start, "Peru") for n, (title, start) in enumerate(rows, start=1)), (), (), 0)


def test_each_row_gets_what_its_activity_recorded():
    activities = [_activity(1, "Workshop", date(2026, 1, 5), end_date=date(2026, 1, 7),
                            topics=("border-enforcement", "old-slug"), format="hybrid", beneficiaries=("Peru", "Chile")),
                  _activity(2, "Seminar", date(2026, 2, 1), agency="USPTO"),
                  _activity(3, "Outside", date(2026, 9, 1))]
    table = filed_table(_report(("Workshop", date(2026, 1, 5)), ("Seminar", date(2026, 2, 1))), activities, KB,
                        ["agency"])
    first, second = table.rows
    assert first == FiledRow(first.row, date(2026, 1, 7), "CBP", "U.S. Customs and Border Protection",
                             ("Border enforcement", "old-slug"), "hybrid", ("Peru", "Chile"))
    assert second.agency_name == "USPTO" and second.format == "" and second.end_date is None
    assert table.columns == ("agency",)
    assert table.headers == (*COLUMNS, "Organising agency")


def test_rows_are_matched_by_date_and_title_when_the_lists_differ():
    # two activities share a date and title: the older record goes to the first row; a row without its
    # activity keeps only the e-TRIPS cells
    activities = [_activity(9, "Workshop", date(2026, 1, 5), agency="USPTO"),
                  _activity(4, "Workshop", date(2026, 1, 5), agency="CBP"),
                  _activity(5, "Extra", date(2026, 1, 1), agency="CBP")]
    report = _report(("Workshop", date(2026, 1, 5)), ("Gone", date(2026, 1, 6)), ("Workshop", date(2026, 1, 5)))
    rows = filed_table(report, activities, KB).rows
    assert [r.agency for r in rows] == ["CBP", "", "USPTO"]
    assert rows[1] == FiledRow(report.rows[1])
    assert [r.row for r in rows] == list(report.rows)


def test_the_agency_cell_names_the_agency_with_its_acronym_once():
    row = Row(1, "T", date(2026, 1, 5), "Peru")
    assert agency_cell(FiledRow(row, agency="CBP", agency_name="Customs")) == "Customs (CBP)"
    assert agency_cell(FiledRow(row, agency="USPTO", agency_name="USPTO")) == "USPTO"
    assert agency_cell(FiledRow(row, agency="CBP")) == "CBP"
    assert agency_cell(FiledRow(row)) == ""


def test_text_cells_write_dates_long_and_the_extra_columns_in_order():
    row = FiledRow(Row(7, "Work\x07shop", date(2026, 1, 5), "Peru, Chile"), date(2026, 1, 7), "CBP", "Customs",
                   ("Border enforcement", "IP"), "in-person")
    table = FiledTable(_report(), (row,), ("format", "topics", "agency", "end_date"))
    assert text_cells(table, row) == ["7", "Workshop", "5 January 2026", "Peru, Chile", "In-person",
                                      "Border enforcement; IP", "Customs (CBP)", "7 January 2026"]
    bare = FiledRow(Row(8, "T", date(2026, 1, 5), ""))
    assert text_cells(FiledTable(_report(), (bare,), ("end_date",)), bare) == ["8", "T", "5 January 2026", "", ""]


def test_narrative_paragraphs_are_numbered_from_one_across_headings_and_lists():
    text = "# Overview\nFirst line\nsame paragraph\n\n## Next ##\n\n3. Numbered by hand\r\n\r\n- x\n* y\n\n\x07Third"
    assert narrative_blocks(text) == [
        Block("heading", "Overview", 1), Block("paragraph", "First line same paragraph", 1),
        Block("heading", "Next", 2), Block("paragraph", "Numbered by hand", 2),
        Block("item", "x", 0), Block("item", "y", 0), Block("paragraph", "Third", 3)]
    assert [b.level for b in narrative_blocks("- a\n- b")] == [0, 0]


def test_a_lone_list_marker_or_a_mixed_chunk_is_a_paragraph():
    assert narrative_blocks("- only one") == [Block("paragraph", "- only one", 1)]
    assert narrative_blocks("- a\nplain") == [Block("paragraph", "- a plain", 1)]
    assert narrative_blocks("one\ntwo") == [Block("paragraph", "one two", 1)]
    assert narrative_blocks("") == [] and narrative_blocks(None) == []


def test_emphasis_becomes_bold_and_italic_runs_in_order():
    assert inline_runs("plain **bold** and *it* then __b2__ _i2_ end") == [
        ("plain ", False, False), ("bold", True, False), (" and ", False, False), ("it", False, True),
        (" then ", False, False), ("b2", True, False), (" ", False, False), ("i2", False, True),
        (" end", False, False)]
    assert inline_runs("**all bold**") == [("all bold", True, False)]
    assert inline_runs("_it_ tail") == [("it", False, True), (" tail", False, False)]
    assert inline_runs("no emphasis") == [("no emphasis", False, False)]
    assert inline_runs("") == []


def test_rows_tables_and_narrative_blocks_are_immutable_values():
    import dataclasses

    row = FiledRow(Row(1, "T", date(2026, 1, 5), "Peru"), agency="CBP")
    for value, field in ((row, "agency"), (FiledTable(_report(), (row,)), "columns"), (Block("item", "x"), "text")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, getattr(value, field))
        assert hash(value) == hash(dataclasses.replace(value))
