"""A cheap token that changes whenever stored data changes, so readers can cache safely."""

from __future__ import annotations

import sqlite3
import threading
import uuid

from sqlalchemy import update
from sqlalchemy.orm import Session

from storage.db import SQLITE_BUSY_SECONDS, Database
from storage.models import MetaRow

VERSION_KEY = "data_version"
_READ_VERSION = f"SELECT value FROM {MetaRow.__tablename__} WHERE key = %s"


def bump_version(session: Session) -> None:
    """Record a change in the same transaction as the write (read by other processes' tokens)."""
    stamp = uuid.uuid4().hex
    result = session.execute(update(MetaRow).where(MetaRow.key == VERSION_KEY).values(value=stamp))
    if result.rowcount == 0:
        session.add(MetaRow(key=VERSION_KEY, value=stamp))
        session.flush()


class ChangeWatch:
    """`token()` differs after any committed write by another connection or process.

    SQLite: `PRAGMA data_version` on a connection of this thread's own (a few microseconds).
    PostgreSQL: the version row that every write bumps in its own transaction, read on a connection of
    this thread's own.
    An in-memory SQLite database has no second connection: `token()` is None (do not cache).
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._local = threading.local()
        url = db.engine.url
        self._sqlite_path = url.database if db.dialect == "sqlite" else None
        if db.dialect == "sqlite" and (not url.database or url.database == ":memory:"):
            self._sqlite_path = ""

    def token(self):
        if self._sqlite_path == "":
            return None
        if self._sqlite_path is not None:
            connection = getattr(self._local, "connection", None)
            if connection is None:
                connection = sqlite3.connect(self._sqlite_path, timeout=SQLITE_BUSY_SECONDS)
                self._local.connection = connection
            return connection.execute("PRAGMA data_version").fetchone()[0]
        return self._postgresql_token()

    def _postgresql_token(self):
        """One round trip on a connection of this thread's own, in autocommit: a pooled Session would add
        a liveness ping, BEGIN and ROLLBACK (four round trips for one row on every request)."""
        import psycopg

        for attempt in (1, 2):
            connection = getattr(self._local, "connection", None)
            if connection is None or connection.closed:
                connection = psycopg.connect(_libpq_url(self.db), autocommit=True)
                self._local.connection = connection
            try:
                row = connection.execute(_READ_VERSION, (VERSION_KEY,)).fetchone()
                return row[0] if row else None
            except psycopg.OperationalError:  # the server restarted or dropped us: once more, afresh
                connection.close()
                self._local.connection = None
                if attempt == 2:
                    raise
        return None


def _libpq_url(db: Database) -> str:
    """The database's URL as libpq reads it (no SQLAlchemy driver name)."""
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
