"""`/activities add` with no text: the modal round trip through signed requests (open, invalid, valid)."""

import json

from slack_sdk.models.views import View
from sqlalchemy import func, select

from bot.core.activity_form import add_activity_view, agency_choices, choices
from bot.core.knowledge import Knowledge
from bot.core.records import Agency
from bot.offline.signing import TEAM_ID, interaction_body, signed_request, slash_command_body
from storage import activities as store
from storage.models import ActivityRow
from tests.conftest import ADMIN, MEMBER, SECRET

TRIGGER = "trigger-form-1"


def count(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ActivityRow))


def open_form(app, api, user=ADMIN, channel="C0CHAN"):
    body = slash_command_body("/activities", "add", user, channel, response_url=api.response_url(),
                              trigger_id=TRIGGER)
    response = app.dispatch(signed_request(SECRET, body))
    assert response.status == 200
    return json.loads(response.body) if response.body else {}


def state(title="Border enforcement workshop", start="2026-09-15", end=None, beneficiaries="Peru; Chile",
          agency="CBP", topics=("border-enforcement",), fmt="in-person", description=""):
    """The modal's state as Slack sends it in view_submission."""
    def text(value):
        return {"value": {"type": "plain_text_input", "value": value}}

    return {
        "title": text(title),
        "start_date": {"value": {"type": "datepicker", "selected_date": start}},
        "end_date": {"value": {"type": "datepicker", "selected_date": end}},
        "beneficiaries": text(beneficiaries),
        "agency": {"value": {"type": "static_select",
                             "selected_option": {"value": agency, "text": {"type": "plain_text", "text": agency}}
                             if agency else None}},
        "topics": {"value": {"type": "multi_static_select",
                             "selected_options": [{"value": t, "text": {"type": "plain_text", "text": t}}
                                                  for t in topics]}},
        "format": {"value": {"type": "static_select", "selected_option": {"value": fmt} if fmt else None}},
        "location": text(None),
        "description": text(description or None),
        "url": text(None),
    }


def submit(app, view, values, user=ADMIN):
    payload = {
        "type": "view_submission", "token": "offline", "api_app_id": "A0ART67", "trigger_id": "t2",
        "team": {"id": TEAM_ID, "domain": "art67bot"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "view": {**view, "id": "V0FORM", "state": {"values": values}},
    }
    response = app.dispatch(signed_request(SECRET, interaction_body(payload)))
    assert response.status == 200
    return json.loads(response.body) if response.body else {}


def opened_view(api):
    [call] = api.wait_for("views.open")
    assert call.params["trigger_id"] == TRIGGER
    view = call.params["view"]
    return json.loads(view) if isinstance(view, str) else view


def test_add_alone_opens_a_valid_modal_with_the_knowledge_base(app, slack_api):
    assert open_form(app, slack_api) == {}  # acknowledged with nothing to show: the modal is the answer
    view = opened_view(slack_api)
    assert View(**view).to_dict()["callback_id"] == "add_activity"  # slack_sdk validates every block
    by_id = {block["block_id"]: block for block in view["blocks"]}
    assert list(by_id) == ["title", "start_date", "end_date", "beneficiaries", "agency", "topics", "format",
                           "location", "description", "url"]
    assert by_id["start_date"]["element"]["type"] == "datepicker"
    assert by_id["topics"]["element"]["type"] == "multi_static_select"
    agencies = [o["value"] for o in by_id["agency"]["element"]["options"]]
    assert "CBP" in agencies and "USPTO" in agencies
    assert [o["value"] for o in by_id["format"]["element"]["options"]] == ["in-person", "virtual", "hybrid"]
    assert json.loads(view["private_metadata"]) == {"channel": "C0CHAN"}


def test_invalid_submission_shows_errors_on_the_fields_and_writes_nothing(app, slack_api, db):
    open_form(app, slack_api)
    view = opened_view(slack_api)
    answer = submit(app, view, state(title="  ", start="2026-09-15", end="2026-09-01", beneficiaries=" ; ",
                                     agency=None))
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"title", "end_date", "beneficiaries", "agency"}
    assert "before the start date" in answer["errors"]["end_date"]
    assert count(db) == 0
    assert slack_api.calls_to("chat.postEphemeral") == [] and slack_api.calls_to("chat.postMessage") == []


