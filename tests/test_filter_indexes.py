"""Filtered listings read what their indexes hold: rare keys on PostgreSQL by GIN, fresh statistics
after a bulk write; and the answer is the same whichever way the rows are found."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, text

from bot.core.records import UpcomingFilters
from bot.services import prepare_database
from storage import Database
from storage import activities as store
from storage import key_filters, listing
from tests.conftest import TODAY
from tests.factories import activity

COMMON, RARE = "Peru", "Tonga"


def _fill(session, count: int) -> list:
    """`count` activities for Peru on patents; every 199th also for Tonga, on plant varieties."""
    items = []
    for index in range(count):
        rare = index % 199 == 0
        items.append(activity(f"Workshop {index}", TODAY + timedelta(days=index % 400 - 30), days=index % 5,
                              beneficiaries=(COMMON, RARE) if rare else (COMMON,),
                              topics=("plant-variety-protection",) if rare else ("patents",)))
    store.add_activities(session, items)
    return items


def _expected(items, beneficiary=None, topic=None, limit=10):
    def keep(item):
        return (beneficiary is None or beneficiary in item.beneficiaries) and (topic is None or topic in item.topics)
    coming = sorted((item for item in items if item.start_date >= TODAY and keep(item)),
                    key=lambda item: item.start_date)
    return [item.title for item in coming[:limit]]


@pytest.fixture
def statements(db):
    seen: list[str] = []

    def log(conn, cursor, statement, params, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", log)
    yield seen
    event.remove(db.engine, "before_cursor_execute", log)


@pytest.mark.parametrize("beneficiary,topic", [(COMMON, None), (RARE, None), (None, "patents"),
                                               (None, "plant-variety-protection"), (RARE, "patents"),
                                               ("Chile", None), (COMMON, "plant-variety-protection")])
def test_a_filtered_listing_is_the_same_whichever_index_finds_the_rows(db, beneficiary, topic):
    key_filters._stats.clear()
    with db.session() as session:
        items = _fill(session, 1200)
    with db.session() as session:
        filters = UpcomingFilters(topic=topic, beneficiary=beneficiary)
        result, _ = listing.upcoming_activities(session, TODAY, 10, filters)
    got = [a.title for a in result.upcoming]
    assert got == _expected(items, beneficiary, topic)
    if (beneficiary, topic) in ((RARE, None), (None, "plant-variety-protection")):
        assert got, "the rare key has coming activities"


def test_postgresql_probes_only_keys_its_statistics_do_not_count_as_common(db, statements):
    key_filters._stats.clear()
    with db.session() as session:
        _fill(session, 1200)
    statements.clear()
    with db.session() as session:
        common, _ = listing.upcoming_activities(session, TODAY, 5, UpcomingFilters(beneficiary=COMMON))
        probes_for_common = _probes(statements)
        listed = [s for s in statements if "ORDER BY" in s]
        statements.clear()
        rare, _ = listing.upcoming_activities(session, TODAY, 5, UpcomingFilters(beneficiary=RARE))
        probes_for_rare = _probes(statements)
    assert len(common.upcoming) == 5 and all(COMMON in a.beneficiaries for a in common.upcoming)
    assert rare.upcoming and all(RARE in a.beneficiaries for a in rare.upcoming)
    if db.engine.dialect.name == "postgresql":
        assert probes_for_common == []  # Peru is in every row: the statistics say so, no probe
        assert len(probes_for_rare) == 1 and "@>" in probes_for_rare[0]
    else:  # SQLite has no GIN index: both walk the start-date index
        assert probes_for_common == probes_for_rare == []
    # the walk tests each row's keys with LIKE, cheaper per row than splitting them into an array
    assert len(listed) == 1 and " LIKE " in listed[0] and "string_to_array" not in listed[0]


def _probes(statements: list[str]) -> list[str]:
    """The look-ups of a rare key's ids (the listing itself is ordered by date)."""
    return [s for s in statements if "string_to_array" in s and "ORDER BY" not in s]


