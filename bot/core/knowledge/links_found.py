"""Who does what in one sentence: which agency it names is its subject (the one that acts), which one
pays for the work, which one only takes part.

"The FOCBS, in cooperation with the IPI, organised a workshop … and was funded by SECO": the FOCBS
leads, the IPI is a partner, SECO a funder. "The GPIPR is implemented by the IPI": the IPI leads.
"GIZ, on behalf of the BMZ, supported …": GIZ leads, the BMZ funds. Pure functions over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUBJECT, AGENT, OBJECT, PARTNER, FUNDER = 1.5, 1.5, 0.5, 0.5, 0.6  # what each place in a sentence is worth
FUNDING_TOPIC = 1.5  # a funder, for the topic the funding words themselves name ("funded by X")

_FUND_VERB = r"(?:fund(?:s|ed|ing)?|financ(?:e|es|ed|ing)|sponsor(?:s|ed)?|paid\s+for|pays?\s+for|" \
             r"contribut(?:es|ed)\s+to|provid(?:es|ed)\s+(?:the\s+)?funding)"
# before a mention: "funded by (the EU through) X", "with funding from X", "on behalf of X"
_FUNDED_BY = re.compile(r"(?:\b(?:funded|financed|sponsored|paid\s+for|supported\s+financially)\s+"
                        r"(?:\w+\s+){0,6}?(?:by|through)|\bwith\s+(?:the\s+)?(?:financial\s+)?(?:funding|"
                        r"support|contributions?|financing|grants?)\s+(?:of|from)|\bon\s+behalf\s+of|"
                        r"\bfunding\s+from)\s+(?:the\s+)?$", re.I)
# after a mention: "X funds …", "X, which is funded by …" does not count (the mention is then the subject)
_FUNDS = re.compile(r"^(?:['’]s)?\s*(?:\([^()]*\)\s*)?(?:also\s+|has\s+|had\s+|jointly\s+)?" + _FUND_VERB + r"\b",
                    re.I)
_PARTNER = re.compile(r"\b(?:in\s+(?:close\s+)?(?:cooperation|collaboration|partnership|coordination|"
                      r"consultation)\s+with|together\s+with|jointly\s+with|with\s+the\s+(?:assistance|"
                      r"participation|support|help)\s+of|assisted\s+by|partner(?:ed|s|ing)?\s+with|"
                      r"cooperated\s+with|worked\s+with|and\s+with|with)\s+(?:\w+\s+)?(?:the\s+)?$", re.I)
# "implemented by the EUIPO", "organised by the IPO", "operated by JIPII": the agent of a passive verb acts
_AGENT = re.compile(r"\b(?:implemented|delivered|organi[sz]ed|run|managed|operated|administered|provided|"
                    r"carried\s+out|conducted|led|hosted|held|given|presented|offered|coordinated|undertaken|"
                    r"performed|designed|developed|supported|employed|trained|advised)\s+(?:jointly\s+)?by\s+"
                    r"(?:the\s+)?$", re.I)
_JOINED = re.compile(r"^\s*(?:['’]s)?\s*(?:\([^()]*\)\s*)?,?\s*(?:and|or|as\s+well\s+as)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Role:
    key: str
    start: int
    end: int
    role: str  # lead, partner, funder
    worth: float
    funding: tuple[int, int] | None = None  # the words that say it pays, where a topic may be named


def sentence_roles(sentence: str, named: list[tuple[int, int, str]]) -> list[Role]:
    """Each agency the sentence names (start, end, key), with its role and what its mention is worth."""
    roles: list[Role] = []
    subject_end: int | None = None
    for start, end, key in named:
        before = sentence[max(0, start - 90):start]
        after = sentence[end:end + 60]
        funded_by = _FUNDED_BY.search(before)
        funds = _FUNDS.match(after)
        if funded_by:
            words = (start - len(before) + funded_by.start(), start)
            roles.append(Role(key, start, end, "funder", FUNDER, words))
            continue
        if _AGENT.search(before):
            roles.append(Role(key, start, end, "lead", AGENT))
            continue
        if _PARTNER.search(before[-50:]) and not (subject_end is not None and _JOINED.match(
                sentence[subject_end:start])):
            roles.append(Role(key, start, end, "partner", PARTNER))
            continue
        is_subject = subject_end is None and not _inside_object(sentence, start)
        joined = subject_end is not None and bool(_JOINED.match(sentence[subject_end:start]))
        if is_subject or joined:
            subject_end = end
            if funds:
                roles.append(Role(key, start, end, "funder", SUBJECT, (end, end + funds.end())))
            else:
                roles.append(Role(key, start, end, "lead", SUBJECT))
            continue
        if funds:
            roles.append(Role(key, start, end, "funder", FUNDER, (end, end + funds.end())))
            continue
        roles.append(Role(key, start, end, "lead", OBJECT))
    return roles


def subject_of(roles: list[Role]) -> str | None:
    """The agency a sentence is about: its subject, else the agent of its passive verb."""
    best = max(roles, key=lambda r: (r.worth, r.role == "lead", -r.start), default=None)
    return best.key if best and best.worth >= SUBJECT else None


def _inside_object(sentence: str, start: int) -> bool:
    """Whether a mention stands after the sentence's verb: a lower-case word that reads as a verb
    ("shared", "supports", "held") before it, outside a leading phrase ("In 2024, …", "Under the …, ")."""
    before = sentence[:start]
    lead = re.match(r"^\s*(?:(?:In|Under|During|Since|Through|With|At|As|For|On|Following|Between)\b[^,]*,\s*)",
                    before)
    if lead:
        before = before[lead.end():]
    return bool(re.search(r"\b[a-z]+(?:ed|es|s)\b|\b(?:held|led|ran|gave|took|made|met|sent|is|are|was|were|"
                          r"has|have|had)\b", before))
