"""Topics in a report's text: the built-in vocabulary found in a sentence, and the report's own topic lists
("… covers a range of IP topics, including: • …; • …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.knowledge.base import Knowledge
from bot.core.knowledge.index import AnswerIndex, index_for
from bot.core.knowledge.documents import Paragraph
from bot.core.records import Topic
from bot.core.text import fold

_LIST_INTRO = re.compile(r"\b(?:topics?|areas?|fields?|subjects?|themes?|issues?|cover(?:s|ed|ing)?|"
                         r"includ(?:e|es|ed|ing)|such as|focus(?:es|ed)? on|priorit(?:y|ies))\b[^:]*:\s*$", re.I)
_BULLET_TAIL = re.compile(r"[;,.]?\s*(?:and|or)?\s*$", re.I)
MAX_NEW_TOPIC_WORDS = 12


@dataclass
class ReportTopics:
    listed: set[str] = field(default_factory=set)  # vocabulary topics the report lists
    new: list[Topic] = field(default_factory=list)  # listed topics the vocabulary does not have


def topics_in(index: AnswerIndex, text: str, strong_only: bool = False, lengths: dict | None = None
              ) -> list[tuple[str, int]]:
    """(slug, character offset) of each topic the text names, in order; words that only say "IP" do not
    count ("intellectual property" alone names no topic of assistance), nor, with `strong_only`,
    everyday words ("agriculture")."""
    words, _ = index.words(text, limit=10**6, typos=False)
    if not words:
        return []
    offsets, at, lowered = [], 0, text.lower()
    for word in words:
        found = lowered.find(word.lower, at)
        offsets.append(found if found >= 0 else at)
        at = found + len(word.lower) if found >= 0 else at
    chosen = []
    taken: set[int] = set()
    for match in sorted(index.matches(words), key=lambda m: (-m.entry.length, -m.strength, m.start)):
        if match.entry.kind != "topic" or taken.intersection(match.positions):
            continue
        if all(key in index.context_words for key in match.entry.keys) or (strong_only and match.entry.weak):
            continue
        taken.update(match.positions)
        chosen.append((offsets[match.start], match.entry.ref))
        if lengths is not None:  # how many words named it: "patent examiners" says more than "examiners"
            lengths[match.entry.ref] = max(lengths.get(match.entry.ref, 0), len(match.positions))
    seen: dict[str, int] = {}
    for offset, slug in sorted(chosen):
        seen.setdefault(slug, offset)
    return list(seen.items())


def report_topics(paragraphs: list[Paragraph], vocabulary: Knowledge) -> ReportTopics:
    """Topics a report lists under an introduction ending in ':'; each is a vocabulary topic where one
    matches, else a topic of the report's own."""
    index = index_for(Knowledge([], list(vocabulary.topics), []))
    result = ReportTopics()
    slugs = {t.slug for t in vocabulary.topics}
    keys = {fold(k) for t in vocabulary.topics for k in (t.name, *t.synonyms)}
    for paragraph in paragraphs:
        lines = paragraph.text.split("\n")
        listing = False
        for line in lines:
            if not line.startswith("•"):
                listing = bool(_LIST_INTRO.search(line))
                continue
            if not listing:
                continue
            item = _BULLET_TAIL.sub("", line.lstrip("• ").split(":")[0]).strip()
            if not item:
                continue
            found = topics_in(index, item)
            if found:
                result.listed.update(slug for slug, _ in found)
                continue
            words = item.split()
            if len(words) > MAX_NEW_TOPIC_WORDS:
                continue
            slug = _slug(item)
            while slug in slugs:
                slug += "-r"
            slugs.add(slug)
            result.new.append(Topic(slug=slug, name=item, kind="topic area", paragraph=paragraph.number,
                                    synonyms=tuple(k for k in head_synonyms(item) if k not in keys)))
    return result


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:60] or "topic"


_NAMED = re.compile(r"\b((?:[A-Z][\w'’\-]*\s+){1,5}(?:Treaty|Agreement|Protocol|Convention|Programme|Program|"
                    r"Mechanism|Fund|Framework|Initiative|Forum|Partnership|Network)"
                    r"(?:\s+(?:for|on|of)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s*)+)?)")


def named_topics(paragraphs: list[Paragraph], programmes: dict[str, tuple[str, str, int]],
                 vocabulary: Knowledge, taken: set[str], agency_names: set[str] = frozenset()) -> list[Topic]:
    """Programmes, funds and treaties a report names ("the Global Programme for Intellectual Property
    Rights (GPIPR)", "the Marrakesh Treaty"), as topics of the report's own, unless the vocabulary has them."""
    keys = {fold(k) for t in vocabulary.topics for k in (t.name, *t.synonyms)} | set(agency_names)
    slugs = set(taken)
    out: list[Topic] = []
    seen: set[str] = set()
    candidates = [(name, acronym, paragraphs[at].number) for name, acronym, at in programmes.values()]
    for paragraph in paragraphs:
        for match in _NAMED.finditer(paragraph.text):
            name = match.group(1).strip()
            if not name.split()[0].lower() in {"the", "a", "an", "its", "this", "their"}:
                candidates.append((name, "", paragraph.number))
    for name, acronym, number in candidates:
        short = re.split(r"\s+(?:for|on|of|in)\s+", name)[0]
        names = {fold(name), fold(short), fold(acronym)} - {""}
        if names & keys or names & seen or len(short.split()) < 2 and not acronym \
                or any(fold(name) in other for other in agency_names):
            continue
        seen |= names
        slug = _slug(acronym or name)
        while slug in slugs:
            slug += "-r"
        slugs.add(slug)
        out.append(Topic(slug=slug, name=f"{name} ({acronym})" if acronym else name, kind="programme",
                         paragraph=number, synonyms=tuple(sorted(names))))
    return out


def head_synonyms(item: str) -> tuple[str, ...]:
    """Question-friendly names of a listed topic: "the regulation of collective management organisations"
    gives "collective management organisations" and "collective management"."""
    item = re.sub(r"^(?:the|a|an)\s+", "", item.strip(), flags=re.I)
    out = {fold(item)}
    parts = re.split(r"\s+(?:of|on|for|in|to|with)\s+(?:the\s+)?", item)
    if len(parts) > 1:
        out.add(fold(parts[-1]))
        if len(parts[0].split()) >= 2:
            out.add(fold(parts[0]))
    tail = parts[-1].split()
    if len(tail) >= 3 and tail[-1].lower() in {"organisations", "organizations", "societies", "systems",
                                                "procedures", "applications", "rights"}:
        out.add(fold(" ".join(tail[:-1])))
    return tuple(sorted(s for s in out if len(s) > 3))
