"""Which Member a question is about: "who handles border measures in Japan?", "Switzerland: who funds IP
projects?". Names and their variants come from bot/data/members.toml and from the Members stored."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.core.text import fold

SHORT = 3  # an alias this short ("US", "EU") counts only as written, in capitals


@dataclass(frozen=True)
class MemberFound:
    member: str | None  # a stored Member the question names
    question: str  # the question without the Member's name, where it stood on its own
    unknown: str | None = None  # a Member named that has no stored knowledge


@lru_cache(maxsize=1)
def known_names() -> dict[str, str]:
    """Every name and variant (folded) -> the WTO's name."""
    with resources.files("bot.data").joinpath("members.toml").open("rb") as handle:
        data = tomllib.load(handle)
    names: dict[str, str] = {}
    for entry in data.get("members", []):
        for name in (entry["name"], *entry.get("aliases", ())):
            names.setdefault(name, entry["name"])
    return names


def canonical(name: str, stored: list[str]) -> str | None:
    """The Member `name` stands for: a stored Member, or one the WTO list knows (None if neither)."""
    wanted = fold(name)
    for member in stored:
        if fold(member) == wanted:
            return member
    for variant, member in known_names().items():
        if fold(variant) == wanted:
            return next((m for m in stored if fold(m) == fold(member)), member)
    return None


def find_member(question: str, stored: list[str]) -> MemberFound:
    """The Member a question names, and the question without it.

    A name inside an agency's name ("Japan Patent Office") selects the Member but stays in the question."""
    variants = {**known_names(), **{m: m for m in stored}}
    for variant in sorted(variants, key=len, reverse=True):
        flags = 0 if len(variant.replace(".", "")) <= SHORT else re.IGNORECASE
        pattern = re.compile(r"(?<![\w.])" + re.escape(variant) + r"(?:['’]s)?(?![\w])", flags)
        match = pattern.search(question)
        if match is None:
            continue
        member = canonical(variants[variant], stored)
        stored_member = member if member in stored else None
        rest = question[match.end():]
        if re.match(r"\s+[A-Z]", rest) and not re.match(r"\s*:", rest):  # part of a name: keep the words
            cleaned = question
        else:
            before = re.sub(r"\b(?:in|for|of|from|by|at)\s+(?:the\s+)?$", "", question[:match.start()],
                            flags=re.IGNORECASE)
            cleaned = (before + " " + rest.lstrip(" :,")).strip()
        if stored_member is None:
            return MemberFound(None, question, unknown=member)
        return MemberFound(stored_member, cleaned)
    return MemberFound(None, question)
