"""The `art67bot` command line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from bot.config import ConfigError, Settings

log = logging.getLogger("art67bot")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("ART67_LOG_LEVEL", "WARNING").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except ConfigError as exc:
        print(f"art67bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="database URL (default: DATABASE_URL, else sqlite:///art67bot.db)")
    parser = argparse.ArgumentParser(prog="art67bot", description=__doc__, parents=[common])
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    command("init", cmd_init, "create or upgrade the database and load the knowledge base")

    p = command("serve", cmd_serve, "serve Slack's signed HTTP requests on /slack/events (waitress)")
    p.add_argument("--host", default=os.environ.get("ART67_HOST", "0.0.0.0"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    p.add_argument("--threads", type=int, default=8)

    p = command("console", cmd_console, "an interactive local channel driving the same Bolt app")
    p.add_argument("--user", default=None, help="act as this Slack user, with its own rights (default: the operator, an admin)")

    p = command("command", cmd_command, "run one slash command offline and print the reply")
    p.add_argument("text", help='e.g. "/activities upcoming"')
    p.add_argument("--user", default=None, help="act as this Slack user, with its own rights (default: the operator, an admin)")
    p.add_argument("--channel", default="CLOCAL")
    p.add_argument("--json", action="store_true", help="print the Slack response payload as JSON")

    p = command("ask", cmd_ask, "answer a question in plain words, e.g. \"who handles border enforcement?\"")
    p.add_argument("question")
    p.add_argument("--json", action="store_true",
                   help='print {"question", "topic", "agencies", "source"} as JSON (topic null when abstaining)')

    p = command("synonym", cmd_synonym, "add or remove words that mean a topic (takes effect at once)")
    p.add_argument("action", choices=["add", "remove", "list"])
    p.add_argument("topic", help="topic slug, name or synonym, e.g. border-enforcement")
    p.add_argument("words", nargs="*", help="one or more synonyms (quote phrases)")

    p = command("link", cmd_link, "say which agency covers a topic (takes effect at once)")
    p.add_argument("topic", help="topic slug, name or synonym")
    p.add_argument("agency", help="acronym or name")
    p.add_argument("--role", choices=["lead", "partner", "funder"])
    p.add_argument("--source", help="where this comes from: a report paragraph or a public URL")
    p.add_argument("--description", help="what the agency does on this topic, in one line")
    p.add_argument("--rank", type=int, help="1 = the first answer; default: after the others")

    p = command("unlink", cmd_unlink, "remove the link between a topic and an agency")
    p.add_argument("topic")
    p.add_argument("agency")

    p = command("import", cmd_import, "import activities from CSV or JSON (all or nothing)")
    p.add_argument("file")
    p.add_argument("--format", choices=["csv", "json"], help="default: from the file name")

    p = command("export", cmd_export, "export activities as CSV or JSON")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    return parser


def _services(args, **kwargs):
    from bot.services import open_services

    settings = Settings.from_env(database_url=args.db)
    return open_services(settings=settings, **kwargs)


def cmd_init(args) -> int:
    from bot.services import prepare_database
    from storage import Database

    settings = Settings.from_env(database_url=args.db)
    db = Database(settings.database_url)
    loaded = prepare_database(db)
    print(f"Database ready at {db.engine.url.render_as_string(hide_password=True)}"
          + (" (knowledge base loaded)" if loaded else " (knowledge base up to date)"))
    return 0


def cmd_serve(args) -> int:
    from waitress import serve

    from bot.core.answers import index_for
    from bot.server import make_wsgi_app

    services = _services(args)
    index_for(services.knowledge())  # build the question index now, not on the first question
    wsgi = make_wsgi_app(services)
    print(f"art67bot listening on http://{args.host}:{args.port}/slack/events", file=sys.stderr)
    serve(wsgi, host=args.host, port=args.port, threads=args.threads, ident="art67bot")
    return 0


def _local_user(args) -> tuple[str, frozenset[str]]:
    """Who the console acts as. The operator (no --user) is an admin; --user U acts with U's own rights."""
    from bot.console import LOCAL_USER

    if args.user:
        return args.user, frozenset()
    return LOCAL_USER, frozenset({LOCAL_USER})


def cmd_console(args) -> int:
    from bot.console import run_console

    user, operators = _local_user(args)
    services = _services(args, extra_admins=operators)
    return run_console(services, user_id=user)


def cmd_command(args) -> int:
    from bot.console import LocalSlack, format_output

    user, operators = _local_user(args)
    services = _services(args, extra_admins=operators)
    with LocalSlack(services, user_id=user, channel_id=args.channel) as slack:
        outputs = slack.send(args.text)
    if args.json:
        payload = outputs[0].payload if outputs else {}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for output in outputs:
            print(format_output(output))
    failed = any(o.status != 200 for o in outputs)
    return 1 if failed else 0


def cmd_ask(args) -> int:
    from bot.offline.terminal import render_message
    from bot.questions import ask

    services = _services(args)
    answer, reply = ask(args.question, services)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_message(reply.payload()))
    return 0


def _knowledge_command(args, command) -> int:
    """Run a knowledge-base change as the operator, through the same code as Slack."""
    from bot.commands import answer_link, answer_synonyms
    from bot.console import LOCAL_USER
    from bot.core.grammar import Synonyms
    from bot.offline.terminal import render_message

    services = _services(args, extra_admins=frozenset({LOCAL_USER}))
    handler = answer_synonyms if isinstance(command, Synonyms) else answer_link
    reply = handler(command, LOCAL_USER, services)
    text = render_message(reply.payload())
    failed = text.startswith(":warning:")
    print(text, file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def cmd_synonym(args) -> int:
    from bot.core.grammar import Synonyms

    if args.action != "list" and not args.words:
        print("art67bot: give one or more synonyms after the topic", file=sys.stderr)
        return 2
    return _knowledge_command(args, Synonyms(args.action, args.topic, tuple(args.words)))


def cmd_link(args) -> int:
    from bot.core.grammar import LinkTopic

    if args.rank is not None and not 1 <= args.rank <= 99:
        print("art67bot: --rank is a number from 1 to 99", file=sys.stderr)
        return 2
    return _knowledge_command(args, LinkTopic(False, args.topic, args.agency, role=args.role,
                                              source=args.source, description=args.description,
                                              rank=args.rank))


def cmd_unlink(args) -> int:
    from bot.core.grammar import LinkTopic

    return _knowledge_command(args, LinkTopic(True, args.topic, args.agency))


def cmd_import(args) -> int:
    from bot.core.transfer import ImportRejected, parse_import
    from storage.activities import add_activities

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"art67bot: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    kind = args.format or ("json" if path.suffix.lower() == ".json" else "csv")
    services = _services(args)
    try:
        items = parse_import(text, kind, services.knowledge(), today=services.today(), created_by="cli-import")
    except ImportRejected as exc:
        print(f"art67bot: {path} was not imported; nothing was written. Fix these lines:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    with services.db.session() as session:
        ids = add_activities(session, items)
    print(f"Imported {len(ids)} activities from {path}.")
    return 0


def cmd_export(args) -> int:
    from bot.core.transfer import to_csv, to_json
    from storage.activities import all_activities

    services = _services(args)
    with services.db.session() as session:
        activities = all_activities(session)
    text = to_json(activities) if args.format == "json" else to_csv(activities)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Exported {len(activities)} activities to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
