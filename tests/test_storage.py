from datetime import date, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from bot.core.records import UpcomingFilters
from bot.services import prepare_database
from storage import Database
from storage.db import DIALECT_INDEXES, include_object
from storage import activities as store
from storage import listing
from storage.knowledge import read_knowledge
from storage.models import AgencyRow, Base, TopicRow
from tests.conftest import TODAY
from tests import factories
from tests.factories import activity


def test_migrated_schema_matches_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    tables = set(inspect(db.engine).get_table_names())
    assert {"activities", "agencies", "topics", "agency_topics", "alembic_version"} <= tables


def test_each_backend_has_the_indexes_its_filters_read(db):
    """SQLite walks a start-date index that carries the filtered keys; PostgreSQL reads rare keys by GIN."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            found = dict(connection.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'activities'").all())
            assert "gin (string_to_array(beneficiary_keys, '|'::text))" in found["ix_activities_beneficiary_keys_gin"]
            assert "gin (string_to_array(topic_keys, '|'::text))" in found["ix_activities_topic_keys_gin"]
            assert "ix_activities_start_keys" not in found and "ix_activities_agency_start_keys" not in found
            assert found["ix_activities_start_date_id"].endswith("(start_date, id)")
            assert found["ix_activities_agency_start_id"].endswith("(agency_id, start_date, id)")
        else:
            def columns(index):
                return [row[2] for row in connection.exec_driver_sql(f"PRAGMA index_info({index})")]

            assert columns("ix_activities_start_keys") == [
                "start_date", "id", "agency_id", "end_date", "beneficiary_keys", "topic_keys"]
            assert columns("ix_activities_agency_start_keys") == [
                "agency_id", "start_date", "id", "end_date", "beneficiary_keys", "topic_keys"]
            assert columns("ix_activities_start_date_id") == columns("ix_activities_agency_start_id") == []
    assert {"ix_activities_start_keys", "ix_activities_agency_start_keys",
            "ix_activities_beneficiary_keys_gin"} <= DIALECT_INDEXES


def test_knowledge_seed_loads_once_and_is_idempotent(db_url):
    database = Database(db_url)
    assert prepare_database(database) is True
    assert prepare_database(database) is False
    with database.session() as session:
        agencies = session.scalar(select(func.count()).select_from(AgencyRow))
        topics = session.scalar(select(func.count()).select_from(TopicRow))
        knowledge = read_knowledge(session, "United States of America")
    assert agencies == len(knowledge.agencies) >= 15
    assert topics == len(knowledge.topics) >= 16
    assert knowledge.by_acronym["CBP"].parent == "DHS"
    assert knowledge.with_sub_units("DOJ") >= {"DOJ", "CCIPS", "FBI", "OPDAT"}
    database.dispose()


def test_the_shipped_knowledge_reloads_only_when_its_file_changed(db_url, monkeypatch):
    import hashlib

    from bot.core.knowledge import base
    from storage.knowledge import seed_fingerprint

    database = Database(db_url)
    prepare_database(database)
    with database.session() as session:
        assert seed_fingerprint(session) == hashlib.sha256(base.seed_bytes()).hexdigest()
    parses, loads = [], base.tomllib.loads
    monkeypatch.setattr("bot.services.tomllib.loads", lambda text: parses.append(text) or loads(text))
    assert prepare_database(database) is False and parses == []  # the file is loaded: not even parsed
    edited = base.seed_bytes() + b"\n# a comment added\n"
    monkeypatch.setattr(base, "seed_bytes", lambda: edited)
    assert prepare_database(database) is True and len(parses) == 1
    with database.session() as session:
        assert seed_fingerprint(session) == hashlib.sha256(edited).hexdigest()
    database.dispose()


def test_upcoming_orders_soonest_first_and_separates_under_way(db):
    with db.session() as s:
        stored = store.add_activities(s, [
            activity("later", TODAY + timedelta(days=20)),
            activity("today", TODAY),
            activity("ended", TODAY - timedelta(days=10), days=3),
            activity("running", TODAY - timedelta(days=2), days=5),
            activity("single past day", TODAY - timedelta(days=1)),
            activity("soon", TODAY + timedelta(days=1)),
        ])
    assert stored == 6
    with db.session() as s:
        result, more_under_way = listing.upcoming_activities(s, TODAY, 10)
    assert [a.title for a in result.upcoming] == ["today", "soon", "later"]
    assert [a.title for a in result.under_way] == ["running"]
    assert not result.more and not more_under_way


def test_upcoming_limit_reports_more(db):
    with db.session() as s:
        store.add_activities(s, [activity(f"a{i}", TODAY + timedelta(days=i)) for i in range(5)])
        result, _ = listing.upcoming_activities(s, TODAY, 3)
    assert [a.title for a in result.upcoming] == ["a0", "a1", "a2"]
    assert result.more


def test_upcoming_filters(db):
    with db.session() as s:
        store.add_activities(s, [
            activity("patents peru", TODAY + timedelta(days=1), agency="GIPA", beneficiaries=("Peru",),
                     topics=("patents",)),
            activity("border chile", TODAY + timedelta(days=2), agency="CBP", beneficiaries=("Chile", "Côte d'Ivoire"),
                     topics=("border-enforcement",)),
            activity("far future", TODAY + timedelta(days=200), agency="CBP", beneficiaries=("Chile",)),
        ])

    def titles(**filters):
        with db.session() as s:
            result, _ = listing.upcoming_activities(s, TODAY, 10, UpcomingFilters(**filters))
        return [a.title for a in result.upcoming]

    assert titles(agencies=frozenset({"DOC", "USPTO", "GIPA"})) == ["patents peru"]
    assert titles(topic="border-enforcement") == ["border chile"]
    assert titles(beneficiary="chile") == ["border chile", "far future"]
    assert titles(beneficiary="cote d'ivoire") == ["border chile"]
    assert titles(until=TODAY + timedelta(days=30)) == ["patents peru", "border chile"]
    assert titles(beneficiary="Chil") == []
    assert titles(beneficiary="%") == []


def test_round_trip_of_fields_and_delete_cascades(db):
    with db.session() as s:
        [activity_id] = factories.store(s, [
            activity("Full <record> & more", date(2026, 9, 15), days=2, agency="ICE",
                     beneficiaries=("Viet Nam", "Peru"), topics=("anti-counterfeiting", "border-enforcement"),
                     fmt="hybrid", description="Line one\nline two"),
        ])
    with db.session() as s:
        stored = store.get_activity(s, activity_id)
    assert stored.title == "Full <record> & more"
    assert stored.beneficiaries == ("Viet Nam", "Peru")
    assert set(stored.topics) == {"anti-counterfeiting", "border-enforcement"}
    assert stored.end_date == date(2026, 9, 17)
    assert stored.created_at.tzinfo is not None and stored.created_at.utcoffset().total_seconds() == 0
    with db.session() as s:
        assert store.delete_activity(s, activity_id).id == activity_id
    with db.session() as s:
        assert store.get_activity(s, activity_id) is None
        assert store.count_activities(s) == 0
        assert store.delete_activity(s, activity_id) is None


def test_search_matches_title_description_beneficiary_and_agency_and_escapes_wildcards(db):
    with db.session() as s:
        store.add_activities(s, [
            activity("Border workshop", TODAY, agency="CBP", beneficiaries=("Peru",)),
            activity("Patent seminar", TODAY, agency="USPTO", beneficiaries=("Kenya",), description="100% online"),
        ])
    with db.session() as s:
        def found(words):
            return [a.title for a in store.search_activities(s, words)[0]]
        assert found("border") == ["Border workshop"]
        assert found("kenya") == ["Patent seminar"]
        assert found("customs") == ["Border workshop"]  # agency name
        assert found("100%") == ["Patent seminar"]
        assert found("%") == ["Patent seminar"]
        assert found("_") == []
        assert found("patent peru") == []


def test_upgrade_is_skipped_when_current_and_runs_when_behind(db_url):
    from alembic import command

    from storage.db import alembic_config, shipped_heads

    database = Database(db_url)
    assert shipped_heads() == {"0017"}
    assert not database.at_shipped_heads()  # empty: no alembic_version table yet
    database.upgrade()
    assert database.at_shipped_heads()
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    assert not database.at_shipped_heads()
    assert "deadlines" not in inspect(database.engine).get_table_names()
    database.upgrade()
    assert database.at_shipped_heads()
    assert "deadlines" in inspect(database.engine).get_table_names()
    database.dispose()


def test_a_read_session_reads_outside_a_transaction_and_leaves_writes_transactional(db):
    """PostgreSQL: the statements of a read session are each their own transaction (no BEGIN, no COMMIT to
    wait for); the pooled connection it used still rolls back a failed write afterwards."""
    probe = "SELECT now() = statement_timestamp()"  # true only for a transaction's first statement
    with db.read_session() as session:
        session.execute(text("SELECT pg_sleep(0.01)" if db.dialect == "postgresql" else "SELECT 1"))
        alone = session.execute(text(probe)).scalar() if db.dialect == "postgresql" else None
        assert store.count_activities(session) == 0
    if db.dialect == "postgresql":
        with db.session() as session:
            session.execute(text("SELECT pg_sleep(0.01)"))
            assert session.execute(text(probe)).scalar() is False
        assert alone is True
    with pytest.raises(RuntimeError), db.session() as session:
        store.add_activity(session, activity("Never kept", TODAY))
        raise RuntimeError("the unit of work fails")
    with db.read_session() as session:
        assert store.count_activities(session) == 0
