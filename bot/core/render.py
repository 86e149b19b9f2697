"""Block Kit rendering of the bot's replies: pure functions from plain data to a Reply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bot.core.dates import format_date, format_range
from bot.core.grammar import MAX_LIMIT, Search, Upcoming
from bot.core.paging import page_buttons
from bot.core.knowledge import Knowledge
from bot.core.records import Activity, Agency, Link, Reply, Topic, UpcomingResult
from bot.core.text import escape_mrkdwn as esc
from bot.core.text import escaped_pieces, truncate

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
MAX_BLOCKS = 50
# holds any description the forms take (3000 characters), even all escapes: a section fits 599 "&amp;",
# and a break after a word keeps at least half of that, so 3000 characters need at most 10 sections
DESCRIPTION_SECTIONS = 10


def add_example(today: date | None = None) -> str:
    """`/activities add …` with dates about two months after `today` (default: the system's today), so
    the example never shows a date in the past."""
    start = (today or date.today()) + timedelta(days=60)
    end = start + timedelta(days=2)
    return (f"/activities add title: Border enforcement workshop | start: {start.day} {start:%B %Y} | "
            f"end: {end.day} {end:%B %Y} | beneficiaries: Peru; Chile | agency: CBP | "
            "topics: border enforcement | format: in-person")


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, HEADER_LIMIT), "emoji": True}}


def section(mrkdwn: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(mrkdwn, SECTION_LIMIT)}}


def context(mrkdwn: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(mrkdwn, SECTION_LIMIT)}]}


def divider() -> dict:
    return {"type": "divider"}


ADMIN_ONLY = "Only art67bot admins can {action}. Ask an admin to add your Slack user ID to ART67_ADMINS."


def render_admin_only(action: str) -> Reply:
    """The refusal of a write to someone who is not an admin."""
    return render_error(ADMIN_ONLY.format(action=action))


def render_error(problems: str | Sequence[str], hint: str = "") -> Reply:
    """An ephemeral error; every user-supplied character is escaped."""
    items = [problems] if isinstance(problems, str) else list(problems)
    if len(items) == 1:
        body = f":warning: {esc(items[0])}"
    else:
        body = ":warning: Please fix these and try again:\n" + "\n".join(f"• {esc(item)}" for item in items)
    blocks = [section(body)]
    if hint:
        blocks.append(context(esc(hint)))
    text = "; ".join(items) + (f" ({hint})" if hint else "")
    return Reply(text=text, blocks=blocks, response_type="ephemeral")


def activity_line(activity: Activity, knowledge: Knowledge | None = None) -> str:
    parts = [format_range(activity.start_date, activity.end_date), f"*{esc(activity.agency)}*"]
    if activity.format:
        parts.append(activity.format)
    if activity.location:
        parts.append(esc(activity.location))
    lines = [f"*#{activity.id} · {esc(activity.title)}*", " · ".join(parts)]
    if activity.beneficiaries:
        lines.append("For: " + esc(", ".join(activity.beneficiaries)))
    if activity.topics:
        lines.append("Topics: " + esc(", ".join(_topic_names(activity.topics, knowledge))))
    return "\n".join(lines)


def activity_plain(activity: Activity) -> str:
    return (f"#{activity.id} {activity.title} ({format_range(activity.start_date, activity.end_date)}, "
            f"{activity.agency}; for {', '.join(activity.beneficiaries)})")


def activity_brief(activity: Activity) -> str:
    """One short fallback line (notifications, screen readers): number, title and start date."""
    return f"#{activity.id} {activity.title} ({format_date(activity.start_date)})"


def _topic_names(slugs: Iterable[str], knowledge: Knowledge | None) -> list[str]:
    if knowledge is None:
        return list(slugs)
    return [knowledge.by_slug[s].name if s in knowledge.by_slug else s for s in slugs]


def describe_filters(agency: str | None, topic: str | None, beneficiary: str | None,
                     until: date | None) -> str:
    parts = []
    if agency:
        parts.append(f"agency {agency}")
    if topic:
        parts.append(f"topic {topic}")
    if beneficiary:
        parts.append(f"beneficiary {beneficiary}")
    if until:
        parts.append(f"until {format_date(until)}")
    return ", ".join(parts)


def render_upcoming(result: UpcomingResult, today: date, *, filters: str = "",
                    knowledge: Knowledge | None = None, under_way_more: bool = False,
                    command: Upcoming | None = None) -> Reply:
    """The listing; with the `command` it answers, a page of it with Previous / More buttons."""
    page = command.page if command else 1
    title = "Upcoming activities" + (f" ({filters})" if filters else "") + (f", page {page}" if page > 1 else "")
    heading = header(esc(title))  # a typed filter such as `beneficiary:<!channel>` is shown, never acted on
    if page > 1 and not result.upcoming:
        blocks = [heading, section("No more upcoming activities.")]
        buttons = page_buttons(command, more=False)
        return Reply(text=f"{title}: no more upcoming activities.",
                     blocks=blocks + ([buttons] if buttons else []), response_type="in_channel")
    if not result.under_way and not result.upcoming:
        message = (f"No upcoming activities{' for ' + esc(filters) if filters else ''}. "
                   f"Add one with `{add_example(today)}`")
        return Reply(
            text=f"No upcoming activities{' for ' + filters if filters else ''}. Add one with /activities add.",
            blocks=[heading, section(message)],
            response_type="in_channel",
        )
    blocks = [heading]
    text_lines = [title]
    if result.under_way:
        blocks.append(section("*Under way*"))
        text_lines.append("Under way:")
        for activity in result.under_way:
            blocks.append(section(activity_line(activity, knowledge)))
            text_lines.append(activity_brief(activity))
    if result.upcoming:
        if result.under_way:
            blocks.append(section("*Coming up*"))
        text_lines.append("Coming up:")
        for activity in result.upcoming:
            blocks.append(section(activity_line(activity, knowledge)))
            text_lines.append(activity_brief(activity))
    notes = [f"As of {format_date(today)}."]
    if under_way_more:
        notes.append("More activities are under way than shown.")
    buttons = page_buttons(command, result.more) if command else None
    if result.more:
        notes.append("More are coming: press More, or narrow with filters." if buttons else
                     "More are coming: ask for more with `/activities upcoming 20` or narrow with filters.")
    blocks = blocks[:MAX_BLOCKS - 2]
    blocks.append(context(" ".join(notes)))
    if buttons:
        blocks.append(buttons)
    return Reply(text="\n".join(text_lines), blocks=blocks, response_type="in_channel")


def render_activity(activity: Activity, knowledge: Knowledge | None = None,
                    response_type: str = "in_channel", intro: str = "") -> Reply:
    agency_name = activity.agency_name or activity.agency
    fields = [
        ("Dates", format_range(activity.start_date, activity.end_date)),
        ("Agency", f"{esc(agency_name)} ({esc(activity.agency)})"),
        ("Beneficiaries", esc(", ".join(activity.beneficiaries)) or "—"),
        ("Topics", esc(", ".join(_topic_names(activity.topics, knowledge))) or "—"),
        ("Format", activity.format or "—"),
        ("Location", esc(activity.location) or "—"),
    ]
    blocks = []
    if intro:
        blocks.append(section(esc(intro)))
    blocks.append(header(f"#{activity.id} {activity.title}"))
    blocks.append({
        "type": "section",
        "fields": [{"type": "mrkdwn", "text": truncate(f"*{name}*\n{value}", 2000)} for name, value in fields],
    })
    pieces, left = escaped_pieces(activity.description, SECTION_LIMIT - 1, DESCRIPTION_SECTIONS)
    blocks += [section(piece + ("…" if left and n == len(pieces) else "")) for n, piece in enumerate(pieces, 1)
               if piece.strip()]
    if left:
        blocks.append(context(f"_The description is cut here ({left:,} more characters); `art67bot export`, "
                              "run where the bot's database is, has the full text._"))
    notes = []
    if activity.url:
        notes.append(esc(activity.url))
    if activity.source_document:
        notes.append("Source: " + esc(activity.source_document))
    if activity.created_at:
        notes.append(f"Recorded {format_date(activity.created_at.date())}")
    if notes:
        blocks.append(context(" · ".join(notes)))
    text = (intro + " " if intro else "") + activity_plain(activity)
    return Reply(text=text, blocks=blocks, response_type=response_type)


def render_search(words: str, activities: Sequence[Activity], more: bool,
                  knowledge: Knowledge | None = None, command: Search | None = None) -> Reply:
    page = command.page if command else 1
    title = f"Activities matching “{words}”" + (f", page {page}" if page > 1 else "")
    if not activities and page > 1:
        buttons = page_buttons(command, more=False)
        return Reply(text=f"No more activities match {words}.",
                     blocks=[section(f"No more activities match “{esc(words)}”.")] + ([buttons] if buttons else []),
                     response_type="in_channel")
    if not activities:
        return Reply(
            text=f"No activities match {words}.",
            blocks=[section(f"No activities match “{esc(words)}”. Try fewer or other words.")],
            response_type="ephemeral",
        )
    blocks = [header(title)]
    blocks += [section(activity_line(a, knowledge)) for a in activities][:MAX_BLOCKS - 3]
    buttons = page_buttons(command, more) if command else None
    if more:
        blocks.append(context("More activities match: press More, or add words to narrow the search." if buttons
                              else "More activities match; add words to narrow the search."))
    if buttons:
        blocks.append(buttons)
    text = title + "\n" + "\n".join(activity_plain(a) for a in activities)
    return Reply(text=text, blocks=blocks, response_type="in_channel")


def render_deleted(activity: Activity) -> Reply:
    message = f"Deleted #{activity.id} {activity.title}."
    return Reply(text=message, blocks=[section(":wastebasket: " + esc(message))], response_type="ephemeral")


def render_topics(knowledge: Knowledge) -> Reply:
    lines = [f"• *{esc(t.name)}* (`{t.slug}`)" for t in knowledge.topics]
    blocks = [header("Topics")] + [section("\n".join(chunk)) for chunk in _chunks(lines, 2800)]
    return Reply(text="Topics: " + ", ".join(t.slug for t in knowledge.topics), blocks=blocks)


def render_agencies(knowledge: Knowledge) -> Reply:
    lines = []
    for agency in knowledge.agencies:
        parent = f" — part of {esc(agency.parent)}" if agency.parent else ""
        lines.append(f"• *{esc(agency.acronym)}*: {esc(agency.name)}{parent}")
    blocks = [header("Agencies")] + [section("\n".join(chunk)) for chunk in _chunks(lines, 2800)]
    return Reply(text="Agencies: " + ", ".join(a.acronym for a in knowledge.agencies), blocks=blocks)


def _chunks(lines: Sequence[str], limit: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) + 1 > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return chunks


def render_synonyms(topic: Topic) -> Reply:
    words = ", ".join(topic.synonyms) or "none yet"
    body = f"*{esc(topic.name)}* (`{esc(topic.slug)}`) is also asked about as:\n{esc(words)}"
    return Reply(text=f"{topic.name} ({topic.slug}): {words}", blocks=[section(body)], response_type="ephemeral")


def render_synonyms_changed(topic: Topic, changed: Sequence[str], unchanged: Sequence[str], adding: bool,
                            everyday: Sequence[str] = ()) -> Reply:
    verb = "Added" if adding else "Removed"
    lines = []
    if changed:
        lines.append(f"{verb} for {topic.name}: {', '.join(changed)}. Questions use this now.")
    if unchanged:
        lines.append(("Already known: " if adding else "Not synonyms of this topic: ") + ", ".join(unchanged) + ".")
    if not changed:
        lines.append("Nothing changed.")
    if everyday:
        lines.append(f"{', '.join(everyday)}: everyday words; they answer only questions that are "
                     "otherwise about IP (e.g. “IP office budgets”).")
    return Reply(text=" ".join(lines), blocks=[section(esc("\n".join(lines)))], response_type="ephemeral")


def render_linked(topic: Topic, agency: Agency, link: Link, created: bool) -> Reply:
    message = (f"{'Linked' if created else 'Updated the link of'} {topic.name} to {agency.acronym} "
               f"({link.role}, rank {link.rank}). Questions use this now.")
    detail = f"Source: {link.source}" + (f" · {link.description}" if link.description else "")
    return Reply(text=f"{message} {detail}", blocks=[section(esc(message)), context(esc(detail))],
                 response_type="ephemeral")


def render_unlinked(topic: Topic, agency: Agency, removed: bool) -> Reply:
    message = (f"Unlinked {topic.name} from {agency.acronym}." if removed
               else f"{topic.name} was not linked to {agency.acronym}; nothing changed.")
    return Reply(text=message, blocks=[section(esc(message))], response_type="ephemeral")
