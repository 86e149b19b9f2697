"""The `/activities` command grammar: text in, a plain command value out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LIMIT = 30
MAX_ID = 2**31 - 1  # record numbers: larger ones cannot exist (and would overflow the database's integers)
DEFAULT_LIMIT = 10

ADD_KEYS = {
    "title": "title",
    "start": "start_date",
    "start date": "start_date",
    "start_date": "start_date",
    "end": "end_date",
    "end date": "end_date",
    "end_date": "end_date",
    "beneficiaries": "beneficiaries",
    "beneficiary": "beneficiaries",
    "members": "beneficiaries",
    "for": "beneficiaries",
    "agency": "agency",
    "by": "agency",
    "topics": "topics",
    "topic": "topics",
    "format": "format",
    "location": "location",
    "where": "location",
    "description": "description",
    "desc": "description",
    "url": "url",
    "link": "url",
    "allow-duplicate": "allow_duplicate",  # `allow-duplicate: yes` records an activity recorded already
    "allow duplicate": "allow_duplicate",
    "allow_duplicate": "allow_duplicate",
}
FILTER_KEYS = {
    "agency": "agency",
    "by": "agency",
    "topic": "topic",
    "about": "topic",
    "beneficiary": "beneficiary",
    "member": "beneficiary",
    "for": "beneficiary",
}
DEADLINE_KEYS = {
    "title": "title",
    "due": "due",
    "due date": "due",
    "timezone": "timezone",
    "time zone": "timezone",
    "tz": "timezone",
    "zone": "timezone",
    "repeat": "repeat",
    "repeats": "repeat",
    "leads": "leads",
    "lead": "leads",
    "lead times": "leads",
    "remind": "leads",
    "channel": "channel",
    "notes": "notes",
    "note": "notes",
}
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "week": 7, "weeks": 7,
          "m": 30, "month": 30, "months": 30, "fortnight": 14, "year": 365}
_PAGE = re.compile(r"(?i)(?:^|\s)page\s*:?\s*(\d{1,4})(?=\s|$)")
_TRAILING_PAGE = re.compile(r"(?i)(?:^|\s+)page\s*:?\s*(\d{1,4})\s*$")
_HORIZON = re.compile(
    r"(?i)\b(?:next|within)\s*:?\s*(\d{1,4}|a|one)?\s*(days?|d|weeks?|wk|w|months?|m|fortnight|year)\b"
)


def _key_pattern(keys) -> re.Pattern:
    names = sorted(keys, key=len, reverse=True)
    alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in names)
    return re.compile(rf"(?i)(?:^|(?<=[\s|]))({alternation})\s*:")


LINK_KEYS = {
    "source": "source",
    "description": "description",
    "desc": "description",
    "role": "role",
    "rank": "rank",
}
ROLES = ("lead", "partner", "funder")
_ADD_PATTERN = _key_pattern(ADD_KEYS)
_FILTER_PATTERN = _key_pattern(FILTER_KEYS)
_DEADLINE_PATTERN = _key_pattern(DEADLINE_KEYS)
_LINK_PATTERN = _key_pattern(LINK_KEYS)


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Upcoming:
    limit: int = DEFAULT_LIMIT
    agency: str | None = None
    topic: str | None = None
    beneficiary: str | None = None
    within_days: int | None = None
    page: int = 1


@dataclass(frozen=True)
class Add:
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Show:
    activity_id: int


@dataclass(frozen=True)
class Search:
    words: str
    page: int = 1


@dataclass(frozen=True)
class Delete:
    activity_id: int


@dataclass(frozen=True)
class Topics:
    pass


@dataclass(frozen=True)
class Agencies:
    pass


@dataclass(frozen=True)
class Report:
    period: str = ""  # as written; bot.core.periods reads it
    format: str = ""  # "docx" or "xlsx": the report as a file; "" for the summary and the table


@dataclass(frozen=True)
class Narrative:
    """`narrative [PERIOD]` (show) or `narrative [PERIOD] set TEXT`: the report's narrative for a period."""

    period: str = ""
    text: str | None = None  # what to store; None to show what is stored


@dataclass(frozen=True)
class Deadlines:
    page: int = 1


@dataclass(frozen=True)
class DeadlineAdd:
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlineEdit:
    deadline_id: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlineDelete:
    deadline_id: int


@dataclass(frozen=True)
class Digest:
    on: bool


@dataclass(frozen=True)
class Ask:
    """A question in plain words: `/activities who border enforcement`, `/activities ask …`."""

    question: str


