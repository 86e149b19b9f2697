"""The report as it is filed (pure): the e-TRIPS table with optional extra columns, and the narrative
paragraphs that precede it.

Shared by the Word document (`bot.core.reporting.docx_report`) and the workbook
(`bot.core.reporting.xlsx_report`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.knowledge import Knowledge
from bot.core.periods import long_date
from bot.core.records import Activity
from bot.core.report import COLUMNS, Report, Row

# the columns --columns may add after the four e-TRIPS ones, in the order they are written
EXTRA_COLUMNS = {"end_date": "End date", "agency": "Organising agency", "topics": "Topics", "format": "Format"}
FILE_FORMATS = ("docx", "xlsx")
TOPIC_SEPARATOR = "; "
# characters XML 1.0 cannot hold (Word and Excel files are XML): dropped from every written text
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ColumnsError(ValueError):
    """An unknown column name; the message lists the valid ones."""


def parse_columns(text: str | None) -> tuple[str, ...]:
    """`end_date,agency` -> ("end_date", "agency"): the extra columns, each once, as written."""
    names = [name.strip().lower().replace("-", "_") for name in (text or "").split(",") if name.strip()]
    unknown = [name for name in names if name not in EXTRA_COLUMNS]
    if unknown:
        raise ColumnsError(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                           f"the columns you can add are {', '.join(EXTRA_COLUMNS)}")
    return tuple(dict.fromkeys(names))


def xml_text(value: str) -> str:
    """`value` without the control characters an Office file cannot hold."""
    return _NOT_XML.sub("", value)


@dataclass(frozen=True)
class FiledRow:
    """One programme or activity: the e-TRIPS row, and what the extra columns show."""

    row: Row
    end_date: date | None = None
    agency: str = ""  # acronym
    agency_name: str = ""
    topics: tuple[str, ...] = ()  # topic names
    format: str = ""  # in-person, virtual, hybrid or ""
    beneficiaries: tuple[str, ...] = ()  # as recorded, one per Member or observer


@dataclass(frozen=True)
class FiledTable:
    report: Report
    rows: tuple[FiledRow, ...]
    columns: tuple[str, ...] = ()  # extra columns, from EXTRA_COLUMNS

    @property
    def headers(self) -> tuple[str, ...]:
        return COLUMNS + tuple(EXTRA_COLUMNS[name] for name in self.columns)


def filed_table(report: Report, activities: Sequence[Activity], knowledge: Knowledge,
                columns: Sequence[str] = ()) -> FiledTable:
    """The report's rows, each with the activity it was made from (matched by start date and title)."""
    chosen = sorted((a for a in activities if report.period.contains(a.start_date)), key=lambda a: (a.start_date, a.id))
    if [(a.start_date, a.title) for a in chosen] != [(r.start_date, r.title) for r in report.rows]:
        waiting: dict[tuple[date, str], list[Activity]] = {}
        for found in chosen:
            waiting.setdefault((found.start_date, found.title), []).append(found)
        chosen = [(waiting.get((r.start_date, r.title)) or [None]).pop(0) for r in report.rows]
    rows = []
    for row, found in zip(report.rows, chosen):
        if found is None:
            rows.append(FiledRow(row))
            continue
        topics = tuple(knowledge.by_slug[s].name if s in knowledge.by_slug else s for s in found.topics)
        rows.append(FiledRow(row, found.end_date, found.agency, knowledge.agency_label(found.agency), topics,
                             found.format or "", tuple(found.beneficiaries)))
    return FiledTable(report, tuple(rows), tuple(columns))


def agency_cell(row: FiledRow) -> str:
    """'U.S. Customs and Border Protection (CBP)', or the acronym alone when that is all there is."""
    if row.agency_name and row.agency_name != row.agency:
        return f"{row.agency_name} ({row.agency})"
    return row.agency


def text_cells(table: FiledTable, row: FiledRow) -> list[str]:
    """The row as text, dates written as the Markdown report writes them (1 September 2025)."""
    extra = {
        "end_date": long_date(row.end_date) if row.end_date else "",
        "agency": agency_cell(row),
        "topics": TOPIC_SEPARATOR.join(row.topics),
        "format": row.format.capitalize(),
    }
    base = [str(row.row.number), row.row.title, long_date(row.row.start_date), row.row.beneficiaries]
    return [xml_text(cell) for cell in base + [extra[name] for name in table.columns]]


# The narrative: paragraphs separated by blank lines; `#` lines are headings; `- ` lines are list items.

@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "item"
    text: str
    level: int = 0  # a heading's level (1 for `#`), a paragraph's number (1, 2, …)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+\.\s+")  # a paragraph the author numbered by hand: numbered again here


def narrative_blocks(text: str) -> list[Block]:
    """The narrative's headings, numbered paragraphs (1, 2, … across headings) and list items."""
    blocks: list[Block] = []
    number = 0
    for chunk in re.split(r"\n\s*\n", xml_text(text or "").replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []

        def close() -> None:
            nonlocal number
            if paragraph:
                number += 1
                blocks.append(Block("paragraph", _NUMBERED.sub("", " ".join(paragraph), count=1), number))
                paragraph.clear()

        items = len(lines) > 1 and all(_ITEM.match(line) for line in lines)
        for line in lines:
            heading = _HEADING.match(line)
            if heading:
                close()
                blocks.append(Block("heading", heading.group(2), len(heading.group(1))))
            elif items:
                blocks.append(Block("item", _ITEM.match(line).group(1)))
            else:
                paragraph.append(line)
        close()
    return blocks


_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__"
                     r"|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Markdown emphasis as runs: (text, bold, italic); `**bold**`, `*italic*`, `_italic_`."""
    runs: list[tuple[str, bool, bool]] = []
    at = 0
    for found in _INLINE.finditer(text):
        if found.start() > at:
            runs.append((text[at:found.start()], False, False))
        bold = found.group(1) or found.group(2)
        runs.append((bold, True, False) if bold else (found.group(3) or found.group(4), False, True))
        at = found.end()
    if at < len(text):
        runs.append((text[at:], False, False))
    return runs
