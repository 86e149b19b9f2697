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


fold_once = fold.__wrapped__  # the same, without the cache: for text met once (a title, a description)


_ASCII_VISIBLE = re.compile("[!-~]")


def invisible(value: str) -> bool:
    """Whether text shows nothing: only spaces, control characters (NUL, BEL, ESC) and format characters
    (zero-width spaces and joiners, direction marks and overrides). 'Côte d'Ivoire', '東京' and emoji show."""
    if value.isascii():  # the common case, at C speed: ASCII shows something iff it has a character ! to ~
        return _ASCII_VISIBLE.search(value) is None
    return not any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Cn")
                   for ch in value)


def escape_mrkdwn(value: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    With these escaped, stored text such as `<!channel>` or `<@U123>` is shown literally
    and never notifies anyone or renders as a link.
    """
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: max(0, limit - 1)] + "…"


_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED = re.compile(r"<(?:#[A-Z0-9]+|https?://[^|>]+|mailto:[^|>]+)\|([^>]*)>")
_BARE = re.compile(r"<(https?://[^>]+|mailto:[^>]+|#[A-Z0-9]+|![a-z]+(?:\^[^|>]*)?)>")


def slack_plain_text(text: str) -> str:
    """A message as its author typed it: mentions of users (the bot) dropped, links shown by their label,
    Slack's escapes undone. "<@UBOT> who handles <https://x.gov|customs>?" -> "who handles customs?"."""
    text = _USER_MENTION.sub(" ", text or "")
    text = _LABELLED.sub(r"\1", text)
    text = _BARE.sub(lambda m: m.group(1).lstrip("#!") if not m.group(1).startswith("#") else "", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _SPACES.sub(" ", text).strip()


_ESCAPED_WIDTH = {"&": 5, "<": 4, ">": 4}  # "&amp;", "&lt;", "&gt;"


def escaped_pieces(value: str, limit: int, most: int) -> tuple[list[str], int]:
    """`value` escaped for mrkdwn, in at most `most` pieces of at most `limit` characters, each broken
    after a line or a word where one is near (never inside an escape); and how many characters of
    `value` did not fit (0 when all of it is shown)."""
    pieces: list[str] = []
    rest = value
    while rest and len(pieces) < most:
        end = size = 0
        for ch in rest:
            size += _ESCAPED_WIDTH.get(ch, 1)
            if size > limit:
                break
            end += 1
        if end < len(rest):
            gap = max(rest.rfind("\n", 0, end), rest.rfind(" ", 0, end))
            end = gap + 1 if gap >= end // 2 else end
        pieces.append(escape_mrkdwn(rest[:end]))
        rest = rest[end:]
    return pieces, len(rest)
