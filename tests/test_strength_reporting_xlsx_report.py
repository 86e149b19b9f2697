"""The workbook as a reader opens it: the Activities sheet's cells, dates, header style, filter, frozen row and
column widths; the Summary sheet's fields, ranked counts, LDC lines and which rows are headings; formula-like
text kept as text."""

import io
from datetime import date

from openpyxl import load_workbook

from bot.core.periods import Period
from bot.core.report import COLUMNS, NO_ITEMS, Report, Row
from bot.core.reporting.filed import FiledRow, FiledTable
from bot.core.reporting.xlsx_report import to_xlsx

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
FILED_ON = date(2026, 10, 1)


def _report(rows) -> Report:
    return Report("United States", FILED_ON, PERIOD, tuple(r.row for r in rows), (), (), 0)


def _rows():
    return (
        FiledRow(Row(1, "Border workshop", date(2025, 10, 2), "Haiti, Peru"), date(2025, 10, 4), "CBP",
                 "U.S. Customs and Border Protection", ("Border enforcement", "Customs"), "in-person",
                 ("Haiti", "Peru", "Haiti")),
        FiledRow(Row(2, "=HYPERLINK(\"http://x\")", date(2026, 1, 15), "Peru"), None, "USPTO", "USPTO",
                 ("customs",), "virtual", ("Peru",)),
        FiledRow(Row(3, "T" * 100, date(2026, 2, 1), "bangladesh"), None, "", "", (), "", ("Bangladesh",)),
    )


def _book(table: FiledTable):
    return load_workbook(io.BytesIO(to_xlsx(table)))


def _values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_activities_sheet_holds_the_rows_with_real_dates_and_the_extra_columns():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows, ("end_date", "agency", "topics", "format")))["Activities"]
    values = _values(sheet)
    assert values[0] == [*COLUMNS, "End date", "Organising agency", "Topics", "Format"]
    assert values[1][:4] == [1, "Border workshop", values[1][2], "Haiti, Peru"]
    assert values[1][2].date() == date(2025, 10, 2) and values[1][4].date() == date(2025, 10, 4)
    assert values[1][5:] == ["U.S. Customs and Border Protection (CBP)", "Border enforcement; Customs", "In-person"]
    assert values[2][4:] == [None, "USPTO", "customs", "Virtual"]
    assert values[3][5:] == [None, None, None]
    assert sheet["A2"].data_type == "n" and sheet["C2"].is_date
    assert sheet["C2"].number_format == "yyyy-mm-dd" and sheet["E2"].number_format == "yyyy-mm-dd"


def test_text_that_looks_like_a_formula_is_kept_as_text_with_an_apostrophe():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows))["Activities"]
    assert sheet["B3"].value == "'=HYPERLINK(\"http://x\")" and sheet["B3"].data_type == "s"


def test_the_header_row_is_bold_shaded_frozen_and_filtered_over_every_row():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows, ("agency",)))["Activities"]
    assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("D9E2F3") for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert all(cell.alignment.wrap_text and cell.alignment.vertical == "top" for row in sheet.iter_rows()
               for cell in row)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E4"


def test_columns_fit_their_longest_text_between_6_and_60_characters():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows, ("end_date", "agency")))["Activities"]
    width = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEF"}
    assert width["A"] == 6  # "#" and one-digit numbers: the narrowest a column gets
    assert width["B"] == 60  # a 100-character title: the widest
    assert width["C"] == len("Start date") + 2
    assert width["D"] == len("Beneficiary Members or observers") + 2
    assert width["E"] == len("2025-10-04") + 2  # a date as written, wider than its header "End date"
    assert width["F"] == len("U.S. Customs and Border Protection (CBP)") + 2


def test_an_empty_list_has_the_header_and_e_trips_words_under_it():
    sheet = _book(FiledTable(_report(()), ()))["Activities"]
    assert _values(sheet) == [list(COLUMNS), [NO_ITEMS, None, None, None]]
    assert sheet.auto_filter.ref == "A1:D1"


def test_the_summary_has_the_header_fields_and_counts_ranked_most_first_then_by_name():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows))["Summary"]
    assert _values(sheet) == [
        ["Reporting Member", "United States", None],
        ["Date", sheet["B2"].value, None],
        ["Reporting period", "September 2025 – September 2026", None],
        ["Programmes or activities", 3, None],
        [None, None, None],
        ["Agency", "Activities", None],
        ["U.S. Customs and Border Protection (CBP)", 1, None],
        ["USPTO", 1, None],
        [None, None, None],
        ["Topic", "Activities", None],
        ["Border enforcement", 1, None],
        ["Customs", 1, None],
        ["customs", 1, None],
        ["No topic", 1, None],
        [None, None, None],
        ["Beneficiary Member or observer", "Activities", "Least-developed country"],
        ["Peru", 2, None],
        ["Bangladesh", 1, "yes"],
        ["Haiti", 1, "yes"],
        [None, None, None],
        ["LDC status", "Activities", None],
        ["At least one least-developed country among the beneficiaries", 2, None],
        ["No least-developed country among the beneficiaries", 1, None],
    ]
    assert sheet["B2"].value.date() == FILED_ON and sheet["B2"].number_format == "d mmmm yyyy"


def test_the_summary_names_no_topic_line_when_every_activity_has_one():
    rows = _rows()[:2]
    values = _values(_book(FiledTable(_report(rows), rows))["Summary"])
    assert ["No topic", 0, None] not in values and not any(row[0] == "No topic" for row in values)


def test_the_summary_headings_and_header_fields_are_bold_and_nothing_else():
    rows = _rows()
    sheet = _book(FiledTable(_report(rows), rows))["Summary"]
    bold = [row[0].row for row in sheet.iter_rows() if row[0].font.bold]
    assert bold == [1, 2, 3, 4, 6, 10, 16, 21]
    shaded = [row[0].row for row in sheet.iter_rows() if row[0].fill.fgColor.rgb.endswith("D9E2F3")]
    assert shaded == [6, 10, 16, 21]
    assert all(cell.font.bold for cell in sheet[16])
    assert not sheet["B1"].font.bold and not sheet["A7"].font.bold
