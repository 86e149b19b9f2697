"""`art67bot serve` with a reply cache that keeps nothing: every request is a miss, as each new
`/activities upcoming …` text is in real use. For benchmarks only."""

from __future__ import annotations

import sys

from bot import cache


def main() -> int:
    cache.ReplyCache.__init__.__defaults__ = (0,)  # size 0: computed, stored, evicted at once
    from bot.cli import main as cli_main

    return cli_main(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
