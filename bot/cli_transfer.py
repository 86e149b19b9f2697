"""`art67bot import`, `export` and `report`: activities in and out of files (the report also as the
documents `bot/cli_report_files.py` makes)."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli_common import services_for, without_cycle_collection, write_output


def add_transfer_commands(command, common) -> None:
    """Register import, members, export, report and narrative (`command(name, handler, help)` adds one)."""
    p = command("import", cmd_import, "import activities from CSV or JSON (all or nothing)")
    p.add_argument("file")
    p.add_argument("--format", choices=["csv", "json"], help="default: from the file name")
    p.add_argument("--allow-unknown", action="store_true", help="keep beneficiaries outside the WTO list as "
                   "written (else each needs \"(other)\" after it)")
    p.add_argument("--allow-duplicates", action="store_true", help="import activities recorded already "
                   "(same title, start date and agency) all the same")

    from bot.cli_beneficiaries import add_member_commands

    add_member_commands(command)

    p = command("export", cmd_export, "export activities as CSV or JSON, or as an iCalendar (.ics) feed")
    p.add_argument("--format", choices=["csv", "json", "ics"], default="csv")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--excel", action="store_true", help="CSV for Excel: start with a UTF-8 byte-order mark, so that accents show right")

    p = command("report", cmd_report,
                "the Article 67 table for a reporting period (default: the latest complete one)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day of the period, e.g. 2025-09-01")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day of the period, e.g. 2026-08-31")
    p.add_argument("--member", help="the reporting Member (default: ART67_MEMBER, else United States of America)")
    p.add_argument("--format", choices=["md", "csv", "json", "docx", "xlsx"], default="md",
                   help="docx: the communication to the TRIPS Council; xlsx: the table and counts, for Excel")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--excel", action="store_true", help="with --format csv: start with a UTF-8 byte-order "
                   "mark, so that Excel shows accents right")
    p.add_argument("--columns", metavar="NAMES", help="with --format docx or xlsx: columns after the e-TRIPS "
                   "four, comma-separated: end_date, agency, topics, format")
    p.add_argument("--narrative", metavar="FILE.md", help="with --format docx: the paragraphs before the table "
                   "(default: the narrative stored for the period, see `art67bot narrative`)")

    from bot.cli_report_files import add_narrative_commands

    add_narrative_commands(command, common)


def cmd_import(args) -> int:
    from bot.cli_beneficiaries import refuse_duplicates
    from bot.core.transfer import ImportRejected, parse_import_lines
    from storage.activities import add_activities

    path = Path(args.file)
    try:
        text = path.read_bytes()  # parse_import decodes it, naming the line of a byte that is not UTF-8
    except OSError as exc:
        print(f"art67bot: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    kind = args.format or ("json" if path.suffix.lower() == ".json" else "csv")
    services = services_for(args)
    with without_cycle_collection():
        try:
            lines, items = zip(*parse_import_lines(text, kind, services.knowledge(), today=services.today(),
                                                   created_by="cli-import", allow_unknown=args.allow_unknown))
        except ImportRejected as exc:
            print(f"art67bot: {path} was not imported; nothing was written. Fix these lines:", file=sys.stderr)
            for error in exc.errors:
                print(f"  {error}", file=sys.stderr)
            return 1
        with services.db.session() as session:
            if not args.allow_duplicates and refuse_duplicates(session, lines, items, path):
                return 1
            stored = add_activities(session, list(items), services.settings.member, who="cli")
    print(f"Imported {stored} activities from {path}.")
    return 0


def cmd_export(args) -> int:
    from bot.core.calendar import build_calendar, calendar_deadlines
    from bot.core.transfer import to_csv, to_json
    from storage.activities import all_activities
    from storage.deadlines import all_deadlines

    if args.excel and args.format != "csv":
        print("art67bot: --excel goes with --format csv", file=sys.stderr)
        return 2
    services = services_for(args)
    with services.db.session() as session:
        activities = all_activities(session)
        deadlines = all_deadlines(session) if args.format == "ics" else []
    if args.format == "ics":
        data = build_calendar(activities, calendar_deadlines(deadlines, services.now()),
                              stamp=services.now(), knowledge=services.knowledge(),
                              zone=services.settings.zone())
    else:
        data = to_json(activities) if args.format == "json" else to_csv(activities, excel=args.excel)
    write_output(data, args.output, f"Exported {len(activities)} activities to {args.output}.")
    return 0


def cmd_report(args) -> int:
    from bot.core.dates import DateError, parse_date
    from bot.core.periods import Period, default_period
    from bot.core.report import NO_ITEMS, to_csv, to_json, to_markdown
    from bot.reports import load_report

    if bool(args.start) != bool(args.end):
        print("art67bot: give both --from and --to, or neither for the latest complete reporting period",
              file=sys.stderr)
        return 2
    if args.excel and args.format != "csv":
        print("art67bot: --excel goes with --format csv", file=sys.stderr)
        return 2
    if args.format in ("docx", "xlsx") or args.columns is not None or args.narrative is not None:
        from bot.cli_report_files import check_file_options

        problem = check_file_options(args)
        if problem:
            print(f"art67bot: {problem}", file=sys.stderr)
            return 2
    services = services_for(args)
    if args.start:
        try:
            period = Period(parse_date(args.start), parse_date(args.end))
        except DateError as exc:
            print(f"art67bot: {exc}", file=sys.stderr)
            return 2
        if period.end < period.start:
            print("art67bot: the period ends (--to) before it starts (--from)", file=sys.stderr)
            return 2
    else:
        period = default_period(services.today(), services.settings.period_start_month)
    if args.format in ("docx", "xlsx"):
        from bot.cli_report_files import write_report_file

        return write_report_file(args, services, period)
    report = load_report(services, period, args.member)
    render = {"md": to_markdown, "csv": lambda r: to_csv(r, excel=args.excel), "json": to_json}[args.format]
    write_output(render(report), args.output, f"Wrote the report for {report.period_label} to {args.output}.")
    if not report.rows and args.format == "csv":
        print(NO_ITEMS, file=sys.stderr)
    if not report.rows and report.elsewhere:
        from bot.core.report import elsewhere_line

        print(elsewhere_line(report), file=sys.stderr)  # "No activities in …; 14 are recorded in other periods."
    return 0
