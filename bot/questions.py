"""Answers to questions in plain words, wherever they are asked (mentions, DMs, `/activities who`, CLI).

One path for all of them: the core answers in the question's language (bot/core/knowledge/multilingual.py:
English, French or Spanish, the user's Slack locale breaking a tie), storage adds up to three upcoming
activities on the topic (or by the agency), the core renders in that language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.core.knowledge.members import canonical, find_member
from bot.core.knowledge.render import render_answer
from bot.core.render import render_error
from bot.core.knowledge.answering import Answer
from bot.core.knowledge.multilingual import answer_in_language
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, Reply, UpcomingFilters
from bot.services import Services
from storage import listing

UPCOMING_IN_ANSWER = 3


class UnknownMember(LookupError):
    """A Member was asked about that has no stored knowledge; the message lists those that do."""

    def __init__(self, member: str, stored: list[str]) -> None:
        listed = ", ".join(stored) or "none yet"
        super().__init__(f"I have no knowledge of {member} yet. Members I know: {listed}. An admin can load "
                         f"{member}'s Article 67 report with `art67bot knowledge learn FILE --member \"{member}\" "
                         "--apply`, or by sending it to me in a direct message.")
        self.member, self.stored = member, stored

    def reply(self) -> Reply:
        return render_error(str(self))


def ask(question: str, services: Services, member: str | None = None, language: str | None = None,
        locale: str | Callable[[], str | None] | None = None) -> tuple[Answer, Reply]:
    """The answer to `question` and its rendering, from the knowledge of the Member the question names
    (or `member`, or the default Member). Raises UnknownMember for a Member with no stored knowledge.

    The answer is in the question's language, or `language` ("en", "fr", "es") when given; `locale` is the
    asker's Slack locale ("fr-FR"), or a function giving it, called only when the question could be either."""
    stored = services.members()
    asked = question
    if member:
        chosen = canonical(member, stored)
        if chosen not in stored:
            raise UnknownMember(chosen or member, stored)
    else:
        found = find_member(question, stored)
        if found.unknown:
            raise UnknownMember(found.unknown, stored)
        chosen, asked = found.member, found.question
    chosen = chosen or services.settings.member
    knowledge = services.knowledge(chosen)
    answer = replace(answer_in_language(asked, knowledge, language, locale), question=question, member=chosen)
    upcoming = upcoming_for(answer, knowledge, services) if chosen == services.settings.member else []
    return answer, render_answer(answer, knowledge, upcoming)


def upcoming_for(answer: Answer, knowledge: Knowledge, services: Services) -> list[Activity]:
    """Up to three activities still to start on the answer's topic (or by the agency asked about)."""
    if answer.kind == "topic" and answer.topic:
        filters = UpcomingFilters(topic=answer.topic.slug)
    elif answer.kind == "agency" and answer.agency:
        filters = UpcomingFilters(agencies=knowledge.with_sub_units(answer.agency.acronym))
    else:
        return []
    with services.db.session() as session:
        result, _ = listing.upcoming_activities(session, services.today(), UPCOMING_IN_ANSWER, filters,
                                                under_way_limit=0)
    return list(result.upcoming)
