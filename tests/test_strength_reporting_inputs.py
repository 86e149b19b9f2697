"""Where each agency stands in a call for inputs: pending until it answers, changed when one of its activities
in the period is written after its answer, the counts and the one-line summary, and whom to remind."""

import dataclasses
from datetime import date, datetime, timezone

import pytest

from bot.core.periods import Period
from bot.core.records import Activity
from bot.core.reporting.inputs import (CHANGED, CONFIRMED, NOTHING, PENDING, AgencyStatus, CallStatus, call_status,
                                       pending_focal_points, status_line)

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
DUE = date(2026, 10, 15)
ANSWERED_AT = datetime(2026, 9, 20, 12, 0, tzinfo=timezone.utc)
BEFORE = datetime(2026, 9, 19, 12, 0, tzinfo=timezone.utc)
AFTER = datetime(2026, 9, 21, 12, 0, tzinfo=timezone.utc)


def _activity(agency: str, start: date, number: int = 1) -> Activity:
    return Activity(title=f"Workshop {number}", start_date=start, agency=agency, id=number)


def _write(at: datetime, agency: str, start: str) -> tuple[datetime, dict | None, dict | None]:
    return (at, None, {"agency": agency, "start_date": start})


def _state(status: CallStatus, agency: str) -> str:
    return next(a.state for a in status.agencies if a.acronym == agency)


def _confirmed_cbp(changes) -> str:
    status = call_status(PERIOD, DUE, [("CBP", "U1", "")], {"CBP": (CONFIRMED, "U1", ANSWERED_AT)}, [], changes)
    return _state(status, "CBP")


def test_agencies_with_a_focal_point_or_an_answer_in_acronym_order_with_their_users():
    status = call_status(PERIOD, DUE,
                         [("USPTO", "U2", ""), ("CBP", "U1", ""), ("USPTO", "U3", "left"), ("CBP", "U4", "")],
                         {"DOJ": (NOTHING, "UADMIN", ANSWERED_AT)}, [], [])
    assert [a.acronym for a in status.agencies] == ["CBP", "DOJ", "USPTO"]
    cbp, doj, uspto = status.agencies
    assert cbp == AgencyStatus("CBP", PENDING, None, None, 0, ("U1", "U4"), ())
    assert doj == AgencyStatus("DOJ", NOTHING, "UADMIN", ANSWERED_AT, 0, (), ())
    assert uspto.focal_points == ("U2", "U3") and uspto.unreachable == ("U3",)


def test_only_activities_starting_in_the_period_are_counted_per_agency():
    activities = [_activity("CBP", date(2025, 9, 1), 1), _activity("CBP", date(2026, 8, 31), 2),
                  _activity("CBP", date(2026, 9, 1), 3), _activity("CBP", date(2025, 8, 31), 4),
                  _activity("USPTO", date(2026, 1, 10), 5)]
    status = call_status(PERIOD, DUE, [("CBP", "U1", ""), ("USPTO", "U2", ""), ("DOJ", "U3", "")], {},
                         activities, [])
    assert {a.acronym: a.activities for a in status.agencies} == {"CBP": 2, "DOJ": 0, "USPTO": 1}


def test_a_confirmed_list_written_to_afterwards_in_the_period_needs_confirming_again():
    assert _confirmed_cbp([]) == CONFIRMED
    assert _confirmed_cbp([_write(AFTER, "CBP", "2026-03-01")]) == CHANGED
    assert _confirmed_cbp([_write(BEFORE, "CBP", "2026-03-01")]) == CONFIRMED
    assert _confirmed_cbp([_write(ANSWERED_AT, "CBP", "2026-03-01")]) == CONFIRMED  # the answer saw that write
    # a deleted activity counts by what it was
    assert _confirmed_cbp([(AFTER, {"agency": "CBP", "start_date": "2026-03-01"}, None)]) == CHANGED
    # an activity moved into the period counts by what it became
    assert _confirmed_cbp([(AFTER, {"agency": "CBP", "start_date": "2027-03-01"},
                            {"agency": "CBP", "start_date": "2026-03-01"})]) == CHANGED
    # the latest write decides, whatever the order the log gives them in
    assert _confirmed_cbp([_write(AFTER, "CBP", "2026-03-01"), _write(BEFORE, "CBP", "2026-04-01")]) == CHANGED


