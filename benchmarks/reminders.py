"""Benchmark: one reminder tick with many deadlines stored and few due (SQLite, local Slack stand-in).

    python benchmarks/reminders.py [--stored 1000 10000] [--due 5 50] [--runs 15] [--output FILE]

For each (stored, due) pair it builds a fresh database holding `stored` deadlines, of which `due`
fall due at each of `runs` successive minutes (the others much later), then times one tick per
minute: the index query, the claims, the posts to the stand-in and the bookkeeping. It prints the
median and writes every figure as JSON. The tick's cost should follow `due`, not `stored`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script too

from sqlalchemy import insert  # noqa: E402

from bot.app import make_client  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery import Poster  # noqa: E402
from bot.offline.web_api import SlackWebAPI  # noqa: E402
from bot.reminders import remind  # noqa: E402
from bot.services import Services, prepare_database  # noqa: E402
from storage import Database  # noqa: E402
from storage.models import DeadlineRow  # noqa: E402

START = datetime(2027, 8, 16, 15, 0, tzinfo=timezone.utc)
TARGET_MS = 100.0


def build(db: Database, stored: int, due: int, runs: int) -> None:
    """`due` deadlines reminded at each of `runs` minutes from START; the rest a year later."""
    rows = []
    for number in range(stored):
        group = number // due
        soon = group < runs
        remind_at = START + timedelta(minutes=group) if soon else START + timedelta(days=300 + number % 60)
        due_at = remind_at + timedelta(days=30)
        rows.append({
            "title": f"Deadline {number}", "due_at": due_at, "timezone": "UTC", "yearly": True,
            "lead_days": [30, 14, 7, 1], "channel": f"C{number % 50:08d}", "notes": "", "created_by": "bench",
            "created_at": START, "updated_at": START, "revision": 0, "next_remind_at": remind_at,
        })
    with db.session() as session:
        session.execute(insert(DeadlineRow), rows)


def measure(stored: int, due: int, runs: int, api: SlackWebAPI) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        prepare_database(db)
        build(db, stored, due, runs)
        services = Services(db=db, settings=Settings(bot_token="xoxb-bench", api_url=api.base_url))
        poster = Poster(db, make_client("xoxb-bench", api.base_url, retries=False))
        remind(services, poster, START - timedelta(minutes=1))  # warm up: connections, caches
        timings, idle, posted = [], [], 0
        for minute in range(runs):
            now = START + timedelta(minutes=minute)
            began = time.perf_counter()
            posted += len(remind(services, poster, now))
            timings.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            remind(services, poster, now + timedelta(seconds=30))  # nothing left due
            idle.append((time.perf_counter() - began) * 1000)
        db.dispose()
    return {"stored": stored, "due_per_tick": due, "runs": runs, "posted": posted,
            "median_ms": round(statistics.median(timings), 2), "max_ms": round(max(timings), 2),
            "idle_median_ms": round(statistics.median(idle), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stored", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--due", type=int, nargs="+", default=[5, 50])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--output", default=str(Path(__file__).with_name("results-reminders.json")))
    args = parser.parse_args()
    results = []
    with SlackWebAPI() as api:
        for due in args.due:
            for stored in args.stored:
                result = measure(stored, due, args.runs, api)
                assert result["posted"] == due * args.runs, result
                results.append(result)
                print(f"stored {stored:>6}  due {due:>3}/tick  median {result['median_ms']:>7.2f} ms  "
                      f"max {result['max_ms']:>7.2f} ms  idle tick {result['idle_median_ms']:>5.2f} ms")
    worst = max(r["median_ms"] for r in results if r["stored"] == max(args.stored) and r["due_per_tick"] == min(args.due))
    summary = {"benchmark": "reminder tick", "target_ms": TARGET_MS, "results": results,
               "median_ms_at_largest_store_fewest_due": worst, "within_target": worst <= TARGET_MS}
    Path(args.output).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"{'within' if worst <= TARGET_MS else 'OVER'} the {TARGET_MS:.0f} ms target; wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
