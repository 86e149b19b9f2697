"""Pages of long listings: the Previous / More buttons, and the command each one carries.

A button's value is the listing command itself (JSON of the grammar value, with its page), so the
action listener answers it exactly as if it had been typed, e.g. `/activities upcoming page 2`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from bot.core.grammar import Deadlines, Search, Upcoming

MORE_ACTION = "listing_more"
PREVIOUS_ACTION = "listing_previous"
PAGED = {kind.__name__: kind for kind in (Upcoming, Search, Deadlines)}
VALUE_LIMIT = 2000  # Slack's limit for a button's value

Paged = Upcoming | Search | Deadlines


def encode(command: Paged) -> str:
    return json.dumps({"kind": type(command).__name__, **asdict(command)}, ensure_ascii=False,
                      separators=(",", ":"))


def decode(value: str) -> Paged | None:
    """The listing command a button carries; None for anything else."""
    try:
        data = json.loads(value)
        kind = PAGED[data.pop("kind")]
        command = kind(**data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return command if isinstance(command.page, int) and command.page >= 1 else None


def page_buttons(command: Paged, more: bool) -> dict | None:
    """An actions block with Previous (from page 2) and More (when more exist); None when neither applies."""
    elements = []
    if command.page > 1:
        elements.append(_button("Previous", PREVIOUS_ACTION, replace(command, page=command.page - 1)))
    if more:
        elements.append(_button("More", MORE_ACTION, replace(command, page=command.page + 1)))
    elements = [element for element in elements if element is not None]
    return {"type": "actions", "block_id": "paging", "elements": elements} if elements else None


def _button(label: str, action_id: str, command: Paged) -> dict | None:
    value = encode(command)
    if len(value) > VALUE_LIMIT:
        return None
    return {"type": "button", "action_id": action_id, "value": value,
            "text": {"type": "plain_text", "text": label}}
