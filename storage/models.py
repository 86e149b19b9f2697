"""Typed SQLAlchemy 2 models. Times are stored in UTC."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false as sa_false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime stored in UTC on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; art67bot stores aware UTC times only")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Small facts about the database itself, e.g. which knowledge seed it holds."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class DocumentRow(Base):
    """A Member's report, stored as numbered paragraphs so that answers can quote it."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("member", "title", name="uq_documents_member_title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    symbol: Mapped[str] = mapped_column(String(64), default="")
    date: Mapped[date | None] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(120), default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    filename: Mapped[str] = mapped_column(String(300), default="")
    origin: Mapped[str] = mapped_column(String(16), default="learned")  # "shipped" or "learned"
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ParagraphRow(Base):
    __tablename__ = "document_paragraphs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)


class AgencyRow(Base):
    __tablename__ = "agencies"
    __table_args__ = (UniqueConstraint("member", "acronym", name="uq_agencies_member_acronym"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member: Mapped[str] = mapped_column(String(120), default="", server_default="")
    acronym: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[dict] | None] = mapped_column(JSON, default=list)  # citable: quotes and public pages
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))

    parent: Mapped[AgencyRow | None] = relationship(remote_side=[id])


class TopicRow(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="other")
    paragraph: Mapped[str] = mapped_column(String(16), default="")
    synonyms: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text, default="")


class AgencyTopicRow(Base):
    """Which agency covers which topic, with its role and the source supporting the link."""

    __tablename__ = "agency_topics"
    __table_args__ = (UniqueConstraint("agency_id", "topic_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer, default=1)
    role: Mapped[str] = mapped_column(String(32), default="lead")
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[dict] | None] = mapped_column(JSON, default=list)  # citable: quotes and public pages
    # "shipped" with art67bot, "learned" from a document (replaced when it is learned again), "manual"
    origin: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))


class ActivityRow(Base):
    __tablename__ = "activities"
    __table_args__ = (
        # Walked in start-date order by every listing, it differs by backend (migration 0012,
        # storage.db.DIALECT_INDEXES): on SQLite it also carries what the filters read; on PostgreSQL it is
        # ix_activities_start_date_id (start_date, id), beside GIN indexes over the filtered keys.
        # So does the index of one agency's activities in the listings' own order (migrations 0016, 0017):
        # (agency_id, start_date, id) on PostgreSQL, with the end date and the keys on SQLite.
        Index("ix_activities_span_days", "span_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # end_date - start_date in days: bounds the scan for activities under way
    span_days: Mapped[int] = mapped_column(Integer, default=0)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    beneficiaries: Mapped[list[str]] = mapped_column(JSON, default=list)  # in the order given
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)  # topic slugs
    # "|peru|chile|" and "|patents|": folded keys, so filters are a LIKE on one row
    beneficiary_keys: Mapped[str] = mapped_column(Text, default="|")
    topic_keys: Mapped[str] = mapped_column(Text, default="|")
    # title and description folded (lower case, no accents): search finds "géographiques" as "geographiques"
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    format: Mapped[str | None] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    source_document: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ProcessedEventRow(Base):
    """Slack events already taken on, by event_id: a retry or a second replica skips them."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # "handling" while a listener works on it (until `lease_until`: then a retry may take it over), "done"
    status: Mapped[str] = mapped_column(String(16), default="done", server_default="done")
    owner: Mapped[str] = mapped_column(String(100), default="", server_default="")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DeadlineRow(Base):
    """A reporting deadline. `next_remind_at` (indexed) is when the reminder tick must next look at it."""

    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_next_remind_at", "next_remind_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the first (or only) occurrence
    timezone: Mapped[str] = mapped_column(String(64))
    yearly: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    channel: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=0)  # bumped by edits, snoozes, submissions
    next_remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DeadlineOccurrenceRow(Base):
    """What people did about one occurrence of a deadline: marked it submitted, or snoozed it."""

    __tablename__ = "deadline_occurrences"

    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"), primary_key=True)
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_by: Mapped[str | None] = mapped_column(String(64))
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ClaimColumns:
    """A message to post exactly once: claimed before posting, marked sent once Slack accepted it.

    While `status` is "pending", the claim belongs to `owner` until `lease_until`; after that any
    process may take it over (the owner died mid-post, or the post failed and may be retried).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | sent
    owner: Mapped[str] = mapped_column(String(100))
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    last_error: Mapped[str] = mapped_column(Text, default="")
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # a post may have reached Slack without its answer reaching us (or the poster died): whoever takes
    # the claim over looks for the message in Slack before posting
    unsure: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class ReminderClaimRow(ClaimColumns, Base):
    """One reminder slot of one deadline occurrence: (deadline, occurrence, lead time) is unique."""

    __tablename__ = "reminder_claims"
    __table_args__ = (UniqueConstraint("deadline_id", "occurrence", "lead_minutes",
                                       name="uq_reminder_claims_slot"),)

    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)
    lead_minutes: Mapped[int] = mapped_column(Integer)


class DigestSubscriptionRow(Base):
    """A channel that gets the weekly digest."""

    __tablename__ = "digest_subscriptions"

    channel: Mapped[str] = mapped_column(String(64), primary_key=True)
    subscribed_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DigestClaimRow(ClaimColumns, Base):
    """One weekly digest of one channel: (channel, week) is unique."""

    __tablename__ = "digest_claims"
    __table_args__ = (UniqueConstraint("channel", "week", name="uq_digest_claims_week"),)

    week: Mapped[date] = mapped_column(Date)  # the Monday


# Collecting every agency's inputs before the deadline (storage/inputs.py) and the audit log (storage/audit.py)
from storage.models_inputs import (  # noqa: E402,F401  (registered on Base for Alembic and create_all)
    AuditRow,
    CallDmClaimRow,
    ConfirmationRow,
    FocalPointRow,
    FocalReminderClaimRow,
    InputCallRow,
)
from storage.models_narratives import ReportNarrativeRow  # noqa: E402,F401  (registered on Base as well)
from storage.models_keys import FilterKeyCountRow  # noqa: E402,F401  (registered on Base as well)
