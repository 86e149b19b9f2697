"""Validation of an activity from text fields (the `add` form, CSV/JSON rows, the modal)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
FIELDS_SET = frozenset(FIELDS)
LIMITS = {"title": 300, "location": 300, "description": 3000, "url": 1000}
TITLE_LIMIT, LOCATION_LIMIT, DESCRIPTION_LIMIT, URL_LIMIT = (LIMITS[key] for key in
                                                              ("title", "location", "description", "url"))
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
    return Validator(knowledge, today=today, allow_unknown=allow_unknown).activity(
        fields, created_by=created_by, source_document=source_document)


Checked = tuple[object, tuple[FieldError, ...]]  # a field's value, and its problems


def _new_activity(**values) -> NewActivity:
    """NewActivity(**values), every field given and already checked, at a third of the frozen dataclass
    __init__'s cost (it sets each field through object.__setattr__): an import builds 100,000 of them."""
    activity = object.__new__(NewActivity)
    activity.__dict__.update(values)
    return activity


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _each_once(texts: Sequence[str], normalise: Callable[[str], str]) -> list[str]:
    """[normalise(text) for text in texts], each distinct text normalised once."""
    made = {text: normalise(text) for text in set(texts)}
    return list(map(made.__getitem__, texts))


class Validator:
    """validate_activity for many rows (an import): the same checks, each field's verdict remembered by
    its text, since an import repeats the same dates, beneficiaries, agencies and topics many times."""

    def __init__(self, knowledge: Knowledge, *, today: date | None = None, allow_unknown: bool = False) -> None:
        self.knowledge = knowledge
        self.today = today
        self.allow_unknown = allow_unknown
        self._seen: dict[tuple, Checked] = {}

    def _remembered(self, key: tuple, check: Callable[..., Checked]) -> Checked:
        """check(*key[1:]), once per key: key[0] names the check."""
        verdict = self._seen.get(key)
        if verdict is None:
            self._seen[key] = verdict = check(*key[1:])
        return verdict

    def activity(self, fields: dict[str, str], *, created_by: str = "",
                 source_document: str = "") -> tuple[NewActivity | None, list[FieldError]]:
        """One activity: every field checked; the activity, or every problem found."""
        return self.activities([fields], created_by=created_by, sources=[source_document])[0]

    def activities(self, rows: Sequence[dict[str, str]], *, created_by: str = "",
                   sources: Sequence[str] | None = None) -> list[tuple[NewActivity | None, list[FieldError]]]:
        """activity() for each row (`sources`: each row's source document), the repeated fields checked
        once per distinct text, column by column."""
        columns = {field: [str(row.get(field) or "") for row in rows] for field in FIELDS}
        unknown = [() if FIELDS_SET.issuperset(row) else sorted(row.keys() - FIELDS_SET) for row in rows]
        return self._validate(columns, len(rows), created_by, sources, unknown)

    def columns(self, columns: Mapping[str, Sequence[str]], count: int, *, created_by: str = "",
                sources: Sequence[str] | None = None) -> list[tuple[NewActivity | None, list[FieldError]]]:
        """activities() for `count` rows held column by column, as an import reads them: `columns[field]`
        holds each row's text of the field (a field not given is empty in every row)."""
        return self._validate(columns, count, created_by, sources, None)

    def _validate(self, columns: Mapping[str, Sequence[str]], count: int, created_by: str,
                  sources: Sequence[str] | None, unknown: Sequence[Sequence[str]] | None,
                  ) -> list[tuple[NewActivity | None, list[FieldError]]]:
        empty = [""] * count
        verdicts = []
        for name, fields, check in self._checks():
            texts = (list(zip(*(columns.get(f) or empty for f in fields))) if len(fields) > 1
                     else columns.get(fields[0]) or empty)
            keyed = {text: self._remembered((name, *text) if len(fields) > 1 else (name, text), check)
                     for text in set(texts)}
            verdicts.append(list(map(keyed.__getitem__, texts)))
        titles = [" ".join(text.split()) for text in columns.get("title") or empty]
        locations = _each_once(columns.get("location") or empty, _one_line)
        urls = _each_once(columns.get("url") or empty, _one_line)
        descriptions = _each_once(columns.get("description") or empty, str.strip)
        return [self._build(title, location, url, description, row_verdicts, created_by, source, unknown_fields)
                for title, location, url, description, source, unknown_fields, *row_verdicts
                in zip(titles, locations, urls, descriptions, sources or empty, unknown or [()] * count, *verdicts)]

    def _checks(self) -> tuple[tuple[str, tuple[str, ...], Callable[..., Checked]], ...]:
        """(name, the fields it reads, the check): the fields whose verdict depends on their text alone."""
        return (("dates", ("start_date", "end_date"), self._dates),
                ("beneficiaries", ("beneficiaries",), self._beneficiaries),
                ("agency", ("agency",), self._agency), ("topics", ("topics",), self._topics),
                ("format", ("format",), _format))

    def _build(self, title: str, location: str, url: str, description: str, verdicts: Sequence[Checked],
               created_by: str, source_document: str,
               unknown_fields: Sequence[str]) -> tuple[NewActivity | None, list[FieldError]]:
        (dates, dates_errors), (beneficiaries, beneficiaries_errors), (agency, agency_errors), \
            (topic_slugs, topics_errors), (activity_format, format_errors) = verdicts
        if (title and len(title) <= TITLE_LIMIT and len(location) <= LOCATION_LIMIT
                and len(description) <= DESCRIPTION_LIMIT and len(url) <= URL_LIMIT
                and not (dates_errors or beneficiaries_errors or agency_errors or topics_errors or format_errors)
                and not unknown_fields and (not url or url.lower().startswith(("https://", "http://")))
                and not invisible(title)):  # the common case, checked at once; else every problem, in order
            start, end = dates
            return _new_activity(title=title, start_date=start, end_date=end, beneficiaries=beneficiaries,
                                 agency=agency, topics=topic_slugs, format=activity_format, location=location,
                                 description=description, url=url, source_document=source_document,
                                 created_by=created_by), []
        errors: list[FieldError] = []
        for key in unknown_fields:
            errors.append(FieldError(key, f"`{key}` is not a field I know"))
        if not title:
            errors.append(FieldError("title", "the title is missing (e.g. `title: Border enforcement workshop`)"))
        elif invisible(title):
            errors.append(FieldError("title", "the title shows nothing (only invisible or control characters); "
                                              "write it in words"))
        for key, text in (("title", title), ("location", location), ("description", description), ("url", url)):
            if len(text) > LIMITS[key]:
                errors.append(FieldError(key, f"the {key} is longer than {LIMITS[key]} characters"))
        for _, problems in verdicts:
            errors += problems
        if url and not url.lower().startswith(("https://", "http://")):
            errors.append(FieldError("url", "the url must start with https:// or http://"))
        return None, errors

    def _dates(self, start_text: str, end_text: str) -> Checked:
        start_text, end_text = " ".join(start_text.split()), " ".join(end_text.split())
        errors = []
        start = end = None
        if not start_text:
            errors.append(FieldError("start_date", "the start date is missing (e.g. `start: next tuesday`)"))
        else:
            try:
                start = parse_date(start_text, self.today)
            except DateError as exc:
                errors.append(FieldError("start_date", f"start date: {exc}"))
        if end_text:
            try:
                end = parse_date(end_text, self.today)
            except DateError as exc:
                errors.append(FieldError("end_date", f"end date: {exc}"))
        if start and end and end < start:
            errors.append(FieldError("end_date", "the end date is before the start date"))
        return (start, end), tuple(errors)

    def _beneficiaries(self, text: str) -> Checked:
        names = split_list(" ".join(text.split()))
        if not names:
            return (), (FieldError(
                "beneficiaries",
                "the beneficiary Members or observers are missing (e.g. `beneficiaries: Peru; Chile`)"),)
        if any(len(name) > 200 for name in names) and any(len(strip_other(name)) > 200 for name in names):
            return (), (FieldError("beneficiaries", "a beneficiary name is longer than 200 characters"),)
        # stored under the WTO's names; a name outside the list only with "(other)" (or allow_unknown)
        resolved, unknown_names = resolve_beneficiaries(names, allow_unknown=self.allow_unknown)
        return tuple(dict.fromkeys(resolved)), tuple(FieldError("beneficiaries", m) for m in unknown_names)

    def _agency(self, text: str) -> Checked:
        text = " ".join(text.split())
        if not text:
            return None, (FieldError("agency", "the organising agency is missing (e.g. `agency: USPTO`)"),)
        agency = self.knowledge.agency(text)
        if agency is None:
            known = ", ".join(a.acronym for a in self.knowledge.agencies)
            return None, (FieldError("agency", f"I don't know the agency `{text}`; use one of {known}"),)
        return agency.acronym, ()

    def _topics(self, text: str) -> Checked:
        slugs: list[str] = []
        errors = []
        for name in split_list(" ".join(text.split()).replace(",", ";")):
            topic = self.knowledge.topic(name)
            if topic is None:
                errors.append(FieldError("topics", f"I don't know the topic `{name}`; `/activities topics` lists them"))
            elif topic.slug not in slugs:
                slugs.append(topic.slug)
        return tuple(slugs), tuple(errors)


def _format(text: str) -> Checked:
    text = " ".join(text.split())
    if not text:
        return None, ()
    activity_format = _FORMAT_WORDS.get(text.lower())
    if activity_format is None:
        return None, (FieldError("format", f"the format must be one of {', '.join(FORMATS)}"),)
    return activity_format, ()
