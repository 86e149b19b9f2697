"""Answers to `/activities`: parse (core), read or write (storage), render (core).

Storage and the feature modules are imported by the answers that use them, not at the top: `/activities
help` and a usage error are answered from the command's words alone, and a one-shot `art67bot command`
then starts without loading SQLAlchemy (most of its start-up time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.core import grammar, render
from bot.core.help import render_help
from bot.core.knowledge.languages import locale_language
from bot.core.records import Reply, UpcomingFilters
from bot.services import Services

log = logging.getLogger(__name__)
SEARCH_PAGE = 20


def answer_activities(text: str, user_id: str, services: Services, channel_id: str = "",
                      user_zone: Callable[[], ZoneInfo] | None = None,
                      user_locale: Callable[[], str | None] | None = None) -> Reply:
    """The reply to `/activities TEXT` from `user_id` in `channel_id`.

    `user_zone` gives the user's time zone; it is called only where times are shown (deadlines),
    never for `upcoming`, whose dates are reckoned in ART67_TIMEZONE.
    """
    return answer_command(grammar.parse_command(text), user_id, services, channel_id, user_zone, user_locale)


def answer_command(command: grammar.Command, user_id: str, services: Services, channel_id: str = "",
                   user_zone: Callable[[], ZoneInfo] | None = None,
                   user_locale: Callable[[], str | None] | None = None) -> Reply:
    """The reply to one command. `user_locale` gives the user's Slack locale ("fr-FR"): help is in its
    language, and it breaks a tie in a question's language."""
    zone = user_zone or services.settings.zone
    match command:
        case grammar.Help():
            return render_help(locale_language(user_locale()) or "en" if user_locale else "en",
                               services.today(), services.settings.period_start_month)
        case grammar.Upcoming():
            key = (command, services.today(), id(services.knowledge()))
            return services.replies.get(key, services.data_token(), lambda: answer_upcoming(command, services))
        case grammar.Add():
            return answer_add(command, user_id, services)
        case grammar.Show(activity_id=activity_id):
            return answer_show(activity_id, services)
        case grammar.Search():
            return answer_search(command, services)
        case grammar.Delete(activity_id=activity_id):
            return answer_delete(activity_id, user_id, services)
        case grammar.Topics():
            return render.render_topics(services.knowledge())
        case grammar.Agencies():
            return render.render_agencies(services.knowledge())
        case grammar.Report():
            # the summary; the report listener also delivers the table after the acknowledgement
            from bot.reports import answer_report

            return answer_report(command, services).reply
        case grammar.Narrative():
            from bot.report_files import answer_narrative

            return answer_narrative(command, user_id, services)
        case grammar.Deadlines() | grammar.DeadlineAdd() | grammar.DeadlineEdit() | grammar.DeadlineDelete() \
                | grammar.Digest():
            return answer_deadline_command(command, user_id, channel_id, services, zone)
        case grammar.Ask(question=question):
            from bot.questions import UnknownMember, ask

            try:
                return ask(question, services, locale=user_locale or (lambda: services.user_locale(None, user_id)))[1]
            except UnknownMember as unknown:
                return unknown.reply()
        case grammar.Synonyms():
            return answer_synonyms(command, user_id, services)
        case grammar.LinkTopic():
            return answer_link(command, user_id, services)
        case grammar.Focal(action=action, agency=agency, users=users):
            from bot.inputs import answer_focal

            return answer_focal(action, agency, users, user_id, services)
        case grammar.Status(period=period):
            from bot.inputs import answer_status

            return answer_status(period, services)
        case grammar.History(activity_id=activity_id):
            return answer_history(activity_id, services)
        case grammar.CallForInputs():  # sent in the background by the slash-command listener
            return render.render_error("Write `/activities call [period] [due: DATE]` in a channel.")
        case grammar.Documents():
            return answer_documents(services)
        case grammar.LearnReport():  # read in the background by the slash-command listener
            return render.render_error("Share the report here, then write `/activities knowledge learn`.")
        case grammar.Invalid(message=message):
            hint = "" if "/activities help" in message else "See `/activities help` for every subcommand."
            return render.render_error(message, hint)
    raise AssertionError(f"unhandled command {command!r}")


