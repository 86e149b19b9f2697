"""How many activities carry each beneficiary and topic key, kept with every write of activities.

A filter on a key that no activity carries (`upcoming beneficiary:Tonga`) would otherwise walk every
coming activity to find nothing: on SQLite, which has no index over the keys, 10 ms at 100,000
activities (PostgreSQL reads such a key through its GIN index; storage/key_filters.py). Every function
of storage that adds or deletes activities calls `count_added` or `count_removed` in the same
transaction; migration 0015 counted the activities stored before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import itemgetter

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models_keys import FilterKeyCountRow

K = FilterKeyCountRow.__table__


def tally(keys: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """{(kind, key): activities} for activities' (beneficiary_keys, topic_keys) values ('|peru|chile|')."""
    keys = list(keys)
    counts: Counter[tuple[str, str]] = Counter()
    for kind, column in (("beneficiary", 0), ("topic", 1)):
        by_key: Counter[str] = Counter()
        for text, activities in Counter(map(itemgetter(column), keys)).items():  # imports repeat the same lists
            for key in set(text.split("|")):
                by_key[key] += activities
        by_key.pop("", None)  # what the separators leave at both ends
        counts.update({(kind, key): activities for key, activities in by_key.items()})
    return counts


def count_added(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    _change(session, tally(keys), 1)


def count_removed(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    _change(session, tally(keys), -1)
    session.execute(delete(K).where(K.c.activities <= 0))


def carried(session: Session, kind: str, key: str) -> int:
    """How many activities carry `key` (an element of their `kind` keys: "beneficiary" or "topic")."""
    return session.execute(select(K.c.activities).where(K.c.kind == kind, K.c.key == key)).scalar() or 0


def _change(session: Session, counts: Counter[tuple[str, str]], sign: int) -> None:
    if not counts:
        return
    statement = dialect_insert(session, K).values(kind=bindparam("kind"), key=bindparam("key"),
                                                  activities=bindparam("n"))
    statement = statement.on_conflict_do_update(index_elements=[K.c.kind, K.c.key],
                                                set_={"activities": K.c.activities + statement.excluded.activities})
    session.execute(statement, [{"kind": kind, "key": key, "n": sign * n} for (kind, key), n in sorted(counts.items())])
