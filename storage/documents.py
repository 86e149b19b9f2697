"""Stored reports and what was learned from them: documents, paragraphs, and a Member's learned
agencies and links. Learning a document again replaces what that document taught; links and synonyms
admins made by hand, and the knowledge shipped with art67bot, are kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage import audit
from storage.knowledge import bump_knowledge_version
from storage.models import AgencyRow, AgencyTopicRow, DocumentRow, ParagraphRow, TopicRow

if TYPE_CHECKING:  # only a type here; the extraction code loads when a report is learned
    from bot.core.knowledge.extract import Proposal


def store_document(session: Session, proposal: Proposal, *, origin: str = "learned", filename: str = "",
                   created_by: str = "", period: str = "") -> dict[str, int]:
    """Store a proposal: its document and paragraphs, agencies, topics and links. Returns counts of what
    is new or replaced."""
    info = proposal.document
    document = session.scalars(select(DocumentRow).where(DocumentRow.member == info.member,
                                                         DocumentRow.title == info.title)).one_or_none()
    if document is None:
        document = DocumentRow(member=info.member, title=info.title)
        session.add(document)
    document.symbol, document.url, document.filename = info.symbol, info.url, filename
    document.date = date.fromisoformat(info.date) if info.date else None
    document.period, document.origin, document.created_by = period, origin, created_by
    session.flush()
    session.execute(delete(ParagraphRow).where(ParagraphRow.document_id == document.id))
    session.add_all(ParagraphRow(document_id=document.id, position=n, number=p.number, text=p.text)
                    for n, p in enumerate(proposal.paragraphs))
    session.execute(delete(AgencyTopicRow).where(AgencyTopicRow.document_id == document.id,
                                                 AgencyTopicRow.origin == "learned"))

    agencies = {row.acronym: row for row in session.scalars(select(AgencyRow).where(AgencyRow.member == info.member))}
    for agency in proposal.agencies:
        row = agencies.get(agency.acronym)
        if row is None:
            row = AgencyRow(member=info.member, acronym=agency.acronym, name=agency.name, description="",
                            contact="", source="", document_id=document.id,
                            sources=[s.to_json() for s in agency.sources])
            session.add(row)
            agencies[agency.acronym] = row
        elif row.document_id == document.id:
            row.name, row.sources = agency.name, [s.to_json() for s in agency.sources]
        row.aliases = sorted(set(row.aliases or ()) | set(agency.aliases), key=str.lower)
    session.flush()
    for agency in proposal.agencies:
        row = agencies[agency.acronym]
        if agency.parent and agency.parent in agencies and row.parent_id is None:
            row.parent_id = agencies[agency.parent].id

    topics = {row.slug: row for row in session.scalars(select(TopicRow))}
    for topic in proposal.topics:
        if topic.slug not in topics:
            row = TopicRow(slug=topic.slug, name=topic.name, kind=topic.kind, paragraph=topic.paragraph,
                           synonyms=list(topic.synonyms), source="")
            session.add(row)
            topics[topic.slug] = row
    session.flush()

    existing = {(row.agency_id, row.topic_id): row for row in session.scalars(
        select(AgencyTopicRow).where(AgencyTopicRow.agency_id.in_([r.id for r in agencies.values()])))}
    added = 0
    for link in proposal.links:
        key = (agencies[link.agency].id, topics[link.topic].id)
        if key in existing:  # made by hand, shipped, or learned from another document: kept as it is
            continue
        row = AgencyTopicRow(agency_id=key[0], topic_id=key[1], rank=link.rank, role=link.role,
                             description=link.description, source="", origin="learned",
                             document_id=document.id, sources=[s.to_json() for s in link.sources])
        session.add(row)
        existing[key] = row
        added += 1
    session.flush()
    bump_knowledge_version(session)
    audit.record(session, created_by or "cli", "learn", "document", document.id,
                 after={"member": info.member, "title": info.title, "symbol": info.symbol, "date": info.date,
                        "paragraphs": len(proposal.paragraphs), "agencies": len(proposal.agencies),
                        "links": added, "filename": filename})
    return {"document": document.id, "paragraphs": len(proposal.paragraphs),
            "agencies": len(proposal.agencies), "topics": len(proposal.topics), "links": added}


def stored_members(session: Session) -> list[str]:
    """Every Member with stored knowledge: agencies or documents."""
    members = set(session.scalars(select(AgencyRow.member).distinct())) | set(
        session.scalars(select(DocumentRow.member).distinct()))
    return sorted(m for m in members if m)


def list_documents(session: Session) -> list[dict]:
    """Each stored document with its counts, by Member then date."""
    paragraphs = dict(session.execute(select(ParagraphRow.document_id, func.count())
                                      .group_by(ParagraphRow.document_id)).all())
    links = dict(session.execute(select(AgencyTopicRow.document_id, func.count())
                                 .group_by(AgencyTopicRow.document_id)).all())
    agencies = dict(session.execute(select(AgencyRow.document_id, func.count())
                                    .group_by(AgencyRow.document_id)).all())
    rows = session.scalars(select(DocumentRow).order_by(DocumentRow.member, DocumentRow.date, DocumentRow.id))
    return [{"member": d.member, "title": d.title, "symbol": d.symbol,
             "date": d.date.isoformat() if d.date else "", "origin": d.origin,
             "paragraphs": paragraphs.get(d.id, 0), "agencies": agencies.get(d.id, 0), "links": links.get(d.id, 0)}
            for d in rows]


def document_paragraphs(session: Session, member: str, title: str) -> list[tuple[str, str]]:
    """(number, text) of a stored document's paragraphs, in order."""
    return list(session.execute(
        select(ParagraphRow.number, ParagraphRow.text).join(DocumentRow, DocumentRow.id == ParagraphRow.document_id)
        .where(DocumentRow.member == member, DocumentRow.title == title).order_by(ParagraphRow.position)).all())


def store_shipped_document(session: Session, member: str, meta: dict, paragraphs) -> None:
    """Store (or refresh) a report shipped with art67bot, so it is listed and quoted like a learned one."""
    document = session.scalars(select(DocumentRow).where(DocumentRow.member == member,
                                                         DocumentRow.title == meta["title"])).one_or_none()
    if document is None:
        document = DocumentRow(member=member, title=meta["title"])
        session.add(document)
    document.symbol, document.url = meta.get("symbol", ""), meta.get("url", "")
    document.date = date.fromisoformat(meta["date"]) if meta.get("date") else None
    document.period, document.origin = meta.get("period", ""), "shipped"
    document.filename, document.created_by = meta.get("file", ""), ""
    session.flush()
    session.execute(delete(ParagraphRow).where(ParagraphRow.document_id == document.id))
    session.add_all(ParagraphRow(document_id=document.id, position=n, number=p.number, text=p.text)
                    for n, p in enumerate(paragraphs))