def test_postgresql_reads_the_key_statistics_of_its_own_schema_only(postgres_url, other_postgres_url):
    """Another schema of the same database has indexes of the same names: its statistics say nothing of
    this schema's activities."""
    from bot.services import prepare_database
    from storage import Database

    ours, other = Database(postgres_url), Database(other_postgres_url)
    try:
        for database in (ours, other):
            prepare_database(database)
        with other.session() as session:
            _fill(session, 1200)  # a bulk write: analysed at once, Peru in every row
        key_filters._stats.clear()
        with other.session() as session:
            assert key_filters.common_keys(session, "beneficiary_keys")["peru"] == pytest.approx(1.0)
        with ours.session() as session:
            assert key_filters.common_keys(session, "beneficiary_keys") == {}
    finally:
        ours.dispose()
        other.dispose()


def test_a_bulk_write_refreshes_postgresql_statistics_at_once(db):
    with db.session() as session:
        _fill(session, store.BULK)
    if db.engine.dialect.name != "postgresql":
        assert store.BULK == 1000
        return
    with db.engine.connect() as connection:
        estimated = connection.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'activities' "
                                            "AND relnamespace = current_schema()::regnamespace")).scalar_one()
    assert estimated == pytest.approx(store.BULK, rel=0.05)  # autovacuum would take a minute or more


def test_a_small_write_leaves_the_statistics_to_autovacuum(db, statements):
    with db.session() as session:
        _fill(session, store.BULK - 1)
    assert not any(s.startswith("ANALYZE") for s in statements)


def test_a_bulk_write_moves_postgresql_gin_entries_out_of_the_pending_list(db, statements):
    with db.session() as session:
        _fill(session, store.BULK)
    cleaned = [s for s in statements if "gin_clean_pending_list" in s]
    if db.engine.dialect.name == "postgresql":
        assert len(cleaned) == 2  # both GIN indexes, else every look-up reads the whole pending list
        with db.engine.connect() as connection:
            pending = connection.execute(text(
                "SELECT gin_clean_pending_list(CAST('ix_activities_beneficiary_keys_gin' AS regclass))")).scalar()
        assert pending == 0  # nothing was left to move
    else:
        assert cleaned == []


def test_the_data_token_changes_with_a_write_and_survives_a_dropped_connection(db):
    from storage.changes import ChangeWatch

    watch = ChangeWatch(db)
    first = watch.token()
    assert watch.token() == first
    with db.session() as session:
        store.add_activity(session, activity("One more", TODAY))
    second = watch.token()
    assert second != first
    if db.engine.dialect.name == "postgresql":
        own = watch._local.connection.info.backend_pid
        with db.engine.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": own})
        assert watch.token() == second  # reconnected, same answer
        assert watch._local.connection.info.backend_pid != own


@pytest.mark.postgres
def test_a_bulk_write_by_a_role_that_does_not_own_the_indexes_still_lands(postgres_url, caplog):
    """Index upkeep after an import needs ownership; a role granted only the rows still imports."""
    import uuid

    from sqlalchemy.engine import make_url

    from bot.services import prepare_database
    from storage import Database

    owner = Database(postgres_url)
    prepare_database(owner)
    schema = make_url(postgres_url).query["options"].split("=", 1)[1]
    role = f"writer_{uuid.uuid4().hex[:8]}"
    with owner.engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE {role} LOGIN'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}'))
        connection.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA "{schema}" TO {role}'))
        connection.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}'))
    writer = Database(str(make_url(postgres_url).set(username=role)))
    try:
        with writer.session() as session:
            _fill(session, store.BULK)
        with owner.session() as session:
            assert store.count_activities(session) == store.BULK
        assert "could not clean the GIN indexes" in caplog.text
    finally:
        writer.dispose()
        with owner.engine.begin() as connection:
            connection.execute(text(f'DROP OWNED BY {role}'))
            connection.execute(text(f'DROP ROLE {role}'))
        owner.dispose()


