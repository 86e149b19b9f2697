"""The reminder tick and the weekly digest: storage, then the core, then Slack.

APScheduler 3 is only the ticker. Reminder state lives in art67bot's own tables, so a restart,
a missed run or a second replica changes nothing about what gets posted: each message is claimed
in the database before it is posted and marked sent only after Slack accepted it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.app import make_client
from bot.config import Settings, require_bot_token
from bot.core.deadline_render import deadline_statuses, render_digest, render_reminder
from bot.core.records import UpcomingFilters
from bot.core.reminders import (
    DIGEST_TIME,
    ReminderRef,
    digest_week,
    due_slots,
    next_reminder_at,
)
from bot import inputs
from bot.core.reporting.inputs_render import with_inputs_status
from bot.delivery import Posted, Poster
from bot.services import Services, utcnow
from storage import deadlines, digests, listing
from storage.models import DigestClaimRow, ReminderClaimRow

log = logging.getLogger(__name__)
BATCH = 200  # deadlines looked at per tick; the rest wait for the next one
DIGEST_ACTIVITY_DAYS = 14
DIGEST_DEADLINE_DAYS = 60
DIGEST_LIMIT = 20


def remind(services: Services, poster: Poster, now: datetime | None = None) -> list[Posted]:
    """One tick: post every reminder due at `now` that no process has posted yet."""
    now = now or services.now()
    with services.db.session() as session:
        due = deadlines.due_deadlines(session, now, BATCH)
        states = deadlines.occurrence_states(session, [d.id for d in due])
    retry_at: dict[int, datetime] = {}  # deadline id -> earliest time a failed post of ours may be retried
    held = set()  # deadlines with a reminder another process is posting: it does their bookkeeping
    posted = []
    for deadline in due:
        for slot in due_slots(deadline, now, states[deadline.id], services.settings.catch_up()):
            # a call for inputs due that day: its pending focal points get a DM (each claimed on its own)
            status = inputs.status_for_due(services, slot.occurrence.astimezone(deadline.zone()).date())
            if status is not None:
                for outcome in inputs.remind_focal_points(services, poster, deadline, slot.occurrence,
                                                          slot.lead_minutes, status, now):
                    if isinstance(outcome, datetime):
                        retry_at[deadline.id] = min(outcome, retry_at.get(deadline.id, outcome))
            key = {"deadline_id": deadline.id, "occurrence": slot.occurrence, "lead_minutes": slot.lead_minutes}
            claim = poster.claim(ReminderClaimRow, key, deadline.channel, now)
            if not claim.claimed:
                if not claim.sent:
                    held.add(deadline.id)
                continue
            ref = ReminderRef(deadline.id, slot.occurrence, slot.lead_minutes)
            reply = render_reminder(deadline, ref, now, states[deadline.id].get(slot.occurrence))
            if status is not None:  # and the channel sees who is still waited on
                reply = with_inputs_status(reply, status)
            outcome = poster.post(ReminderClaimRow, claim, deadline.channel, reply, now, reminder_key(ref))
            if isinstance(outcome, Posted):
                posted.append(outcome)
            else:
                retry_at[deadline.id] = min(outcome, retry_at.get(deadline.id, outcome))
    with services.db.session() as session:
        for deadline in due:
            if deadline.id in held:
                continue  # stays due, so the next tick looks again (and takes over an expired lease)
            times = [t for t in (next_reminder_at(deadline, now, states[deadline.id]),
                                 retry_at.get(deadline.id)) if t is not None]
            deadlines.set_next_remind_at(session, deadline.id, deadline.revision, min(times, default=None))
    return posted


def would_remind(services: Services, now: datetime) -> list[tuple[str, str]]:
    """(channel, text) of each reminder a tick at `now` would post; reads only, claims and posts nothing."""
    with services.db.session() as session:
        due = deadlines.due_deadlines(session, now, BATCH)
        states = deadlines.occurrence_states(session, [d.id for d in due])
        sent = deadlines.sent_slots(session, [d.id for d in due])
    found = []
    for deadline in due:
        for slot in due_slots(deadline, now, states[deadline.id], services.settings.catch_up()):
            if (deadline.id, slot.occurrence, slot.lead_minutes) in sent:
                continue
            ref = ReminderRef(deadline.id, slot.occurrence, slot.lead_minutes)
            found.append((deadline.channel, render_reminder(deadline, ref, now, states[deadline.id].get(slot.occurrence)).text))
    return found


def send_digests(services: Services, poster: Poster, now: datetime | None = None) -> list[Posted | datetime]:
    """Post this week's digest to every subscribed channel that has not had it.

    Returns, per channel not yet served, what was posted or the time from which to retry it
    (a digest another process holds is retried when its lease ends, in case that process died).
    """
    now = now or services.now()
    week = digest_week(now, services.settings.zone(), services.settings.catch_up())
    if week is None:
        return []
    with services.db.session() as session:
        channels = digests.subscribed_channels(session)
    claimed, held = [], []
    for channel in channels:
        claim = poster.claim(DigestClaimRow, {"channel": channel, "week": week}, channel, now)
        if claim.claimed:
            claimed.append((channel, claim))
        elif not claim.sent:
            held.append(claim.lease_until)
    if not claimed:
        return held
    today = services.today()
    with services.db.session() as session:
        until = today + timedelta(days=DIGEST_ACTIVITY_DAYS)
        result, _ = listing.upcoming_activities(session, today, DIGEST_LIMIT, UpcomingFilters(until=until))
        stored = deadlines.all_deadlines(session)
        states = deadlines.occurrence_states(session, [d.id for d in stored])
    horizon = now + timedelta(days=DIGEST_DEADLINE_DAYS)
    soon = [item for item in deadline_statuses(stored, states, now)
            if item.occurrence is not None and item.occurrence <= horizon][:DIGEST_LIMIT]
    reply = render_digest(week, result.upcoming, soon, now, services.knowledge())
    return held + [poster.post(DigestClaimRow, claim, channel, reply, now, f"digest:{channel}:{week.isoformat()}")
                   for channel, claim in claimed]


def reminder_key(ref: ReminderRef) -> str:
    """The key a reminder's post carries in its metadata: one per (deadline, occurrence, lead time)."""
    return f"reminder:{ref.deadline_id}:{ref.occurrence.isoformat()}:{ref.lead_minutes}"


