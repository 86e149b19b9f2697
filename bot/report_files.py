"""The report as it is filed, in the shell: storage -> core -> a Word document or a workbook, written by
the command line or uploaded to Slack; and the narrative stored for each period."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.core import grammar
from bot.core.periods import PERIOD_FORMS, Period, PeriodError, parse_period, period_label
from bot.core.records import Reply
from bot.core.render import render_admin_only, render_error
from bot.core.reporting.filed import FiledTable, filed_table
from bot.core.reporting.narrative_render import render_narrative, render_narrative_saved
from bot.reports import load_report
from bot.services import Services
from storage import activities
from storage import narratives as narrative_store

log = logging.getLogger(__name__)
KINDS = {"docx": "Word document", "xlsx": "Excel workbook"}
FAILED_UPLOAD = ("I could not upload the {kind} of the Article 67 report to this channel ({why}). Invite me to the "
                 "channel, or make it with `art67bot report --from {start} --to {end} --format {ext} --output "
                 "report.{ext}`.")


def load_filed(services: Services, period: Period, member: str | None = None,
               columns: Sequence[str] = ()) -> FiledTable:
    """The report for the period (as `/activities report` makes it), each row with its activity."""
    report = load_report(services, period, member)
    with services.db.session() as session:
        found = activities.all_activities(session, period.start, period.end)
    return filed_table(report, found, services.knowledge(), columns)


def stored_narrative(services: Services, period: Period, member: str | None = None) -> str:
    with services.db.session() as session:
        found = narrative_store.get_narrative(session, member or services.settings.member, period.start, period.end)
    return found.text if found else ""


def report_file(kind: str, table: FiledTable, narrative: str = "") -> bytes:
    if kind == "docx":  # python-docx and openpyxl load only when a file is made (start-up time)
        from bot.core.reporting.docx_report import to_docx

        return to_docx(table, narrative)
    from bot.core.reporting.xlsx_report import to_xlsx

    return to_xlsx(table)


def file_name(kind: str, period: Period) -> str:
    return f"art67-report-{period.start}-{period.end}.{kind}"


def _period(text: str, services: Services) -> Period | Reply:
    try:
        return parse_period(text, services.today(), services.settings.period_start_month)
    except PeriodError as exc:
        return render_error(str(exc), f"Periods look like {PERIOD_FORMS}; leave it out for the latest complete one.")


# Slack: `/activities report [period] docx|xlsx`

def file_report_command(ack, parsed: grammar.Report, command: dict, services: Services, client: WebClient,
                        respond: Callable[..., object]) -> None:
    """Acknowledged at once (ephemerally); the file is made and uploaded to the channel after."""
    period = _period(parsed.period, services)
    if isinstance(period, Reply):
        ack(**period.payload())
        return
    ack(response_type="ephemeral",
        text=f"Making the {KINDS[parsed.format]} of the Article 67 report for {period_label(period)}…")
    services.background.submit(deliver_report_file, parsed.format, period, command, services, client, respond)


def deliver_report_file(kind: str, period: Period, command: dict, services: Services, client: WebClient,
                        respond: Callable[..., object]) -> str:
    """Make the file, upload it to the channel (files upload v2), and tell the user where it went.

    Returns "uploaded" or "failed"."""
    channel = command.get("channel_id", "")
    try:
        table = load_filed(services, period)
        narrative = stored_narrative(services, period) if kind == "docx" else ""
        data = report_file(kind, table, narrative)
        label = table.report.period_label
        client.files_upload_v2(channel=channel, content=data, filename=file_name(kind, period),
                               title=f"Article 67 report, {label} ({KINDS[kind]})",
                               initial_comment=f"The Article 67 report for {label}, as {'an' if kind == 'xlsx' else 'a'} "
                                               f"{KINDS[kind]}.")
    except (SlackApiError, SlackClientError, OSError) as exc:
        why = exc.response.get("error") if isinstance(exc, SlackApiError) and exc.response else None
        log.warning("uploading the report %s to %s failed: %s", kind, channel, exc)
        reply = render_error(FAILED_UPLOAD.format(kind=KINDS[kind], why=f"Slack said `{why}`" if why else
                                                  "the upload did not go through", start=period.start,
                                                  end=period.end, ext=kind))
        respond(**reply.payload(), replace_original=False)
        return "failed"
    except Exception:
        log.exception("making the report %s for %s failed", kind, period)
        respond(**render_error("Something went wrong on my side while making the report file; nothing was "
                               "uploaded. Please try again in a minute.").payload(), replace_original=False)
        return "failed"
    respond(response_type="ephemeral", replace_original=False,
            text=f"The {KINDS[kind]} of the Article 67 report for {label} ({file_name(kind, period)}, "
                 f"{len(table.rows)} programme{'s' if len(table.rows) != 1 else ''} or activit"
                 f"{'ies' if len(table.rows) != 1 else 'y'}) is in <#{channel}>.")
    return "uploaded"


# Slack: `/activities narrative [period] [set TEXT]`

def answer_narrative(command: grammar.Narrative, user_id: str, services: Services) -> Reply:
    """The stored narrative of the period, or (admins) store a new one; only the asker sees the answer."""
    period = _period(command.period, services)
    if isinstance(period, Reply):
        return period
    member = services.settings.member
    if command.text is None:
        with services.db.session() as session:
            found = narrative_store.get_narrative(session, member, period.start, period.end)
        if found is None:
            return render_narrative(member, period, None)
        return render_narrative(member, period, found.text, found.updated_by, found.updated_at)
    if not services.is_admin(user_id):
        return render_admin_only("change the report's narrative")
    with services.db.session() as session:
        replaced = narrative_store.get_narrative(session, member, period.start, period.end) is not None
        narrative_store.set_narrative(session, member, period.start, period.end, command.text, user_id,
                                      at=services.now())
    log.info("narrative for %s %s..%s set by %s", member, period.start, period.end, user_id)
    return render_narrative_saved(member, period, command.text, replaced)
