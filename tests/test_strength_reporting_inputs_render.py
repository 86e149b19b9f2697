"""Block Kit for collecting inputs: the focal point's DM and its buttons, the status added to a channel reminder
and to the report summary, the answered note, `/activities status`, the App Home section, the focal points,
an activity's history, and how long lists are cut to fit Slack's limits."""

import json
from datetime import date, datetime, timezone

from bot.core.periods import Period
from bot.core.records import Activity, Reply
from bot.core.reporting.inputs import CHANGED, CONFIRMED, NOTHING, PENDING, AgencyStatus, CallStatus
from bot.core.reporting.inputs_render import (button_value, inputs_blocks, render_answered, render_call_dm,
                                              render_focal_points, render_history, render_status,
                                              with_completeness, with_inputs_status)

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
LABEL = "September 2025 – September 2026"
DUE = date(2026, 10, 15)
AT = datetime(2026, 9, 20, 12, 0, tzinfo=timezone.utc)


def _texts(blocks) -> list[str]:
    out = []
    for block in blocks:
        if block["type"] == "section":
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out.append(block["elements"][0]["text"])
    return out


def _activity(n: int, beneficiaries=("Peru", "Chile"), end=None) -> Activity:
    return Activity(title=f"Workshop <{n}>", start_date=date(2026, 3, 2), end_date=end, agency="CBP", id=n,
                    beneficiaries=beneficiaries)


# the focal point's DM

def test_the_call_dm_names_the_period_due_date_and_each_activity():
    reply = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE,
                           [_activity(1, end=date(2026, 3, 4)), _activity(2, beneficiaries=())])
    intro, listing, context = _texts(reply.blocks)
    assert intro == (f"*Call for inputs: Article 67 report, {LABEL}*\nPlease check the activities of *CBP* for this "
                     "period by *15 October 2026*: confirm the list, add what is missing, or say there is nothing "
                     "to report.")
    assert listing == ("*CBP: 2 activities*\n• 2–4 Mar 2026 · #1 Workshop &lt;1&gt; — Peru, Chile\n"
                       "• 2 Mar 2026 · #2 Workshop &lt;2&gt;")
    assert context == ("You get this because you are a focal point of CBP for the Article 67 report. "
                       "Confirming stops the reminders for CBP.")
    assert reply.text == (f"Call for inputs ({LABEL}): please confirm the 2 activities of CBP, add what is "
                          "missing, or say there is nothing to report, by 15 October 2026.")


def test_the_call_dm_has_three_buttons_carrying_the_call_and_agency():
    reply = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE, [])
    [actions] = [b for b in reply.blocks if b["type"] == "actions"]
    buttons = actions["elements"]
    assert [(b["action_id"], b["text"]["text"]) for b in buttons] == [
        ("inputs_confirm", "Confirm this list"), ("inputs_add", "Add an activity"),
        ("inputs_nothing", "Nothing to report")]
    assert [b.get("style") for b in buttons] == ["primary", None, None]
    assert all(json.loads(b["value"]) == {"call": 7, "agency": "CBP"} for b in buttons)
    assert button_value(7, "CBP") == buttons[0]["value"]


def test_a_reminder_dm_says_so_and_an_empty_list_says_none_is_recorded():
    reply = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE, [], reminder="due in 7 days")
    intro, listing, _ = _texts(reply.blocks)
    assert intro.startswith(f"*Reminder, inputs due in 7 days: Article 67 report, {LABEL}*")
    assert listing == "*CBP: 0 activities*\n_No activity of this agency is recorded for the period._"
    assert reply.text.startswith(f"Reminder, inputs due in 7 days ({LABEL}): please confirm the 0 activities")
    one = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE, [_activity(1)])
    assert _texts(one.blocks)[1].startswith("*CBP: 1 activity*\n")


def test_the_dm_lists_forty_activities_and_counts_the_rest():
    forty = _texts(render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE,
                                  [_activity(n, ()) for n in range(1, 41)]).blocks)[1]
    assert forty.count("\n• ") == 40 and "more" not in forty
    more = _texts(render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE,
                                 [_activity(n, ()) for n in range(1, 44)]).blocks)[1]
    assert more.count("\n• ") == 40 and "#40 " in more and "#41 " not in more
    assert more.endswith("\n… and 3 more (`/activities search CBP`)")


