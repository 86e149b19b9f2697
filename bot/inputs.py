"""Collecting every agency's inputs, in the shell: focal points, the call for inputs and its DMs, the
agencies' answers, and where each stands. Storage (storage/inputs.py), then the core
(bot/core/reporting/), then Slack. The DMs are claimed like reminders, so each goes out exactly once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.periods import PERIOD_FORMS, Period, PeriodError, long_date, parse_period
from bot.core.records import Reply
from bot.core.render import render_admin_only, render_error, section
from bot.core.reporting.inputs import CallStatus, call_status, pending_focal_points
from bot.core.reporting.inputs_render import render_call_dm, render_focal_points, render_status
from bot.core.text import escape_mrkdwn as esc
from bot.delivery import Posted, Poster
from bot.services import Services, utcnow
from storage import activities
from storage import inputs as store
from storage.models_inputs import CallDmClaimRow

log = logging.getLogger(__name__)
GONE_ERRORS = {"user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot"}


class InputsError(ValueError):
    """Input the bot cannot act on; the message says what to fix."""


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

def period_of(text: str, services: Services) -> Period:
    try:
        return parse_period(text, services.today(), services.settings.period_start_month)
    except PeriodError as problem:
        raise InputsError(f"{problem} Periods look like {PERIOD_FORMS}.") from None


def agency_acronym(name: str, services: Services) -> str:
    agency = services.knowledge().agency(name.strip())
    if agency is None:
        raise InputsError(f"I don't know the agency {name.strip()!r}. `/activities agencies` lists those I know.")
    return agency.acronym


def status_for(services: Services, period: Period, *, called_only: bool = False) -> CallStatus | None:
    """Where each agency stands for `period`; with `called_only`, None (and nothing more read) when no call
    for inputs was made for it."""
    with services.db.session() as session:
        call = store.find_call(session, period.start, period.end)
        if call is None and called_only:
            return None
        answers = store.answers(session, call.id) if call else {}
        focal = [(f.agency, f.user_id, f.unreachable) for f in store.focal_points(session)]
        found = activities.all_activities(session, period.start, period.end)
        since = min((a.at for a in answers.values()), default=None)
        changes = store.activity_changes_since(session, since) if since else []
    return call_status(period, call.due if call else None, focal,
                       {a.agency: (a.state, a.by, a.at) for a in answers.values()}, found, changes)


def status_for_due(services: Services, due: date) -> CallStatus | None:
    """The status of the call whose inputs are due on `due` (a reporting deadline's day), if there is one."""
    with services.db.session() as session:
        calls = store.calls_due_on(session, due)
    return status_for(services, Period(calls[-1].start, calls[-1].end)) if calls else None


# ---------------------------------------------------------------------------------------------
# Slack and CLI commands
# ---------------------------------------------------------------------------------------------

def answer_focal(action: str, agency: str, users: tuple[str, ...], user_id: str, services: Services) -> Reply:
    """`/activities focal` (list), `focal AGENCY @user…` (add), `focal remove AGENCY @user` (admins write)."""
    if action != "list" and not services.is_admin(user_id):
        return render_admin_only("change focal points")
    try:
        acronym = agency_acronym(agency, services) if action != "list" else ""
    except InputsError as problem:
        return render_error(str(problem))
    with services.db.session() as session:
        if action == "add":
            added = store.add_focal_points(session, acronym, list(users), user_id)
            text = (f"Focal points of {esc(acronym)}: added " + ", ".join(f"<@{u}>" for u in added) + "."
                    if added else f"Those are already focal points of {esc(acronym)}; nothing changed.")
        elif action == "remove":
            removed = [u for u in users if store.remove_focal_point(session, acronym, u, user_id)]
            text = (f"No longer focal points of {esc(acronym)}: " + ", ".join(f"<@{u}>" for u in removed) + "."
                    if removed else f"None of them is a focal point of {esc(acronym)}; nothing changed.")
        else:
            points = store.focal_points(session)
            return render_focal_points([(p.agency, p.user_id, p.unreachable) for p in points])
    return Reply(text=text, blocks=[section(text)], response_type="ephemeral", escaped=True)


def answer_status(period_text: str, services: Services) -> Reply:
    try:
        period = period_of(period_text, services)
    except InputsError as problem:
        return render_error(str(problem))
    return render_status(status_for(services, period))


@dataclass(frozen=True)
class CallResult:
    reply: Reply
    sent: int = 0  # DMs posted now
    already: int = 0  # DMs sent by an earlier call for the same period (or found posted)
    unreachable: int = 0


def default_due(services: Services) -> date | None:
    """The next reporting deadline's day, in its own time zone."""
    from bot.deadline_commands import deadline_statuses

    for item in deadline_statuses(services):
        if item.occurrence is not None:
            return item.occurrence.astimezone(item.deadline.zone()).date()
    return None


def make_call(period_text: str, due_text: str, user_id: str, services: Services) -> tuple[store.Call, bool]:
    """Open (or find) the call for a period. Raises InputsError with a message for the user."""
    from bot.core.dates import DateError, parse_date

    period = period_of(period_text, services)
    if due_text:
        try:
            due = parse_date(due_text, services.today())
        except DateError as problem:
            raise InputsError(f"The due date: {problem}.") from None
    else:
        due = default_due(services)
        if due is None:
            raise InputsError("There is no reporting deadline to take the due date from. Add one with "
                              "`/activities deadline add …`, or give it: `/activities call due: 2027-06-30`.")
    with services.db.session() as session:
        return store.open_call(session, period.start, period.end, due, user_id)


def send_call(call: store.Call, services: Services, client: WebClient, now: datetime | None = None) -> CallResult:
    """DM every reachable focal point that has not had this call's DM; each exactly once (claimed)."""
    now = now or services.now()
    poster = Poster(services.db, client)
    sent = already = unreachable = 0
    with services.db.session() as session:
        points = [p for p in store.focal_points(session) if not p.unreachable]
        found = activities.all_activities(session, call.start, call.end)
    for point in points:
        key = {"call_id": call.id, "agency": point.agency, "user_id": point.user_id}
        claim = poster.claim(CallDmClaimRow, key, point.user_id, now)
        if not claim.claimed:
            already += claim.sent
            continue
        try:
            channel = client.conversations_open(users=point.user_id)["channel"]["id"]
        except SlackApiError as problem:
            error = problem.response.get("error", "")
            if error in GONE_ERRORS:
                with services.db.session() as session:
                    store.mark_unreachable(session, point.agency, point.user_id, error)
                unreachable += 1
            poster.release(CallDmClaimRow, claim.id, now, f"conversations.open: {error}")
            continue
        own = [a for a in found if a.agency == point.agency]
        reply = render_call_dm(call.id, point.agency, call.start, call.end, call.due, own)
        outcome = poster.post(CallDmClaimRow, claim, channel, reply, now,
                              f"call:{call.id}:{point.agency}:{point.user_id}")
        if isinstance(outcome, Posted):
            sent += not outcome.found
            already += outcome.found
    text = (f"Call for inputs sent to {sent} focal point{'s' if sent != 1 else ''}"
            + (f" ({already} had it already)" if already else "")
            + (f"; {unreachable} could not be reached (they left the workspace?)" if unreachable else "")
            + f". Inputs are due {long_date(call.due)}. `/activities status` shows who has answered.")
    return CallResult(Reply(text=text, blocks=[section(esc(text))], response_type="ephemeral"), sent, already,
                      unreachable)


def may_answer(user_id: str, agency: str, services: Services) -> bool:
    """Only the agency's focal points and admins may confirm for it."""
    if services.is_admin(user_id):
        return True
    with services.db.session() as session:
        return any(p.agency == agency and p.user_id == user_id for p in store.focal_points(session))


def confirm(agency: str, user_id: str, state: str, services: Services, *, period: Period | None = None,
            call_id: int | None = None) -> tuple[store.Call, datetime]:
    """Record an agency's answer to the call (of `call_id`, or of `period`). Raises InputsError."""
    if not may_answer(user_id, agency, services):
        raise InputsError(f"Only {agency}'s focal points and admins can answer for {agency}; nothing was recorded.")
    with services.db.session() as session:
        calls = [c for c in store.all_calls(session) if (call_id is None or c.id == call_id)
                 and (period is None or (c.start, c.end) == (period.start, period.end))]
        if not calls:
            raise InputsError("There is no call for inputs for that period; nothing was recorded.")
        call = calls[-1]
        at = utcnow()  # the audit log's clock: a later change to the agency's activities is compared with it
        store.answer(session, call.id, agency, state, user_id, at)
    return call, at


# ---------------------------------------------------------------------------------------------
# Targeted reminders (called by the reminder tick)
# ---------------------------------------------------------------------------------------------

def remind_focal_points(services: Services, poster: Poster, deadline, occurrence: datetime, lead_minutes: int,
                        status: CallStatus, now: datetime) -> list[Posted | datetime]:
    """DM each reachable focal point of an agency still waited on, once per (deadline slot, focal point)."""
    from bot.core.deadline_render import until_words
    from storage.models_inputs import FocalReminderClaimRow

    with services.db.session() as session:
        calls = store.calls_due_on(session, occurrence.astimezone(deadline.zone()).date())
        found = activities.all_activities(session, status.period.start, status.period.end)
    if not calls:
        return []
    call = calls[-1]
    outcomes: list[Posted | datetime] = []
    for agency, user in pending_focal_points(status):
        key = {"deadline_id": deadline.id, "occurrence": occurrence, "lead_minutes": lead_minutes,
               "agency": agency, "user_id": user}
        claim = poster.claim(FocalReminderClaimRow, key, user, now)
        if not claim.claimed:
            continue
        try:
            channel = poster.client.conversations_open(users=user)["channel"]["id"]
        except SlackApiError as problem:
            error = problem.response.get("error", "")
            if error in GONE_ERRORS:
                with services.db.session() as session:
                    store.mark_unreachable(session, agency, user, error)
            outcomes.append(poster.release(FocalReminderClaimRow, claim.id, now, f"conversations.open: {error}"))
            continue
        reply = render_call_dm(call.id, agency, call.start, call.end, call.due,
                               [a for a in found if a.agency == agency],
                               reminder=f"due {until_words(now, occurrence, deadline.zone())}")
        outcomes.append(poster.post(FocalReminderClaimRow, claim, channel, reply, now,
                                    f"focal-reminder:{deadline.id}:{occurrence.isoformat()}:{lead_minutes}:{agency}:{user}"))
    return outcomes
