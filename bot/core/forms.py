"""Validation of an activity from text fields (the `add` form, CSV/JSON rows, the modal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.beneficiaries import resolve as resolve_beneficiaries, strip_other
from bot.core.dates import DateError, parse_date
from bot.core.knowledge import Knowledge
from bot.core.text import invisible
from bot.core.records import FORMATS, NewActivity

FIELDS = ("title", "start_date", "end_date", "beneficiaries", "agency", "topics", "format",
          "location", "description", "url")
# characters; 3000 is the most a Slack text input (the add form's description) takes
LIMITS = {"title": 300, "location": 300, "description": 3000, "url": 1000}
_FORMAT_WORDS = {
    "in-person": "in-person", "in person": "in-person", "inperson": "in-person",
    "face-to-face": "in-person", "face to face": "in-person", "onsite": "in-person",
    "on-site": "in-person", "virtual": "virtual", "online": "virtual", "remote": "virtual",
    "webinar": "virtual", "hybrid": "hybrid", "blended": "hybrid",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


def split_list(value: str) -> list[str]:
    """'Peru; Chile;' -> ['Peru', 'Chile']: lists are separated by semicolons."""
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def validate_activity(
    fields: dict[str, str],
    knowledge: Knowledge,
    *,
    today: date | None = None,
    created_by: str = "",
    source_document: str = "",
    allow_unknown: bool = False,
) -> tuple[NewActivity | None, list[FieldError]]:
    """Check every field; return the activity, or every problem found (never a partial record).

    Beneficiaries are stored under the WTO's names (`bot.core.beneficiaries`); a name outside the list is
    refused unless written "NAME (other)", or `allow_unknown` (an import with --allow-unknown)."""
    errors: list[FieldError] = []
    value = {key: " ".join(str(fields.get(key) or "").split()) for key in FIELDS}
    value["description"] = str(fields.get("description") or "").strip()

    unknown = sorted(set(fields) - set(FIELDS))
    for key in unknown:
        errors.append(FieldError(key, f"`{key}` is not a field I know"))

    if not value["title"]:
        errors.append(FieldError("title", "the title is missing (e.g. `title: Border enforcement workshop`)"))
    elif invisible(value["title"]):
        errors.append(FieldError("title", "the title shows nothing (only invisible or control characters); "
                                          "write it in words"))
    for key, limit in LIMITS.items():
        if len(value[key]) > limit:
            errors.append(FieldError(key, f"the {key} is longer than {limit} characters"))

    start = end = None
    if not value["start_date"]:
        errors.append(FieldError("start_date", "the start date is missing (e.g. `start: next tuesday`)"))
    else:
        try:
            start = parse_date(value["start_date"], today)
        except DateError as exc:
            errors.append(FieldError("start_date", f"start date: {exc}"))
    if value["end_date"]:
        try:
            end = parse_date(value["end_date"], today)
        except DateError as exc:
            errors.append(FieldError("end_date", f"end date: {exc}"))
    if start and end and end < start:
        errors.append(FieldError("end_date", "the end date is before the start date"))

    beneficiaries = split_list(value["beneficiaries"])
    if not beneficiaries:
        errors.append(FieldError(
            "beneficiaries",
            "the beneficiary Members or observers are missing (e.g. `beneficiaries: Peru; Chile`)",
        ))
    elif any(len(strip_other(name)) > 200 for name in beneficiaries):
        errors.append(FieldError("beneficiaries", "a beneficiary name is longer than 200 characters"))
    else:  # stored under the WTO's names; a name outside the list only with "(other)" (or allow_unknown)
        beneficiaries, unknown_names = resolve_beneficiaries(beneficiaries, allow_unknown=allow_unknown)
        errors.extend(FieldError("beneficiaries", message) for message in unknown_names)

    agency = None
    if not value["agency"]:
        errors.append(FieldError("agency", "the organising agency is missing (e.g. `agency: USPTO`)"))
    else:
        agency = knowledge.agency(value["agency"])
        if agency is None:
            known = ", ".join(a.acronym for a in knowledge.agencies)
            errors.append(FieldError("agency", f"I don't know the agency `{value['agency']}`; use one of {known}"))

    topic_slugs: list[str] = []
    for name in split_list(value["topics"].replace(",", ";")):
        topic = knowledge.topic(name)
        if topic is None:
            errors.append(FieldError(
                "topics", f"I don't know the topic `{name}`; `/activities topics` lists them"
            ))
        elif topic.slug not in topic_slugs:
            topic_slugs.append(topic.slug)

    activity_format = None
    if value["format"]:
        activity_format = _FORMAT_WORDS.get(value["format"].lower())
        if activity_format is None:
            errors.append(FieldError("format", f"the format must be one of {', '.join(FORMATS)}"))

    url = value["url"]
    if url and not url.lower().startswith(("https://", "http://")):
        errors.append(FieldError("url", "the url must start with https:// or http://"))

    if errors:
        return None, errors
    assert start is not None and agency is not None
    return NewActivity(
        title=value["title"],
        start_date=start,
        end_date=end,
        beneficiaries=tuple(dict.fromkeys(beneficiaries)),
        agency=agency.acronym,
        topics=tuple(topic_slugs),
        format=activity_format,
        location=value["location"],
        description=value["description"],
        url=url,
        source_document=source_document,
        created_by=created_by,
    ), []
