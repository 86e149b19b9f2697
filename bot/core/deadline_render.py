"""Block Kit for deadlines: reminders with their buttons, the list, confirmations, the weekly digest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.dates import format_date
from bot.core.deadlines import Deadline, OccurrenceState
from bot.core.grammar import Deadlines
from bot.core.knowledge import Knowledge
from bot.core.paging import page_buttons
from bot.core.records import Activity, Reply
from bot.core.reminders import (
    ReminderRef,
    format_due,
    lead_words,
    next_occurrence,
    next_reminder_at,
    until_words,
)
from bot.core.render import MAX_BLOCKS, activity_line, activity_plain, context, header, section
from bot.core.text import escape_mrkdwn as esc

SUBMITTED_ACTION = "deadline_submitted"
SNOOZE_ACTION = "deadline_snooze"
LIST_LIMIT = 20
DEADLINE_EXAMPLE = ("/activities deadline add title: Art. 67 report to the TRIPS Council | due: 2027-09-15 17:00 | "
                    "timezone: Europe/Zurich | repeat: yearly | leads: 30, 14, 7, 1 | notes: airgram of 20 June")


@dataclass(frozen=True)
class DeadlineStatus:
    """One line of `/activities deadlines`: a deadline, its next occurrence and next reminder."""

    deadline: Deadline
    occurrence: datetime | None
    state: OccurrenceState | None
    next_reminder: datetime | None


def deadline_statuses(items: Sequence[Deadline], states: Mapping[int, Mapping[datetime, OccurrenceState]],
                      now: datetime) -> list[DeadlineStatus]:
    """Each deadline with its next occurrence and next reminder, soonest due first."""
    found = []
    for deadline in items:
        occurrence = next_occurrence(deadline, now)
        mine = states.get(deadline.id, {})
        found.append(DeadlineStatus(deadline, occurrence, mine.get(occurrence), next_reminder_at(deadline, now, mine)))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(found, key=lambda item: (item.occurrence or far, item.deadline.id))


def render_reminder(deadline: Deadline, ref: ReminderRef, now: datetime,
                    state: OccurrenceState | None = None) -> Reply:
    """A reminder, as posted and as updated once someone marks it submitted or snoozes it."""
    zone = deadline.zone()
    due = format_due(ref.occurrence, zone)
    when = until_words(now, ref.occurrence, zone)
    blocks = [
        header(f"Deadline: {deadline.title}"),
        section(f"*{esc(deadline.title)}* is due *{due}* ({when})."),
    ]
    if deadline.notes:
        blocks.append(section(esc(deadline.notes)))
    about = [f"Deadline #{deadline.id}", lead_words(ref.lead_minutes)]
    if deadline.yearly:
        about.append("repeats every year")
    blocks.append(context(" · ".join(about)))
    text = f"Reminder: {deadline.title} is due {due} ({when})."
    if state is not None and state.submitted_by:
        marked = f"Marked submitted by <@{state.submitted_by}> on {format_date(state.submitted_at.astimezone(zone).date())}."
        blocks.append(section(f":white_check_mark: {marked} No more reminders for this deadline this time."))
        return Reply(text=f"{text} {marked}", blocks=blocks, response_type="in_channel")
    if state is not None and state.snoozed_until and state.snoozed_until > now:
        blocks.append(context(f":zzz: Snoozed until {format_due(state.snoozed_until, zone)}."))
    value = ref.encode()
    blocks.append({"type": "actions", "elements": [
        {"type": "button", "action_id": SUBMITTED_ACTION, "style": "primary", "value": value,
         "text": {"type": "plain_text", "text": "Mark submitted"}},
        {"type": "button", "action_id": SNOOZE_ACTION, "value": value,
         "text": {"type": "plain_text", "text": "Snooze 1 day"}},
    ]})
    return Reply(text=text, blocks=blocks, response_type="in_channel")


def due_in_zone(moment: datetime, zone: ZoneInfo, own: ZoneInfo) -> str:
    """The due time in the reader's zone and, when its wall clock differs, in the deadline's own."""
    shown = format_due(moment, zone)
    mine, theirs = moment.astimezone(zone), moment.astimezone(own)
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None) and mine.tzname() == theirs.tzname():
        return shown
    day = "" if theirs.date() == mine.date() else f"{theirs.day} {theirs:%b} "
    return f"{shown} — {day}{theirs:%H:%M} {theirs.tzname()} in {getattr(own, 'key', own)}"


def deadline_line(item: DeadlineStatus, now: datetime, zone: ZoneInfo | None = None) -> str:
    """One deadline, its times in `zone` (the reader's; by default the deadline's own)."""
    deadline = item.deadline
    own = deadline.zone()
    zone = zone or own
    lines = [f"*#{deadline.id} · {esc(deadline.title)}*"]
    if item.occurrence is None:
        lines.append("Past; no more occurrences.")
    else:
        repeat = " · every year" if deadline.yearly else ""
        lines.append(f"Due {due_in_zone(item.occurrence, zone, own)} "
                     f"({until_words(now, item.occurrence, zone)}){repeat}")
    if item.state is not None and item.state.submitted_by:
        lines.append(f"Submitted (marked by <@{item.state.submitted_by}>)")
    if item.next_reminder is not None:
        lines.append(f"Next reminder {format_due(item.next_reminder, zone)} in <#{deadline.channel}>")
    else:
        lines.append("No reminder left for now")
    leads = ", ".join(str(days) for days in deadline.lead_days)
    lines.append(f"Reminders {leads} days before" + (f" · {esc(deadline.notes)}" if deadline.notes else ""))
    return "\n".join(lines)


def render_deadlines(items: Sequence[DeadlineStatus], now: datetime, zone: ZoneInfo | None = None,
                     page: int = 1) -> Reply:
    """One page of the deadlines (LIST_LIMIT a page), times in `zone` (the reader's), with Previous / More."""
    title = "Reporting deadlines" + (f", page {page}" if page > 1 else "")
    if not items:
        return Reply(text="No deadlines yet. Add one with /activities deadline add.",
                     blocks=[header(title), section(f"No deadlines yet. Add one with `{DEADLINE_EXAMPLE}`")],
                     response_type="in_channel")
    first = (page - 1) * LIST_LIMIT
    shown = items[first:first + LIST_LIMIT]
    buttons = page_buttons(Deadlines(page=page), more=len(items) > first + len(shown))
    blocks = [header(title)] + [section(deadline_line(item, now, zone)) for item in shown]
    if not shown:
        blocks.append(section(f"No more deadlines: there are {len(items)}."))
    elif len(items) > len(shown):
        blocks.append(context(f"{first + 1}–{first + len(shown)} of {len(items)}."))
    if buttons:
        blocks.append(buttons)
    text = title + "\n" + "\n".join(
        f"#{item.deadline.id} {item.deadline.title}"
        + (f" (due {format_due(item.occurrence, zone or item.deadline.zone())})" if item.occurrence else " (past)")
        for item in shown
    )
    return Reply(text=text, blocks=blocks, response_type="in_channel")


def render_deadline_saved(item: DeadlineStatus, now: datetime, verb: str, zone: ZoneInfo | None = None) -> Reply:
    message = f"{verb} deadline #{item.deadline.id}."
    return Reply(text=f"{message} {item.deadline.title}",
                 blocks=[section(f":white_check_mark: {message}"), section(deadline_line(item, now, zone))],
                 response_type="ephemeral")


def render_deadline_deleted(deadline: Deadline) -> Reply:
    message = f"Deleted deadline #{deadline.id} {deadline.title}; no more reminders for it."
    return Reply(text=message, blocks=[section(":wastebasket: " + esc(message))], response_type="ephemeral")


def render_digest_subscription(channel: str, on: bool) -> Reply:
    """The channel mention is the bot's own, so the fallback text is mrkdwn already (escaped=True)."""
    mention = f"<#{esc(channel)}>"
    message = (f"{mention} will get a digest of upcoming activities and deadlines every Monday morning."
               if on else f"{mention} will no longer get the weekly digest.")
    return Reply(text=message, blocks=[section(message)], response_type="ephemeral", escaped=True)


def render_digest(week: date, activities: Sequence[Activity], deadlines: Sequence[DeadlineStatus],
                  now: datetime, knowledge: Knowledge | None = None) -> Reply:
    title = f"Week of {format_date(week)}: what's coming"
    blocks = [header(title), section("*Activities in the next two weeks*")]
    text = [title]
    if activities:
        blocks += [section(activity_line(a, knowledge)) for a in activities]
        text += [activity_plain(a) for a in activities]
    else:
        blocks.append(context("No activities start in the next two weeks."))
    blocks.append(section("*Deadlines*"))
    if deadlines:
        blocks += [section(deadline_line(item, now)) for item in deadlines]
        text += [f"Deadline: {item.deadline.title}" for item in deadlines]
    else:
        blocks.append(context("No deadlines in the next 60 days."))
    return Reply(text="\n".join(text), blocks=blocks[:MAX_BLOCKS], response_type="in_channel")