@dataclass(frozen=True)
class Synonyms:
    """`synonym add TOPIC : WORDS`, `synonym remove TOPIC : WORDS`, `synonyms TOPIC` (list)."""

    action: str  # "add", "remove" or "list"
    topic: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkTopic:
    """`link TOPIC : AGENCY [ROLE] [| source: …] [| description: …] [| rank: N]`, or `unlink TOPIC : AGENCY`.

    `agency` is None when no `:` was given; then `pair` holds "TOPIC AGENCY" for the shell to split
    with the knowledge base.
    """

    unlink: bool
    topic: str | None
    agency: str | None
    pair: str = ""
    role: str | None = None
    source: str | None = None
    description: str | None = None
    rank: int | None = None


@dataclass(frozen=True)
class Documents:
    """`knowledge`: the reports stored for each Member, with their counts."""


@dataclass(frozen=True)
class LearnReport:
    """`knowledge learn [FILE LINK]`: learn a report shared in Slack (the link, or your latest file here)."""

    file: str = ""  # a Slack file ID (F…) or a link to the file; empty for your latest file in the channel


@dataclass(frozen=True)
class Focal:
    """`focal` (list), `focal AGENCY @user …` (add), `focal remove AGENCY @user …`."""

    action: str  # "list", "add" or "remove"
    agency: str = ""
    users: tuple[str, ...] = ()  # Slack user IDs


@dataclass(frozen=True)
class CallForInputs:
    """`call [PERIOD] [due: DATE]`: DM every agency's focal points for their inputs."""

    period: str = ""
    due: str = ""


@dataclass(frozen=True)
class Status:
    """`status [PERIOD]`: where each agency stands in the call for inputs."""

    period: str = ""


@dataclass(frozen=True)
class History:
    """`history ID`: an activity's recorded changes."""

    activity_id: int


@dataclass(frozen=True)
class Invalid:
    """Input the bot cannot act on; `message` says what to fix."""

    message: str


Command = (Help | Upcoming | Add | Show | Search | Delete | Topics | Agencies | Report | Deadlines
           | DeadlineAdd | DeadlineEdit | DeadlineDelete | Digest | Ask | Synonyms | LinkTopic | Documents | LearnReport
           | Focal | CallForInputs | Status | History | Narrative | Invalid)
SYNONYM_USAGE = ("Write `/activities synonym add TOPIC : WORDS` (several separated by `;`), "
                 "`/activities synonym remove TOPIC : WORDS` or `/activities synonyms TOPIC`, "
                 "e.g. `/activities synonym add border enforcement : border guards; frontier checks`.")
LINK_USAGE = ("Write `/activities link TOPIC : AGENCY [lead|partner|funder] | source: WHERE THIS COMES FROM`, "
              "e.g. `/activities link anti-counterfeiting : USTDA funder | source: https://www.ustda.gov`, "
              "or `/activities unlink TOPIC : AGENCY`.")


def parse_command(text: str) -> Command:
    text = (text or "").strip()
    if not text:
        return Help()
    verb, _, rest = text.partition(" ")
    verb = verb.lower()
    rest = rest.strip()
    if verb in ("help", "?", "usage"):
        return Help()
    if verb in ("upcoming", "next", "list"):
        return parse_upcoming(rest)
    if verb in ("topics", "agencies") and rest:
        return Invalid(f"`{verb}` takes no arguments; try `/activities {verb}`.")
    if verb == "topics":
        return Topics()
    if verb == "agencies":
        return Agencies()
    if verb == "add":
        return parse_add(rest)
    if verb == "report":
        return parse_report(rest)
    if verb == "narrative":
        return parse_narrative(rest)
    if verb in ("show", "view"):
        return _with_id(rest, Show, "show")
    if verb in ("delete", "remove", "rm"):
        return _with_id(rest, Delete, "delete")
    if verb == "deadlines" and (not rest or _TRAILING_PAGE.fullmatch(rest)):
        return _paged(Deadlines(), rest)
    if verb in ("deadline", "deadlines"):
        return parse_deadline(rest)
    if verb == "digest":
        if rest.lower() not in ("on", "off"):
            return Invalid("Say `/activities digest on` or `/activities digest off`.")
        return Digest(rest.lower() == "on")
    if verb in ("who", "what", "which", "whose", "where"):
        return Ask(text) if rest else Invalid("Ask about a topic, e.g. `/activities who border enforcement`.")
    if verb in ("ask", "question"):
        return Ask(rest) if rest else Invalid("Ask a question, e.g. `/activities ask what does CCIPS do?`.")
    if verb in ("synonym", "synonyms"):
        return parse_synonyms(verb, rest)
    if verb == "knowledge":
        return parse_knowledge(rest)
    if verb in ("focal", "focals", "focal-points"):
        return parse_focal(rest)
    if verb == "call":
        return parse_call(rest)
    if verb == "status":
        return Status(rest)
    if verb == "history":
        return _with_id(rest, History, "history")
    if verb in ("link", "unlink"):
        return parse_link(rest, unlink=verb == "unlink")
    if verb in ("search", "find"):
        if not rest:
            return Invalid("Tell me what to search for, e.g. `/activities search border enforcement`.")
        page = _TRAILING_PAGE.search(rest)
        if page and page.start() > 0:
            return _paged(Search(rest[: page.start()].strip()), page.group(0))
        return Search(rest)
    return Invalid(f"I don't know the subcommand `{verb}`. Try `/activities help`.")


