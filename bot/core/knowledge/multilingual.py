"""Questions in English, French and Spanish, answered in the language they were asked in.

`answer_in_language(question, knowledge, language=None, locale=None)` is what every entry point calls
(mentions, DMs, `/activities who|ask`, `art67bot ask`):

1. The question's language is detected (languages.py); the Slack user's locale breaks a tie.
2. That language's index answers (index.py: its own topic words, stop words, stemmer and typo
   correction). If it abstains, the other languages the question shows clear signs of (a word of their
   own, or, on a tie, every other language) try too, without correcting typos, so that a mixed question
   ("qui s'occupe du border enforcement ?") is still answered and an off-topic one is never turned into
   a guess.
3. The answer speaks the detected language, or `language` when it is forced (`ask --lang`).

Where the French and Spanish words come from: knowledge.toml (`name_fr`, `synonyms_fr`, `aliases_fr`…,
and the `_fr` / `_es` lists of `[matching]`). A Knowledge read from the database carries only what is
stored (English), so `localized()` adds the shipped words of each topic and agency by slug and acronym; a
topic an admin added has none, and answers English questions only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from bot.core.knowledge.answering import Answer, answer_question
from bot.core.knowledge.base import Knowledge, read_seed
from bot.core.knowledge.index import index_for, shipped_lexicon
from bot.core.knowledge.languages import LANGUAGES, Cues, Detected, detect_language

MIXED = 1.0  # what a language must score in a question decided for another for its index to try too
TOPIC_WORDS = ("name_fr", "name_es", "synonyms_fr", "synonyms_es")
AGENCY_WORDS = ("aliases_fr", "aliases_es")


def answer_in_language(question: str, knowledge: Knowledge, language: str | None = None,
                       locale: str | Callable[[], str | None] | None = None) -> Answer:
    """The answer to `question`, in the language it was asked in (or `language`); see the module's notes."""
    knowledge = localized(knowledge)
    detected = detect(question, knowledge, locale)
    first = detected.language
    answer = answer_question(question, knowledge, index_for(knowledge, first))
    answered_in = first
    if answer.abstained:
        for other in detected.ranking[1:]:
            if detected.decided and detected.scores.get(other, 0.0) < MIXED:
                continue
            found = answer_question(question, knowledge, index_for(knowledge, other), typos=False)
            if not found.abstained:
                answer, answered_in = found, other
                break
    spoken = language if language in LANGUAGES else (first if detected.decided else answered_in)
    return replace(answer, language=spoken)


def detect(question: str, knowledge: Knowledge, locale: str | Callable[[], str | None] | None = None
           ) -> Detected:
    """The language of `question`, read with the words of `knowledge` (see languages.py)."""
    return detect_language(question, locale, cues_for(localized(knowledge)))


def prepare(knowledge: Knowledge) -> Knowledge:
    """Build every language's index now (at start-up, after a change), not on the first question."""
    knowledge = localized(knowledge)
    for language in LANGUAGES:
        index_for(knowledge, language)
    cues_for(knowledge)
    return knowledge


def localized(knowledge: Knowledge) -> Knowledge:
    """`knowledge` with the shipped French and Spanish words of each topic and agency it has no words for
    (kept on the object; `knowledge` itself when nothing is missing)."""
    found = knowledge.__dict__.get("_localized")
    if found is not None:
        return found
    topics_words, agencies_words = shipped_words()
    topics = [_filled(t, topics_words.get(t.slug), TOPIC_WORDS) for t in knowledge.topics]
    agencies = [_filled(a, agencies_words.get(a.acronym), AGENCY_WORDS) for a in knowledge.agencies]
    result = knowledge
    if any(new is not old for new, old in zip(topics + agencies, knowledge.topics + knowledge.agencies)):
        result = replace(knowledge, topics=topics, agencies=agencies, _agency_keys={}, _topic_keys={})
        result.__dict__["_localized"] = result
    knowledge.__dict__["_localized"] = result
    return result


def cues_for(knowledge: Knowledge) -> Cues:
    """The words that say each language: its [matching] stop words and IP words (`context`), and its topic
    words (kept on the object)."""
    cues = knowledge.__dict__.get("_language_cues")
    if cues is None:
        texts: dict[str, list[str]] = {}
        for language in LANGUAGES:
            lexicon = shipped_lexicon(language)
            texts[language] = [*lexicon.stop_words, *lexicon.context]
            for topic in knowledge.topics:
                texts[language] += topic.words_in(language)
        cues = Cues.from_texts(texts)
        knowledge.__dict__["_language_cues"] = cues
    return cues


@lru_cache(maxsize=1)
def shipped_words() -> tuple[dict[str, dict], dict[str, dict]]:
    """The French and Spanish words of the shipped topics (by slug) and agencies (by acronym)."""
    data = read_seed()
    topics = {t["slug"]: {k: t[k] for k in TOPIC_WORDS if t.get(k)} for t in data.get("topics", [])}
    agencies = {a["acronym"]: {k: a[k] for k in AGENCY_WORDS if a.get(k)} for a in data.get("agencies", [])}
    return topics, agencies


def _filled(record, words: dict | None, names: tuple[str, ...]):
    """The record with the shipped words it lacks; the record itself when it lacks none."""
    missing = {k: (v if isinstance(v, str) else tuple(v)) for k, v in (words or {}).items()
               if k in names and not getattr(record, k)}
    return replace(record, **missing) if missing else record
