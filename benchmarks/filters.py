"""Filtered `/activities upcoming` that misses the reply cache, over signed HTTP, on SQLite and PostgreSQL,
against the bare-Bolt floor in the same run. The bar: the floor + 5 ms for every filter.

PostgreSQL: ART67_BENCH_POSTGRES, else the server on 127.0.0.1:5432 (database `test`) when it answers;
the data goes in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import os
import statistics
import sys
import uuid
from pathlib import Path

FILTERS = ["agency:DHS", "beneficiary:Peru", "topic:patents", "next 30 days",
           "beneficiary:Tonga", "topic:plant-variety-protection agency:USPTO"]
BAR_MS = 5.0


def postgres_base() -> str | None:
    url = os.environ.get("ART67_BENCH_POSTGRES") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=2):
            return url
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL figures are left out, and say so
        return None


def measure_backend(url: str, per_filter: int) -> dict:
    from benchmarks.run import SECRET, Server, free_port, time_requests
    from bot.offline.web_api import SlackWebAPI

    with SlackWebAPI() as api:
        env = {**os.environ, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_API_URL": api.base_url, "DATABASE_URL": url,
               "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        ours_port, floor_port = free_port(), free_port()
        ours = Server([sys.executable, "-m", "benchmarks.uncached_serve", "--host", "127.0.0.1",
                       "--port", str(ours_port)], env, ours_port)
        floor = Server([sys.executable, "-m", "benchmarks.floor_app", "--port", str(floor_port),
                        "--secret", SECRET, "--api-url", api.base_url], env, floor_port)
        try:
            time_requests(floor_port, "upcoming", 100, None)
            for text in FILTERS:
                time_requests(ours_port, f"upcoming {text}", 20, "pcoming")
            floor_ms = statistics.median(time_requests(floor_port, "upcoming", per_filter, None))
            figures = {text: statistics.median(time_requests(ours_port, f"upcoming {text}", per_filter, "pcoming"))
                       for text in FILTERS}
        finally:
            ours.stop()
            floor.stop()
    return {"floor_ms": floor_ms, "filters_ms": figures,
            "worst_over_floor_ms": max(figures.values()) - floor_ms, "bar_over_floor_ms": BAR_MS}


def run(workdir: Path, quick: bool) -> dict:
    from benchmarks.run import build_database

    count = 10_000 if quick else 100_000
    per_filter = 50 if quick else 200
    results: dict = {"activities": count}
    sqlite_path = workdir / "filters.db"
    build_database(sqlite_path, count)
    results["sqlite"] = measure_backend(f"sqlite:///{sqlite_path}", per_filter)
    base = postgres_base()
    if base is None:
        results["postgresql"] = None
    else:
        url, drop = _schema(base)
        try:
            build_database(None, count, url=url)
            results["postgresql"] = measure_backend(url, per_filter)
        finally:
            drop()
    results["table"] = [row for backend in ("sqlite", "postgresql") for row in _rows(backend, results[backend])]
    return results


def _schema(base: str):
    """A URL whose tables go in a new schema of `base`'s database, and a function dropping it."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {name}")

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {name} CASCADE")

    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{name}", drop


def _rows(backend: str, result: dict | None) -> list[tuple]:
    if result is None:
        return [(f"upcoming, filters, {backend}", "not measured", "no PostgreSQL server answered", "", True)]
    floor = result["floor_ms"]
    return [(f"upcoming {text}, uncached, {backend}", f"{ms:.2f} ms", f"floor {floor:.2f} ms, +{ms - floor:.2f} ms",
             f"≤ floor + {BAR_MS:.0f} ms", ms - floor <= BAR_MS) for text, ms in result["filters_ms"].items()]
