"""The narrative of a Member's Article 67 report for a reporting period (storage/narratives.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime, utcnow


class ReportNarrativeRow(Base):
    """The paragraphs that precede the table in the report as filed: one text per Member and period."""

    __tablename__ = "report_narratives"
    __table_args__ = (UniqueConstraint("member", "period_start", "period_end", name="uq_report_narratives_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member: Mapped[str] = mapped_column(String(120))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
