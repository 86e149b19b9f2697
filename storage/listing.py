"""`/activities upcoming`: the activities under way and those coming, filtered, one page at a time.

The statements are built once for each shape of filter (which filters are given, how many agencies, a
first page or a later one) and kept: a request binds its values only, and spares building and compiling
the SQL again (more than a millisecond of Python on each request).

Rows are found by walking an index in the listing's own order and stopping at the page's end: the
start-date index, or, for an agency filter, each agency's (agency_id, start_date, id) index, the walks
being merged. A key that few activities carry is read first through its GIN index on PostgreSQL
(storage/key_filters.py); a key that none carries answers at once from the key counts on SQLite.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import Date, Integer, bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session

from bot.core.records import UpcomingFilters, UpcomingResult
from storage.activities import AG, BASE, A, hydrate, keys
from storage.key_counts import carried
from storage.key_filters import few_carrying, key_of

# Beyond this many agencies (an agency and its sub-units), one walk of the start-date index for them all.
MOST_WALKS = 16
NOTHING = UpcomingResult(under_way=(), upcoming=(), more=False)
_KEY_COLUMNS = ((A.c.topic_keys, "topic"), (A.c.beneficiary_keys, "beneficiary"))


def upcoming_activities(
    session: Session, today: date, limit: int, filters: UpcomingFilters = UpcomingFilters(),
    under_way_limit: int = 10, offset: int = 0,
) -> tuple[UpcomingResult, bool]:
    """Activities under way (started before today, not ended) and starting today or later.

    Returns the result and whether more activities are under way than `under_way_limit`. With an
    `offset` (a later page) it skips that many upcoming activities and lists none under way.
    """
    values = {"today": today, "under_way_rows": under_way_limit + 1, "rows": limit + 1,
              "skip": offset, "walk_rows": offset + limit + 1, "until": filters.until}
    dialect = session.get_bind().dialect.name
    walks, listed = 0, False
    if filters.agencies is not None:
        # The agencies' ids: an acronym may name an agency of each of several Members.
        ids = session.scalars(select(AG.c.id).where(AG.c.acronym.in_(sorted(filters.agencies)))).all()
        if not ids:
            return NOTHING, False
        if len(ids) > MOST_WALKS:
            listed, values["agencies"] = True, list(ids)
        else:
            walks = len(ids)
            values.update((f"agency_{index}", agency) for index, agency in enumerate(ids))
    wanted = [(column, name, value) for (column, name), value in zip(_KEY_COLUMNS, (filters.topic, filters.beneficiary))
              if value]
    if dialect != "postgresql" and any(
            not carried(session, name, key_of(value)) for _, name, value in wanted):
        return NOTHING, False  # no activity carries the key (PostgreSQL finds that out in few_carrying)
    values.update((name, _like(keys([value]))) for _, name, value in wanted)
    few = few_carrying(session, [(column, value) for column, _, value in wanted])
    if few is not None:
        if not few:
            return NOTHING, False
        values["few"] = few
    statement = _statement(dialect, walks, listed, filters.topic is not None,
                           filters.beneficiary is not None, few is not None, filters.until is not None, offset > 0)
    rows = session.execute(statement, values).all()
    rows.sort(key=lambda row: (row.part, row.start_date, row.id))
    under_way_rows = [row for row in rows if row.part == 0]
    upcoming_rows = rows[len(under_way_rows):]
    hydrated = hydrate(under_way_rows[:under_way_limit] + upcoming_rows[:limit])
    split = min(len(under_way_rows), under_way_limit)
    result = UpcomingResult(under_way=tuple(hydrated[:split]), upcoming=tuple(hydrated[split:]),
                            more=len(upcoming_rows) > limit)
    return result, len(under_way_rows) > under_way_limit


def _like(text: str) -> str:
    """`text` for LIKE with '/' as the escape character (what `contains(..., autoescape=True)` does)."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


@lru_cache(maxsize=512)
def _statement(dialect: str, walks: int, listed: bool, topic: bool, beneficiary: bool, few: bool,
               until: bool, paged: bool):
    """The listing's statement for one shape of filter; its values are bound at each execution.

    `walks`: how many agencies walk their own index (0: one walk for all); `listed`: the agencies are an
    IN list instead. A first page lists both parts (under way: 0, upcoming: 1) in one round trip; a later
    page (`paged`) the upcoming ones only, `skip` of them skipped."""
    conditions = []
    if listed:
        conditions.append(A.c.agency_id.in_(bindparam("agencies", expanding=True)))
    for (column, name), wanted in zip(_KEY_COLUMNS, (topic, beneficiary)):
        if wanted:
            conditions.append(column.contains(bindparam(name), escape="/"))
    if few:
        conditions.append(A.c.id.in_(bindparam("few", expanding=True)))
    today = bindparam("today", type_=Date)
    upcoming = BASE.add_columns(literal(1).label("part")).where(A.c.start_date >= today, *conditions)
    if until:
        upcoming = upcoming.where(A.c.start_date <= bindparam("until", type_=Date))
    if paged:
        return _part(upcoming, walks, bindparam("rows", type_=Integer), skip=bindparam("skip", type_=Integer),
                     walk_rows=bindparam("walk_rows", type_=Integer))
    # An activity under way started at most `longest span` days ago: that bounds the index scan.
    longest = func.coalesce(select(func.max(A.c.span_days)).scalar_subquery(), 0)
    under_way = BASE.add_columns(literal(0).label("part")).where(
        A.c.start_date >= _days_before(dialect, today, longest), A.c.start_date < today, A.c.end_date >= today,
        *conditions)
    parts = (_part(under_way, walks, bindparam("under_way_rows", type_=Integer)),
             _part(upcoming, walks, bindparam("rows", type_=Integer)))
    return union_all(*(select(part.subquery()) for part in parts))


def _part(query, walks: int, rows, skip=None, walk_rows=None):
    """`query`'s rows in the listing's order, `skip` of them skipped, then `rows` kept (bound values): one
    walk, or one for each of `walks` agencies, each reading `walk_rows` (default `rows`), merged."""
    if walks <= 1:
        query = query.where(A.c.agency_id == bindparam("agency_0")) if walks else query
        return query.order_by(A.c.start_date, A.c.id).offset(skip).limit(rows)
    merged = union_all(*(
        select(query.where(A.c.agency_id == bindparam(f"agency_{index}"))
               .order_by(A.c.start_date, A.c.id).limit(rows if walk_rows is None else walk_rows).subquery())
        for index in range(walks))).subquery()
    return select(merged).order_by(merged.c.start_date, merged.c.id).offset(skip).limit(rows)


def _days_before(dialect: str, day, days):
    """The date `days` (an SQL integer) before `day`, in SQL: ISO text on SQLite, a date on PostgreSQL."""
    if dialect == "sqlite":
        return func.date(day, func.printf("-%d days", days))
    return day - days
