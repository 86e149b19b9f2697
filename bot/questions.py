"""Answers to questions in plain words, wherever they are asked (mentions, DMs, `/activities who`, CLI).

One path for all of them: the core answers (bot/core/knowledge/answering.py), storage adds up to three upcoming
activities on the topic (or by the agency), the core renders.
"""

from __future__ import annotations

from bot.core.knowledge.render import render_answer
from bot.core.knowledge.answering import Answer, answer_question
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, Reply, UpcomingFilters
from bot.services import Services
from storage import activities

UPCOMING_IN_ANSWER = 3


def ask(question: str, services: Services) -> tuple[Answer, Reply]:
    """The answer to `question` and its rendering."""
    knowledge = services.knowledge()
    answer = answer_question(question, knowledge)
    return answer, render_answer(answer, knowledge, upcoming_for(answer, knowledge, services))


def upcoming_for(answer: Answer, knowledge: Knowledge, services: Services) -> list[Activity]:
    """Up to three activities still to start on the answer's topic (or by the agency asked about)."""
    if answer.kind == "topic" and answer.topic:
        filters = UpcomingFilters(topic=answer.topic.slug)
    elif answer.kind == "agency" and answer.agency:
        filters = UpcomingFilters(agencies=knowledge.with_sub_units(answer.agency.acronym))
    else:
        return []
    with services.db.session() as session:
        result, _ = activities.upcoming_activities(session, services.today(), UPCOMING_IN_ANSWER, filters,
                                                   under_way_limit=0)
    return list(result.upcoming)
