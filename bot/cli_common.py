"""What every `art67bot` command module shares: opening the services from the arguments, writing output,
printing a reply, refusing with a message. Kept apart from bot/cli.py so that the command modules can
import it without going back up to the parser."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.config import Settings


def services_for(args, settings: Settings | None = None, **kwargs):
    """The services for a command: `--db` (either position), else DATABASE_URL, and the environment."""
    from bot.services import open_services

    return open_services(settings=settings or Settings.from_env(database_url=args.db), **kwargs)


def write_output(data: str | bytes, output: str | None, note: str) -> None:
    """Text (as UTF-8) or bytes to standard output, or to `output` with `note` on standard error."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    if output:
        Path(output).write_bytes(raw)
        print(note, file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)


def print_reply(reply, failed: bool = False) -> int:
    """A reply as the terminal shows it, on standard error when `failed`; the exit status."""
    from bot.offline.terminal import render_message

    print(render_message(reply.payload()), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def fail(message: str) -> int:
    """`art67bot: message` on standard error; exit status 2 (a usage problem)."""
    print(f"art67bot: {message}", file=sys.stderr)
    return 2


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a bulk job. An import of 100,000 rows allocates
    millions of objects, none in reference cycles (reference counting frees them all), and the
    collector's repeated passes over the live ones took a third of the import's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
