"""Knowledge base tables: loading the shipped seed and reading it back as plain records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.knowledge import Knowledge
from bot.core.records import Agency, Link, Topic
from storage.changes import bump_version
from storage.models import AgencyRow, AgencyTopicRow, MetaRow, TopicRow


def load_knowledge(session: Session, knowledge: Knowledge) -> dict[str, int]:
    """Insert or update agencies, topics and links from `knowledge`. Idempotent.

    Rows an admin added in the database are kept; synonyms an admin added are merged.
    """
    counts = {"agencies": 0, "topics": 0, "links": 0}
    agencies = {row.acronym: row for row in session.scalars(select(AgencyRow))}
    for agency in knowledge.agencies:
        row = agencies.get(agency.acronym)
        if row is None:
            row = AgencyRow(acronym=agency.acronym)
            session.add(row)
            agencies[agency.acronym] = row
            counts["agencies"] += 1
        row.name = agency.name
        row.aliases = sorted(set(row.aliases or ()) | set(agency.aliases), key=str.lower)
        row.description, row.contact, row.source = agency.description, agency.contact, agency.source
    session.flush()
    for agency in knowledge.agencies:
        parent = agencies.get(agency.parent) if agency.parent else None
        agencies[agency.acronym].parent_id = parent.id if parent else None

    topics = {row.slug: row for row in session.scalars(select(TopicRow))}
    for topic in knowledge.topics:
        row = topics.get(topic.slug)
        if row is None:
            row = TopicRow(slug=topic.slug, synonyms=[])
            session.add(row)
            topics[topic.slug] = row
            counts["topics"] += 1
        row.name, row.kind, row.paragraph, row.source = topic.name, topic.kind, topic.paragraph, topic.source
        merged = list(row.synonyms or ())
        merged += [s for s in topic.synonyms if s not in merged]
        row.synonyms = merged
    session.flush()

    links = {(row.agency_id, row.topic_id): row for row in session.scalars(select(AgencyTopicRow))}
    for link in knowledge.links:
        key = (agencies[link.agency].id, topics[link.topic].id)
        row = links.get(key)
        if row is None:
            row = AgencyTopicRow(agency_id=key[0], topic_id=key[1])
            session.add(row)
            links[key] = row
            counts["links"] += 1
        row.rank, row.role, row.description, row.source = link.rank, link.role, link.description, link.source
    session.flush()
    return counts


def read_knowledge(session: Session) -> Knowledge:
    """The knowledge base as stored, with any changes admins made."""
    agency_rows = list(session.scalars(select(AgencyRow).order_by(AgencyRow.id)))
    acronyms = {row.id: row.acronym for row in agency_rows}
    agencies = [
        Agency(
            acronym=row.acronym,
            name=row.name,
            parent=acronyms.get(row.parent_id) if row.parent_id else None,
            aliases=tuple(row.aliases or ()),
            description=row.description,
            contact=row.contact,
            source=row.source,
        )
        for row in agency_rows
    ]
    topic_rows = list(session.scalars(select(TopicRow).order_by(TopicRow.id)))
    slugs = {row.id: row.slug for row in topic_rows}
    topics = [
        Topic(slug=row.slug, name=row.name, kind=row.kind, paragraph=row.paragraph,
              synonyms=tuple(row.synonyms or ()), source=row.source)
        for row in topic_rows
    ]
    links = [
        Link(topic=slugs[row.topic_id], agency=acronyms[row.agency_id], rank=row.rank, role=row.role,
             description=row.description, source=row.source)
        for row in session.scalars(select(AgencyTopicRow).order_by(AgencyTopicRow.id))
    ]
    return Knowledge(agencies, topics, links)


def agency_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(AgencyRow.acronym, AgencyRow.id)).all())


def topic_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(TopicRow.slug, TopicRow.id)).all())


def seed_fingerprint(session: Session) -> str | None:
    row = session.get(MetaRow, "knowledge_seed")
    return row.value if row else None


def ensure_seeded(session: Session, knowledge: Knowledge, fingerprint: str) -> bool:
    """Load the shipped knowledge base unless this exact seed is already loaded."""
    if seed_fingerprint(session) == fingerprint:
        return False
    load_knowledge(session, knowledge)
    session.merge(MetaRow(key="knowledge_seed", value=fingerprint))
    bump_version(session)
    return True