def reminder_client(settings: Settings) -> WebClient:
    return make_client(require_bot_token(settings), settings.api_url, retries=False)


def start_reminders(services: Services, client: WebClient | None = None, *,
                    tick_now: bool = False) -> BackgroundScheduler:
    """Start the background ticker (every ART67_TICK_SECONDS) and the Monday digest; returns the scheduler.

    `art67bot serve`, `run` and `console` call this; stop it with `scheduler.shutdown()`. The first
    tick runs at once, so what fell due while the bot was down goes out now: in the background, or
    before this returns with `tick_now` (the console, so it shows them before its first prompt).
    """
    settings = services.settings
    poster = Poster(services.db, client or reminder_client(settings))
    scheduler = BackgroundScheduler(timezone=settings.zone())

    def tick() -> None:
        for item in remind(services, poster):
            log.info("posted to %s: %s", item.channel, item.text)

    def digest() -> None:
        retries = [item for item in send_digests(services, poster) if isinstance(item, datetime)]
        if retries:
            scheduler.add_job(digest, "date", run_date=min(retries) + timedelta(seconds=1))

    at_once = {}  # without next_run_time, each job first runs when its trigger says
    if tick_now:
        tick()
        digest()
    else:
        at_once = {"next_run_time": utcnow()}
    scheduler.add_job(tick, IntervalTrigger(seconds=settings.tick_seconds), id="reminders",
                      max_instances=1, coalesce=True, **at_once)
    scheduler.add_job(digest, CronTrigger(day_of_week="mon", hour=DIGEST_TIME.hour, minute=DIGEST_TIME.minute,
                                          timezone=settings.zone()),
                      id="digest", max_instances=1, coalesce=True,
                      misfire_grace_time=int(settings.catch_up().total_seconds()), **at_once)
    scheduler.start()
    return scheduler


@contextmanager
def reminders_running(services: Services, client: WebClient | None = None, *,
                      tick_now: bool = False) -> Iterator[BackgroundScheduler]:
    """`start_reminders` for the length of a `with` block."""
    scheduler = start_reminders(services, client, tick_now=tick_now)
    try:
        yield scheduler
    finally:
        scheduler.shutdown()
