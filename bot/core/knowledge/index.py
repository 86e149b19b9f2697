"""The index behind question answering: every topic and agency key of one Knowledge in one language, ready
for fast look-ups, built once per Knowledge object and language and cached on it. How a question is read:
see answering.py; which language: languages.py.

A language's index holds the topic names and synonyms of that language (`name_fr`, `synonyms_fr`… for
French) and every agency's acronym, name and aliases as the source gives them, with its aliases in that
language; it reads questions with that language's stop words, stemmer and everyday words."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge.base import Knowledge, read_seed
from bot.core.knowledge.languages import LANGUAGES, Cues, in_language
from bot.core.knowledge.passages import PassageIndex
from bot.core.language import Lexicon, Normaliser, common_words
from bot.core.language import find_phrase as _find, inflection_bases as _bases


PHRASE_FUZZY_CUTOFF = 80.0  # a near-miss word inside a longer phrase whose other words match
FUZZY_FACTOR = 0.9  # what a corrected word is worth, against an exact one
MAX_WORDS = 60  # content words read from one question
SHORT_WORD = 6  # a word this short is corrected only one typo away (an edit or a swap of two letters)
BASE_WEIGHT = 0.5  # every phrase found; its words add their specificity, 1 / (topics using the word)
OTHER_WORDS_FACTOR = 0.25  # what the words of a phrase other than its most specific one add
WEAK_FACTOR = 0.5  # an everyday key, when the question is about IP



# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    kind: str  # "topic" or "agency"
    ref: str  # slug or acronym
    keys: tuple[str, ...]
    surfaces: tuple[str, ...]
    weak: bool  # an everyday word or phrase: counts only when the question is about IP
    weight: float = 1.0  # how much the phrase says about its topic (rarer words say more)
    length: int = 1  # its words that are not just "IP" words ("enforcement of IP" is one word long)


@dataclass
class _Word:
    original: str
    lower: str
    key: str
    candidates: tuple[tuple[str, float], ...] = ()  # (known key, worth)


@dataclass(frozen=True)
class _Match:
    entry: _Entry
    positions: tuple[int, ...]  # the question words it covers (IP words may sit between them)
    worth: float  # 1.0 exact; less when words were corrected

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1] + 1

    @property
    def strength(self) -> float:
        return self.entry.weight * self.worth


@lru_cache(maxsize=4)
def shipped_lexicon(language: str = "en") -> Lexicon:
    """The `[matching]` table of the shipped knowledge.toml, for `language`."""
    return Lexicon.from_data(read_seed().get("matching", {}), language)


@lru_cache(maxsize=1)
def stop_word_cues() -> Cues:
    """Each language's stop words: enough to tell the language of a report's paragraph."""
    return Cues.from_texts({language: shipped_lexicon(language).stop_words for language in LANGUAGES})


class AnswerIndex:
    """Every topic and agency key of one Knowledge, ready for fast look-ups."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None,
                 common: frozenset[str] | None = None, language: str = "en") -> None:
        self.lexicon = lexicon or shipped_lexicon(language)
        self.language = self.lexicon.language
        self.norm = Normaliser(self.lexicon)
        self.common = (common if common is not None
                       else common_words(self.lexicon.common_word_frequency, self.language))
        self.generic = {self.norm.keys(g) for g in self.lexicon.generic}
        self.context = {self.norm.keys(c) for c in self.lexicon.context}
        self.context_words = {k for c in self.context for k in c}
        self.context_longest = max((len(c) for c in self.context), default=0)
        self.narrower = {self.norm.keys(n) for n in self.lexicon.narrower}
        self.abbreviations = [(self.norm.surfaces(s), self.norm.surfaces(l))
                              for s, l in self.lexicon.abbreviations]
        entries: list[_Entry] = []
        seen: set[tuple] = set()
        surfaces_to_keys: dict[str, str] = {}  # every word of every key as written, for typos
        for kind, ref, texts in (
            *(("topic", t.slug, [_without_notes(w) for w in t.words_in(self.language)]) for t in knowledge.topics),
            *(("agency", a.acronym, (a.acronym, a.name, *a.aliases_in(self.language))) for a in knowledge.agencies),
        ):
            for text in texts:
                for surfaces in self._variants(text):
                    keys = tuple(self.norm.key(s) for s in surfaces)
                    for surface, key in zip(surfaces, keys):
                        surfaces_to_keys.setdefault(surface, key)
                    # French and Spanish keep each written form: "recopilar" and "recopilación" share a stem
                    unique = (kind, ref, keys) if self.language == "en" else (kind, ref, keys, surfaces)
                    if keys and unique not in seen:
                        seen.add(unique)
                        entries.append(_Entry(kind, ref, keys, surfaces, self._is_weak(kind, keys, surfaces)))
        # a word found in the keys of many topics says little about any one of them ("IP", "goods")
        topics_with: dict[str, set[str]] = {}
        for entry in entries:
            if entry.kind == "topic":
                for key in entry.keys:
                    topics_with.setdefault(key, set()).add(entry.ref)

        def specificity(key: str) -> float:
            if key in self.context_words:
                return 0.0
            return 1.0 / len(topics_with[key]) if key in topics_with else 1.0

        self.entries = [
            replace(e, weight=_phrase_weight([specificity(k) for k in e.keys]),
                    length=max(1, sum(k not in self.context_words for k in e.keys)))
            for e in entries
        ]
        self.by_key: dict[str, list[tuple[int, int]]] = {}
        for number, entry in enumerate(self.entries):
            for position, key in enumerate(entry.keys):
                self.by_key.setdefault(key, []).append((number, position))
        self.surface_keys = surfaces_to_keys
        self.surface_list = list(surfaces_to_keys)
        self.topic_order = {t.slug: n for n, t in enumerate(knowledge.topics)}
        self.links_by_topic = {t.slug: knowledge.links_for_topic(t.slug) for t in knowledge.topics}
        self.links_by_agency = {a.acronym: knowledge.links_for_agency(a.acronym) for a in knowledge.agencies}
        self.sub_units = {a.acronym: knowledge.with_sub_units(a.acronym) for a in knowledge.agencies}
        written = in_language(knowledge, self.language, stop_word_cues())  # its own language's paragraphs
        self.passages = (PassageIndex(written, self.norm, self.context_words, self.common)
                         if written.passages else None)

    # building
    def _variants(self, text: str) -> list[tuple[str, ...]]:
        """The phrase; joined at hyphens ("knock-offs" ~ "knockoffs"); with abbreviations swapped."""
        variants = [self.norm.surfaces(text)]
        if "-" in text:
            variants.append(self.norm.surfaces(text.replace("-", "")))
        for short, long in self.abbreviations:
            for surfaces in list(variants):
                keys = tuple(self.norm.key(s) for s in surfaces)
                for find, put in ((long, short), (short, long)):
                    at = _find(keys, tuple(self.norm.key(s) for s in find))
                    if at < 0 or len(keys) == len(find):  # never an abbreviation standing alone
                        continue
                    variants.append(surfaces[:at] + put + surfaces[at + len(find):])
        return variants

    def _is_weak(self, kind: str, keys: tuple[str, ...], surfaces: tuple[str, ...]) -> bool:
        if kind == "topic":
            return keys in self.generic
        # a one-word agency alias that is an everyday word: "State", "Justice", "ICE", "DOC"
        return len(surfaces) == 1 and surfaces[0] in self.common

    # reading a question
    def words(self, question: str, *, limit: int = MAX_WORDS, typos: bool = True) -> tuple[list[_Word], bool]:
        """The content words of a question, and whether it is written all in capitals.

        Reading a report's sentences, `typos=False` takes edited text as written (and costs no fuzzy look-up)."""
        written = self.norm.split(question)
        shouting = bool(written) and all(w.isupper() or w.isdigit() for w in written)
        words: list[_Word] = []
        for original in written:
            lower = original.lower()
            if self.norm.is_stop(lower):
                continue
            if len(words) == limit:  # a question, not an essay: bounded time whatever is pasted
                break
            key = self.norm.key(lower)
            word = _Word(original, lower, key)
            if key in self.by_key:
                word.candidates = ((key, 1.0),)
            elif typos and self._may_be_typo(lower, acronym=original.isupper()):
                hit = process.extractOne(lower, self.surface_list, scorer=fuzz.ratio,
                                         score_cutoff=self.lexicon.fuzzy_cutoff)
                if hit is not None and (len(lower) > SHORT_WORD or OSA.distance(lower, hit[0]) <= 1):
                    word.candidates = ((self.surface_keys[hit[0]], FUZZY_FACTOR),)
            words.append(word)
        return words, shouting

    def _may_be_typo(self, lower: str, acronym: bool = False) -> bool:
        """Long enough to correct (acronyms one letter shorter: "SPTO"), and not an everyday word."""
        shortest = self.lexicon.fuzzy_min_length - (1 if acronym else 0)
        return len(lower) >= shortest and not lower.isdigit() and lower not in self.common

    def matches(self, words: list[_Word]) -> list[_Match]:
        """Every key found in the words; IP words may stand inside a phrase ("online IP courses")."""
        found: dict[tuple[int, tuple[int, ...]], _Match] = {}
        sequences = [list(range(len(words)))]
        plain = [i for i, w in enumerate(words) if w.key not in self.context_words]
        if len(plain) < len(words):
            sequences.append(plain)
        for sequence in sequences:
            seq = [words[i] for i in sequence]
            for index, word in enumerate(seq):
                for key, worth in word.candidates:
                    for number, position in self.by_key.get(key, ()):
                        entry = self.entries[number]
                        start = index - position
                        if start < 0 or start + len(entry.keys) > len(seq):
                            continue
                        total = self._align(entry, seq, start)
                        if total is None:
                            continue
                        positions = tuple(sequence[start:start + len(entry.keys)])
                        previous = found.get((number, positions))
                        if previous is None or total > previous.worth:
                            found[(number, positions)] = _Match(entry, positions, total)
        return list(found.values())

    def _align(self, entry: _Entry, words: list[_Word], start: int) -> float | None:
        worth, exact = 1.0, 0
        for offset, key in enumerate(entry.keys):
            word = words[start + offset]
            if word.key == key:
                asked, known = self.norm.spell(word.lower), self.norm.spell(entry.surfaces[offset])
                if asked == known or (entry.kind == "topic" and self._same_word(asked, known)):
                    exact += 1
                    continue
                # names are not inflected ("stated" is not the State Department), but "CCIP" is a typo
                if entry.kind == "topic" or asked in self.common:
                    return None
                worth *= FUZZY_FACTOR
                continue
            corrected = next((w for k, w in word.candidates if k == key), None)
            if corrected is not None:
                worth *= corrected
            elif (len(entry.keys) > 1 and len(word.lower) >= 4 and word.key not in self.by_key
                  and fuzz.ratio(word.lower, entry.surfaces[offset]) >= PHRASE_FUZZY_CUTOFF):
                worth *= FUZZY_FACTOR
            else:
                return None
        if len(entry.keys) > 1 and exact == 0:
            return None
        return worth

    def _same_word(self, asked: str, known: str) -> bool:
        """Whether a question word sharing a stem with a key word means it: an everyday word does not
        stand for a rare technical one ("records" is not "recordation", "customer" not "customs")."""
        return (asked == known or asked not in self.common or known in self.common
                or bool(_bases(asked) & _bases(known)))

    def context_positions(self, words: list[_Word]) -> set[int]:
        """Where the question says it is about IP ("IP", "intellectual property", "WIPO"...)."""
        keys = [w.key for w in words]
        found: set[int] = set()
        for size in range(1, self.context_longest + 1):
            for start in range(len(keys) - size + 1):
                if tuple(keys[start:start + size]) in self.context:
                    found.update(range(start, start + size))
        return found


def index_for(knowledge: Knowledge, language: str = "en") -> AnswerIndex:
    """The answer index of `knowledge` in `language`, built on first use and kept on the object."""
    slot = "_answer_index" if language == "en" else f"_answer_index_{language}"
    index = knowledge.__dict__.get(slot)
    if index is None:
        with _BUILD_LOCK:
            index = knowledge.__dict__.get(slot)
            if index is None:
                index = AnswerIndex(knowledge, language=language)
                knowledge.__dict__[slot] = index
    return index


_BUILD_LOCK = threading.Lock()


def _phrase_weight(specificities: list[float]) -> float:
    """What a phrase says about its topic: mostly its most specific word ("seizures" says more than
    "infringing goods"), a little its other words (so longer phrases still win ties)."""
    ordered = sorted(specificities, reverse=True)
    return BASE_WEIGHT + ordered[0] + OTHER_WORDS_FACTOR * sum(ordered[1:])


def _without_notes(name: str) -> str:
    """'Plant variety protection (PVP)' -> 'Plant variety protection'."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name
