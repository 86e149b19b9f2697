"""`art67bot deadline add|list|delete` and `art67bot remind`: reporting deadlines and their reminders."""

from __future__ import annotations

import sys
import threading

from bot.cli_common import print_reply, services_for


def add_deadline_commands(command, common) -> None:
    """Register deadline and remind (`command(name, handler, help)` adds one)."""
    p = command("deadline", None, "add, list or delete reporting deadlines")
    deadline = p.add_subparsers(title="deadline commands", metavar="ACTION")
    q = deadline.add_parser("add", parents=[common], help="add a deadline")
    q.set_defaults(handler=cmd_deadline_add)
    q.add_argument("--title", required=True)
    q.add_argument("--due", required=True, help="ISO 8601, e.g. 2027-09-15T17:00 or 2027-09-15T17:00+02:00")
    q.add_argument("--tz", help="time zone of a --due without offset (default: ART67_TIMEZONE)")
    q.add_argument("--yearly", action="store_true", help="repeat every year")
    q.add_argument("--lead", help="days before the due time to remind, e.g. 30,14,7,1 (the default)")
    q.add_argument("--channel", help="channel ID to remind (default: ART67_REMINDER_CHANNEL)")
    q.add_argument("--notes", help="e.g. the airgram's symbol")
    q = deadline.add_parser("list", parents=[common], help="list deadlines with their next reminder")
    q.set_defaults(handler=cmd_deadline_list)
    q = deadline.add_parser("delete", parents=[common], help="delete a deadline and its reminders")
    q.set_defaults(handler=cmd_deadline_delete)
    q.add_argument("id", type=int)

    p = command("remind", cmd_remind, "post due reminders: one tick with --once, else every ART67_TICK_SECONDS")
    p.add_argument("--once", action="store_true", help="run one tick, print what it posted, and exit")
    p.add_argument("--now", help="with --once: run the tick as of this ISO 8601 time (default: now)")
    p.add_argument("--dry-run", action="store_true",
                   help="with --once: print the reminders that would be posted; post and write nothing")


def cmd_deadline_add(args) -> int:
    from bot.core.deadlines import deadline_from_fields
    from bot.core.render import render_error
    from bot.deadline_commands import save_new_deadline

    services = services_for(args)
    given = {"title": args.title, "due": args.due, "timezone": args.tz,
             "repeat": "yearly" if args.yearly else None, "leads": args.lead, "channel": args.channel,
             "notes": args.notes}
    new, errors = deadline_from_fields(
        {key: value for key, value in given.items() if value is not None},
        default_zone=services.settings.timezone, default_channel=services.settings.reminder_channel or "",
        now=services.now(), created_by="cli",
    )
    if errors:
        return print_reply(render_error(errors, "Nothing was saved."), failed=True)
    return print_reply(save_new_deadline(services, new))


def cmd_deadline_list(args) -> int:
    from bot.deadline_commands import answer_deadlines

    return print_reply(answer_deadlines(services_for(args)))


def cmd_deadline_delete(args) -> int:
    from bot.core.deadline_render import render_deadline_deleted
    from storage.deadlines import delete_deadline

    with services_for(args).db.session() as session:
        deleted = delete_deadline(session, args.id, who="cli")
    if deleted is None:
        print(f"art67bot: there is no deadline #{args.id}; nothing was deleted", file=sys.stderr)
        return 1
    return print_reply(render_deadline_deleted(deleted))


def cmd_remind(args) -> int:
    from datetime import datetime

    from bot.delivery import Posted, Poster
    from bot.reminders import remind, reminder_client, reminders_running, send_digests

    if (args.now or args.dry_run) and not args.once:
        print(f"art67bot: {'--now' if args.now else '--dry-run'} goes with --once", file=sys.stderr)
        return 2
    services = services_for(args)
    if not args.once:
        print(f"art67bot reminding every {services.settings.tick_seconds} s; Ctrl-C stops", file=sys.stderr)
        with reminders_running(services):
            threading.Event().wait()
        return 0
    now = services.now()
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            print(f"art67bot: --now {args.now!r} is not an ISO 8601 time, e.g. 2027-08-16T17:00Z", file=sys.stderr)
            return 2
        if now.tzinfo is None:
            now = now.replace(tzinfo=services.settings.zone())
    if args.dry_run:
        from bot.reminders import would_remind

        found = would_remind(services, now)
        for channel, text in found:
            print(f"would post to {channel}: {text}")
        print(f"{len(found)} reminder{'s' if len(found) != 1 else ''} due; nothing was posted or written.")
        return 0
    poster = Poster(services.db, reminder_client(services.settings))
    posted = remind(services, poster, now) + [
        item for item in send_digests(services, poster, now) if isinstance(item, Posted)
    ]
    for item in posted:
        print(f"posted to {item.channel} (ts {item.ts}): {item.text}")
    if not posted:
        print(f"nothing posted at {now.isoformat()}")
    return 0
