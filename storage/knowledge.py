"""Knowledge base tables: loading the shipped seed and reading it back as plain records."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.knowledge import Knowledge
from bot.core.knowledge.base import Passage
from bot.core.records import Agency, Link, Source, Topic
from storage.changes import bump_version
from storage.models import AgencyRow, AgencyTopicRow, DocumentRow, MetaRow, ParagraphRow, TopicRow


def load_knowledge(session: Session, knowledge: Knowledge, member: str) -> dict[str, int]:
    """Insert or update `member`'s agencies, topics and links from `knowledge` (shipped). Idempotent.

    Rows an admin added in the database are kept; synonyms an admin added are merged.
    """
    counts = {"agencies": 0, "topics": 0, "links": 0}
    agencies = {row.acronym: row for row in session.scalars(select(AgencyRow).where(AgencyRow.member == member))}
    for agency in knowledge.agencies:
        row = agencies.get(agency.acronym)
        if row is None:
            row = AgencyRow(acronym=agency.acronym, member=member)
            session.add(row)
            agencies[agency.acronym] = row
            counts["agencies"] += 1
        row.name = agency.name
        row.aliases = sorted(set(row.aliases or ()) | set(agency.aliases), key=str.lower)
        row.description, row.contact, row.source = agency.description, agency.contact, agency.source
        row.sources = [s.to_json() for s in agency.sources]
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
            row = AgencyTopicRow(agency_id=key[0], topic_id=key[1], origin="shipped")
            session.add(row)
            links[key] = row
            counts["links"] += 1
        row.rank, row.role, row.description, row.source = link.rank, link.role, link.description, link.source
        row.sources = [s.to_json() for s in link.sources]
    session.flush()
    return counts


def read_knowledge(session: Session, member: str, every_topic: bool = True) -> Knowledge:
    """`member`'s knowledge as stored, with any changes admins made. Topics are shared by every Member;
    without `every_topic`, only those linked to one of `member`'s agencies are read."""
    agency_rows = list(session.scalars(select(AgencyRow).where(AgencyRow.member == member).order_by(AgencyRow.id)))
    acronyms = {row.id: row.acronym for row in agency_rows}
    every_parent = dict(session.execute(select(AgencyRow.id, AgencyRow.acronym).where(
        AgencyRow.id.in_({row.parent_id for row in agency_rows if row.parent_id}))).all())
    agencies = [
        Agency(
            acronym=row.acronym,
            name=row.name,
            parent=every_parent.get(row.parent_id) if row.parent_id else None,
            aliases=tuple(row.aliases or ()),
            description=row.description,
            contact=row.contact,
            source=row.source,
            sources=tuple(Source.from_json(s) for s in row.sources or ()),
        )
        for row in agency_rows
    ]
    link_rows = list(session.scalars(select(AgencyTopicRow).where(AgencyTopicRow.agency_id.in_(acronyms))
                                     .order_by(AgencyTopicRow.id)))
    topic_query = select(TopicRow).order_by(TopicRow.id)
    if not every_topic:
        topic_query = topic_query.where(TopicRow.id.in_({row.topic_id for row in link_rows}))
    topic_rows = list(session.scalars(topic_query))
    slugs = {row.id: row.slug for row in topic_rows}
    topics = [
        Topic(slug=row.slug, name=row.name, kind=row.kind, paragraph=row.paragraph,
              synonyms=tuple(row.synonyms or ()), source=row.source)
        for row in topic_rows
    ]
    links = [
        Link(topic=slugs[row.topic_id], agency=acronyms[row.agency_id], rank=row.rank, role=row.role,
             description=row.description, source=row.source,
             sources=tuple(Source.from_json(s) for s in row.sources or ()))
        for row in link_rows if row.topic_id in slugs
    ]
    return Knowledge(agencies, topics, links, learned_passages(session, member))


def learned_passages(session: Session, member: str) -> list[Passage]:
    """The paragraphs of the reports `member`'s knowledge was learned from (not of shipped ones, whose
    knowledge was written by hand), in order, with where each stands."""
    rows = session.execute(
        select(DocumentRow.title, DocumentRow.symbol, DocumentRow.date, DocumentRow.url, ParagraphRow.number,
               ParagraphRow.text)
        .join(ParagraphRow, ParagraphRow.document_id == DocumentRow.id)
        .where(DocumentRow.member == member, DocumentRow.origin == "learned")
        .order_by(DocumentRow.id, ParagraphRow.position))
    return [Passage(Source(document=title, symbol=symbol, date=day.isoformat() if day else "", url=url,
                           paragraph=number), text)
            for title, symbol, day, url, number, text in rows]


def agency_ids(session: Session, member: str | None = None) -> dict[str, int]:
    """Acronym -> id, of `member`'s agencies (of every Member's when None, later rows winning)."""
    query = select(AgencyRow.acronym, AgencyRow.id).order_by(AgencyRow.id)
    if member is not None:
        query = query.where(AgencyRow.member == member)
    return dict(session.execute(query).all())


