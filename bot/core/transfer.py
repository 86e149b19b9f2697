"""CSV and JSON import/export of activities: parsing, validation and writing (pure).

CSV cells are written as `bot.core.spreadsheet` says: a cell that starts like a formula (`=`, `+`, `-`,
`@`, tab, CR) gets a leading apostrophe, and import takes exactly that one apostrophe off again, so an
export re-imports to the same records. Files are read as UTF-8, with or without a byte-order mark.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.beneficiaries import export_name
from bot.core.forms import Validator
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, NewActivity
from bot.core.spreadsheet import BOM, restore, write_rows

CSV_HEADER = ("title", "start_date", "end_date", "beneficiaries", "agency", "topics", "format", "description")
REQUIRED = ("title", "start_date", "beneficiaries", "agency")
OPTIONAL_EXTRA = ("location", "url", "source_document")
JSON_FIELDS = CSV_HEADER + OPTIONAL_EXTRA


@dataclass(frozen=True)
class RowError:
    line: int  # as a spreadsheet shows it: the header is line 1
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportRejected(ValueError):
    """The file was rejected whole; `errors` lists every bad line with its reason."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


_UNREADABLE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as "surrogateescape" keeps it
NUL_MESSAGE = "holds a NUL character (byte 0x00), which no field may hold; remove it and import the file again"


def decode_import(data: bytes, kind: str = "csv") -> str:
    """The file's text: UTF-8, a byte-order mark dropped. Anything else is rejected, naming the line
    of the first byte that is not UTF-8 (for CSV, the line as a spreadsheet numbers it)."""
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if kind != "json":
            line = _csv_line_of_unreadable(data.decode("utf-8", "surrogateescape")) or line
        save = ('save it as "CSV UTF-8" (in Excel: File > Save As > CSV UTF-8 (Comma delimited))'
                if kind != "json" else "save it as UTF-8")
        raise ImportRejected([RowError(line, (
            f"is not UTF-8 text: byte 0x{data[exc.start]:02X} cannot be read (the file was probably saved "
            f"as Windows-1252 / ANSI, as Excel's plain \"CSV\" does); {save} and import it again"))]) from None


def _csv_line_of_unreadable(text: str) -> int | None:
    try:
        for line, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if any(_UNREADABLE.search(cell) for cell in record):
                return line
    except csv.Error:
        pass
    return None


def _may_start_a_cell_with_apostrophe(text: str) -> bool:
    """Whether an apostrophe stands at the start of the text or a line, after a separator or after an
    opening quote: where a cell that export neutralised begins. Elsewhere an apostrophe is inside a cell
    ("Côte d'Ivoire"), and no cell needs restore()."""
    at = text.find("'")
    while at != -1:
        if at == 0 or text[at - 1] in ',\r\n"':
            return True
        at = text.find("'", at + 1)
    return False


@dataclass(frozen=True)
class Table:
    """An import's rows held column by column: `columns[field][i]` is the text of row i, whose line (CSV, as
    a spreadsheet numbers it) or record number (JSON) is `lines[i]`."""

    lines: list[int]
    columns: dict[str, list[str]]

    @classmethod
    def of_rows(cls, rows: Sequence[tuple[int, dict[str, str]]]) -> Table:
        fields = list(dict.fromkeys(field for _, row in rows for field in row))
        return cls([line for line, _ in rows], {field: [row.get(field, "") for _, row in rows] for field in fields})

    def rows(self) -> list[tuple[int, dict[str, str]]]:
        names = list(self.columns)
        return [(line, dict(zip(names, values))) for line, values in zip(self.lines, zip(*self.columns.values()))]