def _paged(command, text: str):
    """`command` on the page named in `text` ('page 2'); Invalid for page 0."""
    found = _PAGE.search(text)
    if not found:
        return command
    page = int(found.group(1))
    if page < 1:
        return Invalid("Pages are numbered from 1, e.g. `page 2`.")
    return type(command)(**{**command.__dict__, "page": page})


def _with_id(rest: str, kind, verb: str) -> Command:
    token = rest.lstrip("#").strip()
    if not token.isdigit() or int(token) < 1:
        return Invalid(f"Give the activity number, e.g. `/activities {verb} 12`.")
    if int(token) > MAX_ID:
        return Invalid(f"There is no activity #{token}: numbers go up to {MAX_ID:,}.")
    return kind(int(token))


def parse_upcoming(rest: str) -> Command:
    if not rest:
        return Upcoming()
    pages = list(_PAGE.finditer(rest))
    if len(pages) > 1:
        return Invalid("Give one page only, e.g. `page 2`.")
    if pages:
        rest = (rest[: pages[0].start()] + " " + rest[pages[0].end():]).strip()
    within_days = None
    horizon = list(_HORIZON.finditer(rest))
    if len(horizon) > 1:
        return Invalid("Give one horizon only, e.g. `next 30 days`.")
    if horizon:
        amount, unit = horizon[0].groups()  # "next week" is "next 1 week"
        within_days = (int(amount) if amount and amount.isdigit() else 1) * _UNITS[unit.lower()]
        if within_days < 1:
            return Invalid("The horizon must be at least one day, e.g. `next 30 days`.")
        rest = (rest[: horizon[0].start()] + " " + rest[horizon[0].end():]).strip()
    limit = DEFAULT_LIMIT
    number = re.match(r"^(\d+)(?:\s+|$)", rest)
    if number:
        limit = int(number.group(1))
        if not 1 <= limit <= MAX_LIMIT:
            return Invalid(f"Ask for between 1 and {MAX_LIMIT} activities, e.g. `/activities upcoming 5`.")
        rest = rest[number.end():].strip()
    values, leftover, duplicate = _split_keyed(rest, _FILTER_PATTERN, FILTER_KEYS)
    if duplicate:
        return Invalid(f"The filter `{duplicate}` is given twice; give each filter once.")
    if leftover:
        return Invalid(
            f"I don't understand `{leftover}`. Filters look like "
            "`agency:USPTO topic:patents beneficiary:Peru next 30 days`."
        )
    for key, value in values.items():
        if not value:
            return Invalid(f"The filter `{key}:` has no value.")
    return _paged(Upcoming(limit=limit, within_days=within_days, **values), pages[0].group(0) if pages else "")


def parse_add(rest: str) -> Command:
    values = _titled_fields(rest, _ADD_PATTERN, ADD_KEYS, "start: next tuesday")
    return values if isinstance(values, Invalid) else Add(values)


def _titled_fields(rest: str, pattern: re.Pattern, names: dict[str, str], example: str) -> dict | Invalid:
    """Fields `name: value | …`; text before the first field is the title."""
    values, leftover, duplicate = _split_keyed(rest, pattern, names)
    if duplicate:
        return Invalid(f"The field `{duplicate}` is given twice; give each field once.")
    if leftover:
        if "title" in values:
            return Invalid(f"I don't understand `{leftover}`; every field needs a name, e.g. `{example}`.")
        values["title"] = leftover
    return values