def test_valid_submission_writes_one_record_closes_the_modal_and_confirms_in_the_channel(app, slack_api, db):
    open_form(app, slack_api, channel="C0REPORT")
    view = opened_view(slack_api)
    answer = submit(app, view, state(end="2026-09-17", topics=("border-enforcement", "anti-counterfeiting"),
                                     description="<!channel> Three days in Lima."))
    assert answer == {}  # an empty acknowledgement closes the modal
    with db.session() as s:
        [stored] = store.all_activities(s)
    assert (stored.title, str(stored.start_date), str(stored.end_date)) == (
        "Border enforcement workshop", "2026-09-15", "2026-09-17")
    assert stored.beneficiaries == ("Peru", "Chile") and stored.agency == "CBP" and stored.format == "in-person"
    assert stored.topics == ("border-enforcement", "anti-counterfeiting") and stored.created_by == ADMIN
    [call] = slack_api.wait_for("chat.postEphemeral")
    assert call.params["channel"] == "C0REPORT" and call.params["user"] == ADMIN
    assert f"Added activity #{stored.id}" in call.params["text"]
    assert "<!channel>" not in json.dumps(call.params["blocks"])


def test_confirmation_falls_back_to_a_dm_when_the_channel_refuses(app, slack_api, db):
    from bot.offline.web_api import Failure

    slack_api.fail("chat.postEphemeral", Failure(200, body={"ok": False, "error": "channel_not_found"}))
    open_form(app, slack_api)
    submit(app, opened_view(slack_api), state())
    [dm] = slack_api.wait_for("chat.postMessage")
    assert dm.params["channel"] == ADMIN and "Added activity #" in dm.params["text"]
    assert count(db) == 1


def test_non_admins_get_no_modal_and_their_submission_is_refused(app, slack_api, db):
    refusal = open_form(app, slack_api, user=MEMBER)
    assert refusal["response_type"] == "ephemeral" and "admins" in refusal["text"]
    assert slack_api.calls_to("views.open") == []
    view = add_activity_view(Knowledge([Agency("CBP", "Customs and Border Protection")], [], []), "C0CHAN")
    answer = submit(app, view, state(), user=MEMBER)
    assert answer["response_action"] == "errors" and "admins" in answer["errors"]["title"]
    assert count(db) == 0


def test_add_with_text_still_uses_the_text_form(slack, slack_api, db):
    status, payload = slack.command("add title: Workshop | start: 2026-09-15 | beneficiaries: Peru | agency: CBP")
    assert "Added activity #" in payload["text"]
    assert slack_api.calls_to("views.open") == []


def test_selects_group_their_options_when_a_knowledge_base_outgrows_them():
    items = [(f"Agency {i}", f"A{i}", f"Parent {i // 150}") for i in range(330)]
    found = choices(items)
    groups = found["option_groups"]
    assert "options" not in found and all(len(g["options"]) <= 100 for g in groups)
    assert sum(len(g["options"]) for g in groups) == 330
    assert [g["label"]["text"] for g in groups][:3] == ["Parent 0 (1)", "Parent 0 (2)", "Parent 1 (1)"]
    many = Knowledge([Agency(f"A{i}", "x" * 200, parent="A0" if i else None) for i in range(120)], [], [])
    view = add_activity_view(many)
    View(**view).to_dict()
    assert "option_groups" in agency_choices(many)
    assert "topics" not in [block["block_id"] for block in view["blocks"]]  # no topics to choose from
