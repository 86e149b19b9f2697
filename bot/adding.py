"""Recording one activity from typed fields (`/activities add`, the add form): validate (core), refuse a
duplicate of a recorded activity (storage), store, and say when the activity started in the past."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.checks import DUPLICATE_OVERRIDE, duplicate_message, is_yes, past_note
from bot.core.forms import FieldError, validate_activity
from bot.services import Services
from storage import activities

OVERRIDE_FIELD = "allow_duplicate"


@dataclass
class Added:
    activity_id: int | None = None  # None when nothing was written
    errors: list[FieldError] = field(default_factory=list)
    note: str = ""  # e.g. "This activity started 3 months ago; recorded for the report."


def add_checked(fields: dict[str, str], user_id: str, services: Services, source: str, *,
                allow_duplicate: bool = False, override_hint: bool = True) -> Added:
    """Validate `fields` like every entry point; store the activity unless it is invalid or, without
    `allow_duplicate`, recorded already (same title, start date and agency)."""
    today = services.today()
    new, errors = validate_activity(fields, services.knowledge(), today=today, created_by=user_id,
                                    source_document=source)
    if errors:
        return Added(errors=errors)
    with services.db.session() as session:
        found = {} if allow_duplicate else activities.find_duplicates(session, [new])
        if found:
            hint = f"; to record it again all the same, add `{DUPLICATE_OVERRIDE}`" if override_hint else ""
            return Added(errors=[FieldError("title", duplicate_message(found[0]) + hint)])
        activity_id = activities.add_activity(session, new, services.settings.member)
    return Added(activity_id=activity_id, note=past_note(new.start_date, today))


def override_of(fields: dict[str, str]) -> tuple[dict[str, str], bool, str]:
    """The fields without `allow-duplicate:`, whether it says yes, and an error when it is neither yes nor no."""
    rest = dict(fields)
    value = rest.pop(OVERRIDE_FIELD, None)
    if value is None:
        return rest, False, ""
    answer = is_yes(value)
    if answer is None:
        return rest, False, f"`allow-duplicate:` takes yes or no, not `{value}`"
    return rest, answer, ""