def topic_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(TopicRow.slug, TopicRow.id)).all())


def seed_fingerprint(session: Session) -> str | None:
    """The fingerprint of the shipped knowledge the database holds. A Core query: at start-up it spares
    configuring every ORM mapper (50 ms) for a command that may not need them."""
    meta = MetaRow.__table__
    return session.execute(select(meta.c.value).where(meta.c.key == "knowledge_seed")).scalar()


def ensure_seeded(session: Session, knowledge: Knowledge, fingerprint: str, member: str) -> bool:
    """Load the shipped knowledge base (`member`'s) unless this exact one is already loaded."""
    if seed_fingerprint(session) == fingerprint:
        return False
    load_knowledge(session, knowledge, member)
    session.merge(MetaRow(key="knowledge_seed", value=fingerprint))
    bump_version(session)
    bump_knowledge_version(session)
    return True


# ---------------------------------------------------------------------------------------------
# Changes admins make, and the version other processes watch
# ---------------------------------------------------------------------------------------------

VERSION_KEY = "knowledge_version"


def knowledge_version(session: Session) -> str:
    """A token that changes whenever the knowledge tables change (one primary-key read)."""
    row = session.get(MetaRow, VERSION_KEY)
    return row.value if row else ""


def bump_knowledge_version(session: Session) -> str:
    """Mark the knowledge tables as changed. A fresh random token, so two concurrent changes can
    never leave a reader thinking it has seen both."""
    value = uuid.uuid4().hex
    session.merge(MetaRow(key=VERSION_KEY, value=value))
    return value


def _topic_row(session: Session, slug: str) -> TopicRow:
    return session.scalars(select(TopicRow).where(TopicRow.slug == slug).with_for_update()).one()


def add_synonyms(session: Session, slug: str, words: Sequence[str]) -> list[str]:
    """Append synonyms to a topic; returns those that were not there yet (ignoring case)."""
    row = _topic_row(session, slug)
    current = list(row.synonyms or ())
    present = {s.lower() for s in current}
    added = []
    for word in words:
        if word.lower() not in present:
            present.add(word.lower())
            added.append(word)
    if added:
        row.synonyms = current + added
        bump_knowledge_version(session)
    return added


def remove_synonyms(session: Session, slug: str, words: Sequence[str]) -> list[str]:
    """Remove synonyms from a topic (ignoring case); returns those removed."""
    row = _topic_row(session, slug)
    unwanted = {w.lower() for w in words}
    current = list(row.synonyms or ())
    kept = [s for s in current if s.lower() not in unwanted]
    removed = [s for s in current if s.lower() in unwanted]
    if removed:
        row.synonyms = kept
        bump_knowledge_version(session)
    return removed


def link_topic(session: Session, slug: str, acronym: str, *, role: str | None = None,
               source: str | None = None, description: str | None = None,
               rank: int | None = None, fallback_source: str = "", member: str | None = None) -> tuple[bool, int]:
    """Link a topic to an agency, or update the link. Returns (created, its rank).

    A new link goes last unless `rank` is given; giving a rank moves the links at that rank and
    below down by one, so the order stays strict. Fields given as None keep their stored value; a new
    link without a source records `fallback_source`.
    """
    topic = _topic_row(session, slug)
    agency_id = agency_ids(session, member)[acronym]
    links = list(session.scalars(select(AgencyTopicRow).where(AgencyTopicRow.topic_id == topic.id)
                                 .order_by(AgencyTopicRow.rank, AgencyTopicRow.id)))
    row = next((l for l in links if l.agency_id == agency_id), None)
    created = row is None
    if created:
        row = AgencyTopicRow(agency_id=agency_id, topic_id=topic.id, role=role or "partner",
                             description=description or "", source=source or fallback_source,
                             rank=max((l.rank for l in links), default=0) + 1)
        session.add(row)
    else:
        row.role = role or row.role
        row.source = source if source is not None else row.source
        row.description = description if description is not None else row.description
    if rank is not None and rank != row.rank:
        for other in links:
            if other is not row and other.rank >= rank:
                other.rank += 1
        row.rank = rank
    session.flush()
    bump_knowledge_version(session)
    return created, row.rank


def unlink_topic(session: Session, slug: str, acronym: str, member: str | None = None) -> bool:
    """Remove the link between a topic and an agency; False if there was none."""
    topic = _topic_row(session, slug)
    agency_id = agency_ids(session, member).get(acronym)
    row = session.scalars(
        select(AgencyTopicRow).where(AgencyTopicRow.topic_id == topic.id, AgencyTopicRow.agency_id == agency_id)
    ).one_or_none()
    if row is None:
        return False
    session.delete(row)
    bump_knowledge_version(session)
    return True
