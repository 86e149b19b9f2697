"""Block Kit for collecting inputs: the call's DM with its buttons, the status, focal points, history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from bot.core.dates import format_date, format_range
from bot.core.periods import long_date, period_label
from bot.core.records import Activity, Reply
from bot.core.render import context, section
from bot.core.reporting.inputs import (CHANGED, CONFIRMED, NOTHING, PENDING, STATE_NAMES, CallStatus,
                                       status_line)
from bot.core.text import escape_mrkdwn as esc

CONFIRM_ACTION, ADD_ACTION, NOTHING_ACTION = "inputs_confirm", "inputs_add", "inputs_nothing"
MAX_LINES = 40  # activities listed in a DM; the rest are counted
STATE_LABELS = STATE_NAMES
STATE_ICONS = {PENDING: ":hourglass_flowing_sand:", CONFIRMED: ":white_check_mark:", NOTHING: ":white_check_mark:",
               CHANGED: ":warning:"}


def mention(user: str) -> str:
    return f"<@{user}>"


def button_value(call_id: int, agency: str) -> str:
    return json.dumps({"call": call_id, "agency": agency})


def render_call_dm(call_id: int, agency: str, start: date, end: date, due: date,
                   activities: Sequence[Activity], reminder: str = "") -> Reply:
    """The DM to a focal point: the period, the due date, the agency's activities, and three buttons.
    `reminder` ("due in 7 days") makes it the reminder of a call not yet answered."""
    label = period_label_of(start, end)
    title = f"Reminder, inputs {reminder}" if reminder else "Call for inputs"
    intro = (f"*{esc(title)}: Article 67 report, {esc(label)}*\n"
             f"Please check the activities of *{esc(agency)}* for this period by *{esc(long_date(due))}*: "
             "confirm the list, add what is missing, or say there is nothing to report.")
    lines = [f"• {format_range(a.start_date, a.end_date)} · #{a.id} {esc(a.title)}"
             + (f" — {esc(', '.join(a.beneficiaries))}" if a.beneficiaries else "") for a in activities[:MAX_LINES]]
    if len(activities) > MAX_LINES:
        lines.append(f"… and {len(activities) - MAX_LINES} more (`/activities search {esc(agency)}`)")
    table = "\n".join(lines) if lines else "_No activity of this agency is recorded for the period._"
    value = button_value(call_id, agency)
    blocks = [
        section(intro),
        section(_clip(f"*{esc(agency)}: {len(activities)} {'activity' if len(activities) == 1 else 'activities'}*\n"
                      + table)),
        {"type": "actions", "block_id": "inputs", "elements": [
            {"type": "button", "action_id": CONFIRM_ACTION, "style": "primary", "value": value,
             "text": {"type": "plain_text", "text": "Confirm this list"}},
            {"type": "button", "action_id": ADD_ACTION, "value": value,
             "text": {"type": "plain_text", "text": "Add an activity"}},
            {"type": "button", "action_id": NOTHING_ACTION, "value": value,
             "text": {"type": "plain_text", "text": "Nothing to report"}}]},
        context("You get this because you are a focal point of "
                f"{esc(agency)} for the Article 67 report. Confirming stops the reminders for {esc(agency)}."),
    ]
    text = (f"{title} ({label}): please confirm the {len(activities)} activities of {agency}, add "
            f"what is missing, or say there is nothing to report, by {long_date(due)}.")
    return Reply(text=text, blocks=blocks)


def with_inputs_status(reply: Reply, status: CallStatus) -> Reply:
    """A channel reminder with how complete the inputs are, mentioning the pending focal points."""
    waiting = [f"{esc(a.acronym)} ({', '.join(mention(u) for u in a.focal_points if u not in a.unreachable)})"
               if [u for u in a.focal_points if u not in a.unreachable] else esc(a.acronym) for a in status.waiting]
    line = f"{status.confirmed} of {status.total} agencies confirmed"
    mrkdwn = f":inbox_tray: *Inputs:* {line}" + (f"; waiting on {', '.join(waiting[:15])}" if waiting else "") + "."
    blocks = list(reply.blocks)
    at = next((i for i, b in enumerate(blocks) if b.get("type") == "actions"), len(blocks))
    blocks.insert(at, section(_clip(mrkdwn)))
    return Reply(text=f"{reply.text} Inputs: {status_line(status)}.", blocks=blocks, response_type=reply.response_type)


def with_completeness(reply: Reply, status: CallStatus) -> Reply:
    """The report's summary with how complete it is: '7 of 9 agencies confirmed; waiting on …'."""
    line = status_line(status)
    blocks = list(reply.blocks)
    at = 2 if len(blocks) > 2 else len(blocks)
    blocks.insert(at, context(f":inbox_tray: {esc(line)}."))
    return Reply(text=f"{reply.text} {line}.", blocks=blocks[:50], response_type=reply.response_type)


def render_answered(agency: str, state: str, user: str, at: datetime, label: str) -> Reply:
    """What replaces the DM's buttons once someone answered."""
    what = "confirmed the list" if state == CONFIRMED else "said there is nothing to report"
    text = f"{esc(agency)}, {esc(label)}: {mention(user)} {what} on {format_date(at.date())}. Thank you."
    return Reply(text=text, blocks=[section(f":white_check_mark: {text}")], escaped=True)


