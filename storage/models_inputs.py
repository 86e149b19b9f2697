"""Tables for collecting every agency's inputs (focal points, calls for inputs, confirmations, the DMs
and reminders they send) and the append-only audit log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, ClaimColumns, UTCDateTime, utcnow


class FocalPointRow(Base):
    """A Slack user who sends an agency's activities. The agency is an acronym of the reporting Member."""

    __tablename__ = "focal_points"
    __table_args__ = (UniqueConstraint("agency", "user_id", name="uq_focal_points_agency_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(32))
    added_by: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # set when Slack says the user cannot be reached (user_not_found, account_inactive): skipped since
    unreachable: Mapped[str] = mapped_column(String(64), default="", server_default="")


class InputCallRow(Base):
    """A call for inputs: one per reporting period, with the date inputs are due."""

    __tablename__ = "input_calls"
    __table_args__ = (UniqueConstraint("period_start", "period_end", name="uq_input_calls_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConfirmationRow(Base):
    """An agency's answer to a call: its list confirmed, or nothing to report (the latest answer counts)."""

    __tablename__ = "input_confirmations"
    __table_args__ = (UniqueConstraint("call_id", "agency", name="uq_input_confirmations_agency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    agency: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16))  # "confirmed" or "nothing"
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class CallDmClaimRow(ClaimColumns, Base):
    """The call's DM to one focal point of one agency, sent exactly once."""

    __tablename__ = "call_dm_claims"
    __table_args__ = (UniqueConstraint("call_id", "agency", "user_id", name="uq_call_dm_claims_focal_point"),)

    call_id: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(32))


class FocalReminderClaimRow(ClaimColumns, Base):
    """A deadline reminder DM'd to a pending agency's focal point, once per lead time."""

    __tablename__ = "focal_reminder_claims"
    __table_args__ = (UniqueConstraint("deadline_id", "occurrence", "lead_minutes", "agency", "user_id",
                                       name="uq_focal_reminder_claims_slot"),)

    deadline_id: Mapped[int] = mapped_column(Integer)
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)
    lead_minutes: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(32))


class AuditRow(Base):
    """One write: who (a Slack user ID or "cli"), when (UTC), what, and the values before and after.
    Rows are only ever inserted: no command edits or deletes them."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"), Index("ix_audit_log_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    who: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # add, edit, delete, confirm, …
    entity: Mapped[str] = mapped_column(String(32))  # activity, deadline, topic, link, focal_point, call, …
    entity_id: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
