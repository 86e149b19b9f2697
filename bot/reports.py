"""The Article 67 report in the shell: storage -> core -> Slack (summary, then the table)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.core import grammar
from bot.core.periods import PERIOD_FORMS, Period, PeriodError, parse_period
from bot.core.records import Reply
from bot.core.render import render_error
from bot.core.report import Report, build_report, to_csv
from bot.core.report_blocks import render_summary, render_table_pages
from bot.core.reporting.inputs_render import with_completeness
from bot.inputs import status_for
from bot.services import Services
from storage import activities

log = logging.getLogger(__name__)


@dataclass
class ReportAnswer:
    reply: Reply  # the summary for the channel, or an error for the user
    report: Report | None = None  # the table to deliver after the acknowledgement, when it has rows


def load_report(services: Services, period: Period, member: str | None = None) -> Report:
    with services.db.session() as session:
        found = activities.all_activities(session, period.start, period.end)
        elsewhere = activities.count_outside(session, period.start, period.end) if not found else 0
    return build_report(found, period, member or services.settings.member, services.today(), services.knowledge(),
                        elsewhere=elsewhere)


def answer_report(command: grammar.Report, services: Services) -> ReportAnswer:
    try:
        period = parse_period(command.period, services.today(), services.settings.period_start_month)
    except PeriodError as exc:
        return ReportAnswer(render_error(str(exc), f"Periods look like {PERIOD_FORMS}; "
                                                   "`/activities report` alone gives the latest complete one."))
    report = load_report(services, period)
    summary = render_summary(report, table_follows=bool(report.rows))
    status = status_for(services, period, called_only=True)
    if status is not None:  # a call for inputs was made: how complete the report is
        summary = with_completeness(summary, status)
    return ReportAnswer(summary, report if report.rows else None)


def deliver_table(report: Report, client: WebClient, respond: Callable[..., object], channel_id: str) -> str:
    """Upload the table to the channel as a CSV file; where that is not allowed (no `files:write`
    scope, the bot not in the channel, uploads disabled), post it as messages instead.

    Returns "file" or "messages", whichever was done.
    """
    try:
        client.files_upload_v2(
            channel=channel_id,
            content=to_csv(report),
            filename=f"art67-report-{report.period.start}-{report.period.end}.csv",
            title=f"Article 67 report table, {report.period_label}",
            initial_comment=f"The table of the Article 67 report for {report.period_label}.",
        )
        return "file"
    except (SlackClientError, OSError) as exc:
        log.warning("uploading the report table to %s failed (%s); posting it as messages", channel_id, exc)
    for page in render_table_pages(report):
        respond(**page.payload())
    return "messages"