def answer_deadline_command(command: grammar.Command, user_id: str, channel_id: str, services: Services,
                            zone: Callable[[], ZoneInfo]) -> Reply:
    """`/activities deadlines`, `deadline add|edit|delete`, `digest on|off` (bot/deadline_commands.py)."""
    from bot import deadline_commands

    match command:
        case grammar.Deadlines(page=page):
            return deadline_commands.answer_deadlines(services, zone(), page)
        case grammar.DeadlineAdd():
            return deadline_commands.answer_deadline_add(command, user_id, channel_id, services, zone())
        case grammar.DeadlineEdit():
            return deadline_commands.answer_deadline_edit(command, user_id, services, zone())
        case grammar.DeadlineDelete(deadline_id=deadline_id):
            return deadline_commands.answer_deadline_delete(deadline_id, user_id, services)
        case grammar.Digest(on=on):
            return deadline_commands.answer_digest(on, user_id, channel_id, services)
    raise AssertionError(f"not a deadline command: {command!r}")


def answer_upcoming(command: grammar.Upcoming, services: Services) -> Reply:
    from bot.core.beneficiaries import canonical_name
    from storage import listing

    knowledge = services.knowledge()
    today = services.today()
    agencies = topic = None
    if command.agency:
        agency = knowledge.agency(command.agency)
        if agency is None:
            return render.render_error(
                f"I don't know the agency `{command.agency}`.", "`/activities agencies` lists them."
            )
        agencies = knowledge.with_sub_units(agency.acronym)
    if command.topic:
        found = knowledge.topic(command.topic)
        if found is None:
            return render.render_error(
                f"I don't know the topic `{command.topic}`.", "`/activities topics` lists them."
            )
        topic = found.slug
    until = today + timedelta(days=command.within_days) if command.within_days else None
    beneficiary = canonical_name(command.beneficiary) if command.beneficiary else None  # "Vietnam" -> "Viet Nam"
    filters = UpcomingFilters(agencies=agencies, topic=topic, beneficiary=beneficiary, until=until)
    with services.db.read_session() as session:
        result, under_way_more = listing.upcoming_activities(session, today, command.limit, filters,
                                                             under_way_limit=command.limit,
                                                             offset=(command.page - 1) * command.limit)
    label = render.describe_filters(
        command.agency and knowledge.agency(command.agency).acronym,
        topic and knowledge.by_slug[topic].name,
        command.beneficiary,
        until,
    )
    return render.render_upcoming(result, today, filters=label, knowledge=knowledge,
                                  under_way_more=under_way_more, command=command)


def answer_history(activity_id: int, services: Services) -> Reply:
    """`/activities history ID`: the activity's recorded changes, from the audit log."""
    from bot.core.reporting.inputs_render import render_history
    from storage import audit

    with services.db.session() as session:
        entries = audit.entries(session, entity="activity", entity_id=activity_id)
    return render_history(activity_id, entries)


def answer_documents(services: Services) -> Reply:
    """`/activities knowledge`: the reports stored for each Member."""
    from bot.core.knowledge.render import render_documents
    from storage import documents as document_store

    with services.db.session() as session:
        documents = document_store.list_documents(session)
    return render_documents(documents, services.settings.member)


def answer_add(command: grammar.Add, user_id: str, services: Services) -> Reply:
    from bot.adding import add_checked, override_of
    from storage import activities

    if not services.is_admin(user_id):
        return render.render_admin_only("add activities")
    knowledge = services.knowledge()
    fields, allow_duplicate, problem = override_of(command.fields)
    added = add_checked(fields, user_id, services, "Slack /activities add", allow_duplicate=allow_duplicate)
    if problem or added.errors:
        return render.render_error([problem] if problem else [e.message for e in added.errors],
                                   "Nothing was saved. Example: " + render.add_example(services.today()))
    with services.db.session() as session:
        stored = activities.get_activity(session, added.activity_id)
    return render.render_activity(stored, knowledge, response_type="ephemeral",
                                  intro=" ".join(filter(None, (f"Added activity #{added.activity_id}.", added.note))))


def answer_show(activity_id: int, services: Services) -> Reply:
    from storage import activities

    with services.db.session() as session:
        activity = activities.get_activity(session, activity_id)
    if activity is None:
        return render.render_error(f"There is no activity #{activity_id}.",
                                   "`/activities search WORDS` finds activities by title.")
    return render.render_activity(activity, services.knowledge())


