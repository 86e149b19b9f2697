"""Reporting deadlines: plain records and validation of the `deadline add|edit` fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.text import invisible
from bot.core.dates import DateError, parse_date

DEFAULT_LEADS = (30, 14, 7, 1)
DEFAULT_TIME = time(17, 0)  # a due date given without a time means 17:00 in the deadline's zone
MAX_LEAD_DAYS = 366
FIELDS = ("title", "due", "timezone", "repeat", "leads", "channel", "notes")
LIMITS = {"title": 300, "notes": 2000}
_REPEAT = {"yearly": True, "annually": True, "every year": True, "yes": True,
           "none": False, "no": False, "once": False, "never": False}
_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]{2,})(?:\|[^>]*)?>$|^([CGD][A-Z0-9]{2,})$")
_TIME_SUFFIX = re.compile(
    r"^(?P<date>.+?)[\s,T]+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"\s*(?P<offset>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NewDeadline:
    """A validated deadline, ready to be stored. `due_at` is the first (or only) occurrence, in UTC."""

    title: str
    due_at: datetime
    timezone: str
    yearly: bool = False
    lead_days: tuple[int, ...] = DEFAULT_LEADS
    channel: str = ""
    notes: str = ""
    created_by: str = ""

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Deadline(NewDeadline):
    """A stored deadline. `revision` changes with every edit, snooze or submission."""

    id: int = 0
    revision: int = 0
    next_remind_at: datetime | None = None


@dataclass(frozen=True)
class OccurrenceState:
    """What people did about one occurrence of a deadline."""

    submitted_by: str | None = None
    submitted_at: datetime | None = None
    snoozed_until: datetime | None = None


def zone_named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_due(text: str, zone: ZoneInfo) -> datetime:
    """'2027-09-15T17:00', '2027-09-15 17:00+02:00', '15 September 2027 17:00', '2027-09-15' (17:00).

    A time without an offset is read in `zone`. Returns an aware UTC datetime, to the minute.
    """
    value = " ".join(text.split())
    parsed = None
    if ":" in value:  # an ISO 8601 date alone is read below, at DEFAULT_TIME
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
    if parsed is None:
        match = _TIME_SUFFIX.match(value)
        if match:
            day = parse_date(match["date"])
            hour, minute = int(match["hour"]), int(match["minute"])
            if hour > 23 or minute > 59:
                raise DateError(f"'{value}' has no valid time of day; write it like 2027-09-15 17:00")
            parsed = datetime.combine(day, time(hour, minute))
            offset = (match["offset"] or "").upper()
            if offset in ("Z", "UTC", "GMT"):
                parsed = parsed.replace(tzinfo=timezone.utc)
            elif offset:
                parsed = datetime.fromisoformat(f"{parsed.isoformat()}{offset[:3]}:{offset[-2:]}")
        else:
            parsed = datetime.combine(parse_date(value), DEFAULT_TIME)
    if not 1900 <= parsed.year <= 9000:
        raise DateError(f"'{value}' is too far from today; write a year like {datetime.now().year + 1}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
        back = parsed.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
        if back != parsed.replace(tzinfo=None):  # the clocks jump over this time: it never happens
            raise DateError(f"'{value}' does not exist in {zone.key}: the clocks change that night; "
                            f"write {back:%H:%M} or an earlier time")
    return parsed.astimezone(timezone.utc).replace(second=0, microsecond=0)


def parse_leads(text: str) -> tuple[int, ...]:
    """'30, 14, 7 and 1 days' -> (30, 14, 7, 1): whole days before the due time, largest first."""
    text_days = re.sub(r"(?i)(\d)\s*(?:days?|d)\b", r"\1", text)  # '7d', '7 d', '7 days' -> '7'
    words = re.sub(r"(?i)\b(and|days?|d)\b", " ", text_days).replace(",", " ").replace(";", " ").split()
    if not words or not all(word.isdigit() for word in words):
        raise ValueError(f"lead times must be whole days, e.g. `30, 14, 7, 1` (got `{text}`)")
    leads = sorted({int(word) for word in words}, reverse=True)
    if leads[-1] < 1 or leads[0] > MAX_LEAD_DAYS:
        raise ValueError(f"lead times must be between 1 and {MAX_LEAD_DAYS} days")
    return tuple(leads)


def parse_channel(text: str) -> str:
    """A channel mention `<#C123|name>` or a channel ID `C123`."""
    match = _CHANNEL.match(text.strip())
    if not match:
        raise ValueError(
            f"`{text}` is not a channel I can post to; mention it (`#channel`) or give its ID, e.g. `C0123ABCD`"
        )
    return match.group(1) or match.group(2)


def deadline_from_fields(
    fields: dict[str, str],
    *,
    default_zone: str,
    default_channel: str,
    now: datetime,
    created_by: str = "",
    base: NewDeadline | None = None,
) -> tuple[NewDeadline | None, list[str]]:
    """Validate `deadline add` fields (base None) or `deadline edit` fields (changes to `base`).

    Returns the deadline, or every problem found (never a partial record).
    """
    errors = [f"`{key}` is not a deadline field I know" for key in sorted(set(fields) - set(FIELDS))]
    value = {key: " ".join(str(fields[key]).split()) for key in FIELDS if key in fields}
    if "notes" in fields:
        value["notes"] = str(fields["notes"]).strip()
    when_changed = base is None or bool({"due", "timezone", "repeat"} & set(value))
    if base is None:
        base = NewDeadline(title="", due_at=now, timezone=default_zone, channel=default_channel,
                           created_by=created_by)
        if not value.get("title"):
            errors.append("the title is missing (e.g. `title: Art. 67 report to the TRIPS Council`)")
        if not value.get("due"):
            errors.append("the due date is missing (e.g. `due: 2027-09-15 17:00`)")
    elif "title" in value and not value["title"]:
        errors.append("the title cannot be empty")
    if value.get("title") and invisible(value["title"]):
        errors.append("the title shows nothing (only invisible or control characters); write it in words")
    for key, limit in LIMITS.items():
        if len(value.get(key, "")) > limit:
            errors.append(f"the {key} is longer than {limit} characters")

    zone_name = value.get("timezone") or base.timezone
    zone = zone_named(zone_name)
    if zone is None:
        errors.append(f"`{zone_name}` is not a time zone name (e.g. UTC, Europe/Zurich)")
    due_at = base.due_at
    if value.get("due") and zone is not None:
        try:
            due_at = parse_due(value["due"], zone)
        except DateError as exc:
            errors.append(f"due: {exc}")
    elif "timezone" in value and zone is not None:  # same wall-clock time, read in the new zone
        local = base.due_at.astimezone(ZoneInfo(base.timezone)).replace(tzinfo=None)
        due_at = local.replace(tzinfo=zone).astimezone(timezone.utc)

    yearly = base.yearly
    if "repeat" in value:
        repeat = value["repeat"].lower()
        if repeat not in _REPEAT:
            errors.append(f"repeat is `yearly` or `none` (got `{value['repeat']}`)")
        else:
            yearly = _REPEAT[repeat]
    leads = base.lead_days
    if "leads" in value:
        try:
            leads = parse_leads(value["leads"])
        except ValueError as exc:
            errors.append(str(exc))
    channel = base.channel
    if value.get("channel"):
        try:
            channel = parse_channel(value["channel"])
        except ValueError as exc:
            errors.append(str(exc))
    if not channel and not value.get("channel"):
        errors.append("say which channel to remind (e.g. `channel: #trips-reporting`), "
                      "or set ART67_REMINDER_CHANNEL")
    if not errors and when_changed and not yearly and due_at <= now:
        errors.append("the due date is in the past; give a future date or `repeat: yearly`")
    if errors:
        return None, errors
    return replace(
        base,
        title=value.get("title", base.title),
        due_at=due_at,
        timezone=zone_name,
        yearly=yearly,
        lead_days=leads,
        channel=channel,
        notes=value.get("notes", base.notes),
    ), []

