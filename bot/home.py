"""The App Home tab, published for one user each time they open it: storage, then the core, then Slack."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.core.home import HOME_ACTIVITIES, HOME_UNDER_WAY, home_view
from bot.deadline_commands import deadline_statuses
from bot.services import Services
from bot.core.periods import Period
from bot.inputs import status_for
from storage import listing
from storage import inputs as inputs_store


def build_home(user_id: str, services: Services, client: WebClient | None = None) -> dict:
    today = services.today()
    with services.db.session() as session:
        upcoming, _ = listing.upcoming_activities(session, today, HOME_ACTIVITIES, under_way_limit=HOME_UNDER_WAY)
    return home_view(upcoming, deadline_statuses(services), today=today, now=services.now(),
                     zone=services.user_zone(client, user_id), knowledge=services.knowledge(),
                     is_admin=services.is_admin(user_id), inputs=latest_call_status(services))


def latest_call_status(services: Services):
    """Where the agencies stand in the latest call for inputs (None before the first call)."""
    with services.db.session() as session:
        calls = inputs_store.all_calls(session)
    return status_for(services, Period(calls[-1].start, calls[-1].end)) if calls else None


def publish_home(client: WebClient, user_id: str, services: Services) -> None:
    client.views_publish(user_id=user_id, view=build_home(user_id, services, client))
