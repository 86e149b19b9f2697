"""Checking admins' changes to the knowledge base (synonyms, topic-agency links) before they are stored.

Pure functions over the Knowledge: they resolve names, refuse what would make answers worse (a
synonym that already means another topic, a word the bot ignores) and say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge.index import index_for
from bot.core.knowledge import Knowledge
from bot.core.records import Agency, Topic

MAX_SYNONYM_LENGTH = 100
MAX_SYNONYMS_AT_ONCE = 20
MAX_FIELD_LENGTH = 500


@dataclass(frozen=True)
class SynonymPlan:
    topic: Topic
    words: tuple[str, ...]  # to add or remove, as they will be stored
    unchanged: tuple[str, ...] = ()  # already there (add) or not there (remove)


@dataclass(frozen=True)
class LinkPlan:
    topic: Topic
    agency: Agency


def clean_synonym(text: str) -> str:
    """Synonyms are stored in lower case with single spaces."""
    return " ".join(text.split()).lower()


def find_topic(text: str, knowledge: Knowledge) -> Topic | None:
    return knowledge.topic(text) or knowledge.topic(text.replace(" ", "-"))


def plan_synonyms(topic_text: str, words: tuple[str, ...], knowledge: Knowledge,
                  adding: bool = True) -> SynonymPlan | list[str]:
    """What `synonym add|remove` would change, or the reasons it is refused."""
    topic = find_topic(topic_text, knowledge)
    if topic is None:
        return [f"I don't know the topic `{topic_text}`; `/activities topics` lists them."]
    if len(words) > MAX_SYNONYMS_AT_ONCE:
        return [f"Give at most {MAX_SYNONYMS_AT_ONCE} synonyms at once."]
    cleaned = list(dict.fromkeys(clean_synonym(w) for w in words if clean_synonym(w)))
    if not adding:
        present = {s.lower(): s for s in topic.synonyms}
        gone = tuple(present[w] for w in cleaned if w in present)
        missing = tuple(w for w in cleaned if w not in present)
        if not gone:
            return [f"{', '.join(missing)}: not a synonym of {topic.name}; "
                    f"`/activities synonyms {topic.slug}` lists them."]
        return SynonymPlan(topic, gone, missing)

    index = index_for(knowledge)
    owners: dict[tuple[str, ...], tuple[str, str]] = {}
    for entry in index.entries:
        owners.setdefault(entry.keys, (entry.kind, entry.ref))
    errors: list[str] = []
    new: list[str] = []
    known: list[str] = []
    for word in cleaned:
        keys = index.norm.keys(word)
        if len(word) > MAX_SYNONYM_LENGTH:
            errors.append(f"`{word[:40]}…` is longer than {MAX_SYNONYM_LENGTH} characters.")
        elif not keys:
            errors.append(f"`{word}` is made only of words I ignore in questions (like “who” or “the”).")
        elif keys in owners and owners[keys] != ("topic", topic.slug):
            kind, ref = owners[keys]
            if kind == "topic":
                errors.append(f"`{word}` already means {knowledge.by_slug[ref].name}; a synonym belongs to "
                              f"one topic only (remove it there first).")
            else:
                errors.append(f"`{word}` names the agency {ref}; link the topic to it instead "
                              f"(`/activities link {topic.slug} : {ref}`).")
        elif keys in owners or word in {s.lower() for s in topic.synonyms}:
            known.append(word)
        else:
            new.append(word)
    if errors:
        return errors
    return SynonymPlan(topic, tuple(new), tuple(known))


def is_everyday(word: str, knowledge: Knowledge) -> bool:
    """Whether a synonym is one of the everyday words that count only in questions about IP."""
    index = index_for(knowledge)
    return index.norm.keys(word) in index.generic


def plan_link(topic_text: str | None, agency_text: str | None, pair: str,
              knowledge: Knowledge, fields: dict[str, str | None] | None = None) -> LinkPlan | list[str]:
    """Resolve `link TOPIC : AGENCY` (or "TOPIC AGENCY" without the colon) against the knowledge base."""
    for name, value in (fields or {}).items():
        if value and len(value) > MAX_FIELD_LENGTH:
            return [f"The {name} is longer than {MAX_FIELD_LENGTH} characters."]
    if topic_text is None or agency_text is None:
        words = pair.split()
        splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
        found = [(t, a) for t, a in splits if find_topic(t, knowledge) and knowledge.agency(a)]
        if len(found) != 1:
            return [f"I can't tell the topic from the agency in `{pair}`; separate them with `:`, "
                    "e.g. `/activities link border enforcement : CBP partner`."]
        topic_text, agency_text = found[0]
    topic = find_topic(topic_text, knowledge)
    agency = knowledge.agency(agency_text)
    errors = []
    if topic is None:
        errors.append(f"I don't know the topic `{topic_text}`; `/activities topics` lists them.")
    if agency is None:
        errors.append(f"I don't know the agency `{agency_text}`; `/activities agencies` lists them.")
    if errors:
        return errors
    return LinkPlan(topic, agency)
