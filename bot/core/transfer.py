"""CSV and JSON import/export of activities: parsing, validation and writing (pure)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.forms import validate_activity
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, NewActivity

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


def read_csv(text: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file, numbered as a spreadsheet numbers them (header = line 1)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
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
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    line = 1
    try:
        for record in reader:
            line += 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                errors.append(RowError(line, f"has {len(record)} columns, the header has {len(header)}"))
                continue
            rows.append((line, dict(zip(header, record))))
    except csv.Error as exc:
        errors.append(RowError(line + 1, f"is not valid CSV ({exc})"))
    if errors:
        raise ImportRejected(errors)
    return rows


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
        rows.append((index, row))
    if errors:
        raise ImportRejected(errors)
    return rows


def validate_rows(rows: Sequence[tuple[int, dict[str, str]]], knowledge: Knowledge, *,
                  today: date | None = None, created_by: str = "import") -> list[NewActivity]:
    """Every row valid, or ImportRejected naming every bad line and why."""
    activities, errors = [], []
    for line, row in rows:
        source = row.pop("source_document", "") or ""
        new, problems = validate_activity(row, knowledge, today=today, created_by=created_by,
                                          source_document=source)
        if problems:
            errors.append(RowError(line, "; ".join(p.message for p in problems)))
        else:
            activities.append(new)
    if errors:
        raise ImportRejected(errors)
    if not activities:
        raise ImportRejected([RowError(1, "the file holds no activities")])
    return activities


def parse_import(text: str, kind: str, knowledge: Knowledge, *, today: date | None = None,
                 created_by: str = "import") -> list[NewActivity]:
    rows = read_json(text) if kind == "json" else read_csv(text)
    return validate_rows(rows, knowledge, today=today, created_by=created_by)


def _export_row(activity: Activity) -> dict[str, str]:
    return {
        "title": activity.title,
        "start_date": activity.start_date.isoformat(),
        "end_date": activity.end_date.isoformat() if activity.end_date else "",
        "beneficiaries": "; ".join(activity.beneficiaries),
        "agency": activity.agency,
        "topics": "; ".join(activity.topics),
        "format": activity.format or "",
        "description": activity.description,
    }


def to_csv(activities: Sequence[Activity]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_HEADER, lineterminator="\n")
    writer.writeheader()
    for activity in activities:
        writer.writerow(_export_row(activity))
    return out.getvalue()


def to_json(activities: Sequence[Activity]) -> str:
    records = []
    for activity in activities:
        record = _export_row(activity)
        record["beneficiaries"] = list(activity.beneficiaries)
        record["topics"] = list(activity.topics)
        record.update(location=activity.location, url=activity.url,
                      source_document=activity.source_document)
        records.append(record)
    return json.dumps({"activities": records}, ensure_ascii=False, indent=2) + "\n"
