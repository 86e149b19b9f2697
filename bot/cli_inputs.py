"""The command line for collecting inputs: `focal`, `call`, `confirm`, `status` and `audit`.

Every write is recorded in the audit log as made by "cli".
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone

from bot.cli_common import fail, services_for

WHO = "cli"


def add_input_commands(command, common) -> None:
    """Register the subcommands on the parser (`command` is build_parser's helper)."""
    p = command("focal", None, "add, remove or list the focal points who send each agency's activities")
    focal = p.add_subparsers(title="focal commands", metavar="ACTION")
    for name, handler, help_text in (("add", cmd_focal_add, "make a Slack user a focal point of an agency"),
                                     ("remove", cmd_focal_remove, "stop a Slack user being a focal point")):
        q = focal.add_parser(name, parents=[common], help=help_text)
        q.add_argument("agency", help="acronym or name")
        q.add_argument("user", help="Slack user ID, e.g. U0123ABCD")
        q.set_defaults(handler=handler)
    q = focal.add_parser("list", parents=[common], help="each agency's focal points")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_focal_list)

    p = command("call", cmd_call, "send the call for inputs: a DM to every focal point (each once)")
    p.add_argument("--period", default="", help="reporting period, e.g. 2025-2026 (default: the latest complete one)")
    p.add_argument("--due", default="", help="YYYY-MM-DD (default: the next reporting deadline's day)")
    p.add_argument("--now", help="send as of this ISO 8601 time (default: now)")

    p = command("confirm", cmd_confirm, "answer a call for an agency, as its focal point would with the buttons")
    p.add_argument("agency", help="acronym or name")
    p.add_argument("--user", required=True, help="the Slack user ID answering (a focal point of the agency, or an admin)")
    p.add_argument("--period", default="")
    p.add_argument("--nothing", action="store_true", help="the agency has nothing to report")

    p = command("status", cmd_status, "where each agency stands in the call for inputs")
    p.add_argument("--period", default="")
    p.add_argument("--json", action="store_true")

    p = command("audit", cmd_audit, "the audit log: every write, who made it, when, before and after")
    p.add_argument("--since", help="YYYY-MM-DD or an ISO 8601 time (UTC)")
    p.add_argument("--json", action="store_true")


def _agency(name: str, services) -> str | None:
    agency = services.knowledge().agency(name)
    return agency.acronym if agency else None


def cmd_focal_add(args) -> int:
    from storage import inputs

    services = services_for(args)
    acronym = _agency(args.agency, services)
    if acronym is None:
        return fail(f"unknown agency {args.agency!r}; `art67bot command \"/activities agencies\"` lists them")
    with services.db.session() as session:
        added = inputs.add_focal_points(session, acronym, [args.user], WHO)
    print(f"{args.user} is {'now' if added else 'already'} a focal point of {acronym}.")
    return 0


def cmd_focal_remove(args) -> int:
    from storage import inputs

    services = services_for(args)
    acronym = _agency(args.agency, services) or args.agency
    with services.db.session() as session:
        removed = inputs.remove_focal_point(session, acronym, args.user, WHO)
    if not removed:
        return fail(f"{args.user} is not a focal point of {acronym}; nothing changed")
    print(f"{args.user} is no longer a focal point of {acronym}.")
    return 0


def cmd_focal_list(args) -> int:
    from storage import inputs

    with services_for(args).db.session() as session:
        points = inputs.focal_points(session)
    if args.json:
        print(json.dumps([{"agency": p.agency, "user": p.user_id, "unreachable": p.unreachable or None}
                          for p in points], indent=2))
        return 0
    for point in points:
        print(f"{point.agency}\t{point.user_id}" + (f"\t({point.unreachable})" if point.unreachable else ""))
    return 0


def cmd_call(args) -> int:
    from bot.inputs import InputsError, make_call, send_call
    from bot.reminders import reminder_client

    services = services_for(args)
    now = services.now()
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            return fail(f"--now {args.now!r} is not an ISO 8601 time, e.g. 2027-08-16T17:00Z")
        if now.tzinfo is None:
            now = now.replace(tzinfo=services.settings.zone())
        services.clock = lambda: now
    try:
        call, _ = make_call(args.period, args.due, WHO, services)
    except InputsError as problem:
        return fail(str(problem))
    result = send_call(call, services, reminder_client(services.settings), now)
    print(f"Sent {result.sent} DMs for the call for inputs {call.start}..{call.end}, due {call.due}"
          + (f"; {result.already} already sent" if result.already else "")
          + (f"; {result.unreachable} focal points unreachable" if result.unreachable else "") + ".")
    return 0


def cmd_confirm(args) -> int:
    from bot.inputs import InputsError, confirm, period_of

    services = services_for(args)
    acronym = _agency(args.agency, services)
    if acronym is None:
        return fail(f"unknown agency {args.agency!r}")
    try:
        period = period_of(args.period, services)
        confirm(acronym, args.user, "nothing" if args.nothing else "confirmed", services, period=period)
    except InputsError as problem:
        return fail(str(problem))
    print(f"{acronym}: {'nothing to report' if args.nothing else 'list confirmed'} by {args.user}.")
    return 0


def cmd_status(args) -> int:
    from bot.core.reporting.inputs import STATE_NAMES, status_line
    from bot.inputs import InputsError, period_of, status_for

    services = services_for(args)
    try:
        status = status_for(services, period_of(args.period, services))
    except InputsError as problem:
        return fail(str(problem))
    if args.json:
        print(json.dumps(status.to_json(), indent=2))
        return 0
    print(f"{status.period.start}..{status.period.end}: {status_line(status)}"
          + (f"; due {status.due}" if status.due else "; no call sent yet"))
    for agency in status.agencies:
        by = f" by {agency.by} at {agency.at:%Y-%m-%d %H:%M}" if agency.by and not agency.state == "pending" else ""
        print(f"  {agency.acronym:<12} {STATE_NAMES[agency.state]:<28} {agency.activities:>4} activities  "
              f"{', '.join(agency.focal_points)}{by}")
    return 0


def cmd_audit(args) -> int:
    from storage import audit

    since = None
    if args.since:
        try:
            since = (datetime.fromisoformat(args.since) if "T" in args.since or " " in args.since
                     else datetime.combine(date.fromisoformat(args.since), time(0)))
        except ValueError:
            return fail(f"--since {args.since!r} is not a date (YYYY-MM-DD) or an ISO 8601 time")
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
    with services_for(args).db.session() as session:
        entries = audit.entries(session, since=since)
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return 0
    for entry in entries:
        print(f"{entry['at']}  {entry['who']:<12} {entry['action']:<9} {entry['entity']} {entry['id']}")
    return 0
