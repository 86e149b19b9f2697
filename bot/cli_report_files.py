"""The command line for the report as it is filed: `report --format docx|xlsx` and `narrative set|show`.

A narrative set from the command line is recorded in the audit log as made by "cli".
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli_common import fail, services_for, write_output

WHO = "cli"
MAX_NARRATIVE_BYTES = 1_000_000


def add_narrative_commands(command, common) -> None:
    """Register `narrative set` and `narrative show` on the parser (`command` is build_parser's helper)."""
    p = command("narrative", None, "the narrative paragraphs of the Article 67 report, stored per reporting period")
    narrative = p.add_subparsers(title="narrative commands", metavar="ACTION")
    for name, handler, help_text in (
            ("set", cmd_narrative_set, "store a Markdown file as the narrative of the period's report"),
            ("show", cmd_narrative_show, "print the narrative stored for the period")):
        q = narrative.add_parser(name, parents=[common], help=help_text, description=help_text)
        q.add_argument("--from", dest="start", metavar="DATE", help="first day of the period, e.g. 2025-09-01")
        q.add_argument("--to", dest="end", metavar="DATE", help="last day of the period (default for both: the "
                       "latest complete reporting period)")
        q.add_argument("--member", help="the reporting Member (default: ART67_MEMBER)")
        if name == "set":
            q.add_argument("file", help="the narrative, as Markdown: paragraphs separated by blank lines, "
                           "`#` before a heading")
        q.set_defaults(handler=handler)


def check_file_options(args) -> str | None:
    """Why the report's options do not go together (None when they do); run before opening the database."""
    from bot.core.reporting.filed import ColumnsError, parse_columns

    if args.columns is not None and args.format not in ("docx", "xlsx"):
        return "--columns goes with --format docx or xlsx"
    if args.narrative is not None and args.format != "docx":
        return "--narrative goes with --format docx"
    try:
        parse_columns(args.columns)
    except ColumnsError as exc:
        return f"--columns: {exc}"
    if args.narrative is not None:
        problem = narrative_problem(args.narrative)
        if problem:
            return problem
    if args.format in ("docx", "xlsx") and not args.output and sys.stdout.isatty():
        return f"a .{args.format} file is not for the terminal: give --output FILE.{args.format}"
    return None


def narrative_problem(path: str) -> str | None:
    """Why the narrative file cannot be used, or None."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    if len(raw) > MAX_NARRATIVE_BYTES:
        return f"{path} is larger than {MAX_NARRATIVE_BYTES:,} bytes"
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"{path} is not UTF-8 text (byte {exc.start + 1})"
    return None


def read_narrative(path: str) -> str | None:
    """The file's text (UTF-8, a byte-order mark allowed), or None after saying on standard error why not."""
    problem = narrative_problem(path)
    if problem:
        fail(problem)
        return None
    return Path(path).read_bytes().decode("utf-8-sig")


def write_report_file(args, services, period) -> int:
    """`art67bot report --format docx|xlsx`: the file, to --output (or standard output)."""
    from bot.core.report import NO_ITEMS
    from bot.core.reporting.filed import parse_columns
    from bot.report_files import load_filed, report_file, stored_narrative

    table = load_filed(services, period, args.member, parse_columns(args.columns))
    narrative = ""
    if args.format == "docx":
        narrative = read_narrative(args.narrative) if args.narrative else stored_narrative(services, period, args.member)
        if narrative is None:
            return 2
    data = report_file(args.format, table, narrative or "")
    write_output(data, args.output, f"Wrote the report for {table.report.period_label} to {args.output}.")
    if not table.rows:
        print(NO_ITEMS, file=sys.stderr)
    return 0


def _period(args, services):
    """The period of --from/--to, else the latest complete one; or an exit status after saying why not."""
    from bot.core.dates import DateError, parse_date
    from bot.core.periods import Period, default_period

    if bool(args.start) != bool(args.end):
        return fail("give both --from and --to, or neither for the latest complete reporting period")
    if not args.start:
        return default_period(services.today(), services.settings.period_start_month)
    try:
        period = Period(parse_date(args.start), parse_date(args.end))
    except DateError as exc:
        return fail(str(exc))
    if period.end < period.start:
        return fail("the period ends (--to) before it starts (--from)")
    return period


def cmd_narrative_set(args) -> int:
    from bot.core.periods import period_label
    from bot.core.reporting.filed import narrative_blocks
    from storage.narratives import set_narrative

    text = read_narrative(args.file)
    if text is None:
        return 2
    if not text.strip():
        return fail(f"{args.file} is empty; nothing was stored")
    chosen = _services_period_member(args)
    if isinstance(chosen, int):
        return chosen
    services, period, member = chosen
    with services.db.session() as session:
        set_narrative(session, member, period.start, period.end, text, WHO)
    paragraphs = sum(block.kind == "paragraph" for block in narrative_blocks(text))
    print(f"Stored the narrative of {member}'s report for {period_label(period)}: {paragraphs} numbered "
          f"paragraph{'s' if paragraphs != 1 else ''}.")
    return 0


def _services_period_member(args):
    """(services, the period --from/--to name, the Member), or the exit status of a bad period."""
    services = services_for(args)
    period = _period(args, services)
    if isinstance(period, int):
        return period
    return services, period, args.member or services.settings.member


def cmd_narrative_show(args) -> int:
    from bot.core.periods import period_label
    from storage.narratives import get_narrative

    chosen = _services_period_member(args)
    if isinstance(chosen, int):
        return chosen
    services, period, member = chosen
    with services.db.session() as session:
        found = get_narrative(session, member, period.start, period.end)
    if found is None:
        print(f"art67bot: no narrative is stored for {member}'s report for {period_label(period)}; "
              f"`art67bot narrative set --from {period.start} --to {period.end} FILE.md` stores one",
              file=sys.stderr)
        return 1
    sys.stdout.write(found.text if found.text.endswith("\n") else found.text + "\n")
    return 0
