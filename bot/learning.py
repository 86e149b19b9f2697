"""Learning a Member's report: the shell around bot/core/knowledge (read → propose) and storage/documents.

Used by `art67bot knowledge learn`, and in Slack by a file sent to the bot (Apply / Discard)."""

from __future__ import annotations

import json
import re
import sys
from datetime import date

from bot.core.knowledge import Knowledge
from bot.core.knowledge.documents import DocumentError, document_heading, read_document
from bot.core.knowledge.extract import DocumentInfo, Proposal, propose
from bot.core.knowledge.members import canonical
from bot.services import Services

MAX_FILE_BYTES = 20 * 1024 * 1024


def learn(data: bytes, filename: str, services: Services, *, member: str | None = None, title: str | None = None,
          symbol: str | None = None, day: str | None = None, url: str = "") -> Proposal:
    """What a report would add to the knowledge base; nothing is written. Raises DocumentError with a
    message for the user when the file cannot be read or the details are wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(f"{filename} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    heading = document_heading(data, filename)
    paragraphs = read_document(data, filename)
    member = member or heading.get("member") or services.settings.member
    member = canonical(member, services.members()) or member.strip()
    if not member:
        raise DocumentError("name the Member whose report this is (--member NAME)")
    if day:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise DocumentError(f"the date {day!r} is not a date written YYYY-MM-DD") from None
    title = (title or heading.get("title") or re.sub(r"\.[^.]+$", "", filename)).strip()[:300]
    info = DocumentInfo(member=member, title=title, symbol=(symbol or "").strip()[:64],
                        date=day or heading.get("date") or "", url=url)
    return propose(paragraphs, info, vocabulary(services))


def vocabulary(services: Services) -> Knowledge:
    """The topics learning looks for: the shipped vocabulary, with synonyms admins added."""
    return Knowledge([], services.knowledge().topics, [])


def apply(proposal: Proposal, services: Services, *, filename: str = "", created_by: str = "") -> dict[str, int]:
    from storage.documents import store_document

    with services.db.session() as session:
        counts = store_document(session, proposal, filename=filename, created_by=created_by)
    services.refresh_knowledge()
    return counts


def summary(proposal: Proposal, applied: bool) -> str:
    """A few lines a person reads: what was found, and whether it is stored."""
    doc = proposal.document
    lines = [f"{doc.title} — {doc.member}" + (f", {doc.date}" if doc.date else "")
             + f": {len(proposal.paragraphs)} paragraphs, {len(proposal.agencies)} agencies, "
             f"{len(proposal.topics)} topics, {len(proposal.links)} links."]
    for agency in proposal.agencies[:12]:
        parent = f" (part of {agency.parent})" if agency.parent else ""
        lines.append(f"  agency {agency.acronym}: {agency.name}{parent}")
    for link in proposal.links[:15]:
        source = link.sources[0]
        lines.append(f"  {link.topic} → {link.agency} ({link.role}), ¶{source.paragraph}: “{source.quote[:120]}”")
    if len(proposal.links) > 15:
        lines.append(f"  … and {len(proposal.links) - 15} more links")
    lines.append("Stored." if applied else "Nothing stored: run again with --apply to store it.")
    return "\n".join(lines)


def cmd_knowledge_learn(args, services: Services) -> int:
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
        proposal = learn(data, args.file.rsplit("/", 1)[-1], services, member=args.member, title=args.title,
                         symbol=args.symbol, day=args.date)
    except (OSError, DocumentError) as problem:
        print(f"art67bot: {problem}", file=sys.stderr)
        return 2
    if args.apply:
        apply(proposal, services, filename=args.file.rsplit("/", 1)[-1], created_by="cli")
    if args.json:
        print(json.dumps(proposal.to_json(), ensure_ascii=False, indent=2))
    else:
        print(summary(proposal, args.apply))
    return 0


def cmd_knowledge_list(args, services: Services) -> int:
    from storage.documents import list_documents

    with services.db.session() as session:
        documents = list_documents(session)
    if args.json:
        print(json.dumps(documents, ensure_ascii=False, indent=2))
        return 0
    for member in services.members():
        print(member)
        for doc in (d for d in documents if d["member"] == member):
            print(f"  {doc['title']} ({doc['date'] or 'undated'}): {doc['paragraphs']} paragraphs, "
                  f"{doc['agencies']} agencies, {doc['links']} links")
    return 0
