"""Beneficiary and topic filters on PostgreSQL: when to read a rare key through its GIN index.

The coming activities are listed by walking the start-date index and stopping at the page's end. A key
that many activities carry (Peru, patents) is met within a few dozen rows that way, but for one that few
carry the walk reads every coming activity: tens of milliseconds at 100k activities. PostgreSQL's own
estimate for keys outside its most-common list is a flat guess, so the planner cannot tell the two apart.

So: a key that the statistics count as common (in at least COMMON of the activities) keeps the walk; any
other is probed through the GIN index (migration 0012), and when at most FEW activities carry it the
listing is restricted to their ids, which the planner then reads by primary key.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Text, cast, func, literal_column, select, text
from sqlalchemy.orm import Session

from bot.core.text import fold
from storage.models import ActivityRow

A = ActivityRow.__table__
FEW = 200
COMMON = 0.01  # the share of activities above which a key is met early in the walk
STATS_TTL = 60.0  # seconds; stale statistics only cost a probe, never a wrong answer
GIN_INDEXES = {"beneficiary_keys": "ix_activities_beneficiary_keys_gin", "topic_keys": "ix_activities_topic_keys_gin"}

_stats: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}
_lock = threading.Lock()


def key_of(value: str) -> str:
    """The element a keys column holds for `value` ("|peru|chile|" holds "peru"; storage.activities.keys)."""
    return fold(value).replace("|", " ")


def carrying(column, value: str):
    """`column`'s keys contain `value`: the very expression of the GIN indexes, separator as a literal."""
    from sqlalchemy.dialects import postgresql  # PostgreSQL only: not loaded by a command on SQLite

    wanted = cast(postgresql.array([key_of(value)]), postgresql.ARRAY(Text))
    return func.string_to_array(column, literal_column("'|'")).op("@>")(wanted)


def common_keys(session: Session, column_name: str) -> dict[str, float]:
    """The most common elements of a keys column and their shares, from the GIN index's statistics."""
    bind = session.get_bind()
    cache_key = (str(bind.url), column_name)
    now = time.monotonic()
    with _lock:
        hit = _stats.get(cache_key)
    if hit is not None and now - hit[0] < STATS_TTL:
        return hit[1]
    row = session.execute(text(  # this schema's index: another schema may hold one of the same name
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = :index"), {"index": GIN_INDEXES[column_name]}).first()
    shares = dict(zip(row[0], row[1])) if row is not None and row[0] is not None else {}
    with _lock:
        _stats[cache_key] = (now, shares)
    return shares


def few_carrying(session: Session, key_filters: list) -> list[int] | None:
    """On PostgreSQL, the ids of the activities carrying the rarest filtered key, when at most FEW do;
    None when every filtered key is common (or on SQLite, which has no GIN index)."""
    if not key_filters or session.get_bind().dialect.name != "postgresql":
        return None
    best = None
    for column, value in key_filters:
        if common_keys(session, column.name).get(key_of(value), 0.0) >= COMMON:
            continue
        # No LIMIT: with one the planner may prefer a sequential scan that stops early, which reads the
        # whole table for a key nobody carries. A key outside the most common list is carried by few rows.
        ids = session.execute(select(A.c.id).where(carrying(column, value))).scalars().all()
        if len(ids) <= FEW and (best is None or len(ids) < len(best)):
            best = ids
    return best