def test_writes_outside_the_period_or_to_other_agencies_or_unreadable_change_nothing():
    assert _confirmed_cbp([_write(AFTER, "CBP", "2026-09-01"), _write(AFTER, "CBP", "2025-08-31")]) == CONFIRMED
    assert _confirmed_cbp([_write(AFTER, "USPTO", "2026-03-01")]) == CONFIRMED
    assert _confirmed_cbp([(AFTER, None, None), (AFTER, {}, {"start_date": "2026-03-01"}),
                           (AFTER, {"agency": "CBP"}, {"agency": "CBP", "start_date": ""}),
                           _write(AFTER, "CBP", "March 2026")]) == CONFIRMED


def test_nothing_to_report_also_turns_changed_but_pending_stays_pending():
    status = call_status(PERIOD, DUE, [("CBP", "U1", ""), ("DOJ", "U2", "")],
                         {"DOJ": (NOTHING, "U2", ANSWERED_AT)},
                         [], [_write(AFTER, "CBP", "2026-03-01"), _write(AFTER, "DOJ", "2026-03-01")])
    assert _state(status, "CBP") == PENDING
    assert _state(status, "DOJ") == CHANGED


def test_an_answer_without_a_time_is_kept_as_given():
    status = call_status(PERIOD, DUE, [("CBP", "U1", "")], {"CBP": (CONFIRMED, "U1", None)}, [],
                         [_write(AFTER, "CBP", "2026-03-01")])
    assert _state(status, "CBP") == CONFIRMED


def _status(*states: str) -> CallStatus:
    agencies = tuple(AgencyStatus(f"A{n}", state, None, None, 0, (f"U{n}",)) for n, state in enumerate(states))
    return CallStatus(PERIOD, DUE, agencies)


def test_confirmed_and_nothing_answered_count_changed_and_pending_are_waited_on():
    status = _status(CONFIRMED, PENDING, NOTHING, CHANGED)
    assert (status.confirmed, status.total) == (2, 4)
    assert [a.acronym for a in status.waiting] == ["A1", "A3"]
    assert status_line(status) == "2 of 4 agencies confirmed; waiting on A1, A3"


def test_the_status_line_names_eight_waiting_agencies_then_counts_the_rest():
    assert status_line(_status(CONFIRMED, NOTHING)) == "2 of 2 agencies confirmed"
    eight = _status(*[PENDING] * 8)
    assert status_line(eight) == "0 of 8 agencies confirmed; waiting on A0, A1, A2, A3, A4, A5, A6, A7"
    eleven = _status(CONFIRMED, *[PENDING] * 10)
    assert status_line(eleven) == ("1 of 11 agencies confirmed; waiting on A1, A2, A3, A4, A5, A6, A7, A8 "
                                   "and 2 more")
    assert status_line(eleven, limit=3) == "1 of 11 agencies confirmed; waiting on A1, A2, A3 and 7 more"


def test_reminders_go_to_the_reachable_focal_points_of_waiting_agencies_only():
    status = CallStatus(PERIOD, DUE, (
        AgencyStatus("CBP", PENDING, None, None, 0, ("U1", "U2"), ("U2",)),
        AgencyStatus("DOJ", CONFIRMED, "U3", ANSWERED_AT, 1, ("U3",)),
        AgencyStatus("USPTO", CHANGED, "U4", ANSWERED_AT, 2, ("U4", "U5")),
    ))
    assert pending_focal_points(status) == [("CBP", "U1"), ("USPTO", "U4"), ("USPTO", "U5")]


def test_the_status_as_json_for_the_cli():
    status = CallStatus(PERIOD, DUE, (AgencyStatus("CBP", CONFIRMED, "U1", ANSWERED_AT, 3, ("U1", "U2"), ("U2",)),
                                      AgencyStatus("DOJ", PENDING, None, None, 0, ())))
    assert status.to_json() == {
        "period": {"start": "2025-09-01", "end": "2026-08-31"}, "due": "2026-10-15", "confirmed": 1, "total": 2,
        "agencies": [{"acronym": "CBP", "state": "confirmed", "by": "U1", "at": "2026-09-20T12:00:00+00:00",
                      "activities": 3, "focal_points": ["U1", "U2"], "unreachable": ["U2"]},
                     {"acronym": "DOJ", "state": "pending", "by": None, "at": None, "activities": 0,
                      "focal_points": [], "unreachable": []}]}
    assert CallStatus(PERIOD, None, ()).to_json()["due"] is None


def test_statuses_are_immutable_values():
    status = _status(PENDING)
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.agencies[0].state = CONFIRMED
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.due = None
    assert len({status, _status(PENDING)}) == 1