def test_a_listing_too_long_for_one_section_is_cut_after_a_whole_line():
    long = [Activity(title="x" * 150, start_date=date(2026, 3, 2), agency="CBP", id=n) for n in range(1, 41)]
    listing = _texts(render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE, long).blocks)[1]
    assert len(listing) <= 3000 and listing.endswith("\n…")
    kept = listing[:-2].split("\n")
    assert all(line.endswith("x" * 150) for line in kept[1:])  # no line cut in the middle
    assert 3000 - len(listing) < 180  # and no whole line dropped that would have fit


# the status added to other replies

def _agency(acronym, state=PENDING, focal=(), unreachable=(), by=None, at=None, activities=0) -> AgencyStatus:
    return AgencyStatus(acronym, state, by, at, activities, tuple(focal), tuple(unreachable))


def _call(*agencies, due=DUE) -> CallStatus:
    return CallStatus(PERIOD, due, tuple(agencies))


def test_a_channel_reminder_mentions_the_reachable_focal_points_of_waiting_agencies_before_its_buttons():
    reply = Reply("Deadline soon.", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "a"}},
                                            {"type": "actions", "elements": []}], response_type="in_channel")
    status = _call(_agency("CBP", focal=("U1", "U2", "U3"), unreachable=("U2",)), _agency("DOJ", CONFIRMED),
                   _agency("USPTO", CHANGED, focal=("U4",), unreachable=("U4",)))
    out = with_inputs_status(reply, status)
    assert [b["type"] for b in out.blocks] == ["section", "section", "actions"]
    assert out.blocks[1]["text"]["text"] == (":inbox_tray: *Inputs:* 1 of 3 agencies confirmed; waiting on "
                                             "CBP (<@U1>, <@U3>), USPTO.")
    assert out.text == "Deadline soon. Inputs: 1 of 3 agencies confirmed; waiting on CBP, USPTO."
    assert out.response_type == "in_channel"


def test_a_channel_reminder_without_buttons_gets_the_status_last_and_names_at_most_fifteen():
    reply = Reply("Soon.", blocks=[{"type": "divider"}])
    done = with_inputs_status(reply, _call(_agency("DOJ", NOTHING)))
    assert done.blocks[0] == {"type": "divider"}
    assert done.blocks[-1]["text"]["text"] == ":inbox_tray: *Inputs:* 1 of 1 agencies confirmed."
    many = with_inputs_status(reply, _call(*[_agency(f"A{n:02}") for n in range(20)]))
    said = many.blocks[-1]["text"]["text"]
    assert "A14" in said and "A15" not in said


def _summary(count: int) -> Reply:
    return Reply("Report.", blocks=[{"type": "divider", "block_id": str(n)} for n in range(count)])


def test_the_report_summary_gets_the_completeness_line_third_or_last():
    status = _call(_agency("CBP"), _agency("DOJ", CONFIRMED))
    for count, at in ((0, 0), (1, 1), (2, 2), (3, 2), (5, 2)):
        out = with_completeness(_summary(count), status)
        assert out.blocks[at] == {"type": "context", "elements": [
            {"type": "mrkdwn", "text": ":inbox_tray: 1 of 2 agencies confirmed; waiting on CBP."}]}, count
        assert len(out.blocks) == count + 1
    assert with_completeness(_summary(3), status).text == "Report. 1 of 2 agencies confirmed; waiting on CBP."


def test_the_report_summary_never_exceeds_fifty_blocks():
    out = with_completeness(_summary(50), _call(_agency("CBP")))
    assert len(out.blocks) == 50 and out.blocks[2]["type"] == "context"
    assert out.blocks[-1]["block_id"] == "48"


def test_the_answered_note_says_who_did_what_and_when():
    confirmed = render_answered("CBP", CONFIRMED, "U1", AT, LABEL)
    assert confirmed.text == f"CBP, {LABEL}: <@U1> confirmed the list on 20 Sep 2026. Thank you."
    assert _texts(confirmed.blocks) == [f":white_check_mark: {confirmed.text}"]
    assert confirmed.payload()["text"] == confirmed.text  # the mention stays a mention
    nothing = render_answered("A&B", NOTHING, "U1", AT, LABEL)
    assert nothing.text == f"A&amp;B, {LABEL}: <@U1> said there is nothing to report on 20 Sep 2026. Thank you."


# `/activities status` and the App Home

def test_status_without_a_call_or_focal_points_says_how_to_start():
    reply = render_status(_call(due=None))
    assert reply.text == (f"No call for inputs for {LABEL}, and no focal points. Add them with `/activities focal "
                          "AGENCY @user`, then `/activities call`.")
    assert len(reply.blocks) == 1