def answer_search(command: grammar.Search, services: Services) -> Reply:
    from bot.core.beneficiaries import search_words
    from storage import activities

    with services.db.session() as session:
        found, more = activities.search_activities(session, search_words(command.words), SEARCH_PAGE,
                                                   offset=(command.page - 1) * SEARCH_PAGE)
    return render.render_search(command.words, found, more, services.knowledge(), command)


def answer_delete(activity_id: int, user_id: str, services: Services) -> Reply:
    from storage import activities

    if not services.is_admin(user_id):
        return render.render_admin_only("delete activities")
    with services.db.session() as session:
        deleted = activities.delete_activity(session, activity_id, user_id)
    if deleted is None:
        return render.render_error(f"There is no activity #{activity_id}; nothing was deleted.")
    log.info("activity %s deleted by %s", activity_id, user_id)
    return render.render_deleted(deleted)


def answer_synonyms(command: grammar.Synonyms, user_id: str, services: Services) -> Reply:
    from bot.core import curation
    from storage import audit
    from storage import knowledge as knowledge_store

    knowledge = services.knowledge()
    if command.action == "list":
        topic = curation.find_topic(command.topic, knowledge)
        if topic is None:
            return render.render_error(f"I don't know the topic `{command.topic}`.",
                                       "`/activities topics` lists them.")
        return render.render_synonyms(topic)
    if not services.is_admin(user_id):
        return render.render_admin_only("change synonyms")
    adding = command.action == "add"
    plan = curation.plan_synonyms(command.topic, command.words, knowledge, adding=adding)
    if isinstance(plan, list):
        return render.render_error(plan, grammar.SYNONYM_USAGE)
    changed: list[str] = []
    if plan.words:
        with services.db.session() as session:
            if adding:
                changed = knowledge_store.add_synonyms(session, plan.topic.slug, plan.words)
            else:
                changed = knowledge_store.remove_synonyms(session, plan.topic.slug, plan.words)
            if changed:
                audit.record(session, user_id, command.action, "synonyms", plan.topic.slug,
                             **{"after" if adding else "before": {"words": changed}})
        knowledge = services.refresh_knowledge()
        log.info("synonyms %s %s %r by %s", command.action, plan.topic.slug, changed, user_id)
    everyday = [w for w in changed if adding and curation.is_everyday(w, knowledge)]
    return render.render_synonyms_changed(plan.topic, changed, plan.unchanged, adding, everyday)


def answer_link(command: grammar.LinkTopic, user_id: str, services: Services) -> Reply:
    from bot.core import curation
    from storage import audit
    from storage import knowledge as knowledge_store

    action = "unlink topics from agencies" if command.unlink else "link topics to agencies"
    if not services.is_admin(user_id):
        return render.render_admin_only(action)
    plan = curation.plan_link(command.topic, command.agency, command.pair, services.knowledge(),
                              {"source": command.source, "description": command.description})
    if isinstance(plan, list):
        return render.render_error(plan, grammar.LINK_USAGE)
    topic, agency = plan.topic, plan.agency
    with services.db.session() as session:
        if command.unlink:
            created = knowledge_store.unlink_topic(session, topic.slug, agency.acronym, services.settings.member)
        else:
            created, _ = knowledge_store.link_topic(
                session, topic.slug, agency.acronym, role=command.role, source=command.source,
                description=command.description, rank=command.rank, member=services.settings.member,
                fallback_source=f"added by {user_id} on {services.today().isoformat()} (no source given)")
        values = {"topic": topic.slug, "agency": agency.acronym, "role": command.role, "source": command.source,
                  "description": command.description, "rank": command.rank}
        audit.record(session, user_id, "unlink" if command.unlink else ("add" if created else "edit"), "link",
                     f"{topic.slug}:{agency.acronym}", **{"before" if command.unlink else "after": values})
    knowledge = services.refresh_knowledge()
    log.info("%s %s %s by %s", "unlink" if command.unlink else "link", topic.slug, agency.acronym, user_id)
    if command.unlink:
        return render.render_unlinked(topic, agency, removed=created)
    link = next(l for l in knowledge.links_for_topic(topic.slug) if l.agency == agency.acronym)
    return render.render_linked(topic, agency, link, created)
