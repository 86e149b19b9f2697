"""The Article 67 report as an Excel workbook (pure: a FiledTable in, the .xlsx bytes out).

Sheet "Activities": the table, with real date cells, an autofilter and the header row frozen.
Sheet "Summary": the report's header fields and counts by agency, topic, beneficiary and LDC status.
Text cells that a spreadsheet would take for a formula get the apostrophe the CSV report gives them
(`bot.core.spreadsheet.neutralise`) and are stored as text, never as formulas.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.core.beneficiaries import is_ldc
from bot.core.report import NO_ITEMS
from bot.core.reporting.filed import FiledRow, FiledTable, agency_cell, xml_text
from bot.core.spreadsheet import neutralise

DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
MIN_WIDTH, MAX_WIDTH = 6, 60
ACTIVITIES = "Activities"


def to_xlsx(table: FiledTable) -> bytes:
    book = Workbook()
    _activities(book.active, table)
    _summary(book.create_sheet("Summary"), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _activities(sheet, table: FiledTable) -> None:
    sheet.title = "Activities"
    sheet.append([_text(h) for h in table.headers])
    for row in table.rows:
        sheet.append(_values(table, row))
    _guard(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.is_date:
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
    _widths(sheet, [table.headers] + [[_shown(v) for v in _values(table, r)] for r in table.rows])
    if not table.rows:  # e-TRIPS's words for an empty list, under the header
        sheet.cell(row=2, column=1, value=NO_ITEMS)


def _values(table: FiledTable, row: FiledRow) -> list:
    extra = {"end_date": row.end_date, "agency": agency_cell(row), "topics": "; ".join(row.topics),
             "format": row.format.capitalize()}
    values = [row.row.number, row.row.title, row.row.start_date, row.row.beneficiaries]
    return [_text(v) if isinstance(v, str) else v for v in values + [extra[name] for name in table.columns]]


def _summary(sheet, table: FiledTable) -> None:
    report = table.report
    lines: list[list] = [
        ["Reporting Member", report.member],
        ["Date", report.date],
        ["Reporting period", report.period_label],
        ["Programmes or activities", len(table.rows)],
    ]
    agencies = Counter(agency_cell(r) for r in table.rows if r.agency)
    topics = Counter(topic for r in table.rows for topic in r.topics)
    beneficiaries = Counter(b for r in table.rows for b in dict.fromkeys(r.beneficiaries))
    untagged = sum(not r.topics for r in table.rows)
    for title, counts, extra in (("Agency", agencies, None),
                                 ("Topic", topics, ("No topic", untagged) if untagged else None)):
        lines += [[], [title, ACTIVITIES]]
        lines += [[label, count] for label, count in _ranked(counts)]
        if extra:
            lines.append(list(extra))
    lines += [[], ["Beneficiary Member or observer", ACTIVITIES, "Least-developed country"]]
    lines += [[name, count, "yes" if is_ldc(name) else ""] for name, count in _ranked(beneficiaries)]
    with_ldc = _ldc_count(table.rows)
    lines += [[], ["LDC status", ACTIVITIES],
              ["At least one least-developed country among the beneficiaries", with_ldc],
              ["No least-developed country among the beneficiaries", len(table.rows) - with_ldc]]
    for line in lines:
        sheet.append([_text(v) if isinstance(v, str) else v for v in line])
    _guard(sheet)
    for index, line in enumerate(lines, start=1):
        if len(line) >= 2 and line[1] == ACTIVITIES:
            for cell in sheet[index]:
                cell.font = Font(bold=True)
                cell.fill = HEADER_FILL
    sheet["B2"].number_format = "d mmmm yyyy"
    for cell in sheet["A"][:4]:
        cell.font = Font(bold=True)
    _widths(sheet, [[_shown(v) for v in line] for line in lines])


def _ldc_count(rows: Sequence[FiledRow]) -> int:
    """How many activities have at least one least-developed country among their beneficiaries."""
    return sum(any(is_ldc(name) for name in row.beneficiaries) for row in rows)


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def _text(value: str) -> str:
    return neutralise(xml_text(value))


def _guard(sheet) -> None:
    """Every text cell stays text: openpyxl would store one starting with `=` as a formula."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _shown(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat() if not isinstance(value, str) else value
    return str(value)


def _widths(sheet, rows: Iterable[Sequence[str]]) -> None:
    widest: dict[int, int] = {}
    for row in rows:
        for index, text in enumerate(row, start=1):
            longest = max((len(line) for line in str(text).splitlines()), default=0)
            widest[index] = max(widest.get(index, 0), longest)
    for index, width in widest.items():
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))