def test_status_lists_each_agency_with_who_answered_when_and_its_focal_points():
    status = _call(_agency("CBP", CONFIRMED, ("U1",), by="U1", at=AT, activities=3),
                   _agency("DOJ", PENDING, (), by="U9", at=AT),
                   _agency("USPTO", CHANGED, ("U2", "U3"), ("U3",), by="U2", at=AT, activities=1))
    head, lines = _texts(render_status(status).blocks)
    assert head == f"*Inputs for {LABEL}*: 1 of 3 agencies confirmed; waiting on DOJ, USPTO. Due 15 October 2026."
    assert lines.split("\n") == [
        ":white_check_mark: *CBP* · confirmed by <@U1> on 20 Sep 2026 · 3 activities · <@U1>",
        ":hourglass_flowing_sand: *DOJ* · pending · 0 activities · no focal point",
        ":warning: *USPTO* · changed since confirmation by <@U2> on 20 Sep 2026 · 1 activities · <@U2>, <@U3>"
        " · unreachable: <@U3>"]
    assert render_status(status).text == f"Inputs for {LABEL}: 1 of 3 agencies confirmed; waiting on DOJ, USPTO."


def test_status_without_a_call_says_none_was_sent():
    head = _texts(render_status(_call(_agency("CBP", focal=("U1",)), due=None)).blocks)[0]
    assert head.endswith("waiting on CBP. No call for inputs was sent for this period yet (`/activities call`).")


def test_status_puts_25_agencies_in_a_section_and_stays_within_slacks_block_limit():
    reply = render_status(_call(*[_agency(f"A{n:04}", focal=("U1",)) for n in range(26)]))
    assert [text.count("\n") + 1 for text in _texts(reply.blocks)[1:]] == [25, 1]
    huge = render_status(_call(*[_agency(f"A{n:04}") for n in range(1200)]))
    assert len(huge.blocks) == 46  # the head and 45 sections of 25 agencies


def test_the_home_section_lists_twelve_agencies_and_counts_the_rest():
    blocks = inputs_blocks(_call(*[_agency(f"A{n:02}", activities=n) for n in range(14)]))
    head, lines, more = _texts(blocks)
    assert head == f"*{LABEL}*: 0 of 14 agencies confirmed; waiting on A00, A01, A02, A03, A04, A05, A06, A07 and 6 " \
                   "more. Due 15 October 2026."
    assert lines.split("\n")[-1] == ":hourglass_flowing_sand: *A11* · pending · 11 activities"
    assert lines.count("\n") == 11
    assert more == "2 more with `/activities status`."
    twelve = inputs_blocks(_call(*[_agency(f"A{n:02}") for n in range(12)], due=None))
    assert len(twelve) == 2 and "Due" not in _texts(twelve)[0]
    assert len(inputs_blocks(_call(due=None))) == 1


# focal points and history

def test_focal_points_are_listed_per_agency_with_who_left():
    reply = render_focal_points([("CBP", "U1", ""), ("DOJ", "U2", "left the workspace"), ("CBP", "U3", "")])
    assert _texts(reply.blocks) == ["• *CBP*: <@U1>, <@U3>\n• *DOJ*: <@U2> (left the workspace)"]
    assert reply.text == "Focal points: CBP: 2; DOJ: 1"
    empty = render_focal_points([])
    assert empty.text == "No focal points yet. An admin adds them with `/activities focal AGENCY @user`."


def test_focal_points_go_40_agencies_to_a_section_in_at_most_49_sections():
    reply = render_focal_points([(f"A{n:04}", "U1", "") for n in range(41)])
    assert [text.count("\n") + 1 for text in _texts(reply.blocks)] == [40, 1]
    assert len(render_focal_points([(f"A{n:04}", "U1", "") for n in range(2000)]).blocks) == 49


def test_history_says_who_changed_what_and_when():
    entries = [
        {"at": "2026-03-01T10:15:30", "who": "cli", "action": "add", "after": {"title": "Workshop <x>"}},
        {"at": "2026-03-02T11:00:00", "who": "U1", "action": "edit",
         "before": {"title": "A", "format": "virtual", "agency": "CBP"},
         "after": {"title": "B", "format": "virtual", "agency": "DOJ"}},
        {"at": "2026-03-03T12:00:00", "who": "U2", "action": "import", "after": {"count": 12, "ids": [1, 2]}},
        {"at": "2026-03-04T13:00:00", "who": "U2", "action": "delete", "before": {"title": "B"}},
        {"at": "2026-03-05T13:00:00", "who": "U2", "action": "touch"},
    ]
    reply = render_history(5, entries)
    head, lines = _texts(reply.blocks)
    assert head == "*History of activity #5*"
    assert lines.split("\n") == [
        "• 2026-03-01 10:15 UTC · add by the command line: “Workshop &lt;x&gt;”",
        "• 2026-03-02 11:00 UTC · edit by <@U1>: title A → B; agency CBP → DOJ",
        "• 2026-03-03 12:00 UTC · import by <@U2> (one of 12 activities added together)",
        "• 2026-03-04 12:00 UTC · delete by <@U2>: “B”".replace("12:00", "13:00"),
        "• 2026-03-05 13:00 UTC · touch by <@U2>"]
    assert reply.text == "History of activity #5: 5 changes."
    assert render_history(5, []).text == "No recorded change of activity #5."


