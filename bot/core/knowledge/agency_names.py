"""Finding a report's agencies: "the Japan Patent Office (JPO)", "the Department of X (DX), including the
A (AA) and the B (BB)", "GIPA, a programme of the USPTO's Office of …", "Ministry of Foreign Affairs".

Pure functions over a report's text. The rules read structure (a name followed by its acronym, words
naming an organisation, "including", "a programme of"), never particular agencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "des", "du", "la", "le", "&", "to", "für", "der",
              "del", "y", "et"}
# words that make a capitalised phrase the name of an organisation
HEADS = {"office", "offices", "ministry", "department", "agency", "institute", "bureau", "administration",
         "authority", "directorate", "directorate-general", "customs", "police", "academy", "secretariat",
         "commission", "service", "services", "board", "section", "division", "program", "programme",
         "representative", "library", "center", "centre", "council", "court", "unit", "corporation",
         "fund", "enforcement", "protection", "organisation", "organization", "foundation", "registry",
         "inspectorate", "prosecutor", "prosecution", "government", "cooperation", "co-operation", "association",
         "command", "superintendence", "court", "tribunal", "police", "gesellschaft"}
# words that make a name that of a programme, a treaty or a forum: something a report talks about, not a body
PROGRAMME_HEADS = {"programme", "programmes", "program", "programs", "project", "projects", "mechanism", "fund",
                   "facility", "initiative", "instrument", "scheme", "network", "agreement", "treaty",
                   "convention", "protocol", "partnership", "component", "system", "plan", "strategy",
                   "framework", "platform", "forum", "group", "act", "regulation", "arrangement", "action",
                   "memorandum", "declaration", "agenda", "award", "series", "toolkit", "course", "workshop",
                   "seminar", "conference", "dialogue", "campaign", "services", "tool"}
_PREPOSITIONS = {"of", "for", "on", "in", "from", "to", "at", "–", "-"}
# an acronym or a name ending so is not an agency of the Member: treaties, groups of countries, topics
NOT_AGENCY_ENDINGS = {"agreement", "treaty", "convention", "protocol", "rights", "countries", "country",
                      "enterprises", "enterprise", "goals", "act", "law", "laws", "strategy", "indications",
                      "indication", "varieties", "property", "members", "economies", "states", "system",
                      "systems", "plan", "initiative", "project", "projects", "network", "group"}
INTERGOVERNMENTAL = {"WIPO", "WTO", "UPOV", "INTERPOL", "WCO", "UNCTAD", "OECD", "WHO", "UNODC", "UNDP",
                     "UNIDO", "EPO", "ARIPO", "OAPI", "ASEAN", "APEC", "ECOWAS", "CARICOM", "COMESA", "SADC",
                     "EAC", "GCC", "ITC", "UN", "UNESCO", "FAO", "IMF", "TRIPS", "PCT", "LDC", "LDCS", "SME",
                     "SMES", "IP", "IPR", "IPRS", "GI", "GIS", "PVP", "FTA", "FTAS", "ACTA", "MOU", "ICT",
                     "COVID", "COVID-19", "EU", "USA", "US", "UK", "AU", "CAN", "LAC", "IPEG", "MSMES", "NGO",
                     "NGOS", "R&D", "SDG", "SDGS", "FY", "ODA", "CBD", "ITPGRFA", "ISO", "GATT", "WB"}
_INTERNATIONAL = re.compile(r"\b(?:World|United Nations|International\b.*\bOrgani[sz]ation|European Patent)\b")
_PAREN = re.compile(r"\(([^()]{2,20})\)")
_ACRONYM = re.compile(r"[^\W\d_](?:[^\W\d_]|[&\-]){1,11}(?: [A-Z]{2,8})?")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’\.\-&]*|&|[,;:()\"“”]")
_HEAD_PHRASE = re.compile(
    r"\b((?:[A-Z][\w'’\.\-&]*\s+(?:(?:of|for|and|the|on|de|du)\s+)*)*"
    r"(?:Ministry|Department|Agency|Office|Institute|Bureau|Administration|Authority|Directorate(?:-General)?|"
    r"Customs|Police|Academy|Secretariat|Commission|Service|Board)"
    r"(?:\s+(?:(?:of|for|on|and)\s+(?:the\s+)?)[A-Z][\w'’\-&]*(?:\s+(?:and\s+)?[A-Z][\w'’\-&]*)*)?)")


@dataclass
class FoundAgency:
    key: str  # the acronym, or the name when the report gives none
    name: str
    acronym: str = ""
    parent: str | None = None  # the parent's key
    aliases: set[str] = field(default_factory=set)
    paragraph: int = 0  # index of the paragraph that introduces it
    parent_name: str = ""  # "… Office of the Library of Congress": a parent named, not yet an agency


def initials(words: list[str]) -> list[str]:
    """First letters, upper case; "U.S." gives U and S; connectors give their letter in lower case."""
    out = []
    for word in words:
        if re.fullmatch(r"(?:[A-Za-z]\.)+", word) or re.fullmatch(r"[A-Z]{2,3}", word):
            out += [c.upper() for c in word if c.isalpha()]
        elif word.lower() in CONNECTORS:
            out.append(word[0].lower())
        else:
            for part in word.split("-"):
                if part:
                    out.append(part[0].upper())
    return out


def _subsequence(letters: str, pool: list[str]) -> int:
    """How many of `pool` the letters use (as a subsequence); -1 if they cannot."""
    at = 0
    for letter in letters:
        while at < len(pool) and pool[at] != letter and pool[at] != letter.lower():
            at += 1
        if at == len(pool):
            return -1
        at += 1
    return at


def looks_like_acronym(text: str) -> bool:
    if not _ACRONYM.fullmatch(text) or not text[0].isupper():
        return False
    capitals = sum(c.isupper() for c in text)
    if text.endswith("s") and capitals >= 2 and text[:-1].isupper():  # "LDCs", "SMEs": plurals of a kind
        return False
    return capitals >= 2 or (3 <= len(text) <= 8 and text[0].isupper() and text[1:].islower())


_WORD = re.compile(r"[^\s,;:()\"“”]+|[,;:()\"“”]")
# a lower-case word naming what a programme is, standing just before its acronym: "… in Africa project (AfrIPI)"
_KIND_WORDS = {"project", "programme", "program", "instrument", "component", "initiative", "mechanism",
               "scheme", "facility", "fund"}


def _capitalised(word: str) -> bool:
    return word[0].isalpha() and word[0].isupper()


def name_before(text: str, end: int, acronym: str) -> tuple[str, str] | None:
    """The name standing before "(ACRONYM)" at `end` (verbatim from `text`), and a trailing "of the
    <parent>" it carries. Commas and "&" may sit inside a name ("Ministry of Economy, Trade and Industry",
    "Foreign, Commonwealth & Development Office"); a full stop ending a sentence may not ("Spain. The …")."""
    base = max(0, end - 200)
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text, base, end)]
    run: list[tuple[str, int]] = []
    for index in range(len(tokens) - 1, -1, -1):
        word, at = tokens[index]
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            break
        if not run and word.lower() in _KIND_WORDS:
            run.insert(0, (word, at))
            continue
        if word == "," and run and _capitalised(run[0][0]) and index > 0 and _capitalised(tokens[index - 1][0]):
            run.insert(0, (word, at))
            continue
        if word == "&" or (word[0].isalpha() and (word[0].isupper() or word.lower() in CONNECTORS)):
            run.insert(0, (word, at))
            continue
        break
    while run and (run[0][0].lower() in CONNECTORS or run[0][0] == ","):
        run.pop(0)
    while run and run[-1][0].lower() in CONNECTORS:
        run.pop()
    if not run:
        return None
    words = [w for w, _ in run]
    letters = [c for c in acronym if c.isalpha()]
    pool = initials(words)
    upper = "".join(c for c in letters if c.isupper())
    if len(upper) >= 2:
        wanted = "".join(letters).upper() if "".join(letters).isupper() else upper
    else:
        wanted = letters[0].upper()
    start = None
    positions = _word_positions(words)
    for index, word in enumerate(words):
        if word.lower() in CONNECTORS or word == ",":
            continue
        if pool[positions[index]] == wanted[0] and _subsequence(wanted, pool[positions[index]:]) >= 0:
            start = index
    parent = ""
    if start is None:
        # "State Secretariat for Economic Affairs (SECO)", "Norwegian Agency for Development Cooperation
        # (Norad)": an organisation's name whose acronym is not its initials; the run after its last comma
        commas = [i for i, w in enumerate(words) if w == ","]
        first = commas[-1] + 1 if commas else 0
        while first < len(words) and words[first].lower() in CONNECTORS:
            first += 1
        if first >= len(words) or not any(w.lower() in HEADS or w.lower() in _KIND_WORDS for w in words[first:]):
            return None
        start = first
        name_words = list(range(start, len(words)))
    else:
        # "Office of the U.S. Trade Representative": an organisation word just before belongs to the name
        if start >= 2 and words[start - 1].lower() in CONNECTORS:
            back = start - 1
            while back > 0 and words[back].lower() in CONNECTORS:
                back -= 1
            if words[back].lower() in HEADS:
                start = back
                while start > 0 and _capitalised(words[start - 1]) and words[start - 1].lower() not in CONNECTORS:
                    start -= 1  # "Federal Department of Economic Affairs, …"
        name_words = list(range(start, len(words)))
        # "… Copyright Office of the Library of Congress (USCO)": the acronym ends at "Office"
        used = _subsequence(wanted, pool[positions[start]:]) + positions[start]
        for index in range(start, len(words)):
            if positions[index] >= used and words[index].lower() == "of" and index > start \
                    and words[index - 1].lower() in HEADS:
                rest = list(range(index + 1, len(words)))
                while rest and words[rest[0]].lower() in CONNECTORS:
                    rest.pop(0)
                if rest and any(words[i].lower() in HEADS or _capitalised(words[i]) for i in rest):
                    parent = text[run[rest[0]][1]:run[-1][1] + len(words[-1])]
                    name_words = list(range(start, index))
                break
    first_at, last = run[name_words[0]][1], run[name_words[-1]]
    return text[first_at:last[1] + len(last[0])], parent


def _word_positions(run: list[str]) -> list[int]:
    positions, at = [], 0
    for word in run:
        positions.append(at)
        at += len(initials([word]))
    return positions


def head_word(name: str) -> str:
    """The word that says what a name names: its last word when that is a kind of programme ("… in Africa
    project"), else the last word before its first preposition ("Institute" of "Swiss Federal Institute of
    Intellectual Property", "Mechanism" of "Expert Deployment Mechanism for Trade and Development")."""
    words = [w.strip(",.").lower() for w in name.split() if w.strip(",.")]
    if not words:
        return ""
    if words[-1] in PROGRAMME_HEADS or words[-1] in HEADS:
        return re.sub(r"['’]s$", "", words[-1])
    head = words[-1]
    for index, word in enumerate(words):
        if word in _PREPOSITIONS and index > 0:
            head = words[index - 1]
            break
    return re.sub(r"['’]s?$", "", head)


def is_programme_name(name: str) -> bool:
    """"Global Programme for Intellectual Property Rights", "Marrakesh Treaty", "APEC IPEG project"."""
    return head_word(name) in PROGRAMME_HEADS


def is_international(name: str, acronym: str = "") -> bool:
    """An intergovernmental organisation (WIPO, WCO, ARIPO), or something named after one ("WIPO Patent
    Information Services")."""
    first = re.split(r"[\s\-–]", name.strip())[0].upper() if name.strip() else ""
    return (acronym.upper() in INTERGOVERNMENTAL or acronym.split("-")[0].upper() in INTERGOVERNMENTAL
            or bool(_INTERNATIONAL.search(name)) or first in INTERGOVERNMENTAL - {"IP", "IPR", "EU", "US", "UK"})


def is_agency_name(name: str, acronym: str, topic_keys: set[str]) -> bool:
    from bot.core.text import fold

    if not name or is_international(name, acronym):
        return False
    words = name.split()
    head = head_word(name)
    if head in PROGRAMME_HEADS and head not in HEADS - {"program", "programme", "fund"}:
        return False
    if words[-1].lower().strip(".") in NOT_AGENCY_ENDINGS and head not in HEADS:
        return False
    if fold(name) in topic_keys or fold(re.sub(r"^(?:the\s+)", "", name, flags=re.I)) in topic_keys:
        return False
    capitals = [w for w in words if w[0].isupper()]
    return len(capitals) >= 2 or (len(capitals) == 1 and words[0].lower() in HEADS)


def head_phrases(text: str) -> list[tuple[int, int, str]]:
    """Organisation names without an acronym: "the Ministry of Foreign Affairs", "Japan Customs"."""
    found = []
    for match in _HEAD_PHRASE.finditer(text):
        name = match.group(1).strip()
        words = name.split()
        if words and words[0].lower() == "the":
            continue
        if len(words) < 2 or not all(w[0].isupper() or w.lower() in CONNECTORS for w in words):
            continue
        if re.match(r"\s+[a-z]", text[match.end(1):]) or words[-1].isupper():  # "Administration of IP offices"
            continue
        found.append((match.start(1), match.start(1) + len(name), name))
    return found
