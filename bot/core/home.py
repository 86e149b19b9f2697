"""The App Home tab: what comes next, the reporting deadlines, and what to ask. Pure Block Kit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.dates import format_date
from bot.core.deadline_render import DeadlineStatus, deadline_line
from bot.core.knowledge import Knowledge
from bot.core.records import UpcomingResult
from bot.core.reporting.inputs import CallStatus
from bot.core.reporting.inputs_render import inputs_blocks
from bot.core.render import activity_line, context, divider, header, section

MAX_HOME_BLOCKS = 100
HOME_ACTIVITIES = 10
HOME_UNDER_WAY = 5
HOME_DEADLINES = 8
ASK_ME = (
    "*What you can ask me*\n"
    "• Mention me with a question, e.g. `@art67bot who handles border enforcement?`\n"
    "• `/activities upcoming 5 agency:DHS beneficiary:Peru next 60 days`: what comes next, filtered\n"
    "• `/activities search Peru` · `/activities show 12`: find an activity, see everything about it\n"
    "• `/activities deadlines`: reporting deadlines and their next reminders\n"
    "• `/activities report 2024-2025`: the Article 67 report table for a reporting period\n"
    "• `/activities help`: every subcommand"
)
ADMIN_NOTE = "• As an admin, `/activities add` opens a form to record an activity."


def home_view(upcoming: UpcomingResult, deadlines: Sequence[DeadlineStatus], *, today: date, now: datetime,
              zone: ZoneInfo, knowledge: Knowledge | None = None, is_admin: bool = False,
              inputs: CallStatus | None = None) -> dict:
    """The Home tab for one user, dates as of `today`, times in their `zone`; always within 100 blocks."""
    blocks = [header("art67bot: technical cooperation under TRIPS Article 67"),
              header("Upcoming activities")]
    under_way = upcoming.under_way[:HOME_UNDER_WAY]
    coming = upcoming.upcoming[:HOME_ACTIVITIES]
    if under_way:
        blocks.append(section("*Under way*"))
        blocks += [section(activity_line(a, knowledge)) for a in under_way]
        if coming:
            blocks.append(section("*Coming up*"))
    blocks += [section(activity_line(a, knowledge)) for a in coming]
    if not under_way and not coming:
        blocks.append(section("Nothing is coming up."))
    more = upcoming.more or len(upcoming.upcoming) > len(coming)
    blocks.append(context(f"As of {format_date(today)}."
                          + (" More with `/activities upcoming 30`." if more else "")))
    blocks += [divider(), header("Reporting deadlines")]
    pending = [item for item in deadlines if item.occurrence is not None]
    if pending:
        blocks += [section(deadline_line(item, now, zone)) for item in pending[:HOME_DEADLINES]]
        if len(pending) > HOME_DEADLINES:
            blocks.append(context(f"{len(pending) - HOME_DEADLINES} more with `/activities deadlines`."))
    else:
        blocks.append(section("No upcoming deadlines."))
    blocks.append(context(f"Times are in {getattr(zone, 'key', zone)}."))
    if inputs is not None:
        blocks += [divider(), header("Inputs for the report"), *inputs_blocks(inputs)]
    blocks += [divider(), section(ASK_ME + ("\n" + ADMIN_NOTE if is_admin else ""))]
    local = now.astimezone(zone)
    blocks.append(context(f"Updated {format_date(local.date())}, {local:%H:%M} {local.tzname()}, "
                          "each time you open this tab."))
    assert len(blocks) <= MAX_HOME_BLOCKS
    return {"type": "home", "blocks": blocks}
