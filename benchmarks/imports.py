"""`art67bot import` on PostgreSQL: N CSV rows through the import path (parse, validate, COPY) against
psycopg's executemany of the same rows into the same table, in schemas of their own.

Where an import's time goes (100k rows, SQLite, profiled 2026-11): before, two thirds in SQLAlchemy's
per-row binding (JSON lists, dates, the UTC type) and one third in writing an audit entry per row;
now the rows go to the driver in one call with the bind processors applied in a loop (storage/bulk.py)
and one audit entry names the batch. What remains is the CSV parse and the per-row validation.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timezone
from pathlib import Path


def run(workdir: Path, quick: bool) -> dict:
    from benchmarks.data import activity_rows
    from benchmarks.filters import _schema, postgres_base
    from benchmarks.run import build_database
    from bot.services import prepare_database
    from storage import Database

    base = postgres_base()
    if base is None:
        return {"table": [("import, PostgreSQL", "not measured", "no PostgreSQL server answered", "", True)]}
    count = 10_000 if quick else 100_000
    rows = activity_rows(count, date.today())
    ours, floor = [], []
    for _ in range(1 if quick else 3):
        url, drop = _schema(base)
        try:
            db = Database(url)
            prepare_database(db)
            now = datetime.now(timezone.utc)
            tuples = [(r["title"], date.fromisoformat(r["start_date"]),
                       date.fromisoformat(r["end_date"]) if r["end_date"] else None, 0, 1,
                       f'["{r["beneficiaries"]}"]', f'["{r["topics"]}"]', "|", "|", r["format"] or None, "",
                       r["description"], "", "", "", now, now) for r in rows]
            with db.engine.begin() as connection:
                cursor = connection.connection.driver_connection.cursor()
                started = time.perf_counter()
                cursor.executemany(
                    "INSERT INTO activities (title, start_date, end_date, span_days, agency_id, beneficiaries, "
                    "topics, beneficiary_keys, topic_keys, format, location, description, url, source_document, "
                    "created_by, created_at, updated_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    tuples)
            floor.append(time.perf_counter() - started)
            db.dispose()
        finally:
            drop()
        url, drop = _schema(base)
        try:
            ours.append(build_database(None, count, url=url))
        finally:
            drop()
    ratio = statistics.median(ours) / statistics.median(floor)
    return {"rows": count, "ours_s": statistics.median(ours), "executemany_s": statistics.median(floor),
            "ratio": ratio, "table": [
                (f"import {count:,} CSV rows, PostgreSQL", f"{statistics.median(ours):.2f} s",
                 f"psycopg executemany {statistics.median(floor):.2f} s, ratio {ratio:.2f}×", "measured",
                 True)]}
