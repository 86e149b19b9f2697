"""Engine, sessions and schema upgrades."""

from __future__ import annotations

import ast
import os
from functools import lru_cache
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).with_name("migrations")
# How long a SQLite writer waits for another's lock: short enough that a Slack request still gets
# its answer (an error saying nothing was changed) within Slack's 3 seconds.
SQLITE_BUSY_SECONDS = 2


def default_database_url() -> str:
    """`DATABASE_URL`, else a SQLite file `art67bot.db` in the working directory."""
    return normalize_url(os.environ.get("DATABASE_URL") or "sqlite:///art67bot.db")


def normalize_url(url: str) -> str:
    """Use psycopg 3 for plain PostgreSQL URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
            poolclass=StaticPool if in_memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        if not in_memory:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def dialect_insert(session: Session, table):
    """An INSERT that can say ON CONFLICT DO NOTHING on either backend (SQLite or PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


class Database:
    """One engine per process; one Session per unit of work (never shared across threads)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalize_url(url or default_database_url())
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Reads on PostgreSQL outside a transaction: no BEGIN and no COMMIT, two round trips fewer. Under
        # READ COMMITTED (PostgreSQL's default) each statement sees what was committed when it started,
        # inside a transaction or not. SQLite's driver opens no transaction for a read anyway.
        reads = self.engine.execution_options(isolation_level="AUTOCOMMIT") if self.dialect == "postgresql" else None
        self._reads = sessionmaker(reads or self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A Session for reads only (a listing, a look-up): on PostgreSQL its statements run outside a
        transaction, so nothing it executed would be rolled back; never write through it."""
        with self._reads() as session:
            yield session

    def upgrade(self) -> None:
        """Create or upgrade the schema with the shipped Alembic migrations (a no-op when current)."""
        if self.at_shipped_heads():
            return
        from alembic import command

        with self.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "heads")

    def at_shipped_heads(self) -> bool:
        """Whether the database already stands at every head of the shipped migrations.

        A cheap check that spares importing and running Alembic on every start of a command."""
        try:
            with self.engine.connect() as connection:
                stored = {row[0] for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")}
        except DBAPIError:
            return False
        return stored == shipped_heads()

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=1)
def shipped_heads() -> frozenset[str]:
    """The head revisions of storage/migrations/versions, read from the files' own assignments."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name, value = node.targets[0].id, node.value
                if name == "revision":
                    revisions.add(ast.literal_eval(value))
                elif name == "down_revision":
                    down = ast.literal_eval(value)
                    parents.update(down if isinstance(down, tuple | list) else [down] if down else [])
    return frozenset(revisions - parents)


# Indexes that only one backend has, made by migrations 0012, 0016 and 0017 and not declared on the models.
DIALECT_INDEXES = frozenset({"ix_activities_start_date_id", "ix_activities_start_keys",
                             "ix_activities_agency_start_id", "ix_activities_agency_start_keys",
                             "ix_activities_beneficiary_keys_gin", "ix_activities_topic_keys_gin"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter for comparing the schema with the models: leave out DIALECT_INDEXES."""
    return not (type_ == "index" and name in DIALECT_INDEXES)


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config
