"""Answers about deadlines (`/activities deadline…`, `digest`, the reminder buttons): storage, core, render."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import deadline_render as render
from bot.core.deadlines import Deadline, NewDeadline, OccurrenceState, deadline_from_fields
from bot.core.grammar import DeadlineAdd, DeadlineEdit
from bot.core.records import Reply
from bot.core.reminders import ReminderRef, is_occurrence, next_check
from bot.core.render import render_admin_only, render_error
from bot.services import Services
from storage import audit, deadlines, digests

log = logging.getLogger(__name__)
SNOOZE = timedelta(days=1)
GONE = "This deadline has been deleted; there is nothing more to do."


def _reschedule(session, deadline_id: int, services: Services) -> tuple[Deadline, dict[datetime, OccurrenceState]]:
    """After any change, tell the reminder tick when to look at the deadline next."""
    deadline = deadlines.get_deadline(session, deadline_id)
    states = deadlines.occurrence_states(session, [deadline_id])[deadline_id]
    when = next_check(deadline, services.now(), states, services.settings.catch_up())
    deadlines.set_next_remind_at(session, deadline_id, deadline.revision, when)
    return replace(deadline, next_remind_at=when), states


def _saved(session, deadline_id: int, services: Services, verb: str, zone: ZoneInfo | None = None) -> Reply:
    deadline, states = _reschedule(session, deadline_id, services)
    now = services.now()
    [status] = render.deadline_statuses([deadline], {deadline_id: states}, now)
    return render.render_deadline_saved(status, now, verb, zone)


def save_new_deadline(services: Services, new: NewDeadline, zone: ZoneInfo | None = None) -> Reply:
    with services.db.session() as session:
        return _saved(session, deadlines.add_deadline(session, new, next_remind_at=None).id, services, "Added", zone)


def deadline_statuses(services: Services) -> list[render.DeadlineStatus]:
    """Every stored deadline with its next occurrence and next reminder, soonest due first."""
    with services.db.session() as session:
        stored = deadlines.all_deadlines(session)
        states = deadlines.occurrence_states(session, [d.id for d in stored])
    return render.deadline_statuses(stored, states, services.now())


def answer_deadlines(services: Services, zone: ZoneInfo | None = None, page: int = 1) -> Reply:
    """`/activities deadlines [page N]`, times in `zone` (the reader's) or each deadline's own."""
    return render.render_deadlines(deadline_statuses(services), services.now(), zone, page)


def answer_deadline_add(command: DeadlineAdd, user_id: str, channel_id: str, services: Services,
                        zone: ZoneInfo | None = None) -> Reply:
    if not services.is_admin(user_id):
        return render_admin_only("add deadlines")
    new, errors = deadline_from_fields(
        command.fields, default_zone=services.settings.timezone,
        default_channel=channel_id or services.settings.reminder_channel or "",
        now=services.now(), created_by=user_id,
    )
    if errors:
        return render_error(errors, "Nothing was saved. Example: " + render.DEADLINE_EXAMPLE)
    return save_new_deadline(services, new, zone)


def answer_deadline_edit(command: DeadlineEdit, user_id: str, services: Services,
                         zone: ZoneInfo | None = None) -> Reply:
    if not services.is_admin(user_id):
        return render_admin_only("edit deadlines")
    with services.db.session() as session:
        stored = deadlines.get_deadline(session, command.deadline_id)
        if stored is None:
            return render_error(f"There is no deadline #{command.deadline_id}.",
                                "`/activities deadlines` lists them.")
        changed, errors = deadline_from_fields(
            command.fields, default_zone=stored.timezone, default_channel=stored.channel,
            now=services.now(), base=stored,
        )
        if errors:
            return render_error(errors, "Nothing was changed.")
        deadlines.update_deadline(session, stored.id, changed, next_remind_at=None, who=user_id)
        return _saved(session, stored.id, services, "Updated", zone)


def answer_deadline_delete(deadline_id: int, user_id: str, services: Services) -> Reply:
    if not services.is_admin(user_id):
        return render_admin_only("delete deadlines")
    with services.db.session() as session:
        deleted = deadlines.delete_deadline(session, deadline_id, who=user_id)
    if deleted is None:
        return render_error(f"There is no deadline #{deadline_id}; nothing was deleted.")
    log.info("deadline %s deleted by %s", deadline_id, user_id)
    return render.render_deadline_deleted(deleted)


def answer_digest(on: bool, user_id: str, channel_id: str, services: Services) -> Reply:
    if not services.is_admin(user_id):
        return render_admin_only("change the weekly digest")
    with services.db.session() as session:
        if on:
            digests.subscribe(session, channel_id, user_id)
        else:
            digests.unsubscribe(session, channel_id)
        audit.record(session, user_id, "on" if on else "off", "digest", channel_id)
    return render.render_digest_subscription(channel_id, on)


def mark_submitted(ref: ReminderRef, user_id: str, services: Services) -> Reply:
    """Stop the reminders of this occurrence; the updated reminder says who marked it."""
    log.info("deadline %s (%s) marked submitted by %s", ref.deadline_id, ref.occurrence, user_id)
    return _update_occurrence(ref, services, user_id, submitted_by=user_id, submitted_at=services.now())


def snooze(ref: ReminderRef, user_id: str, services: Services) -> Reply:
    """Remind again about this occurrence in a day (never after it is due)."""
    until = (services.now() + SNOOZE).replace(second=0, microsecond=0)
    if until >= ref.occurrence:
        return render_error("This deadline is due within a day, so there is no later reminder to snooze to.")
    return _update_occurrence(ref, services, user_id, snoozed_by=user_id, snoozed_until=until)


def _update_occurrence(ref: ReminderRef, services: Services, who: str, **values) -> Reply:
    """Record what someone did about an occurrence; the reminder re-rendered to show it.

    The reminder's buttons are for admins and for whoever added the deadline; anyone else is told so and
    nothing is written. An occurrence the deadline does not have (a forged button) is refused."""
    with services.db.session() as session:
        stored = deadlines.get_deadline(session, ref.deadline_id)
        if stored is None:
            return render_error(GONE)
        if not (services.is_admin(who) or (who and who == stored.created_by)):
            return render_admin_only("mark deadlines submitted or snooze their reminders")
        if not is_occurrence(stored, ref.occurrence):
            return render_error(f"Deadline #{stored.id} is not due on {ref.occurrence:%Y-%m-%d %H:%M} UTC; "
                                "nothing was recorded.")
        deadlines.record_occurrence(session, ref.deadline_id, ref.occurrence, who, **values)
        deadline, states = _reschedule(session, ref.deadline_id, services)
    return render.render_reminder(deadline, ref, services.now(), states[ref.occurrence])