@pytest.mark.parametrize("agencies", [frozenset({"CBP"}), frozenset({"CBP", "FBI"}), frozenset({"GIPA"})])
def test_one_agency_or_several_list_the_same_as_a_plain_filter_would(db, statements, agencies):
    """Each agency is read by its id, walking its own (agency_id, start_date, id) index in the listing's order,
    and the walks are merged: the agencies' coming activities on the topic, in date order, ties by id."""
    names = ["CBP", "FBI", "USPTO"]
    items = [activity(f"Visit {index}", TODAY + timedelta(days=index % 37), agency=names[index % 3],
                      topics=("patents",) if index % 4 else ("copyright",)) for index in range(300)]
    with db.session() as session:
        store.add_activities(session, items)
    statements.clear()
    with db.session() as session:
        got, _ = listing.upcoming_activities(session, TODAY, 10, UpcomingFilters(agencies=agencies, topic="patents"))
    numbered = list(enumerate(items))
    expected = sorted(((item.start_date, index, item.title) for index, item in numbered
                       if item.agency in agencies and "patents" in item.topics), key=lambda t: (t[0], t[1]))
    assert [a.title for a in got.upcoming] == [title for _, _, title in expected[:10]]
    listed = [s for s in statements if "ORDER BY" in s]
    assert len(listed) == 1 and " IN " not in listed[0]
    # under way and coming: one walk each for every agency
    assert len(re.findall(r"activities\.agency_id = (\?|%\(agency_\d+\)s)", listed[0])) == 2 * len(agencies)


def test_an_acronym_two_members_use_lists_the_activities_of_both(db):
    """Agencies are unique per Member and acronym: a filter by an acronym that two Members' agencies share
    reads both, as it did when it matched acronyms."""
    with db.session() as session:
        session.execute(text("INSERT INTO agencies (member, acronym, name, aliases, description, contact, source) "
                             "VALUES ('Japan', 'CBP', 'Another CBP', '[]', '', '', '')"))
    with db.session() as session:
        store.add_activities(session, [activity("Ours", TODAY + timedelta(days=2), agency="CBP")])
        store.add_activities(session, [activity("Theirs", TODAY + timedelta(days=1), agency="CBP")], member="Japan")
    with db.session() as session:
        got, _ = listing.upcoming_activities(session, TODAY, 10, UpcomingFilters(agencies=frozenset({"CBP"})))
    assert [a.title for a in got.upcoming] == ["Theirs", "Ours"]


def test_sqlite_checks_an_agency_walks_keys_in_its_index(sqlite_url):
    """SQLite: each agency's walk reads the index carrying the keys (migration 0017), so a topic few of its
    activities cover is checked there, not by reading every table row the walk passes. (PostgreSQL reads a
    rare key through its GIN index instead.)"""
    db = Database(sqlite_url)
    prepare_database(db)
    with db.session() as session:
        store.add_activities(session, [activity(f"Visit {index}", TODAY + timedelta(days=index % 37 - 3),
                                                agency=("CBP", "FBI")[index % 2],
                                                topics=("patents",) if index % 5 == 0 else ("copyright",))
                                       for index in range(40)])
    walks = []

    def log(conn, cursor, statement, params, context, executemany):
        if "ORDER BY" in statement:
            walks.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", log)
    try:
        with db.session() as session:
            listing.upcoming_activities(session, TODAY, 10, UpcomingFilters(agencies=frozenset({"CBP", "FBI"}),
                                                                             topic="patents"))
    finally:
        event.remove(db.engine, "before_cursor_execute", log)
    (statement, params), = walks
    with db.engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
    searches = [step for step in plan if "agency_id=?" in step]
    assert len(searches) == 4  # under way and coming, for each agency
    assert all("USING INDEX ix_activities_agency_start_keys" in step for step in searches), plan
    db.dispose()
