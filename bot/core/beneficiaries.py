"""Beneficiaries: WTO Members, observers and regional bodies, by the names the WTO gives them.

The list ships in bot/data/wto_members.toml (English, French and Spanish names, ISO 3166 alpha-3 codes,
common variants, LDC status). A typed name is matched ignoring case, accents, punctuation and spacing
("vietnam", "Viêt-Nam", "VNM" -> "Viet Nam"), and stored under the WTO's English name.

A name outside the list is recorded only when asked for explicitly, by writing " (other)" after it:
`Pacific Islands (other)` is stored as "Pacific Islands". The suffix is not stored, so reports show the
name as written; exports add it back to names outside the list, so an exported file imports again.
A known name written with the suffix ("Peru (other)") is stored under its WTO name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from bot.core.text import fold

KINDS = ("member", "observer", "non-member", "body")
OTHER = "(other)"
_OTHER = re.compile(r"\s*\(\s*(?:other|autre|otro)\s*\)\s*$", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[\W_]+")
SUGGEST_CUTOFF = 75  # rapidfuzz ratio (0–100) of a name close enough to suggest
MEMBERS_COMMAND = "art67bot members"


@dataclass(frozen=True)
class Entry:
    name: str  # the WTO's English name: what art67bot stores
    name_fr: str = ""
    name_es: str = ""
    code: str = ""  # ISO 3166 alpha-3; empty for the European Union and regional bodies
    kind: str = "member"  # "member", "observer", "non-member" or "body"
    ldc: bool = False  # on the UN list of least developed countries
    region: str = ""
    variants: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every way of writing it that art67bot recognises."""
        return (self.name, self.name_fr, self.name_es, self.code, *self.variants)

    def to_json(self) -> dict:
        return {"name": self.name, "code": self.code, "ldc": self.ldc, "kind": self.kind,
                "name_fr": self.name_fr, "name_es": self.name_es, "region": self.region,
                "variants": list(self.variants)}


def key(name: str) -> str:
    """What two spellings of one name share: letters and digits, folded; a leading "the" dropped.
    'Côte d’Ivoire', 'cote divoire' -> 'cotedivoire'; 'Viet Nam', 'Vietnam' -> 'vietnam'."""
    folded = fold(name or "")
    folded = folded[4:] if folded.startswith("the ") else folded
    return _PUNCTUATION.sub("", folded)


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The shipped list, read once."""
    with resources.files("bot.data").joinpath("wto_members.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(
        Entry(name=e["name"], name_fr=e.get("name_fr", ""), name_es=e.get("name_es", ""),
              code=e.get("code", ""), kind=e.get("kind", "member"), ldc=bool(e.get("ldc", False)),
              region=e.get("region", ""), variants=tuple(e.get("variants", ())))
        for e in data["entries"]
    )


@lru_cache(maxsize=1)
def _index() -> dict[str, Entry]:
    """Every recognised spelling's key -> its entry; the first entry listed wins a shared spelling."""
    found: dict[str, Entry] = {}
    for entry in entries():
        for name in entry.names():
            if name:
                found.setdefault(key(name), entry)
    return found


@lru_cache(maxsize=4096)
def canonical(name: str) -> Entry | None:
    """The entry `name` stands for, in any language, by code or variant; None when none does."""
    return _index().get(key(name)) if name else None


@lru_cache(maxsize=1)
def _spellings() -> list[str]:
    """The keys suggestions are drawn from: names and variants, not codes and acronyms ("KNA", "DRC")."""
    return list(dict.fromkeys(
        key(name) for entry in entries() for name in (entry.name, entry.name_fr, entry.name_es, *entry.variants)
        if name and not (name.replace(".", "").isupper() and len(name) <= 6)))


def suggest(name: str, limit: int = 3) -> list[str]:
    """WTO names close to a name art67bot does not know, closest first ("Vietnm" -> ["Viet Nam"])."""
    wanted = key(name)
    if not wanted:
        return []
    index = _index()
    found = process.extract(wanted, _spellings(), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF,
                            limit=limit * 4)
    names: list[str] = []
    for spelling, _, _ in found:
        if index[spelling].name not in names:
            names.append(index[spelling].name)
    return names[:limit]


