"""The Article 67 report in Slack: the summary message, and the table as paginated messages for
workspaces where the bot may not upload files."""

from __future__ import annotations

from bot.core.periods import long_date
from bot.core.records import Reply
from bot.core.render import MAX_BLOCKS, SECTION_LIMIT, context, header, section
from bot.core.report import NO_ITEMS, Report, count_line, elsewhere_line, header_lines, ldc_line
from bot.core.text import escape_mrkdwn as esc
from bot.core.text import truncate

RESPONSE_URL_POSTS = 5  # Slack accepts five posts to one response_url


def render_summary(report: Report, *, table_follows: bool) -> Reply:
    """The header fields and counts by agency and by ¶5 topic area, for the channel."""
    title = f"Article 67 report: {report.period_label}"
    blocks = [header(title), section("\n".join(esc(line) for line in header_lines(report)))]
    text = [title, *header_lines(report)]
    if not report.rows:
        blocks.append(section(NO_ITEMS))
        text.append(NO_ITEMS)
        if report.elsewhere:  # "No activities in …; 14 are recorded in other periods."
            blocks.append(section(esc(elsewhere_line(report))))
            text.append(elsewhere_line(report))
        return Reply(text="\n".join(text), blocks=blocks, response_type="in_channel")
    agencies = [f"• {esc(c.label)}: {c.count}" for c in report.by_agency]
    blocks.append(section(f"*{count_line(len(report.rows))}*\n*By agency*\n" + "\n".join(agencies)))
    groups: dict[str, list[str]] = {}
    for c in report.by_topic:  # every topic, ¶5 topic areas and ¶10 programmes included
        groups.setdefault(c.group, []).append(f"• {esc(c.label)}: {c.count}")
    topics = [f"*{group}*\n" + "\n".join(lines) for group, lines in groups.items()]
    topics.append(f"• No topic: {report.without_topic}")
    blocks.append(section(truncate("*By topic*\n" + "\n".join(topics), SECTION_LIMIT)))
    blocks.append(section(esc(ldc_line(report))))
    if table_follows:
        blocks.append(context("The table follows in this channel."))
    text += [count_line(len(report.rows)), ldc_line(report)]
    return Reply(text="\n".join(text), blocks=blocks, response_type="in_channel")


def render_table_pages(report: Report, *, max_blocks: int = MAX_BLOCKS, section_limit: int = SECTION_LIMIT,
                       max_pages: int = RESPONSE_URL_POSTS) -> list[Reply]:
    """The table as messages of at most `max_blocks` blocks, each section within `section_limit`.

    A header and a page note take two blocks of each page. Rows beyond `max_pages` pages are
    named on the last page, with the command that prints them all.
    """
    lines = [
        truncate(f"*{row.number}.* {esc(row.title)} · {long_date(row.start_date)} · {esc(row.beneficiaries)}",
                 section_limit)
        for row in report.rows
    ]
    sections = _chunks(lines, section_limit)
    per_page = max_blocks - 2
    pages = [sections[i:i + per_page] for i in range(0, len(sections), per_page)]
    shown_pages = pages[:max_pages]
    shown_rows = sum(len(chunk) for page in shown_pages for chunk in page)
    title = f"Article 67 table: {report.period_label}"
    replies = []
    for index, page in enumerate(shown_pages, start=1):
        note = f"Page {index} of {len(shown_pages)}."
        if index == len(shown_pages) and shown_rows < len(report.rows):
            note += (f" Rows {shown_rows + 1}–{len(report.rows)} do not fit in Slack messages; "
                     f"`art67bot report --from {report.period.start} --to {report.period.end}` prints them all.")
        blocks = [header(title), *(section("\n".join(chunk)) for chunk in page), context(note)]
        replies.append(Reply(text=f"{title} (page {index} of {len(shown_pages)})", blocks=blocks,
                             response_type="in_channel"))
    return replies


def _chunks(lines: list[str], limit: int) -> list[list[str]]:
    """Consecutive lines grouped so that each group, joined by newlines, fits in `limit`."""
    chunks: list[list[str]] = []
    size = 0
    for line in lines:
        if chunks and size + 1 + len(line) <= limit:
            chunks[-1].append(line)
            size += 1 + len(line)
        else:
            chunks.append([line])
            size = len(line)
    return chunks
