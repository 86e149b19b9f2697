"""Answering plain-language questions: "who handles border enforcement?", "what does CCIPS do?".

`answer_question(question, knowledge)` is a pure function of the question and the knowledge base. How
it reads a question:

1. Split into words; drop stop words (question frames such as "who", "handles", "which agency");
   unify spellings; stem ("prosecutes" ~ "prosecution").
2. Find every topic key (name, slug, synonym) and agency key (acronym, name, alias) in the words, as
   whole phrases. A word that is not everyday English and not a known word may be a typo and is
   corrected to the closest known word (rapidfuzz); inside a longer phrase whose other words match
   exactly, any word may be a near miss ("boarder enforcement").
3. Prefer the longest phrases; a phrase inside a longer one does not count ("copyright office" is the
   agency, not the topic).
4. Score the topics. A key that is an everyday word or phrase ("budget", "human resources") counts only
   when something else in the question is about IP, so "who handles payroll?" or "who handles the office
   coffee machine?" find nothing, and the bot abstains.
5. A named agency with no topic (or a topic it has nothing to do with) is a reverse look-up: what that
   agency covers. A named agency with a topic puts that agency (or its units) first.

The index behind this (index.py) is built once per Knowledge object and cached on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge.base import Knowledge
from bot.core.knowledge.index import WEAK_FACTOR, AnswerIndex, _Match, index_for
from bot.core.knowledge.passages import Found
from bot.core.records import Agency, Link, Source, Topic

SUGGESTED = ("border-enforcement", "anti-counterfeiting", "computer-forensics", "patents", "copyright",
             "plant-variety-protection")


@dataclass(frozen=True)
class AgencyAnswer:
    """One agency in an answer, with what it does on the topic and where that comes from."""

    acronym: str
    name: str
    parent: str | None  # the parent's acronym
    role: str  # lead, partner, funder
    description: str
    contact: str = ""
    source: str = ""  # its first source, as text
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Answer:
    question: str
    kind: str  # "topic", "agency" (reverse look-up), "passage" (a sentence of the report) or "none" (abstains)
    topic: Topic | None = None  # the topic answered; for a reverse look-up, the agency's main topic
    agencies: tuple[AgencyAnswer, ...] = ()  # best first
    source: str | None = None
    agency: Agency | None = None  # the agency asked about (reverse look-up)
    covers: tuple[tuple[Topic, Link], ...] = ()  # reverse look-up: what the agency covers, in rank order
    also: tuple[Topic, ...] = ()  # other topics the question mentions
    named: tuple[str, ...] = ()  # agencies the question names (acronyms)
    suggestions: tuple[Topic, ...] = ()  # when abstaining: topics to try
    member: str = ""  # whose knowledge answered
    language: str = "en"  # the language of the answer: "en", "fr" or "es" (see multilingual.py)

    @property
    def abstained(self) -> bool:
        return self.kind == "none"

    def to_json(self) -> dict:
        """The `art67bot ask --json` shape."""
        return {
            "question": self.question,
            "topic": {"slug": self.topic.slug, "name": self.topic.name} if self.topic else None,
            "agencies": [
                {"acronym": a.acronym, "name": a.name, "parent": a.parent, "role": a.role,
                 "sources": [s.to_json() for s in a.sources]}
                for a in self.agencies
            ],
            "source": self.source,
            "member": self.member,
            "language": self.language,
        }


# ---------------------------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------------------------

def answer_question(question: str, knowledge: Knowledge, index: AnswerIndex | None = None,
                    typos: bool = True) -> Answer:
    """The answer to a plain-language question, or an honest abstention, read with `index` (English by
    default; multilingual.py picks the question's language). `typos=False` takes every word as written."""
    index = index or index_for(knowledge)
    words, shouting = index.words(question, typos=typos)
    found = index.matches(words)
    if index.passages is not None:  # a learned report answers for a narrower subject only if it names it
        found = [m for m in found if m.entry.kind != "topic" or m.entry.keys not in index.narrower
                 or index.passages.mentions(m.entry.keys)]
    selected = _longest_first(found)
    topics = [m for m in selected if m.entry.kind == "topic"]
    agencies = [m for m in selected if m.entry.kind == "agency"]
    # a phrase inside a longer phrase of the other kind does not count ("copyright office")
    topics = [m for m in topics if not any(_inside(m, a) for a in agencies)]
    agencies = [m for m in agencies if not any(_inside(m, t) for t in topics)]

    def in_capitals(m: _Match) -> bool:
        return not shouting and all(len(words[p].original) > 1 and words[p].original.isupper()
                                    for p in m.positions)

    # where the question shows it is about IP: IP words, and every key that is not an everyday one
    context = index.context_positions(words)
    for m in (*topics, *agencies):
        if not m.entry.weak or in_capitals(m):
            context.update(m.positions)

    # agencies named; an everyday alias ("ice", "state") must be in capitals or all the question says
    covered = {p for a in agencies for p in a.positions}
    only_agencies = bool(words) and covered >= set(range(len(words)))
    named: list[str] = []
    for m in sorted(agencies, key=lambda m: m.start):
        if (not m.entry.weak or in_capitals(m) or only_agencies) and m.entry.ref not in named:
            named.append(m.entry.ref)

    # topics; an everyday key counts (for less) only when something else in the question is about IP
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    strong: set[str] = set()
    weak_seen: list[str] = []
    for m in topics:
        strength = m.strength
        if m.entry.weak and not in_capitals(m):
            if not context - set(m.positions):
                weak_seen.append(m.entry.ref)
                continue
            strength *= WEAK_FACTOR
        else:
            strong.add(m.entry.ref)
        scores[m.entry.ref] = scores.get(m.entry.ref, 0.0) + strength
        first_seen.setdefault(m.entry.ref, m.start)
    ranked = sorted(scores, key=lambda s: (-scores[s], first_seen[s], index.topic_order[s]))

    if ranked:
        best = ranked[0]
        if named and best not in strong and not _linked_to(index, best, named):
            return _reverse(question, knowledge, index, named)
        also = tuple(knowledge.by_slug[s] for s in ranked[1:])
        return _topic_answer(question, knowledge, index, best, named, also)
    if named:
        return _reverse(question, knowledge, index, named)
    if index.passages is not None:
        found_in_report = index.passages.best([(w.key, w.lower) for w in words])
        if found_in_report is not None:
            return _passage_answer(question, knowledge, found_in_report)
    suggestions = [knowledge.by_slug[s] for s in dict.fromkeys(weak_seen)]
    if not suggestions:
        suggestions = [knowledge.by_slug[s] for s in SUGGESTED if s in knowledge.by_slug]
    return Answer(question=question, kind="none", suggestions=tuple(suggestions[:6]))


def _longest_first(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping matches of each kind: the longest phrase wins its words, then one that is not an
    everyday word, then the one that says most, then the earlier."""
    chosen: list[_Match] = []
    taken: dict[str, set[int]] = {"topic": set(), "agency": set()}
    for m in sorted(matches, key=lambda m: (-m.entry.length, m.entry.weak, -m.strength, m.start)):
        if taken[m.entry.kind].intersection(m.positions):
            continue
        taken[m.entry.kind].update(m.positions)
        chosen.append(m)
    return chosen


def _inside(small: _Match, big: _Match) -> bool:
    return (len(big.positions) > len(small.positions)
            and set(small.positions) <= set(range(big.start, big.end)))


def _linked_to(index: AnswerIndex, slug: str, named: list[str]) -> list[Link]:
    wanted = set().union(*(index.sub_units.get(a, {a}) for a in named)) if named else set()
    return [l for l in index.links_by_topic.get(slug, ()) if l.agency in wanted]


def _agency_answer(knowledge: Knowledge, link: Link) -> AgencyAnswer:
    agency = knowledge.by_acronym[link.agency]
    return AgencyAnswer(acronym=agency.acronym, name=agency.name, parent=agency.parent, role=link.role,
                        description=link.description or agency.description, contact=agency.contact,
                        source=_first_source(link.sources, link.source), sources=link.sources)


def _first_source(sources: tuple[Source, ...], written: str) -> str:
    """The first citable source as one line; else what an admin wrote."""
    return sources[0].text() if sources else written


def _topic_answer(question: str, knowledge: Knowledge, index: AnswerIndex, slug: str,
                  named: list[str], also: tuple[Topic, ...]) -> Answer:
    links = index.links_by_topic.get(slug, [])
    preferred = _linked_to(index, slug, named)
    ordered = preferred + [l for l in links if l not in preferred]
    agencies = tuple(_agency_answer(knowledge, l) for l in ordered)
    topic = knowledge.by_slug[slug]
    source = agencies[0].source if agencies else None
    return Answer(question=question, kind="topic", topic=topic, agencies=agencies, source=source or None,
                  also=also, named=tuple(named))


def _passage_answer(question: str, knowledge: Knowledge, found: Found) -> Answer:
    """No topic answers, but a sentence of the Member's report does: the agencies it names, quoting it."""
    agencies = []
    for acronym, role in found.agencies:
        agency = knowledge.by_acronym[acronym]
        agencies.append(AgencyAnswer(acronym=agency.acronym, name=agency.name, parent=agency.parent, role=role,
                                     description=agency.description, contact=agency.contact,
                                     source=found.source.text(), sources=(found.source,)))
    return Answer(question=question, kind="passage", agencies=tuple(agencies), source=found.source.text())


def _reverse(question: str, knowledge: Knowledge, index: AnswerIndex, named: list[str]) -> Answer:
    agency = knowledge.by_acronym[named[0]]
    covers = tuple((knowledge.by_slug[l.topic], l) for l in index.links_by_agency.get(agency.acronym, ())
                   if l.topic in knowledge.by_slug)
    main = min(covers, key=lambda c: (c[1].rank, index.topic_order[c[0].slug]), default=None)
    role = main[1].role if main else "lead"
    source = _first_source(agency.sources, agency.source)
    entry = AgencyAnswer(acronym=agency.acronym, name=agency.name, parent=agency.parent, role=role,
                         description=agency.description, contact=agency.contact, source=source,
                         sources=agency.sources)
    return Answer(question=question, kind="agency", topic=main[0] if main else None, agencies=(entry,),
                  source=source or None, agency=agency, covers=covers, named=tuple(named))
