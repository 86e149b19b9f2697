"""The count of activities carrying each beneficiary and topic key stays equal to what is stored, through
single adds, imports and deletes; a filter on a key nobody carries answers at once, and correctly."""

from collections import Counter
from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import event, select, text

from bot.core.records import UpcomingFilters
from storage import activities as store
from storage import listing
from storage.key_counts import K, carried, tally
from tests.conftest import TODAY
from tests.factories import activity

NAMES = ["Peru", "Chile", "Kenya", "Côte d'Ivoire", "Tonga"]
TOPICS = ["patents", "copyright", "plant-variety-protection"]


def _counted(session) -> dict:
    return {(row.kind, row.key): row.activities for row in session.execute(select(K)) if row.activities}


def _recounted(session) -> dict:
    """What the stored activities carry, counted afresh."""
    rows = session.execute(text("SELECT beneficiary_keys, topic_keys FROM activities")).all()
    return dict(tally((b, t) for b, t in rows))


def test_tally_counts_each_key_once_per_activity():
    assert tally([("|peru|chile|", "|patents|"), ("|peru|", "|"), ("|peru|chile|", "|patents|")]) == Counter({
        ("beneficiary", "peru"): 3, ("beneficiary", "chile"): 2, ("topic", "patents"): 2})
    assert tally([("|", "|")]) == Counter()


OPERATION = st.one_of(
    st.tuples(st.just("add"), st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
              st.lists(st.sampled_from(TOPICS), max_size=2, unique=True)),
    st.tuples(st.just("import"), st.integers(1, 4), st.sampled_from(NAMES)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(OPERATION, max_size=8))
def test_the_counts_equal_what_is_stored_after_any_adds_imports_and_deletes(db, operations):
    with db.session() as session:
        session.execute(text("DELETE FROM activities"))
        session.execute(text("DELETE FROM filter_key_counts"))
    for number, operation in enumerate(operations):
        with db.session() as session:
            if operation[0] == "add":
                store.add_activity(session, activity(f"A{number}", TODAY, beneficiaries=operation[1],
                                                     topics=operation[2]))
            elif operation[0] == "import":
                store.add_activities(session, [activity(f"I{number}-{i}", TODAY, beneficiaries=(operation[2], "Peru"))
                                               for i in range(operation[1])])
            else:
                ids = session.scalars(text("SELECT id FROM activities ORDER BY id")).all()
                if ids:
                    store.delete_activity(session, ids[operation[1] % len(ids)])
        with db.session() as session:
            assert _counted(session) == _recounted(session)


def test_a_key_nobody_carries_lists_nothing_without_walking_and_one_added_later_is_found(db):
    with db.session() as session:
        store.add_activities(session, [activity(f"W{i}", TODAY + timedelta(days=i), beneficiaries=("Peru",))
                                       for i in range(30)])
        assert carried(session, "beneficiary", "tonga") == 0 and carried(session, "beneficiary", "peru") == 30
        statements = []
        listen = lambda conn, cursor, statement, *args: statements.append(statement)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            nothing, _ = listing.upcoming_activities(session, TODAY, 5, UpcomingFilters(beneficiary="Tonga"))
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        assert nothing.upcoming == () and nothing.under_way == () and not nothing.more
        walks = [s for s in statements if "ORDER BY" in s]
        # SQLite answers from the count alone; PostgreSQL from the key's ids, read through its GIN index (none)
        assert walks == []
    with db.session() as session:
        store.add_activity(session, activity("Tonga seminar", TODAY + timedelta(days=3), beneficiaries=("Tonga",)))
    with db.session() as session:
        found, _ = listing.upcoming_activities(session, TODAY, 5, UpcomingFilters(beneficiary="tonga"))
        assert [a.title for a in found.upcoming] == ["Tonga seminar"]
        store.delete_activity(session, found.upcoming[0].id)
        assert carried(session, "beneficiary", "tonga") == 0


def test_upcoming_for_a_beneficiary_nobody_has_says_none_match_in_slack(slack, db):
    with db.session() as session:
        store.add_activities(session, [activity("Peru workshop", TODAY + timedelta(days=2), beneficiaries=("Peru",),
                                                topics=("patents",))])
    status, payload = slack.command("upcoming beneficiary:Tonga")
    assert status == 200 and "Peru workshop" not in payload["text"] and "Tonga" in payload["text"]
    status, payload = slack.command("upcoming topic:copyright")
    assert status == 200 and "Peru workshop" not in payload["text"]
    status, payload = slack.command("upcoming beneficiary:peru topic:patents")
    assert "Peru workshop" in payload["text"]
