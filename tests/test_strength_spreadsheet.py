"""CSV files as spreadsheets read them: no byte-order mark unless asked for, rows ending in CRLF."""

import csv
import io

from bot.core.spreadsheet import BOM, write_rows


def test_a_csv_file_has_no_byte_order_mark_unless_one_is_asked_for():
    plain = write_rows(["Title", "Country"], [["Workshop", "Peru"]])
    assert plain == "Title,Country\r\nWorkshop,Peru\r\n"
    assert not plain.startswith(BOM)
    assert write_rows(["Title"], [["Workshop"]], bom=True) == BOM + "Title\r\nWorkshop\r\n"


def test_header_and_rows_are_written_neutralised_and_read_back_as_cells():
    out = write_rows(["=Title", "n"], [["+1", 3], ["'quoted", None]])
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows == [["'=Title", "n"], ["'+1", "3"], ["'quoted", "None"]]
