"""Which language a question is written in: English, French or Spanish (the WTO's working languages).

`detect_language(question, locale, cues)` is a pure function. It adds up what each word and character of the
question says:

- **Words.** Each language's stop words (the function words and question frames of knowledge.toml's
  `[matching]`: "who", "qui", "quién"…), its topic names and synonyms ("brevets", "patentes") and its
  IP words ("propriété intellectuelle"). A word several languages share ("de" in French and Spanish,
  "innovation" in English and French) counts for each of them, divided among them.
- **Characters.** "¿", "¡", "ñ" and "á í ó ú" are Spanish; "ç", "œ" and "à è ê â î ô û ë ï ù" French;
  "é" leans French; elisions ("l'OMPI", "qu'est-ce", "s'occupe") are French; "n't", "'s" English.
- **Endings** of words the lists do not hold: "-ción", "-dad" Spanish; "-eux", "-aux" French; "-ing",
  "-ness" English.

The highest total wins when it leads by a clear margin. Otherwise (a word every language shares, an acronym,
a question as mixed as it is short) the Slack user's locale breaks the tie, then English; `decided` says
which of the two happened, so a caller can try the other languages too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from bot.core.knowledge.base import Knowledge
from bot.core.language import split_words

LANGUAGES = ("en", "fr", "es")
MARGIN = 0.75  # the lead a language needs over the next to be decided without the locale
_CHARS = {"ñ": ("es", 2.0), "¿": ("es", 2.0), "¡": ("es", 2.0), "á": ("es", 1.5), "í": ("es", 1.5),
          "ó": ("es", 1.5), "ú": ("es", 1.5), "ü": ("es", 0.5),
          "ç": ("fr", 2.0), "œ": ("fr", 2.0), "à": ("fr", 1.5), "è": ("fr", 1.5), "ê": ("fr", 1.5),
          "â": ("fr", 1.5), "î": ("fr", 1.5), "ô": ("fr", 1.5), "û": ("fr", 1.5), "ù": ("fr", 1.5),
          "ë": ("fr", 1.0), "ï": ("fr", 1.0), "é": ("fr", 0.5)}
_ELISION = re.compile(r"(?<![\w])(?:qu|[cdjlmnst])['’][^\W\d_]", re.IGNORECASE)  # l'OMPI, s'occupe
_CONTRACTION = re.compile(r"[a-z](?:n['’]t|['’](?:s|re|ve|ll|m|d))(?![\w])", re.IGNORECASE)  # don't, who's
_ENDINGS = (("es", ("cion", "ciones", "dad", "dades", "mente", "ismo", "ado", "ados", "ada", "adas")),
            ("fr", ("eux", "euse", "euses", "aux", "eau", "eaux", "ement", "ique", "iques", "ees")),
            ("en", ("ing", "ings", "ness", "ship", "ity", "ities", "ed")))
ENDING_WEIGHT = 0.5


@dataclass(frozen=True)
class Detected:
    language: str  # "en", "fr" or "es"
    confidence: float  # 0 (a tie) to 1 (only one language has any cue)
    decided: bool  # the question itself decided, without the locale or the English default
    ranking: tuple[str, ...] = LANGUAGES  # every language, most likely first
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Cues:
    """The words that say a language: lower case, without accents, one set per language."""

    words: Mapping[str, frozenset[str]]

    @classmethod
    def from_texts(cls, texts: Mapping[str, Iterable[str]]) -> "Cues":
        """From each language's words and phrases as written ("propriété intellectuelle", "s'occupe")."""
        return cls({language: frozenset(w.lower() for text in phrases for w in split_words(text, True)
                                        if not w.isdigit())
                    for language, phrases in texts.items()})


def locale_language(locale: str | None) -> str | None:
    """The language of a Slack locale: "fr-FR" -> "fr", "es-LA" -> "es", "en-US" -> "en", "pt-BR" -> None."""
    head = (locale or "").replace("_", "-").split("-")[0].strip().lower()
    return head if head in LANGUAGES else None


def detect_language(text: str, locale: str | Callable[[], str | None] | None = None,
                    cues: Cues | None = None) -> Detected:
    """The language of `text`, with a confidence. `locale` (a Slack locale such as "fr-FR", or a function
    giving it, called only on a tie) breaks ties, then English."""
    scores = score_languages(text, cues)
    ordered = sorted(LANGUAGES, key=lambda lang: -scores[lang])
    best, second = scores[ordered[0]], scores[ordered[1]]
    decided = best > 0 and best - second >= MARGIN
    if not decided:
        tied = [lang for lang in LANGUAGES if scores[lang] >= best - MARGIN]
        asked = locale_language(locale() if callable(locale) else locale)
        first = asked if asked in tied else ("en" if "en" in tied else ordered[0])
        ordered = [first] + [lang for lang in ordered if lang != first]
    confidence = (best - second) / best if best > 0 else 0.0
    return Detected(ordered[0], round(confidence, 3), decided, tuple(ordered), scores)


def score_languages(text: str, cues: Cues | None = None) -> dict[str, float]:
    """What the words, characters and endings of `text` say for each language (see the module's notes)."""
    scores = dict.fromkeys(LANGUAGES, 0.0)
    lowered = (text or "").lower()
    for ch in lowered:
        found = _CHARS.get(ch)
        if found is not None:
            scores[found[0]] += found[1]
    scores["fr"] += 2.0 * len(_ELISION.findall(lowered))
    scores["en"] += 1.5 * len(_CONTRACTION.findall(lowered))
    words = cues.words if cues is not None else {}
    for word in split_words(lowered, elisions=True):
        if word.isdigit() or len(word) < 2 and word not in ("a", "y", "o", "e"):
            continue
        holders = [lang for lang in LANGUAGES if word in words.get(lang, ())]
        if holders:
            for lang in holders:
                scores[lang] += 1.0 / len(holders)
            continue
        for lang, endings in _ENDINGS:
            if len(word) > 4 and word.endswith(endings):
                scores[lang] += ENDING_WEIGHT
                break
    return scores


def in_language(knowledge: Knowledge, language: str, cues: Cues) -> Knowledge:
    """The knowledge with only the report paragraphs written in `language` (every paragraph for English,
    as before): a French question is compared with French paragraphs only. Kept on the object."""
    if language == "en" or not knowledge.passages:
        return knowledge
    slot = f"_passages_{language}"
    found = knowledge.__dict__.get(slot)
    if found is None:
        kept = [p for p in knowledge.passages if detect_language(p.text, "en", cues).language == language]
        found = Knowledge(knowledge.agencies, knowledge.topics, knowledge.links, kept)
        knowledge.__dict__[slot] = found
    return found
