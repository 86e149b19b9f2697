"""Words for question answering: splitting, stop words, spelling, stemming, everyday English.

The word lists live in the `[matching]` table of bot/data/knowledge.toml, next to the synonyms, so
they can be read and extended in one place. Everything here is deterministic and cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[A-Za-z0-9]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b", re.IGNORECASE)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])")  # U.S.A.I.D. -> USAID, U.S. -> US


def split_words(text: str) -> list[str]:
    """Words as written (case kept), without accents, possessives or punctuation.

    "Who handles the U.S. breeders' rights?" -> ['Who', 'handles', 'the', 'US', 'breeders', 'rights'];
    hyphens split words ("e-learning" -> 'e', 'learning'); dotted acronyms close up ("F.B.I." -> 'FBI').
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_APOSTROPHES)
    plain = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), plain)
    plain = _POSSESSIVE.sub("", plain).replace("'", "")
    return _WORD.findall(plain)


@dataclass(frozen=True)
class Lexicon:
    """How questions are read: which words to ignore, respell, keep unstemmed; which are generic."""

    stop_words: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()  # words and phrases, as written; normalised by the index
    context: frozenset[str] = frozenset()  # words and phrases that put a question in the IP field
    narrower: frozenset[str] = frozenset()  # phrases naming a narrower subject within a topic
    abbreviations: tuple[tuple[str, str], ...] = ()  # (short, long), matched either way
    spellings: tuple[tuple[str, str], ...] = ()  # (variant, canonical), e.g. programme -> program
    keep_words: frozenset[str] = frozenset()  # never stemmed ("customs" is not "custom")
    common_word_frequency: int = 500  # "everyday English": pyspellchecker frequency at least this
    fuzzy_cutoff: float = 78.0  # rapidfuzz ratio a misspelt word needs to count as a known word
    fuzzy_min_length: int = 5  # shorter words are never corrected

    @classmethod
    def from_data(cls, data: dict) -> "Lexicon":
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).casefold() for w in data.get(key, ()))

        def pairs(key: str) -> tuple[tuple[str, str], ...]:
            return tuple((str(a).casefold(), str(b).casefold()) for a, b in data.get(key, ()))

        defaults = cls()
        return cls(
            stop_words=words("stop_words"),
            generic=words("generic"),
            context=words("context"),
            narrower=words("narrower"),
            abbreviations=pairs("abbreviations"),
            spellings=pairs("spellings"),
            keep_words=words("keep_words"),
            common_word_frequency=int(data.get("common_word_frequency", defaults.common_word_frequency)),
            fuzzy_cutoff=float(data.get("fuzzy_cutoff", defaults.fuzzy_cutoff)),
            fuzzy_min_length=int(data.get("fuzzy_min_length", defaults.fuzzy_min_length)),
        )


class Normaliser:
    """Turns words into comparable keys: lower case, British spellings unified, stemmed (cached)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._spellings = dict(lexicon.spellings)
        self._stemmer = snowballstemmer.stemmer("english")
        self._cache: dict[str, str] = {}

    def is_stop(self, lower: str) -> bool:
        return lower in self.lexicon.stop_words

    def spell(self, lower: str) -> str:
        """'programme' -> 'program'; other words unchanged."""
        return self._spellings.get(lower, lower)

    def key(self, lower: str) -> str:
        """'Programmes' -> 'program', 'prosecutions' -> 'prosecut', 'customs' stays 'customs'."""
        found = self._cache.get(lower)
        if found is None:
            word = self._spellings.get(lower, lower)
            if word in self.lexicon.keep_words or word.isdigit():
                found = word
            else:
                found = self._stemmer.stemWord(word)
            if len(self._cache) < 50_000:
                self._cache[lower] = found
        return found

    def keys(self, text: str) -> tuple[str, ...]:
        """The content keys of a phrase, stop words left out."""
        return tuple(self.key(w) for w in (w.lower() for w in split_words(text)) if not self.is_stop(w))

    def surfaces(self, text: str) -> tuple[str, ...]:
        """The content words of a phrase as written (lower case), stop words left out."""
        return tuple(w for w in (w.lower() for w in split_words(text)) if not self.is_stop(w))


@lru_cache(maxsize=4)
def common_words(min_frequency: int = 500) -> frozenset[str]:
    """Everyday English words (from pyspellchecker's English word frequencies).

    A word in this set is never "corrected" into a knowledge-base word on its own ("patient" is not a
    typo for "patent"), and a one-word agency alias that is an everyday word ("state", "ice") needs more
    than its spelling to count as the agency.
    """
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="en", distance=1).word_frequency
    return frozenset(word for word, count in frequencies.items() if count >= min_frequency)