def render_status(status: CallStatus) -> Reply:
    """`/activities status`: each agency's state and activities, and how complete the report is."""
    label = period_label(status.period)
    if status.due is None and not status.agencies:
        text = (f"No call for inputs for {label}, and no focal points. Add them with `/activities focal AGENCY "
                "@user`, then `/activities call`.")
        return Reply(text=text, blocks=[section(esc(text))], response_type="ephemeral")
    head = f"*Inputs for {esc(label)}*: {esc(status_line(status))}."
    if status.due:
        head += f" Due {esc(long_date(status.due))}."
    else:
        head += " No call for inputs was sent for this period yet (`/activities call`)."
    lines = []
    for agency in status.agencies:
        who = f" by {mention(agency.by)}" if agency.by and agency.state != PENDING else ""
        when = f" on {format_date(agency.at.date())}" if agency.at and agency.state != PENDING else ""
        gone = (f" · unreachable: {', '.join(mention(u) for u in agency.unreachable)}" if agency.unreachable else "")
        focal = ", ".join(mention(u) for u in agency.focal_points) or "no focal point"
        lines.append(f"{STATE_ICONS[agency.state]} *{esc(agency.acronym)}* · {STATE_LABELS[agency.state]}{who}{when}"
                     f" · {agency.activities} activities · {focal}{gone}")
    blocks = [section(head)] + [section(_clip("\n".join(chunk))) for chunk in _chunks(lines, 25)][:45]
    text = f"Inputs for {label}: {status_line(status)}."
    return Reply(text=text, blocks=blocks, response_type="ephemeral")


HOME_AGENCIES = 12  # agencies listed on the App Home; `/activities status` lists all


def inputs_blocks(status: CallStatus) -> list[dict]:
    """The App Home's section: how complete the inputs are and each agency's state (at most 3 blocks)."""
    head = f"*{esc(period_label(status.period))}*: {esc(status_line(status))}."
    if status.due:
        head += f" Due {esc(long_date(status.due))}."
    lines = [f"{STATE_ICONS[a.state]} *{esc(a.acronym)}* · {STATE_LABELS[a.state]} · {a.activities} activities"
             for a in status.agencies[:HOME_AGENCIES]]
    blocks = [section(head)]
    if lines:
        blocks.append(section(_clip("\n".join(lines))))
    if len(status.agencies) > HOME_AGENCIES:
        blocks.append(context(f"{len(status.agencies) - HOME_AGENCIES} more with `/activities status`."))
    return blocks


def render_focal_points(points: Sequence[tuple[str, str, str]]) -> Reply:
    """`/activities focal`: each agency's focal points."""
    if not points:
        text = "No focal points yet. An admin adds them with `/activities focal AGENCY @user`."
        return Reply(text=text, blocks=[section(esc(text))], response_type="ephemeral")
    agencies: dict[str, list[str]] = {}
    for agency, user, unreachable in points:
        agencies.setdefault(agency, []).append(mention(user) + (f" ({esc(unreachable)})" if unreachable else ""))
    lines = [f"• *{esc(agency)}*: {', '.join(users)}" for agency, users in agencies.items()]
    blocks = [section(_clip("\n".join(chunk))) for chunk in _chunks(lines, 40)][:49]
    return Reply(text="Focal points: " + "; ".join(f"{a}: {len(u)}" for a, u in agencies.items()),
                 blocks=blocks, response_type="ephemeral")


def render_history(activity_id: int, entries: Sequence[dict]) -> Reply:
    """`/activities history ID`: who changed the activity, when, and how."""
    if not entries:
        text = f"No recorded change of activity #{activity_id}."
        return Reply(text=text, blocks=[section(esc(text))], response_type="ephemeral")
    lines = []
    for entry in entries[-40:]:
        who = "the command line" if entry["who"] == "cli" else mention(entry["who"])
        lines.append(f"• {esc(entry['at'][:16].replace('T', ' '))} UTC · {esc(entry['action'])} by {who}"
                     + _difference(entry.get("before"), entry.get("after")))
    blocks = [section(f"*History of activity #{activity_id}*")] + [section(_clip("\n".join(c))) for c in _chunks(lines, 15)]
    return Reply(text=f"History of activity #{activity_id}: {len(entries)} changes.", blocks=blocks,
                 response_type="ephemeral")


def period_label_of(start: date, end: date) -> str:
    from bot.core.periods import Period

    return period_label(Period(start, end))


def _difference(before: dict | None, after: dict | None) -> str:
    if before and after:
        changed = [k for k in after if before.get(k) != after.get(k)]
        return ": " + "; ".join(f"{esc(k)} {esc(str(before.get(k)))} → {esc(str(after.get(k)))}" for k in changed[:6])
    values = after or before or {}
    if "count" in values and "ids" in values:  # one entry for a batch (an import)
        return f" (one of {values['count']} activities added together)"
    title = values.get("title")
    return f": “{esc(str(title))}”" if title else ""


def _chunks(lines: Sequence[str], size: int) -> list[list[str]]:
    return [list(lines[i:i + size]) for i in range(0, len(lines), size)]


def _clip(mrkdwn: str, limit: int = 3000) -> str:
    return mrkdwn if len(mrkdwn) <= limit else mrkdwn[: limit - 1].rsplit("\n", 1)[0] + "\n…"
