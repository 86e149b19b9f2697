"""Words for question answering: splitting, stop words, spelling, stemming, everyday words.

The word lists live in the `[matching]` table of bot/data/knowledge.toml, next to the synonyms, so
they can be read and extended in one place: `stop_words` for English, `stop_words_fr` and `stop_words_es`
for French and Spanish (and so on for every list). Each language has its own Snowball stemmer and its own
everyday words (pyspellchecker's word frequencies). Everything here is deterministic and cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


_WORD = re.compile(r"[A-Za-z0-9]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "œ": "oe", "Œ": "OE", "æ": "ae",
                              "Æ": "AE", "ß": "ss"})  # and the ligatures NFKD keeps: "œuvres" -> "oeuvres"
_POSSESSIVE = re.compile(r"(?<=\w)'s\b", re.IGNORECASE)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])")  # U.S.A.I.D. -> USAID, U.S. -> US
STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}
PLURALS = {"fr": ("s", "x"), "es": ("s", "es")}


def split_words(text: str, elisions: bool = False) -> list[str]:
    """Words as written (case kept), without accents, possessives or punctuation.

    "Who handles the U.S. breeders' rights?" -> ['Who', 'handles', 'the', 'US', 'breeders', 'rights'];
    hyphens split words ("e-learning" -> 'e', 'learning'); dotted acronyms close up ("F.B.I." -> 'FBI').
    With `elisions` (French, Spanish) an apostrophe separates words: "l'OMPI" -> 'l', 'OMPI'.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_APOSTROPHES)
    if elisions:
        plain = plain.replace("'", " ")
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
    language: str = "en"  # "en", "fr" or "es": the stemmer and the everyday words

    @classmethod
    def from_data(cls, data: dict, language: str = "en") -> "Lexicon":
        """The lists of `[matching]` for `language`: `stop_words` for English, `stop_words_fr` for French…
        Stop words and keep words are compared as questions are read: lower case, without accents."""
        suffix = "" if language == "en" else f"_{language}"

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).casefold() for w in data.get(key + suffix, ()))

        def plain(key: str) -> frozenset[str]:  # French and Spanish: "où" -> "ou", "s'occupe" -> "s", "occupe"
            if language == "en":
                return words(key)
            return frozenset(w.lower() for text in data.get(key + suffix, ()) for w in split_words(str(text), True))

        def pairs(key: str) -> tuple[tuple[str, str], ...]:
            return tuple((str(a).casefold(), str(b).casefold()) for a, b in data.get(key + suffix, ()))

        def number(key: str, default):
            return type(default)(data.get(key + suffix, data.get(key, default)))

        defaults = cls()
        return cls(
            stop_words=plain("stop_words"),
            generic=words("generic"),
            context=words("context"),
            narrower=words("narrower"),
            abbreviations=pairs("abbreviations"),
            spellings=pairs("spellings"),
            keep_words=plain("keep_words"),
            common_word_frequency=number("common_word_frequency", defaults.common_word_frequency),
            fuzzy_cutoff=number("fuzzy_cutoff", defaults.fuzzy_cutoff),
            fuzzy_min_length=number("fuzzy_min_length", defaults.fuzzy_min_length),
            language=language,
        )


class Normaliser:
    """Turns words into comparable keys: lower case, spellings unified, stemmed in the lexicon's language
    (cached). Accents are gone before stemming, in questions and keys alike."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.elisions = lexicon.language != "en"
        self._spellings = dict(lexicon.spellings)
        import snowballstemmer  # loaded with the first index, not by every command (start-up time)

        self._stemmer = snowballstemmer.stemmer(STEMMERS.get(lexicon.language, "english"))
        self._cache: dict[str, str] = {}

    def split(self, text: str) -> list[str]:
        """The words of a text as written (see split_words); "l'OMPI" is two words in French and Spanish."""
        return split_words(text, self.elisions)

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
        return tuple(self.key(w) for w in (w.lower() for w in self.split(text)) if not self.is_stop(w))

    def surfaces(self, text: str) -> tuple[str, ...]:
        """The content words of a phrase as written (lower case), stop words left out."""
        return tuple(w for w in (w.lower() for w in self.split(text)) if not self.is_stop(w))


@lru_cache(maxsize=8)
def common_words(min_frequency: int = 500, language: str = "en") -> frozenset[str]:
    """Everyday words of a language (from pyspellchecker's word frequencies), lower case, without accents.

    A word in this set is never "corrected" into a knowledge-base word on its own ("patient" is not a
    typo for "patent"), and a one-word agency alias that is an everyday word ("state", "ice"; "ici" in
    French) needs more than its spelling to count as the agency.
    """
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language=language, distance=1).word_frequency
    if language == "en":
        return frozenset(word for word, count in frequencies.items() if count >= min_frequency)
    # French and Spanish word lists hold few plurals: "red" is everyday, and so is "redes"
    words = {folded.lower() for word, count in frequencies.items() if count >= min_frequency
             for folded in split_words(word, elisions=True)}
    endings = PLURALS.get(language, ("s",))
    return frozenset(words | {w + e for w in words if len(w) > 2 for e in endings})


def inflection_bases(word: str) -> set[str]:
    """A word without its inflection: 'offs' -> {'offs', 'off'}, 'judging' -> {'judging', 'judg'}."""
    bases = {word}
    for suffix in ("s", "es", "ed", "ing", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            bases.add(word[: -len(suffix)])
    if word.endswith("ies"):
        bases.add(word[:-3] + "y")
    if word.endswith("e"):
        bases.add(word[:-1])
    return bases


def find_phrase(keys: tuple[str, ...], part: tuple[str, ...]) -> int:
    """Where `part` starts in `keys` (-1 if nowhere)."""
    if not part:
        return -1
    for start in range(len(keys) - len(part) + 1):
        if keys[start:start + len(part)] == part:
            return start
    return -1