def read_csv(text: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file, numbered as a spreadsheet numbers them (header = line 1).

    A cell's apostrophe added on export before a formula-like start (`'=x`) is taken off."""
    return read_csv_table(text).rows()


def read_csv_table(text: str) -> Table:
    """read_csv's rows, column by column."""
    reader = csv.reader(io.StringIO(text.lstrip(BOM), newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise ImportRejected([RowError(1, "the file is empty; the first line must be the header "
                                          + ",".join(CSV_HEADER))]) from None
    except csv.Error as exc:
        raise ImportRejected([RowError(1, f"not a CSV file ({exc})")]) from None
    problems = []
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in JSON_FIELDS]
    if missing:
        problems.append(f"the header lacks {', '.join(missing)}")
    if unknown:
        problems.append(f"the header has unknown columns {', '.join(unknown)}")
    if len(set(header)) != len(header):
        problems.append("the header names a column twice")
    if problems:
        raise ImportRejected([RowError(1, "; ".join(problems) + f" (expected {','.join(CSV_HEADER)})")])
    lines: list[int] = []
    records: list[list[str]] = []
    errors: list[RowError] = []
    line = 1
    width, has_nul = len(header), "\x00" in text
    restoring = _may_start_a_cell_with_apostrophe(text)
    try:
        for record in reader:
            line += 1
            if len(record) != width:
                if not any(cell.strip() for cell in record):
                    continue
                errors.append(RowError(line, f"has {len(record)} columns, the header has {width}"))
                continue
            if not "".join(record).strip():
                continue
            if has_nul and any("\x00" in cell for cell in record):
                errors.append(RowError(line, NUL_MESSAGE))
                continue
            lines.append(line)
            records.append([restore(cell) if cell[:1] == "'" else cell for cell in record] if restoring else record)
    except csv.Error as exc:
        errors.append(RowError(line + 1, f"is not valid CSV ({exc})"))
    if errors:
        raise ImportRejected(errors)
    return Table(lines, {name: list(cells) for name, cells in zip(header, zip(*records))} if records
                 else {name: [] for name in header})


def read_json(text: str) -> list[tuple[int, dict[str, str]]]:
    """Records of a JSON export (a list of objects, or {"activities": [...]}), numbered from 1."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected([RowError(exc.lineno, f"not valid JSON ({exc.msg})")]) from None
    if isinstance(data, dict):
        data = data.get("activities")
    if not isinstance(data, list):
        raise ImportRejected([RowError(1, "expected a list of activities (or {\"activities\": [...]})")])
    rows, errors = [], []
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            errors.append(RowError(index, "is not an object"))
            continue
        unknown = sorted(set(record) - set(JSON_FIELDS) - {"id"})
        if unknown:
            errors.append(RowError(index, f"has unknown fields {', '.join(unknown)}"))
            continue
        row = {}
        for key in JSON_FIELDS:
            value = record.get(key)
            if isinstance(value, list):
                value = "; ".join(str(item) for item in value)
            row[key] = "" if value is None else str(value)
        if any("\x00" in value for value in row.values()):
            errors.append(RowError(index, NUL_MESSAGE))
            continue
        rows.append((index, row))
    if errors:
        raise ImportRejected(errors)
    return rows


def validate_lines(rows: Sequence[tuple[int, dict[str, str]]], knowledge: Knowledge, *,
                   today: date | None = None, created_by: str = "import",
                   allow_unknown: bool = False) -> list[tuple[int, NewActivity]]:
    """(line, activity) for every row, or ImportRejected naming every bad line and why. Beneficiaries
    outside the WTO list are refused unless written "NAME (other)", or `allow_unknown`."""
    sources = [row.get("source_document", "") or "" for _, row in rows]
    checked = Validator(knowledge, today=today, allow_unknown=allow_unknown).activities(
        [{key: value for key, value in row.items() if key != "source_document"} for _, row in rows],
        created_by=created_by, sources=sources)
    return _accepted([line for line, _ in rows], checked)


def validate_table(table: Table, knowledge: Knowledge, *, today: date | None = None, created_by: str = "import",
                   allow_unknown: bool = False) -> list[tuple[int, NewActivity]]:
    """validate_lines for a table read column by column (a file's columns are all known fields)."""
    columns = dict(table.columns)
    sources = columns.pop("source_document", None)
    checked = Validator(knowledge, today=today, allow_unknown=allow_unknown).columns(
        columns, len(table.lines), created_by=created_by, sources=sources)
    return _accepted(table.lines, checked)


def _accepted(lines: Sequence[int], checked) -> list[tuple[int, NewActivity]]:
    activities, errors = [], []
    for line, (new, problems) in zip(lines, checked):
        if problems:
            errors.append(RowError(line, "; ".join(p.message for p in problems)))
        else:
            activities.append((line, new))
    if errors:
        raise ImportRejected(errors)
    if not activities:
        raise ImportRejected([RowError(1, "the file holds no activities")])
    return activities


def parse_import(text: str | bytes, kind: str, knowledge: Knowledge, *, today: date | None = None,
                 created_by: str = "import", allow_unknown: bool = False) -> list[NewActivity]:
    """The activities of a file (its bytes, or its text), or ImportRejected naming every bad line."""
    return [new for _, new in parse_import_lines(text, kind, knowledge, today=today, created_by=created_by,
                                                 allow_unknown=allow_unknown)]


def parse_import_lines(text: str | bytes, kind: str, knowledge: Knowledge, *, today: date | None = None,
                       created_by: str = "import", allow_unknown: bool = False) -> list[tuple[int, NewActivity]]:
    """As parse_import, each activity with its line (CSV, as a spreadsheet numbers it) or record number (JSON)."""
    if isinstance(text, bytes):
        text = decode_import(text, kind)
    table = Table.of_rows(read_json(text)) if kind == "json" else read_csv_table(text)
    return validate_table(table, knowledge, today=today, created_by=created_by, allow_unknown=allow_unknown)


def _export_row(activity: Activity) -> dict[str, str]:
    return {
        "title": activity.title,
        "start_date": activity.start_date.isoformat(),
        "end_date": activity.end_date.isoformat() if activity.end_date else "",
        "beneficiaries": "; ".join(map(export_name, activity.beneficiaries)),  # outside the list: "(other)"
        "agency": activity.agency,
        "topics": "; ".join(activity.topics),
        "format": activity.format or "",
        "description": activity.description,
    }


def to_csv(activities: Sequence[Activity], *, excel: bool = False) -> str:
    """CRLF rows, formula-like cells neutralised; `excel` adds a UTF-8 byte-order mark."""
    return write_rows(CSV_HEADER, ([_export_row(a)[key] for key in CSV_HEADER] for a in activities), bom=excel)


def to_json(activities: Sequence[Activity]) -> str:
    records = []
    for activity in activities:
        record = _export_row(activity)
        record["beneficiaries"] = [export_name(name) for name in activity.beneficiaries]
        record["topics"] = list(activity.topics)
        record.update(location=activity.location, url=activity.url,
                      source_document=activity.source_document)
        records.append(record)
    return json.dumps({"activities": records}, ensure_ascii=False, indent=2) + "\n"