def test_an_edit_names_at_most_six_changed_fields():
    before = {f"f{n}": "a" for n in range(8)}
    after = {f"f{n}": "b" for n in range(8)}
    line = _texts(render_history(5, [{"at": "2026-03-02T11:00", "who": "U1", "action": "edit", "before": before,
                                      "after": after}]).blocks)[1]
    assert line.count("→") == 6 and "f5 a → b" in line and "f6" not in line


def test_history_shows_the_last_forty_changes_fifteen_to_a_section():
    entries = [{"at": f"2026-03-01T10:{n:02}", "who": "U1", "action": f"edit{n}", "after": {"title": "T"}}
               for n in range(45)]
    reply = render_history(5, entries)
    sections = _texts(reply.blocks)[1:]
    assert [text.count("\n") + 1 for text in sections] == [15, 15, 10]
    assert "edit5 " in sections[0] and "edit4 " not in "".join(sections)
    assert reply.text == "History of activity #5: 45 changes."


def test_a_listing_of_exactly_3000_characters_is_kept_and_one_more_is_cut_to_whole_lines():
    prefix = "*CBP: 1 activity*\n• 2 Mar 2026 · #1 "

    def listing(size: int) -> str:
        title = "x" * (size - len(prefix))
        dm = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE,
                            [Activity(title=title, start_date=date(2026, 3, 2), agency="CBP", id=1)])
        return _texts(dm.blocks)[1]

    assert listing(3000) == prefix + "x" * (3000 - len(prefix))
    assert listing(3001) == "*CBP: 1 activity*\n…"


def test_a_cut_listing_keeps_every_whole_line_that_fits_with_the_ellipsis_line():
    head = "*CBP: 2 activities*"
    prefix = "• 2 Mar 2026 · #1 "

    def listing(line_end: int) -> tuple[str, str]:
        """The listing whose first activity's line ends just before character `line_end`; a long second."""
        first = "x" * (line_end - len(head) - 1 - len(prefix))
        dm = render_call_dm(7, "CBP", PERIOD.start, PERIOD.end, DUE,
                            [Activity(title=first, start_date=date(2026, 3, 2), agency="CBP", id=1),
                             Activity(title="y" * 3000, start_date=date(2026, 3, 2), agency="CBP", id=2)])
        return _texts(dm.blocks)[1], f"{head}\n{prefix}{first}"

    for end in (2997, 2998):  # the first line and "\n…" fit in 3000 characters
        text, kept = listing(end)
        assert text == kept + "\n…" and len(text) <= 3000
    text, _ = listing(2999)  # one character too many: only the heading stays
    assert text == head + "\n…"


def test_only_an_entry_with_a_count_and_ids_reads_as_a_batch():
    entries = [{"at": "2026-03-01T10:00", "who": "U1", "action": "add", "after": {"title": "Census", "count": 3}},
               {"at": "2026-03-01T11:00", "who": "U1", "action": "add", "after": {"title": "Ids", "ids": [1]}}]
    lines = _texts(render_history(5, entries).blocks)[1].split("\n")
    assert lines == ["• 2026-03-01 10:00 UTC · add by <@U1>: “Census”", "• 2026-03-01 11:00 UTC · add by <@U1>: “Ids”"]


def test_a_call_sent_to_no_agency_yet_shows_its_due_date_in_blocks_slack_accepts():
    """A call for inputs with a due date but no agency listed: the head only, no empty section (Slack refuses
    a section without text)."""
    from slack_sdk.models.blocks import Block

    reply = render_status(_call(due=DUE))
    assert [block["type"] for block in reply.blocks] == ["section"]
    assert "Due" in reply.blocks[0]["text"]["text"]
    assert all(Block.parse(block) is not None and block["text"]["text"] for block in reply.blocks)
