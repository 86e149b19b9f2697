"""A Member's own report, read sentence by sentence, for two things its topics and links cannot say:

- **Whether the report speaks of a subject at all.** Some phrases name a narrower subject inside a topic
  ("industrial designs" within patents, "online piracy" within copyright, "police" within law
  enforcement; the `narrower` list of knowledge.toml's `[matching]`). A learned report that never
  mentions the phrase is silent on it, so the topic does not answer for it.
- **Questions no topic covers**, such as a programme's name ("who implements IP Key?"). The sentence of
  the report that shares most of the question's rarer words, and names an agency, answers; the agencies
  it names are the answer, and the sentence is quoted. Too little in common and the bot abstains.

Pure functions over plain data; the index is built once per Knowledge (see index.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.core.knowledge.base import Knowledge, Passage
from bot.core.knowledge.links_found import sentence_roles
from bot.core.knowledge.sentences import cut_quote, sentence_spans
from bot.core.language import Normaliser
from bot.core.records import Agency, Source

MIN_COVERAGE = 0.6  # share of the question's word weight (IDF) a sentence must hold to answer
MIN_SHARED = 2  # question words a sentence must share (one, when the question has one content word)
MAX_AGENCIES = 4  # agencies taken from the answering sentence
PHRASE = 4  # words of a phrase compared in a row
UNSEEN_EVERYDAY = 1.0  # weight of an everyday word the reports never use (a rare one weighs ~log(sentences))


@dataclass(frozen=True)
class Sentence:
    passage: Passage
    text: str
    start: int  # where the sentence starts in its paragraph
    keys: frozenset[str]  # its words outside the agency names it gives
    mentions: tuple[tuple[int, int, str], ...]  # (start, end, acronym) of each agency named, in order
    carried: tuple[tuple[int, int, str], ...] = ()  # the agencies of an earlier sentence (spans there)

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(acronym for _, _, acronym in self.mentions or self.carried))


@dataclass(frozen=True)
class Found:
    """The sentence that answers, the agencies it names, and the citation of it."""

    sentence: Sentence
    agencies: tuple[tuple[str, str], ...]  # (acronym, role): the one that acts first
    source: Source
    coverage: float


class PassageIndex:
    """The sentences of a Member's learned reports, ready for the two look-ups above."""

    def __init__(self, knowledge: Knowledge, norm: Normaliser, context_words: set[str],
                 common: frozenset[str] = frozenset()) -> None:
        self.norm = norm
        self.context_words = context_words
        self.common = common  # everyday words: one the reports never use says less than a rare one
        finders = [(a.acronym, _finder(a)) for a in knowledge.agencies]
        self.sentences: list[Sentence] = []
        self.keys: set[str] = set()
        self._phrases: set[tuple[str, ...]] = set()  # every run of up to PHRASE words, for mentions()
        for passage in knowledge.passages:
            carried: tuple[tuple[int, int, str], ...] = ()
            for start, end in sentence_spans(passage.text):
                text = passage.text[start:end]
                keys = self._keys(text)
                self.keys.update(keys)
                named = tuple(sorted((m.start(), m.end(), acronym) for acronym, finder in finders
                                     for m in finder.finditer(text)))
                # what the sentence says besides the names it gives: a bullet that only names a body
                # ("the National Authority for Investigation and Prosecution …") says nothing of its work
                said = self._keys(_blank(text, named))
                self._phrases.update(tuple(keys[i:i + n]) for n in range(2, PHRASE + 1)
                                     for i in range(len(keys) - n + 1))
                # a sentence naming no agency speaks of the one its paragraph last named ("It also …")
                self.sentences.append(Sentence(passage, text, start, frozenset(said), named,
                                               carried if not named else ()))
                carried = named or carried
        frequency: dict[str, int] = {}
        for sentence in self.sentences:
            for key in sentence.keys:
                frequency[key] = frequency.get(key, 0) + 1
        total = len(self.sentences) or 1
        self._unseen = math.log(total + 1.0) + 1.0
        self.weight = {key: math.log((total + 1.0) / (count + 0.5)) for key, count in frequency.items()}

    def _keys(self, text: str) -> list[str]:
        lowered = (w.lower() for w in self.norm.split(text))
        return [self.norm.key(w) for w in lowered if not self.norm.is_stop(w)]

    def mentions(self, keys: tuple[str, ...]) -> bool:
        """Whether the reports use a phrase: its words in a row (stop words aside), or a word alone."""
        keys = tuple(key for key in keys if key not in self.context_words)
        if len(keys) <= 1:
            return all(key in self.keys for key in keys)
        return keys[:PHRASE] in self._phrases

    def best(self, question_words: list[tuple[str, str]]) -> Found | None:
        """The sentence naming an agency that holds most of the question's word weight; None below the bar.
        `question_words` are (key, word as written in lower case)."""
        everyday = {key for key, lower in question_words if lower in self.common}
        keys = list(dict.fromkeys(k for k, _ in question_words if k not in self.context_words))
        if not keys:
            return None
        weights = {k: self.weight.get(k, UNSEEN_EVERYDAY if k in everyday else self._unseen) for k in keys}
        whole = sum(weights.values())
        needed = min(MIN_SHARED, len(keys))
        best: tuple[float, int, Sentence] | None = None
        for sentence in self.sentences:
            if not sentence.agencies:
                continue
            shared = [k for k in keys if k in sentence.keys]
            if len(shared) < needed:
                continue
            coverage = sum(weights[k] for k in shared) / whole
            if coverage >= MIN_COVERAGE and (best is None or coverage > best[0]):
                best = (coverage, len(shared), sentence)
        if best is None:
            return None
        coverage, _, sentence = best
        where = sentence.passage.where
        source = Source(document=where.document, symbol=where.symbol, date=where.date, url=where.url,
                        paragraph=where.paragraph, quote=cut_quote(sentence.text))
        agencies: dict[str, str] = {}
        if sentence.mentions:
            roles = sorted(sentence_roles(sentence.text, list(sentence.mentions)),
                           key=lambda r: (-r.worth, r.role == "funder", r.start))
            for role in roles:  # each agency once, at its best place
                agencies.setdefault(role.key, role.role)
        else:
            agencies = {acronym: "lead" for acronym in sentence.agencies}
        return Found(sentence, tuple(agencies.items())[:MAX_AGENCIES], source, coverage)


def _blank(text: str, spans: tuple[tuple[int, int, str], ...]) -> str:
    """The text with the given spans (agency names) left out."""
    pieces, last = [], 0
    for start, end, _ in spans:
        if start >= last:
            pieces.append(text[last:start])
            last = end
    return " ".join(pieces + [text[last:]])


def _finder(agency: Agency) -> re.Pattern:
    """Finds the agency in a sentence: its acronym as written (a whole word), or its name or an alias
    in any case."""
    names = [re.escape(n) for n in (agency.name, *agency.aliases) if len(n) > 3]
    parts = [rf"(?<![\w-]){re.escape(agency.acronym)}(?![\w-])"]
    if names:
        parts.append(rf"(?i:(?<!\w)(?:{'|'.join(names)})(?!\w))")
    return re.compile("|".join(parts))
