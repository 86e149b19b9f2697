"""The narrative of a Member's Article 67 report for a reporting period: read, and set (with an audit entry)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit
from storage.db import dialect_insert
from storage.models import utcnow
from storage.models_narratives import ReportNarrativeRow


@dataclass(frozen=True)
class Narrative:
    member: str
    start: date
    end: date
    text: str
    updated_by: str
    updated_at: datetime  # UTC


def _narrative(row: ReportNarrativeRow) -> Narrative:
    return Narrative(row.member, row.period_start, row.period_end, row.text, row.updated_by, row.updated_at)


def get_narrative(session: Session, member: str, start: date, end: date) -> Narrative | None:
    row = session.scalars(select(ReportNarrativeRow).where(
        ReportNarrativeRow.member == member, ReportNarrativeRow.period_start == start,
        ReportNarrativeRow.period_end == end)).one_or_none()
    return _narrative(row) if row else None


def set_narrative(session: Session, member: str, start: date, end: date, text: str, who: str,
                  at: datetime | None = None) -> Narrative:
    """Store the narrative of `member`'s report for the period, replacing any earlier one."""
    before = get_narrative(session, member, start, end)
    when = at or utcnow()
    values = {"text": text, "updated_by": who or "unknown", "updated_at": when}
    session.execute(
        dialect_insert(session, ReportNarrativeRow)
        .values(member=member, period_start=start, period_end=end, **values)
        .on_conflict_do_update(index_elements=["member", "period_start", "period_end"], set_=values))
    audit.record(session, who, "edit" if before else "add", "narrative",
                 f"{member}:{start.isoformat()}:{end.isoformat()}",
                 before={"text": before.text} if before else None, after={"text": text}, at=when)
    return Narrative(member, start, end, text, values["updated_by"], when)


def narratives(session: Session, member: str | None = None) -> list[Narrative]:
    """Every stored narrative (of one Member), latest period first."""
    query = select(ReportNarrativeRow).order_by(ReportNarrativeRow.period_start.desc(), ReportNarrativeRow.member)
    if member is not None:
        query = query.where(ReportNarrativeRow.member == member)
    return [_narrative(row) for row in session.scalars(query)]
