"""The knowledge base of agencies and topics, as plain data with look-ups."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

from bot.core.records import Agency, Link, Source, Topic
from bot.core.text import fold


def read_seed() -> dict:
    """The knowledge base shipped with art67bot (bot/data/knowledge.toml), as parsed TOML."""
    return tomllib.loads(seed_bytes().decode("utf-8"))


def seed_bytes() -> bytes:
    """bot/data/knowledge.toml as stored: its hash tells whether a database holds this very file,
    without parsing it (parsing takes a fifth of a command's start)."""
    return resources.files("bot.data").joinpath("knowledge.toml").read_bytes()


def shipped_member(data: dict) -> str:
    """The Member whose knowledge art67bot ships (knowledge.toml's `member`)."""
    return str(data.get("member") or "United States of America")


def _source(data: dict, documents: dict[str, dict]) -> Source:
    """A source of knowledge.toml; `document` names a [[documents]] entry by its key."""
    document = documents.get(str(data.get("document") or ""))
    if document is None:
        return Source.from_json(data)
    return Source(document=document["title"], symbol=document.get("symbol", ""), date=document.get("date", ""),
                  paragraph=str(data.get("paragraph", "")), quote=data.get("quote", ""), url=document.get("url", ""))


def from_seed(data: dict) -> "Knowledge":
    """Build plain records from the TOML layout of knowledge.toml."""
    documents = {d["key"]: d for d in data.get("documents", [])}
    agencies = [
        Agency(
            acronym=a["acronym"],
            name=a["name"],
            parent=a.get("parent") or None,
            aliases=tuple(a.get("aliases", ())),
            description=a.get("description", ""),
            contact=a.get("contact", ""),
            source=a.get("source", ""),
            sources=tuple(_source(x, documents) for x in a.get("sources", ())),
            aliases_fr=tuple(a.get("aliases_fr", ())),
            aliases_es=tuple(a.get("aliases_es", ())),
        )
        for a in data.get("agencies", [])
    ]
    topics = [
        Topic(
            slug=t["slug"],
            name=t["name"],
            kind=t.get("kind", "other"),
            paragraph=t.get("paragraph", ""),
            synonyms=tuple(t.get("synonyms", ())),
            source=t.get("source", ""),
            name_fr=t.get("name_fr", ""),
            name_es=t.get("name_es", ""),
            synonyms_fr=tuple(t.get("synonyms_fr", ())),
            synonyms_es=tuple(t.get("synonyms_es", ())),
        )
        for t in data.get("topics", [])
    ]
    links = [
        Link(
            topic=l["topic"],
            agency=l["agency"],
            rank=int(l.get("rank", 1)),
            role=l.get("role", "lead"),
            description=l.get("description", ""),
            source=l.get("source", ""),
            sources=tuple(_source(x, documents) for x in l.get("sources", ())),
        )
        for l in data.get("links", [])
    ]
    return Knowledge(agencies, topics, links)


@dataclass(frozen=True)
class Passage:
    """A paragraph of a report a Member's knowledge was learned from: where it stands (a Source without a
    quote: document, symbol, date, url, paragraph) and its text."""

    where: Source
    text: str


@dataclass
class Knowledge:
    agencies: list[Agency]
    topics: list[Topic]
    links: list[Link]
    # the paragraphs of the reports this knowledge was learned from (none for knowledge written by hand)
    passages: list[Passage] = field(default_factory=list)
    _agency_keys: dict[str, Agency] = field(default_factory=dict, repr=False)
    _topic_keys: dict[str, Topic] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_acronym = {a.acronym: a for a in self.agencies}
        self.by_slug = {t.slug: t for t in self.topics}
        for agency in self.agencies:
            for key in (agency.acronym, agency.name, *agency.aliases):
                self._agency_keys.setdefault(_agency_key(key), agency)
        for topic in self.topics:
            for key in (topic.slug, topic.slug.replace("-", " "), topic.name, *topic.synonyms):
                self._topic_keys.setdefault(fold(key), topic)

    def agency(self, text: str) -> Agency | None:
        """An agency by acronym, name or alias, ignoring case, accents and a leading 'U.S.'/'the'."""
        return self._agency_keys.get(_agency_key(text))

    def topic(self, text: str) -> Topic | None:
        """A topic by slug, name or one of its synonyms."""
        return self._topic_keys.get(fold(text))

    def with_sub_units(self, acronym: str) -> frozenset[str]:
        """The agency and every unit below it (DOC -> DOC, USPTO, GIPA, CLDP, ITA)."""
        found = {acronym}
        changed = True
        while changed:
            changed = False
            for agency in self.agencies:
                if agency.parent in found and agency.acronym not in found:
                    found.add(agency.acronym)
                    changed = True
        return frozenset(found)

    def parents(self, acronym: str) -> list[Agency]:
        chain, seen = [], {acronym}
        current = self.by_acronym.get(acronym)
        while current and current.parent and current.parent not in seen:
            seen.add(current.parent)
            current = self.by_acronym.get(current.parent)
            if current:
                chain.append(current)
        return chain

    def links_for_topic(self, slug: str) -> list[Link]:
        return sorted((l for l in self.links if l.topic == slug), key=lambda l: (l.rank, l.agency))

    def links_for_agency(self, acronym: str) -> list[Link]:
        return sorted((l for l in self.links if l.agency == acronym), key=lambda l: (l.rank, l.topic))

    def agency_label(self, acronym: str) -> str:
        agency = self.by_acronym.get(acronym)
        return agency.name if agency else acronym


def _agency_key(text: str) -> str:
    key = fold(text).replace(".", "").replace(",", "")
    for prefix in ("the ", "us ", "u s "):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return key
