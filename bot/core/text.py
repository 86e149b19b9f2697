"""Text helpers: folding for comparisons and escaping for Slack mrkdwn."""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def fold(value: str) -> str:
    """Case-, accent- and space-insensitive key: 'Côte  d'Ivoire' -> "cote d'ivoire"."""
    if value.isascii():
        return " ".join(value.casefold().split())
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def escape_mrkdwn(value: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    With these escaped, stored text such as `<!channel>` or `<@U123>` is shown literally
    and never notifies anyone or renders as a link.
    """
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: max(0, limit - 1)] + "…"
