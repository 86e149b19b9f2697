"""The report's narrative in Slack (pure): what is stored for a period, and the answer to setting it."""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.periods import Period, long_date, period_label
from bot.core.records import Reply
from bot.core.render import MAX_BLOCKS, SECTION_LIMIT, context, header, section
from bot.core.reporting.filed import narrative_blocks
from bot.core.text import escape_mrkdwn as esc
from bot.core.text import truncate

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def period_words(period: Period) -> str:
    """The period as `/activities narrative` and `/activities report` read it back."""
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def edit_hint(period: Period) -> str:
    return (f"To write it (admins): `/activities narrative {period_words(period)} set TEXT`, paragraphs separated "
            "by blank lines, `#` before a heading; or `art67bot narrative set --from "
            f"{period.start.isoformat()} --to {period.end.isoformat()} FILE.md`. "
            f"`/activities report {period_words(period)} docx` puts it before the table.")


def _who(user: str) -> str:
    return f"<@{user}>" if _USER_ID.match(user) else esc(user)


def render_narrative(member: str, period: Period, text: str | None, updated_by: str = "",
                     updated_at: datetime | None = None) -> Reply:
    """The stored narrative as the Word document numbers it, or that there is none; with how to edit it."""
    label = period_label(period)
    title = f"Narrative of the Article 67 report: {label}"
    blocks = [header(title[:150])]
    if not text or not text.strip():
        blocks.append(section(f"No narrative is stored for {esc(member)}'s report for {esc(label)}."))
        blocks.append(context(edit_hint(period)))
        return Reply(text=f"{title}: none stored yet.", blocks=blocks)
    lines = []
    for block in narrative_blocks(text):
        if block.kind == "heading":
            lines.append(f"*{esc(block.text)}*")
        elif block.kind == "item":
            lines.append(f"• {esc(block.text)}")
        else:
            lines.append(f"{block.level}. {esc(block.text)}")
    room = MAX_BLOCKS - len(blocks) - 2
    chunks = [truncate(line, SECTION_LIMIT) for line in lines]
    shown = chunks[:room]
    blocks += [section(chunk) for chunk in shown]
    note = ""
    if len(chunks) > len(shown):
        note = (f"{len(chunks) - len(shown)} more paragraphs do not fit here; `art67bot narrative show --from "
                f"{period.start.isoformat()} --to {period.end.isoformat()}` prints it all. ")
    when = f" on {long_date(updated_at.date())}" if updated_at else ""
    blocks.append(context(f"{note}Last changed by {_who(updated_by)}{when}. {edit_hint(period)}"))
    return Reply(text=f"{title}\n{text.strip()[:2000]}", blocks=blocks)


def render_narrative_saved(member: str, period: Period, text: str, replaced: bool) -> Reply:
    label = period_label(period)
    paragraphs = sum(block.kind == "paragraph" for block in narrative_blocks(text))
    said = (f"{'Replaced' if replaced else 'Saved'} the narrative of {esc(member)}'s Article 67 report for "
            f"{esc(label)}: {paragraphs} numbered paragraph{'s' if paragraphs != 1 else ''}.")
    blocks = [section(said),
              context(f"`/activities narrative {period_words(period)}` shows it; "
                      f"`/activities report {period_words(period)} docx` files it before the table.")]
    return Reply(text=said, blocks=blocks, escaped=True)
