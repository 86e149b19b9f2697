"""Bulk adds (imports) go to the driver in one call: the rows read back exactly as single adds store
them, on SQLite and PostgreSQL, with the right ids, one audit entry naming them, and all or nothing."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storage import activities as store
from storage import audit
from storage.bulk import insert_rows
from storage.models import ActivityRow
from tests.conftest import TODAY
from tests.factories import activity


def _items(count: int):
    return [activity(f"Atelier {index} — “IP” | enforcement", TODAY + timedelta(days=index % 40 - 10),
                     days=index % 3 if index % 2 else None, agency=("USPTO", "CBP", "USCO")[index % 3],
                     beneficiaries=(("Peru", "Côte d'Ivoire"), ("Viet Nam",), ("Chile", "Peru", "Kenya"))[index % 3],
                     topics=(("patents",), (), ("copyright", "border-enforcement"))[index % 3],
                     fmt=("virtual", None)[index % 2], description=("", "Line one\nligne « deux »")[index % 2])
            for index in range(count)]


def _comparable(found):
    return (found.title, found.start_date, found.end_date, found.agency, found.beneficiaries, found.topics,
            found.format, found.description, found.location, found.url)


def test_a_bulk_add_reads_back_exactly_as_single_adds(db):
    items = _items(30)
    with db.session() as session:
        single_ids = [store.add_activity(session, item) for item in items]
    with db.session() as session:
        assert store.add_activities(session, items) == 30
    with db.session() as session:
        every = store.all_activities(session)
        raw = {row.id: row for row in session.scalars(select(ActivityRow))}
    by_id = {a.id: a for a in every}
    bulk_ids = sorted(set(by_id) - set(single_ids))
    assert len(bulk_ids) == 30
    for single_id, bulk_id in zip(single_ids, bulk_ids):
        assert _comparable(by_id[single_id]) == _comparable(by_id[bulk_id])
        one, other = raw[single_id], raw[bulk_id]
        for column in ("beneficiary_keys", "topic_keys", "search_text", "span_days", "agency_id", "created_by"):
            assert getattr(one, column) == getattr(other, column), column
        assert other.created_at.tzinfo is not None and other.created_at == other.updated_at


def test_bulk_ids_are_the_new_rows_in_order(db):
    with db.session() as session:
        store.add_activities(session, _items(5))
    with db.session() as session:
        rows = [{"title": f"T{i}", "start_date": TODAY, "end_date": None, "span_days": 0, "agency_id": 1,
                 "beneficiaries": ["Peru"], "topics": [], "beneficiary_keys": "|peru|", "topic_keys": "|",
                 "search_text": f"t{i}", "format": None, "location": "", "description": "", "url": "",
                 "source_document": "", "created_by": "test"} for i in range(7)]
        from storage.models import utcnow
        columns = list(rows[0])
        ids = insert_rows(session, ActivityRow.__table__, columns, [tuple(r[c] for c in columns) for r in rows],
                          {"created_at": utcnow(), "updated_at": utcnow()})
        titles = dict(session.execute(select(ActivityRow.id, ActivityRow.title).where(ActivityRow.id.in_(ids))).all())
    assert [titles[i] for i in ids] == [f"T{i}" for i in range(7)]
    assert ids == list(range(ids[0], ids[0] + 7))


def test_an_import_is_one_audit_entry_that_each_activity_history_finds(db):
    with db.session() as session:
        first = store.add_activity(session, _items(1)[0], who="UADMIN")
        store.add_activities(session, _items(250), who="cli")
    with db.session() as session:
        batch = [e for e in audit.entries(session, entity="activity") if e["who"] == "cli"]
        ids = [row for row in session.scalars(select(ActivityRow.id).order_by(ActivityRow.id))]
        history = audit.entries(session, entity="activity", entity_id=ids[-1])
        own = audit.entries(session, entity="activity", entity_id=first)
        none = audit.entries(session, entity="activity", entity_id=ids[-1] + 1)
        count = session.scalar(select(func.count()).select_from(ActivityRow))
    assert len(batch) == 1 and batch[0]["after"] == {"count": 250, "ids": [[ids[1], ids[-1]]]}
    assert batch[0]["action"] == "add" and batch[0]["id"] == f"batch:{ids[1]}-{ids[-1]}"
    assert [e["who"] for e in history] == ["cli"]
    assert [e["who"] for e in own] == ["UADMIN"]
    assert none == [] and count == 251


def test_a_bulk_add_that_fails_writes_nothing(db):
    items = _items(20)
    bad = items[:19] + [activity("Unknown agency", TODAY, agency="NOPE")]
    with pytest.raises(store.UnknownReference):
        with db.session() as session:
            store.add_activities(session, bad)
    with db.session() as session:
        assert store.count_activities(session) == 0
        assert audit.entries(session, entity="activity") == []


def test_history_of_an_imported_activity_through_slack(slack, services):
    with services.db.session() as session:
        store.add_activities(session, _items(3), who="cli")
    status, reply = slack.command("history 2")
    text = json.dumps(reply)
    assert status == 200 and "add by the command line" in text and "one of 3 activities added together" in text


def test_id_runs():
    assert audit.id_runs([7, 1, 2, 3, 8, 10]) == [[1, 3], [7, 8], [10, 10]]
    assert audit.id_runs([]) == []
