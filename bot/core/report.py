"""The Article 67 report for a reporting period, as e-TRIPS shows it: a header and a table.

Pure: activities, the period, the reporting Member and the knowledge base in; a Report out, and
Markdown, CSV or JSON text from it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.beneficiaries import is_ldc
from bot.core.knowledge import Knowledge
from bot.core.periods import Period, long_date, period_label
from bot.core.records import Activity
from bot.core.spreadsheet import write_rows

TITLE = "Technical Cooperation Activities under TRIPS Art. 67"
COLUMNS = ("#", "Title of programme or activity", "Start date", "Beneficiary Members or observers")
NO_ITEMS = "There are currently no items in the database"
BENEFICIARY_SEPARATOR = ", "
TOPIC_AREA_PARAGRAPH = "¶5"


@dataclass(frozen=True)
class Row:
    number: int
    title: str
    start_date: date
    beneficiaries: str

    def cells(self) -> tuple[str, str, str, str]:
        """The four e-TRIPS columns, with the start date as ISO 8601."""
        return str(self.number), self.title, self.start_date.isoformat(), self.beneficiaries


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    group: str = ""  # for a topic: "Topic areas (¶5)", "Programmes (¶10)" or "Other topics"


TOPIC_GROUPS = {"topic area": f"Topic areas ({TOPIC_AREA_PARAGRAPH})", "programme": "Programmes (¶10)"}
OTHER_TOPICS = "Other topics"


@dataclass(frozen=True)
class Report:
    member: str
    date: date  # of the communication
    period: Period
    rows: tuple[Row, ...]
    by_agency: tuple[Count, ...]  # most activities first
    by_topic_area: tuple[Count, ...]  # every ¶5 topic area, in the report's order
    without_topic_area: int  # activities tagged with none of the ¶5 topic areas
    by_topic: tuple[Count, ...] = ()  # every topic, programmes and others included, grouped by kind
    without_topic: int = 0  # activities tagged with no topic at all
    ldc_beneficiaries: int = 0  # distinct least developed countries among the beneficiaries
    ldc_activities: int = 0  # activities with at least one LDC beneficiary
    elsewhere: int = 0  # activities recorded outside the period (the shell counts them)

    @property
    def period_label(self) -> str:
        return period_label(self.period)


def build_report(activities: Sequence[Activity], period: Period, member: str, today: date,
                 knowledge: Knowledge, elsewhere: int = 0) -> Report:
    """Activities starting in the period, ordered by start date and numbered from 1; `elsewhere`: how
    many are recorded outside the period."""
    chosen = sorted((a for a in activities if period.contains(a.start_date)), key=lambda a: (a.start_date, a.id))
    rows = tuple(
        Row(number, a.title, a.start_date, BENEFICIARY_SEPARATOR.join(a.beneficiaries))
        for number, a in enumerate(chosen, start=1)
    )
    agencies = Counter(a.agency for a in chosen)
    by_agency = tuple(
        Count(f"{acronym} ({knowledge.agency_label(acronym)})", count)
        for acronym, count in sorted(agencies.items(), key=lambda item: (-item[1], item[0]))
    )
    areas = [t for t in knowledge.topics if t.paragraph == TOPIC_AREA_PARAGRAPH]
    area_slugs = {t.slug for t in areas}
    by_topic_area = tuple(Count(t.name, sum(t.slug in a.topics for a in chosen)) for t in areas)
    without = sum(not area_slugs.intersection(a.topics) for a in chosen)
    kinds = [*TOPIC_GROUPS, *sorted({t.kind for t in knowledge.topics} - set(TOPIC_GROUPS))]
    by_topic = tuple(Count(t.name, sum(t.slug in a.topics for a in chosen), TOPIC_GROUPS.get(kind, OTHER_TOPICS))
                     for kind in kinds for t in knowledge.topics if t.kind == kind)
    ldcs = [[name for name in a.beneficiaries if is_ldc(name)] for a in chosen]
    return Report(member, today, period, rows, by_agency, by_topic_area, without, by_topic,
                  sum(not a.topics for a in chosen), len({name for names in ldcs for name in names}),
                  sum(bool(names) for names in ldcs), elsewhere)


def elsewhere_line(report: Report) -> str:
    """'No activities in September 2025 – September 2026; 14 are recorded in other periods.' ("" if none are)."""
    if report.rows or not report.elsewhere:
        return ""
    recorded = "1 is" if report.elsewhere == 1 else f"{report.elsewhere:,} are"
    return f"No activities in {report.period_label}; {recorded} recorded in other periods."


def ldc_line(report: Report) -> str:
    """'2 least developed countries benefit, in 3 of the 4 activities.' (UN list: bot.core.beneficiaries)"""
    count, activities = report.ldc_beneficiaries, report.ldc_activities
    if not count:
        return "No least developed country among the beneficiaries."
    countries = "1 least developed country benefits" if count == 1 else f"{count} least developed countries benefit"
    return f"{countries}, in {activities} of the {len(report.rows)} activities."


def count_line(count: int) -> str:
    return "1 programme or activity." if count == 1 else f"{count} programmes or activities."


def header_lines(report: Report) -> list[str]:
    return [
        f"Reporting Member: {report.member}",
        f"Date: {long_date(report.date)}",
        f"Reporting period: {report.period_label}",
    ]


def to_markdown(report: Report) -> str:
    """The header, a short summary, then the table (or e-TRIPS's words for an empty list)."""
    lines = [f"# {TITLE}", "", *(line + "  " for line in header_lines(report)), ""]
    if report.rows:
        lines += ["## Summary", "", count_line(len(report.rows)), "",
                  "| Agency | Activities |", "|---|---:|"]
        lines += [f"| {_cell(c.label)} | {c.count} |" for c in report.by_agency]
        lines += ["", "| Topic | Kind | Activities |", "|---|---|---:|"]
        lines += [f"| {_cell(c.label)} | {c.group} | {c.count} |" for c in report.by_topic]
        lines += [f"| No topic | | {report.without_topic} |", "", ldc_line(report), "", "## Programmes", ""]
    lines += ["| " + " | ".join(COLUMNS) + " |", "|---:|---|---|---|"]
    if report.rows:
        lines += [
            f"| {row.number} | {_cell(row.title)} | {long_date(row.start_date)} | {_cell(row.beneficiaries)} |"
            for row in report.rows
        ]
    else:
        lines += ["", NO_ITEMS]
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(value.split()).replace("\\", "\\\\").replace("|", "\\|")


def to_csv(report: Report, *, excel: bool = False) -> str:
    """Only the column header and the rows: CRLF rows, formula-like cells neutralised
    (`bot.core.spreadsheet`); `excel` adds a UTF-8 byte-order mark."""
    return write_rows(COLUMNS, (row.cells() for row in report.rows), bom=excel)


def to_json(report: Report) -> str:
    """The header fields and the rows, each row keyed by the e-TRIPS column names."""
    data = {
        "reporting_member": report.member,
        "date": report.date.isoformat(),
        "reporting_period": {
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            "label": report.period_label,
        },
        "columns": list(COLUMNS),
        "rows": [
            {COLUMNS[0]: row.number, **dict(zip(COLUMNS[1:], row.cells()[1:]))} for row in report.rows
        ],
    }
    if not report.rows:
        data["message"] = NO_ITEMS
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
