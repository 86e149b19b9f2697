"""Learning from a report: its agencies, its topics and the sentences that tie them together.

`propose(paragraphs, document, vocabulary)` is a pure function. Every link it proposes keeps the exact
sentence that makes it, with its paragraph number, so an answer can quote the report word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.knowledge.agencies_found import find_agencies
from bot.core.knowledge.agency_names import FoundAgency
from bot.core.knowledge.base import Knowledge, Passage
from bot.core.knowledge.documents import Paragraph
from bot.core.knowledge.index import index_for
from bot.core.knowledge.sentences import cut_quote, sentence_spans
from bot.core.knowledge.links_found import FUNDING_TOPIC, SUBJECT, sentence_roles, subject_of
from bot.core.knowledge.topics_found import named_topics, report_topics, topics_in
from bot.core.records import Agency, Link, Source, Topic
from bot.core.text import fold

LISTING = 4  # a sentence naming this many agencies lists them; it says nothing of who does what
SPECIFIC = 0.2  # each further word of the phrase naming a topic ("patent examiners" against "examiners")
CARRIED, NAMED = 0.6, 0.3  # what a paragraph's subject carried to a later sentence and a name are worth


@dataclass(frozen=True)
class DocumentInfo:
    member: str
    title: str
    symbol: str = ""
    date: str = ""  # ISO
    url: str = ""


@dataclass(frozen=True)
class Proposal:
    document: DocumentInfo
    paragraphs: tuple[Paragraph, ...]
    agencies: tuple[Agency, ...]
    topics: tuple[Topic, ...]
    links: tuple[Link, ...]

    def to_json(self) -> dict:
        return {
            "document": {"member": self.document.member, "title": self.document.title,
                         "symbol": self.document.symbol, "date": self.document.date,
                         "paragraphs": len(self.paragraphs)},
            "agencies": [{"acronym": a.acronym, "name": a.name, "parent": a.parent} for a in self.agencies],
            "topics": [{"slug": t.slug, "name": t.name} for t in self.topics],
            "links": [{"topic": l.topic, "agency": l.agency, "role": l.role,
                       "paragraph": l.sources[0].paragraph, "quote": l.sources[0].quote} for l in self.links],
        }


def passages_of(proposal: Proposal) -> list[Passage]:
    """The proposal's paragraphs as the passages of a Member's knowledge (what storage gives back)."""
    doc = proposal.document
    return [Passage(Source(document=doc.title, symbol=doc.symbol, date=doc.date, url=doc.url,
                           paragraph=p.number), p.text) for p in proposal.paragraphs]


def propose(paragraphs: list[Paragraph], document: DocumentInfo, vocabulary: Knowledge) -> Proposal:
    """What a report says: agencies (with parents), topics and quoted topic → agency links."""
    topic_keys = {fold(k) for t in vocabulary.topics for k in (t.name, *t.synonyms)}
    result = find_agencies(paragraphs, topic_keys, document.member)
    found = result.agencies
    mentions = _mention_pattern(found)
    own_topics = report_topics(paragraphs, vocabulary)
    named = named_topics(paragraphs, result.programmes, vocabulary,
                         {t.slug for t in (*vocabulary.topics, *own_topics.new)},
                         {fold(n) for a in found.values() for n in (a.name, *a.aliases, a.acronym)})
    own_new = [*own_topics.new, *named]
    topics_known = Knowledge([], [*vocabulary.topics, *own_new], [])
    index = index_for(topics_known)
    evidence: dict[tuple[str, str], list[tuple[float, int, str, Source]]] = {}
    mentioned_topics: set[str] = set(own_topics.listed)

    def source(paragraph: Paragraph, text: str, focus: int) -> Source:
        return Source(document=document.title, symbol=document.symbol, date=document.date,
                      paragraph=paragraph.number, quote=cut_quote(text, focus), url=document.url)

    order = 0
    acting: set[str] = set()  # agencies the report says did something
    for paragraph in paragraphs:
        subject: str | None = None
        listing = _listing_pieces(paragraph.text, mentions)
        for start, end in sentence_spans(paragraph.text):
            order += 1
            sentence = paragraph.text[start:end]
            spans = _merged([(m.start(), m.end(), key) for m, key in _mentions(mentions, sentence)], sentence)
            lengths: dict[str, int] = {}
            topics = topics_in(index, _mask(sentence, spans), lengths=lengths)
            mentioned_topics.update(slug for slug, _ in topics)
            if len(set(key for *_, key in spans)) >= LISTING or start in listing:
                continue
            roles = sentence_roles(sentence, spans)
            if roles:
                for slug, at in topics:
                    for role in roles:
                        worth = role.worth * (1 + SPECIFIC * (lengths.get(slug, 1) - 1))
                        if role.funding and role.funding[0] <= at < role.funding[1] + 1:
                            worth = FUNDING_TOPIC
                        _add(evidence, slug, role.key, worth, order, role.role, source(paragraph, sentence, at))
                subject = subject_of(roles) or subject
                if topics:
                    acting.update(r.key for r in roles if r.worth >= SUBJECT)
            elif subject and topics:
                for slug, at in topics:
                    _add(evidence, slug, subject, CARRIED, order, "lead", source(paragraph, sentence, at))
    for agency in found.values():  # "Japan Patent Office": a name says what an agency does
        if agency.key not in acting and agency.parent is None:
            continue  # a body the report only lists, not as a unit doing the work: its name says what it is
        for slug, _ in topics_in(index, agency.name, strong_only=True):
            if (slug, agency.key) not in evidence:
                paragraph = paragraphs[agency.paragraph]
                at = paragraph.text.find(agency.name)
                sentence = next((paragraph.text[a:b] for a, b in sentence_spans(paragraph.text) if a <= at < b),
                                paragraph.text)
                _add(evidence, slug, agency.key, NAMED, 10**9, "lead",
                     source(paragraph, sentence, max(0, sentence.find(agency.name))))
    links = _ranked_links(evidence)
    linked_agencies = {l.agency for l in links}
    needed = set(linked_agencies)
    for key in list(needed):
        parent = found[key].parent
        while parent and parent not in needed:
            needed.add(parent)
            parent = found[parent].parent if parent in found else None
    agencies = tuple(_agency_record(a, paragraphs, source) for a in found.values()
                     if a.key in needed or a.acronym)
    used_topics = {l.topic for l in links} | mentioned_topics
    by_slug = {t.slug: t for t in (*vocabulary.topics, *own_new)}
    topics = tuple(by_slug[s] for s in by_slug if s in used_topics)
    return Proposal(document, tuple(paragraphs), agencies, topics, tuple(links))


def _plain(name: str) -> str:
    return re.sub(r"^(?:the\s+)", "", name, flags=re.I)


def _mention_pattern(found: dict[str, FoundAgency]) -> list[tuple[re.Pattern, str]]:
    patterns = []
    for agency in found.values():
        names = {_plain(n) for n in (agency.name, *agency.aliases)}
        for name in sorted(names, key=len, reverse=True):
            patterns.append((re.compile(r"(?<![\w])" + re.escape(name).replace(r"\ ", r"\s+") + r"(?![\w])", re.I),
                             agency.key))
        if agency.acronym:
            patterns.append((re.compile(r"(?<![\w-])" + re.escape(agency.acronym) + r"(?:['’]s)?(?![\w-])"),
                             agency.key))
    return patterns


def _mentions(patterns: list[tuple[re.Pattern, str]], sentence: str):
    taken: list[tuple[int, int]] = []
    hits = []
    for pattern, key in patterns:
        for match in pattern.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            hits.append((match, key))
    return sorted(hits, key=lambda h: h[0].start())


def _merged(spans: list[tuple[int, int, str]], sentence: str) -> list[tuple[int, int, str]]:
    """"the Japan Patent Office (JPO)" is one mention, not two."""
    out: list[tuple[int, int, str]] = []
    for start, end, key in spans:
        if out and out[-1][2] == key and re.fullmatch(r"\s*\(\s*", sentence[out[-1][1]:start]):
            out[-1] = (out[-1][0], end + (sentence[end:end + 1] == ")"), key)
            continue
        out.append((start, end, key))
    return out


def _listing_pieces(text: str, mentions) -> set[int]:
    """Starts of the ';'-separated pieces of a sentence that names LISTING agencies or more: a list of who
    takes part ("… is provided by the A (AA); the B (BB); … and the D (DD)") says nothing of who does what."""
    out: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        ends = [m.end() for m in re.finditer(r"(?<!\b[A-Z])[.!?](?=\s|$)", line)] + [len(line)]
        begin = 0
        for stop in ends:
            whole = line[begin:stop]
            if ";" in whole and len({key for _, key in _mentions(mentions, whole)}) >= LISTING:
                out.update(a for a, _ in sentence_spans(text) if offset + begin <= a < offset + stop)
            begin = stop
        offset += len(line) + 1
    return out


def _mask(sentence: str, named: list[tuple[int, int, str]]) -> str:
    chars = list(sentence)
    for start, end, _ in named:
        for i in range(start, end):
            chars[i] = " "
    # the parenthesised acronym left behind by a masked name reads as nothing
    return "".join(chars)


def _add(evidence, slug, key, worth, order, role, source) -> None:
    evidence.setdefault((slug, key), []).append((worth, order, role, source))


def _ranked_links(evidence) -> list[Link]:
    by_topic: dict[str, list[tuple[float, int, str, str, list[Source]]]] = {}
    for (slug, key), items in evidence.items():
        items = sorted(items, key=lambda item: (-item[0], item[1]))
        score = sum(worth for worth, *_ in items)
        roles = [role for _, _, role, _ in items]
        role = "lead" if "lead" in roles else ("partner" if "partner" in roles else "funder")
        sources = list(dict.fromkeys(source for *_, source in items))[:3]
        by_topic.setdefault(slug, []).append((score, min(o for _, o, _, _ in items), key, role, sources))
    links = []
    for slug, rows in by_topic.items():
        rows.sort(key=lambda row: (-row[0], row[1], row[2]))
        for rank, (_, _, key, role, sources) in enumerate(rows, start=1):
            links.append(Link(topic=slug, agency=key, rank=rank, role=role, sources=tuple(sources)))
    return links


def _agency_record(agency: FoundAgency, paragraphs: list[Paragraph], source) -> Agency:
    paragraph = paragraphs[agency.paragraph]
    at = paragraph.text.find(agency.name)
    spans = sentence_spans(paragraph.text)
    sentence = next((paragraph.text[a:b] for a, b in spans if a <= at < b), "") if at >= 0 else ""
    aliases = tuple(sorted({a for a in agency.aliases if a != agency.name} | ({_plain(agency.name)} - {agency.name})))
    sources = (source(paragraph, sentence, max(0, sentence.find(agency.name))),) if sentence else ()
    return Agency(acronym=agency.key, name=agency.name, parent=agency.parent, aliases=aliases,
                  description="", sources=sources)
