"""The "Add an activity" modal: its view, and its submitted values read back as the text form's fields.

The submission is validated by `bot.core.forms.validate_activity`, exactly like `/activities add
FIELDS`; each field's block_id is the field's name, so a FieldError lands on its own input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from bot.core.forms import FIELDS, LIMITS, FieldError
from bot.core.knowledge import Knowledge
from bot.core.records import FORMATS
from bot.core.text import truncate

CALLBACK_ID = "add_activity"
OPTIONS_LIMIT = 100  # options in a select, and option groups in a select
OPTION_TEXT = 75  # characters of an option's label
ERROR_LIMIT = 2000
REQUIRED = ("title", "start_date", "beneficiaries", "agency")


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def _option(label: str, value: str) -> dict:
    return {"text": _plain(truncate(label, OPTION_TEXT)), "value": value}


def choices(items: Sequence[tuple[str, str, str]]) -> dict:
    """`options`, or `option_groups` when there are more than a select holds.

    `items` are (label, value, group). Groups keep their order; a group with more than 100 options is
    split into parts; at most 100 groups of 100 options are offered.
    """
    if len(items) <= OPTIONS_LIMIT:
        return {"options": [_option(label, value) for label, value, _ in items]}
    grouped: dict[str, list[dict]] = {}
    for label, value, group in items:
        grouped.setdefault(group, []).append(_option(label, value))
    groups = []
    for name, options in grouped.items():
        parts = [options[i:i + OPTIONS_LIMIT] for i in range(0, len(options), OPTIONS_LIMIT)]
        for number, part in enumerate(parts, 1):
            label = name if len(parts) == 1 else f"{name} ({number})"
            groups.append({"label": _plain(truncate(label, OPTION_TEXT)), "options": part})
    return {"option_groups": groups[:OPTIONS_LIMIT]}


def agency_choices(knowledge: Knowledge) -> dict:
    """Agencies as 'CBP: U.S. Customs and Border Protection', grouped under their top-level agency."""
    def top(acronym: str) -> str:
        chain = knowledge.parents(acronym)
        return chain[-1].acronym if chain else acronym

    return choices([(f"{a.acronym}: {a.name}", a.acronym, top(a.acronym)) for a in knowledge.agencies])


def topic_choices(knowledge: Knowledge) -> dict:
    return choices([(t.name, t.slug, t.kind.replace("-", " ").capitalize()) for t in knowledge.topics])


def _input(block_id: str, label: str, element: dict, *, hint: str = "") -> dict:
    block = {"type": "input", "block_id": block_id, "label": _plain(label), "element": element,
             "optional": block_id not in REQUIRED}
    if hint:
        block["hint"] = _plain(hint)
    return block


def _text(action_id: str, placeholder: str = "", *, multiline: bool = False, limit: int | None = None) -> dict:
    element = {"type": "plain_text_input", "action_id": action_id, "multiline": multiline}
    if placeholder:
        element["placeholder"] = _plain(placeholder)
    if limit:
        element["max_length"] = limit
    return element


def add_activity_view(knowledge: Knowledge, channel_id: str = "", agency: str = "") -> dict:
    """The modal `/activities add` opens; the channel it was opened from travels in private_metadata.
    With `agency` (opened from a call for inputs), that agency is chosen already."""
    format_options = [_option(name, name) for name in FORMATS]
    agencies = agency_choices(knowledge)
    chosen = next((o for o in (*agencies.get("options", ()),
                               *(o for g in agencies.get("option_groups", ()) for o in g["options"]))
                   if o["value"] == agency), None) if agency else None
    blocks = [
        _input("title", "Title", _text("value", "Border enforcement workshop", limit=LIMITS["title"])),
        _input("start_date", "Start date", {"type": "datepicker", "action_id": "value"}),
        _input("end_date", "End date", {"type": "datepicker", "action_id": "value"},
               hint="Leave empty for a one-day activity."),
        _input("beneficiaries", "Beneficiary Members or observers", _text("value", "Peru; Chile"),
               hint="Separate them with semicolons (;). WTO Members and observers, in English, French or "
                    "Spanish; a name outside the WTO list as \"Name (other)\"."),
        _input("agency", "Organising agency",
               {"type": "static_select", "action_id": "value", "placeholder": _plain("Choose an agency"),
                **agencies, **({"initial_option": chosen} if chosen else {})}),
        *([_input("topics", "Topics",
                  {"type": "multi_static_select", "action_id": "value", "placeholder": _plain("Choose topics"),
                   **topic_choices(knowledge)})] if knowledge.topics else []),
        _input("format", "Format",
               {"type": "static_select", "action_id": "value", "placeholder": _plain("Choose a format"),
                "options": format_options}),
        _input("location", "Location", _text("value", "Lima, Peru", limit=LIMITS["location"])),
        _input("description", "Description", _text("value", multiline=True, limit=LIMITS["description"])),
        _input("url", "Link", _text("value", "https://…", limit=LIMITS["url"])),
    ]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain("Add an activity"),
        "submit": _plain("Save"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps({"channel": channel_id}),
        "blocks": blocks,
    }


def submitted_fields(state_values: dict) -> dict[str, str]:
    """The modal's state, as the text form's fields (`topics` as 'slug; slug')."""
    fields = {}
    for block_id, actions in (state_values or {}).items():
        value = (actions or {}).get("value") or {}
        kind = value.get("type")
        if kind == "datepicker":
            fields[block_id] = value.get("selected_date") or ""
        elif kind == "static_select":
            fields[block_id] = ((value.get("selected_option") or {}).get("value")) or ""
        elif kind == "multi_static_select":
            fields[block_id] = "; ".join(o.get("value", "") for o in value.get("selected_options") or [])
        else:
            fields[block_id] = value.get("value") or ""
    return fields


def field_errors(errors: Iterable[FieldError]) -> dict[str, str]:
    """{block_id: message} for `response_action: errors`; one field's problems joined."""
    found: dict[str, list[str]] = {}
    for error in errors:
        found.setdefault(error.field if error.field in FIELDS else "title", []).append(error.message)
    return {block: truncate("; ".join(messages).replace("`", ""), ERROR_LIMIT) for block, messages in found.items()}


def origin_channel(private_metadata: str) -> str:
    try:
        return str(json.loads(private_metadata or "{}").get("channel") or "")
    except (ValueError, AttributeError):
        return ""