DEADLINE_USAGE = ("`/activities deadline add title: … | due: 2027-09-15 17:00`, "
                  "`/activities deadline edit ID due: …` or `/activities deadline delete ID`")


def parse_deadline(rest: str) -> Command:
    verb, _, rest = rest.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb == "list" and (not rest or _TRAILING_PAGE.fullmatch(rest)):
        return _paged(Deadlines(), rest)
    if verb == "add":
        values = _titled_fields(rest, _DEADLINE_PATTERN, DEADLINE_KEYS, "due: 2027-09-15")
        return values if isinstance(values, Invalid) else DeadlineAdd(values)
    if verb in ("edit", "delete", "remove", "rm"):
        number, _, rest = rest.lstrip("#").partition(" ")
        if not number.isdigit() or int(number) < 1:
            return Invalid(f"Give the deadline number, e.g. `/activities deadline {verb} 3`.")
        if int(number) > MAX_ID:
            return Invalid(f"There is no deadline #{number}: numbers go up to {MAX_ID:,}.")
        if verb != "edit":
            return Invalid(f"`deadline {verb}` takes only the number.") if rest.strip() else DeadlineDelete(int(number))
        values, leftover, duplicate = _split_keyed(rest, _DEADLINE_PATTERN, DEADLINE_KEYS)
        if duplicate:
            return Invalid(f"The field `{duplicate}` is given twice; give each field once.")
        if leftover or not values:
            return Invalid("Say what to change, e.g. `/activities deadline edit 3 due: 2027-09-29 17:00`.")
        return DeadlineEdit(int(number), values)
    return Invalid(f"Use {DEADLINE_USAGE}.")


_FILE_ID = re.compile(r"(?<![A-Za-z0-9])(F[A-Z0-9]{6,})(?![A-Za-z0-9])")


def parse_knowledge(rest: str) -> Command:
    """`knowledge` (the stored reports) or `knowledge learn [FILE LINK]`."""
    action, _, file = rest.partition(" ")
    if not action or action.lower() in ("list", "documents", "reports"):
        return Documents() if not file.strip() else Invalid("`knowledge` takes no arguments; try "
                                                            "`/activities knowledge`.")
    if action.lower() != "learn":
        return Invalid("Write `/activities knowledge` (the stored reports) or `/activities knowledge learn` "
                       "after sharing a report here (or `/activities knowledge learn FILE LINK`).")
    file = _unquote(file.strip().strip("<>"))
    if file and not _FILE_ID.search(file):
        return Invalid("That is not a link to a Slack file. Share the report here and write "
                       "`/activities knowledge learn`, or paste the file's link (Copy link in its menu).")
    found = _FILE_ID.search(file)
    return LearnReport(found.group(1) if found else "")


_USER = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>|(?<![\w@])([UW][A-Z0-9]{6,})(?!\w)")
FOCAL_USAGE = ("Write `/activities focal AGENCY @user [@user …]`, `/activities focal remove AGENCY @user` or "
               "`/activities focal` for the list, e.g. `/activities focal CLDP @maria`.")


def parse_focal(rest: str) -> Command:
    """`focal`, `focal AGENCY @user …`, `focal add AGENCY @user …`, `focal remove AGENCY @user …`."""
    if not rest or rest.lower() == "list":
        return Focal("list")
    action = "add"
    first, _, after = rest.partition(" ")
    if first.lower() in ("add", "remove", "rm", "delete"):
        action = "add" if first.lower() == "add" else "remove"
        rest = after.strip()
    users = tuple(dict.fromkeys(a or b for a, b in _USER.findall(rest)))
    agency = _USER.sub(" ", rest)
    if "@" in agency:
        return Invalid("Mention each person with @ so that Slack sends who they are, e.g. "
                       "`/activities focal CLDP @maria`. " + FOCAL_USAGE)
    agency = " ".join(agency.replace(",", " ").split())
    if not agency or not users:
        return Invalid(FOCAL_USAGE)
    return Focal(action, agency, users)


_REPORT_FILE = re.compile(r"(?i)(?:^|\s)(docx|xlsx)$")
_SET = re.compile(r"(?i)(?:^|\s)set(?:\s+|$)")


def parse_report(rest: str) -> Command:
    """`report [PERIOD] [docx|xlsx]`."""
    found = _REPORT_FILE.search(rest)
    return Report(rest[: found.start()].strip(), found.group(1).lower()) if found else Report(rest)


