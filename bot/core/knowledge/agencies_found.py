"""Every agency a report names, with its parent, and the programmes and treaties it names (which are
topics, not agencies).

Where agencies come from: a name followed by its acronym ("the Japan Patent Office (JPO)"); a name headed
by an organisation word ("the Ministry of Foreign Affairs", "Japan Customs"); the items of a report's list
of its bodies ("The bodies whose activities are described are: • IP Australia; • …"); the items of a
sentence that lists who delivers the work, one per ';' ("…; Global Affairs Canada; …").
Parents: "X (XX), including the A (AA)"; "A, a programme of the X's Office of …"; "Border Force, a law
enforcement command within the Home Office"; "the IPO's Copyright and Enforcement Directorate".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.knowledge.agency_names import (CONNECTORS, FoundAgency, head_phrases, is_agency_name,
                                             is_international, is_programme_name, looks_like_acronym,
                                             name_before)
from bot.core.knowledge.documents import Paragraph
from bot.core.knowledge.sentences import sentence_spans
from bot.core.text import fold

_INCLUDING = re.compile(r"^\W*(?:including|in particular|notably|such as|comprising|with its)\b(?: through)?",
                        re.I)
# an apposition saying what the agency is part of: ", a special operating agency of", ", a directorate
# under", ", a law enforcement command within", ", part of"
_PART_OF = re.compile(r"^\s*,?\s*(?:(?:an?|the)\s+(?:[\w-]+\s+){0,4}?[\w-]+|part)\s+(?:of|within|under|in)\s+"
                      r"(?:the\s+)?", re.I)
_WITHIN = re.compile(r"^\W*(?:within|under|in|at|of)\s+(?:the\s+)?", re.I)
_BODIES = re.compile(r"\b(?:bodies|agencies|institutions|departments|ministries|organi[sz]ations|entities|"
                     r"authorities|offices)\b", re.I)
_DELIVERED = re.compile(r"\b(?:by|are|include|includes|including)\b", re.I)


@dataclass
class Found:
    agencies: dict[str, FoundAgency] = field(default_factory=dict)
    programmes: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # key -> (name, acronym, paragraph)


def find_agencies(paragraphs: list[Paragraph], topic_keys: set[str], member: str = "") -> Found:
    """Every agency a report names, keyed by acronym (or name), with parents where the text gives them;
    and the programmes, funds and treaties it names with an acronym."""
    result = Found()
    found = result.agencies
    by_name: dict[str, str] = {}
    member_key = fold(member)
    maybe: dict[str, FoundAgency] = {}  # programmes, until a report lists one among an agency's units

    def add(name: str, number: int, acronym: str = "") -> FoundAgency | None:
        if fold(name) == member_key or fold(_plain(name)) == member_key or fold(name).endswith("government"):
            return None
        key = acronym or _plain(name)
        if key in found:
            agency = found[key]
        elif not acronym and fold(_plain(name)) in by_name:
            return found[by_name[fold(_plain(name))]]
        else:
            agency = found[key] = FoundAgency(key=key, name=_plain(name), acronym=acronym, paragraph=number)
        agency.aliases.add(name)
        by_name.setdefault(fold(_plain(name)), key)
        return agency

    for number, paragraph in enumerate(paragraphs):
        text = paragraph.text
        spans: list[tuple[int, int, str]] = []
        for match in re.finditer(r"\(([^()]{2,20})\)", text):
            acronym = match.group(1).strip()
            if not looks_like_acronym(acronym):
                continue
            named = name_before(text, match.start(), acronym)
            if named is None or is_international(named[0], acronym):
                continue
            name, parent_name = named
            name_at = text.rfind(name, 0, match.start())
            if is_programme_name(name):
                if acronym not in found:
                    maybe.setdefault(acronym, FoundAgency(key=acronym, name=name, acronym=acronym, paragraph=number))
                    result.programmes.setdefault(acronym, (name, acronym, number))
                    found[acronym] = maybe[acronym]
                    spans.append((name_at, match.end(), acronym))
                continue
            if not is_agency_name(name, acronym, topic_keys):
                continue
            agency = add(name, number, acronym)
            if agency is None:
                continue
            if parent_name and not agency.parent_name:
                agency.parent_name = parent_name
            spans.append((name_at, match.end(), acronym))
        for start, end, name in [*head_phrases(text), *_listed_bodies(text)]:
            if any(a < end and start < b for a, b, _ in spans):
                continue
            owner = re.match(r"(\S+?)['’]s\s+", name)  # "the IPO's Copyright and Enforcement Directorate"
            if owner:
                start, name = start + owner.end(), name[owner.end():]
            if not is_agency_name(name, "", topic_keys):
                continue
            agency = add(name, number)
            if agency is None:
                continue
            if owner and owner.group(1) in found and agency.parent is None and owner.group(1) != agency.key:
                agency.parent = owner.group(1)
            spans.append((start, end, agency.key))
        _parents(text, sorted(spans), found, by_name)
    for key, agency in maybe.items():  # a programme stays an agency only when listed as an agency's unit
        if agency.parent is None or found.get(agency.parent) in maybe.values():
            del found[key]
            for other in found.values():
                if other.parent == key:
                    other.parent = None
        else:
            result.programmes.pop(key, None)
    for agency in list(found.values()):
        if agency.parent_name and not agency.parent:
            parent = by_name.get(fold(_plain(agency.parent_name)))
            if parent is None:
                parent = _plain(agency.parent_name)
                found[parent] = FoundAgency(key=parent, name=parent, paragraph=agency.paragraph)
                by_name[fold(parent)] = parent
            agency.parent = parent if parent != agency.key else None
    return result


def _listed_bodies(text: str) -> list[tuple[int, int, str]]:
    """Names without an acronym in a report's list of its bodies: bullet items under an introduction that
    speaks of bodies or agencies, or the ';'-separated items of a sentence saying who does the work."""
    out: list[tuple[int, int, str]] = []
    offset, listing = 0, False
    for line in text.split("\n"):
        if line.startswith("•"):
            if listing:
                out += _leading_name(text, offset + 1, whole=True)
        else:
            listing = bool(_BODIES.search(line)) and line.rstrip().endswith(":")
            if line.count(";") >= 2 and _DELIVERED.search(line.split(";")[0]):
                at = offset
                for piece in line.split(";")[1:]:
                    at = text.index(piece, at)
                    out += _leading_name(text, at, whole=False)
        offset += len(line) + 1
    return out


def _leading_name(text: str, at: int, whole: bool) -> list[tuple[int, int, str]]:
    """The capitalised name an item starts with ("and the Department of X", "Border Force, a …")."""
    item = re.match(r"[\s•]*(?:and\s+)?(?:the\s+)?((?:[A-Z][\w'’&.\-]*|&)(?:\s+(?:[A-Z][\w'’&.\-]*|&|"
                    r"(?:of|for|and|on|the)\b))*)", text[at:])
    if not item or not item.group(1):
        return []
    name = item.group(1)
    words = name.split()
    while words and words[-1].lower() in CONNECTORS:
        words.pop()
    name = " ".join(words).rstrip(".")
    rest = text[at + item.start(1) + len(name):at + item.start(1) + len(name) + 5]
    if len(words) < 2 or rest.lstrip().startswith("(") or (whole and not re.match(r"\s*(?:[;,.]|and\b|$)", rest)):
        return []
    start = at + item.start(1)
    return [(start, start + len(name), name)]


def _parents(text: str, spans: list[tuple[int, int, str]], found: dict[str, FoundAgency],
             by_name: dict[str, str]) -> None:
    """"X (XX), including the A (AA) and the B (BB)"; "A (AA), a programme of the X's Office of …"."""
    for position, (start, end, key) in enumerate(spans):
        if key not in found:
            continue
        rest = text[end:]
        spans_after = sentence_spans(rest)
        clause = rest[:spans_after[0][1]] if spans_after else rest
        if _INCLUDING.match(clause.lstrip(", ")):
            for other_start, _, other in spans[position + 1:]:
                if other_start - end > len(clause):
                    break
                if other != key and other in found and found[other].parent is None:
                    found[other].parent = key
            continue
        part_of = _PART_OF.match(rest) or (_WITHIN.match(rest) if rest[:1] != "," else None)
        if part_of and found[key].parent is None:
            tail = rest[part_of.end():part_of.end() + 120]
            for other_key in _keys_at_start(tail, found, by_name):
                if other_key != key:
                    found[key].parent = other_key
                break


def _keys_at_start(tail: str, found: dict[str, FoundAgency], by_name: dict[str, str]) -> list[str]:
    word = re.match(r"([A-Z][\w&-]+)(?:['’]s)?\b", tail)
    if word and word.group(1) in found:
        return [word.group(1)]
    folded = fold(tail)
    return [key for name, key in sorted(by_name.items(), key=lambda kv: -len(kv[0]))
            if folded.startswith(name) or folded.startswith("u.s. " + name)][:1]


def _plain(name: str) -> str:
    return re.sub(r"^(?:the\s+)", "", name, flags=re.I)
