"""Synthetic activities for benchmarks: realistic titles, agencies, beneficiaries and topics."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from bot.core.knowledge import from_seed, read_seed

MEMBERS = ["Peru", "Chile", "Viet Nam", "Kenya", "Ghana", "India", "Brazil", "Mexico", "Colombia",
           "Morocco", "Indonesia", "Philippines", "Thailand", "Nigeria", "Côte d'Ivoire", "Ukraine",
           "Georgia", "Jordan", "Egypt", "Pakistan", "Bangladesh", "Cambodia", "Ecuador", "Panama"]
KINDS = ["workshop", "seminar", "webinar", "training programme", "roundtable", "study visit", "course"]


def activity_rows(count: int, today: date, seed: int = 67) -> list[dict[str, str]]:
    """Rows in the CSV import layout; start dates spread two years either side of today."""
    rng = random.Random(seed)
    knowledge = from_seed(read_seed())
    agencies = [a.acronym for a in knowledge.agencies]
    topics = [t.slug for t in knowledge.topics]
    rows = []
    for index in range(count):
        start = today + timedelta(days=rng.randint(-730, 730))
        topic_names = rng.sample(topics, rng.randint(0, 2))
        rows.append({
            "title": f"{topic_names[0].replace('-', ' ').title() if topic_names else 'IP'} "
                     f"{rng.choice(KINDS)} {index}",
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=rng.randint(0, 4))).isoformat() if rng.random() < 0.6 else "",
            "beneficiaries": "; ".join(rng.sample(MEMBERS, rng.randint(1, 4))),
            "agency": rng.choice(agencies),
            "topics": "; ".join(topic_names),
            "format": rng.choice(["in-person", "virtual", "hybrid", ""]),
            "description": "Capacity building on the protection and enforcement of IP." if rng.random() < 0.5 else "",
        })
    return rows


def as_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
