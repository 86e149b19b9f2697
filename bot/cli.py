"""The `art67bot` command line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from urllib.error import URLError

from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.cli_common import services_for
from bot.config import ConfigError, Settings, check_slack_settings

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
    except BrokenPipeError:  # `art67bot … | head`: the reader left; nothing more to say
        _silence_stdout()
        return 0
    except (BoltError, SlackApiError, SlackClientError, URLError, OSError) as exc:
        print(f"art67bot: could not start: {describe_slack_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """The `art67bot` program: `main()`, then leave at once. Python's own shutdown would spend a fifth of
    a second taking apart SQLAlchemy and the rest, for nothing: every write has been committed, the
    console has waited for the work it started, and the output is flushed here."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `art67bot … | head`: the reader left
        pass
    logging.shutdown()
    os._exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def describe_slack_error(exc: Exception) -> str:
    """A one-line reason for a failure to reach or authenticate with Slack."""
    if isinstance(exc, SlackApiError):
        error = exc.response.get("error") if exc.response else None
        hint = " (check SLACK_BOT_TOKEN / SLACK_APP_TOKEN)" if error in ("invalid_auth", "not_authed",
                                                                       "account_inactive", "token_revoked") else ""
        return f"Slack answered {error or exc}{hint}"
    if isinstance(exc, BoltError) and "token" in str(exc).lower():
        return f"{exc} (check SLACK_BOT_TOKEN)"
    if isinstance(exc, URLError):
        return f"cannot reach the Slack API ({exc.reason}); check SLACK_API_URL and the network"
    return str(exc)