def parse_narrative(rest: str) -> Command:
    """`narrative [PERIOD]` or `narrative [PERIOD] set TEXT` (the text may span several lines)."""
    found = _SET.search(rest)
    if not found:
        return Narrative(" ".join(rest.split()))
    text = rest[found.end():].strip()
    if not text:
        return Invalid("Write the narrative after `set`, e.g. `/activities narrative 2025-2026 set In the period, "
                       "the United States…`; paragraphs are separated by blank lines.")
    return Narrative(" ".join(rest[: found.start()].split()), text)


_DUE = re.compile(r"(?i)(?:^|\s|\|)\s*due\s*:\s*(.*?)\s*$")  # `due:` with nothing after is refused


def parse_call(rest: str) -> Command:
    """`call [PERIOD] [due: DATE]`."""
    found = _DUE.search(rest)
    due = found.group(1).strip() if found else ""
    period = (rest[: found.start()] if found else rest).strip().strip("|").strip()
    if found and not due:
        return Invalid("Give the due date after `due:`, e.g. `/activities call due: next friday`.")
    return CallForInputs(period, due)


def parse_synonyms(verb: str, rest: str) -> Command:
    action, _, remainder = rest.partition(" ")
    action = action.lower()
    if verb == "synonyms" and action not in ("add", "remove", "delete", "list"):
        action, remainder = "list", rest
    if action == "list":
        topic = remainder.strip()
        return Synonyms("list", topic) if topic else Invalid(SYNONYM_USAGE)
    if action not in ("add", "remove", "delete"):
        return Invalid(SYNONYM_USAGE)
    topic, colon, words = remainder.partition(":")
    items = tuple(w.strip() for w in re.split(r"[;,]", words) if w.strip())
    if not colon or not topic.strip() or not items:
        return Invalid(SYNONYM_USAGE)
    return Synonyms("add" if action == "add" else "remove", topic.strip(), items)


def parse_link(rest: str, unlink: bool = False) -> Command:
    values, leftover, duplicate = _split_keyed(rest, _LINK_PATTERN, LINK_KEYS)
    if duplicate:
        return Invalid(f"The field `{duplicate}` is given twice; give each field once.")
    if unlink and values:
        return Invalid("`unlink` takes only the topic and the agency: `/activities unlink TOPIC : AGENCY`.")
    if not leftover:
        return Invalid(LINK_USAGE)
    role = values.get("role")
    words = leftover.split()
    if not unlink and words and words[-1].lower() in ROLES:
        if role and role.lower() != words[-1].lower():
            return Invalid("Give the role once, either as a last word or as `role:`.")
        role = words[-1]
        leftover = " ".join(words[:-1])
    if role is not None:
        role = role.strip().lower()
        if role not in ROLES:
            return Invalid(f"The role must be one of {', '.join(ROLES)}.")
    rank = None
    if values.get("rank") is not None:
        if not values["rank"].isdigit() or not 1 <= int(values["rank"]) <= 99:
            return Invalid("The rank is a number from 1 (the best answer) to 99.")
        rank = int(values["rank"])
    for key in ("source", "description"):
        if key in values and not values[key]:
            return Invalid(f"The field `{key}:` has no value.")
    topic, colon, agency = leftover.partition(":")
    common = dict(role=role, source=values.get("source"), description=values.get("description"), rank=rank)
    if colon:
        if not topic.strip() or not agency.strip():
            return Invalid(LINK_USAGE)
        return LinkTopic(unlink, topic.strip(), agency.strip(), **common)
    return LinkTopic(unlink, None, None, pair=leftover.strip(), **common)


def _split_keyed(text: str, pattern: re.Pattern, names: dict[str, str]):
    """Split 'a: x | b: y' into {canonical a: x, canonical b: y}; return leftover text before the first key."""
    matches = list(pattern.finditer(text))
    leftover = (text[: matches[0].start()] if matches else text).strip(" |")
    values: dict[str, str] = {}
    for index, match in enumerate(matches):
        key = names[" ".join(match.group(1).lower().split())]
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = _unquote(text[match.end():end].strip().strip("|").strip())
        if key in values:
            return values, leftover, match.group(1).lower()
        values[key] = value
    return values, leftover, None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'“”":
        return value[1:-1].strip()
    if len(value) >= 2 and value[0] == "“" and value[-1] == "”":
        return value[1:-1].strip()
    return value
