"""Building activities for tests."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.records import NewActivity


def activity(title: str, start: date, *, days: int | None = None, agency: str = "USPTO",
             beneficiaries=("Peru",), topics=(), fmt: str | None = None, description: str = "") -> NewActivity:
    return NewActivity(
        title=title,
        start_date=start,
        end_date=start + timedelta(days=days) if days is not None else None,
        agency=agency,
        beneficiaries=tuple(beneficiaries),
        topics=tuple(topics),
        format=fmt,
        description=description,
    )


def store(session, items) -> list[int]:
    """Store activities one by one and return their ids, in order."""
    from storage.activities import add_activity

    return [add_activity(session, item) for item in items]