def build_parser() -> argparse.ArgumentParser:
    db_help = "database URL (default: DATABASE_URL, else sqlite:///art67bot.db)"
    # `--db` before or after the command: a subcommand's own --db wins, and leaves the top-level one alone
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
    parser = argparse.ArgumentParser(prog="art67bot", description=__doc__)
    parser.add_argument("--db", metavar="URL", default=None, help=db_help)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    command("init", cmd_init, "create or upgrade the database and load the knowledge base")

    p = command("serve", cmd_serve, "serve Slack's signed HTTP requests on /slack/events (waitress)")
    p.epilog = ("Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack app > Basic Information). Point the app's "
                "Request URLs (slash command, events, interactivity) at https://YOUR-HOST/slack/events. Also "
                "serves /healthz. Runs the reminder ticker too. Database: --db or DATABASE_URL.")
    p.add_argument("--host", default=os.environ.get("ART67_HOST", "0.0.0.0"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    p.add_argument("--threads", type=int, default=8)

    command("run", cmd_run, "connect to Slack over Socket Mode (no public URL needed)")

    p = command("console", cmd_console, "an interactive local channel driving the same Bolt app")
    p.add_argument("--user", default=None, help="act as this Slack user, with its own rights (default: the operator, an admin)")

    p = command("command", cmd_command, "run one slash command offline and print the reply")
    p.add_argument("text", help='e.g. "/activities upcoming"')
    p.add_argument("--user", default=None, help="act as this Slack user, with its own rights (default: the operator, an admin)")
    p.add_argument("--channel", default="CLOCAL")
    p.add_argument("--json", action="store_true", help="print the Slack response payload as JSON")

    from bot.cli_deadlines import add_deadline_commands

    add_deadline_commands(command, common)

    p = command("knowledge", cmd_knowledge_list, "list the stored reports of each Member (or learn one)")
    p.add_argument("--json", action="store_true")
    knowledge = p.add_subparsers(title="knowledge commands", metavar="ACTION")
    q = knowledge.add_parser("learn", parents=[common], help="learn agencies, topics and quoted links from a "
                             "Member's Art. 67 report (.txt, .md, .html, .docx, .pdf)")
    q.add_argument("file")
    q.add_argument("--member", help="the Member whose report it is (default: read from the report, else ART67_MEMBER)")
    q.add_argument("--title", help="the document's title (default: its first line)")
    q.add_argument("--symbol", help="the WTO document symbol, e.g. IP/C/R/TC/USA/2")
    q.add_argument("--date", help="the document's date, YYYY-MM-DD (default: read from the report)")
    q.add_argument("--apply", action="store_true", help="store what is learned (without it nothing is written)")
    q.add_argument("--json", action="store_true", help="print the proposal as JSON")
    q.set_defaults(handler=cmd_knowledge_learn)
    q = knowledge.add_parser("list", parents=[common], help="list the stored reports of each Member")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_knowledge_list)

    p = command("ask", cmd_ask, "answer a question in plain words, e.g. \"who handles border enforcement?\"")
    p.add_argument("question")
    p.add_argument("--member", help="answer from this Member's knowledge (default: a Member the question "
                   "names, else ART67_MEMBER)")
    p.add_argument("--lang", choices=["en", "fr", "es"],
                   help="answer in this language (default: the question's own, English on a tie)")
    p.add_argument("--json", action="store_true", help='print {"question", "topic", "agencies", "source", "member", '
                   '"language"} as JSON (topic null when abstaining)')

    from bot.cli_inputs import add_input_commands

    add_input_commands(command, common)

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

    from bot.cli_transfer import add_transfer_commands

    add_transfer_commands(command, common)
    return parser


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

    from bot.reminders import reminders_running
    from bot.core.knowledge.index import index_for
    from bot.core.knowledge.multilingual import prepare
    from bot.server import MAX_BODY_BYTES, make_wsgi_app

    settings = Settings.from_env(database_url=args.db)
    check_slack_settings(settings, socket_mode=False)
    services = services_for(args, settings)
    index_for(services.knowledge())  # build the question index now, not on the first question
    prepare(services.knowledge())  # and French and Spanish ones
    wsgi = make_wsgi_app(services)
    print(f"art67bot listening on http://{args.host}:{args.port}/slack/events", file=sys.stderr)
    with reminders_running(services):
        serve(wsgi, host=args.host, port=args.port, threads=args.threads, ident="art67bot",
              max_request_body_size=MAX_BODY_BYTES)
    return 0


def cmd_run(args) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app
    from bot.reminders import reminders_running

    settings = Settings.from_env(database_url=args.db)
    check_slack_settings(settings, socket_mode=True)
    services = services_for(args, settings)
    app = build_app(services, socket_mode=True)
    print("art67bot connecting to Slack over Socket Mode", file=sys.stderr)
    with reminders_running(services):
        SocketModeHandler(app, settings.app_token).start()
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
    services = services_for(args, extra_admins=operators)
    return run_console(services, user_id=user)


def cmd_command(args) -> int:
    from bot.console import LocalSlack, format_output

    user, operators = _local_user(args)
    services = services_for(args, extra_admins=operators, on_first_use=True)  # help needs no database
    with LocalSlack(services, user_id=user, channel_id=args.channel) as slack:
        outputs = slack.send(args.text)
    if args.json:
        payload = outputs[0].payload if outputs else {}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for output in outputs:
            print(format_output(output))
    failure = services.db.failure  # the database is opened by the first request that needs it
    if failure is not None:
        print(f"art67bot: could not open the database: {getattr(failure, 'orig', None) or failure}", file=sys.stderr)
        return 1
    failed = any(o.status != 200 for o in outputs)
    return 1 if failed else 0


def cmd_knowledge_learn(args) -> int:
    from bot.learning import cmd_knowledge_learn as learn

    return learn(args, services_for(args))


def cmd_knowledge_list(args) -> int:
    from bot.learning import cmd_knowledge_list as listing

    return listing(args, services_for(args))


def cmd_ask(args) -> int:
    from bot.offline.terminal import render_message
    from bot.questions import UnknownMember, ask

    services = services_for(args)
    try:
        answer, reply = ask(args.question, services, member=args.member, language=args.lang)
    except UnknownMember as unknown:
        print(f"art67bot: {unknown}", file=sys.stderr)
        return 2
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

    services = services_for(args, extra_admins=frozenset({LOCAL_USER}))
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
