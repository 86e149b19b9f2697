"""`/activities add` with no text: the modal, its submission (validated like the text form), the confirmation."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import activity_form, render
from bot.adding import add_checked
from bot.core.checks import past_note
from bot.core.records import Reply
from bot.inputs import may_answer
from bot.services import Services
from storage import activities

log = logging.getLogger(__name__)
SOURCE = "Slack /activities add (form)"


def open_add_form(client: WebClient, trigger_id: str, user_id: str, channel_id: str,
                  services: Services, agency: str = "") -> Reply | None:
    """Open the modal for an admin, or for a focal point adding to their own `agency` (None), or say why
    not (an ephemeral reply)."""
    if not (services.is_admin(user_id) or (agency and may_answer(user_id, agency, services))):
        return render.render_admin_only("add activities")
    view = activity_form.add_activity_view(services.knowledge(), channel_id, agency)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("views.open failed: %s", exc)
        return render.render_error("I couldn't open the form. You can add the activity as text instead.",
                                   "Example: " + render.add_example(services.today()))
    return None


@dataclass(frozen=True)
class Submission:
    errors: dict[str, str] | None = None  # {block_id: message}: shown on the fields, nothing written
    activity_id: int | None = None


def save_submission(view: dict, user_id: str, services: Services) -> Submission:
    """Validate the modal's values exactly as the text form's, and store one activity if they are valid."""
    fields = activity_form.submitted_fields((view.get("state") or {}).get("values") or {})
    if not services.is_admin(user_id):
        # a focal point may add an activity of their own agency (from a call for inputs)
        agency = services.knowledge().agency(fields.get("agency", "") or "")
        if agency is None or not may_answer(user_id, agency.acronym, services):
            return Submission(errors={"title": render.ADMIN_ONLY.format(action="add activities")})
    added = add_checked(fields, user_id, services, SOURCE, override_hint=False)
    if added.errors:
        return Submission(errors=activity_form.field_errors(added.errors))
    log.info("activity %s added by %s with the form", added.activity_id, user_id)
    return Submission(activity_id=added.activity_id)


def confirm_added(client: WebClient, user_id: str, channel_id: str, activity_id: int, services: Services) -> None:
    """Tell the user what was saved: only to them in the channel they opened the form from, else by DM."""
    with services.db.session() as session:
        stored = activities.get_activity(session, activity_id)
    if stored is None:  # deleted meanwhile
        return
    note = past_note(stored.start_date, services.today())  # "This activity started 3 months ago; …"
    reply = render.render_activity(stored, services.knowledge(), response_type="ephemeral",
                                   intro=" ".join(filter(None, (f"Added activity #{activity_id}.", note))))
    payload = reply.payload()
    del payload["response_type"]
    if channel_id:
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, **payload)
            return
        except SlackApiError as exc:  # e.g. the bot is not in that channel
            log.info("ephemeral confirmation in %s failed (%s); sending a DM", channel_id, exc)
    client.chat_postMessage(channel=user_id, **payload)