def is_ldc(name: str) -> bool:
    """Whether `name` is a least developed country on the UN list (any spelling art67bot knows)."""
    entry = canonical(name)
    return bool(entry and entry.ldc)


def is_other(name: str) -> bool:
    """Whether a typed name carries the " (other)" suffix."""
    return bool(_OTHER.search(name or ""))


def unknown_message(name: str) -> str:
    """'Unknown beneficiary "Vietnm" — did you mean "Viet Nam"? …', with how to record a name outside
    the list."""
    close = suggest(name)
    message = f'Unknown beneficiary "{name}"'
    if close:
        message += " — did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
    else:
        message += "."
    return (message + " Write a WTO Member or observer (English, French or Spanish name, or ISO code), or "
            f'add "{OTHER}" to record a name outside the list: `{name} {OTHER}`.')


def resolve(names: Iterable[str], *, allow_unknown: bool = False) -> tuple[list[str], list[str]]:
    """Typed names -> (their WTO names, each once and in order; the messages of unknown names).

    A name with " (other)" is kept as written, without the suffix; so is any unknown name when
    `allow_unknown` (an import with --allow-unknown)."""
    resolved: list[str] = []
    seen: set[str] = set()
    errors: list[str] = []
    for typed in names:
        value, same, error = _resolve_one(typed or "", allow_unknown)
        if error:
            errors.append(error)
        elif value and same not in seen:
            seen.add(same)
            resolved.append(value)
    return resolved, errors


@lru_cache(maxsize=8192)
def _resolve_one(typed: str, allow_unknown: bool) -> tuple[str, str, str]:
    """(the name to store, its key, "") or ("", "", the message of an unknown name); cached, for imports."""
    typed = " ".join(typed.split())
    if not typed:
        return "", "", ""
    other = is_other(typed)
    bare = strip_other(typed) if other else typed
    entry = canonical(bare)
    if entry is not None:
        return entry.name, key(entry.name), ""
    if other or allow_unknown:
        return bare, key(bare) or bare, ""
    return "", "", unknown_message(typed)


def strip_other(name: str) -> str:
    """A typed name without its " (other)" suffix."""
    return _OTHER.sub("", name or "").strip()


def canonical_name(name: str) -> str:
    """The WTO name of `name` when art67bot knows it, else `name` as written (suffix dropped)."""
    bare = strip_other(name)
    entry = canonical(bare)
    return entry.name if entry else bare


def export_name(name: str) -> str:
    """A stored name as an exported file writes it: names outside the list carry " (other)"."""
    return name if canonical(name) is not None else f"{name} {OTHER}"


def count_ldcs(names: Iterable[str]) -> int:
    """How many distinct LDCs the names hold."""
    return len({entry.name for entry in map(canonical, names) if entry and entry.ldc})


def search_words(words: str, longest: int = 6) -> str:
    """Search words with each beneficiary named in another spelling replaced by its WTO name's words:
    "workshop Vietnam" -> "workshop Viet Nam", "South Korea" -> "Korea Republic of". A word of four
    letters or fewer counts only when capitalised ("Laos", "DRC"), so that "car" stays a car."""
    tokens = words.split()
    out: list[str] = []
    index = 0
    while index < len(tokens):
        for size in range(min(longest, len(tokens) - index), 0, -1):
            phrase = " ".join(tokens[index:index + size])
            wanted = key(phrase)
            entry = canonical(phrase) if len(wanted) > 4 or phrase[:1].isupper() else None
            if entry is not None:  # a name already written as the WTO writes it stays whole, as typed
                same = fold(phrase) == fold(entry.name)
                out.extend(tokens[index:index + size] if same else _PUNCTUATION.sub(" ", entry.name).split())
                index += size
                break
        else:
            out.append(tokens[index])
            index += 1
    return " ".join(out)
