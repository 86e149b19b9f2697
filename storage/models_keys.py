"""How many activities carry each beneficiary and topic key (storage/key_counts.py)."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class FilterKeyCountRow(Base):
    """One beneficiary or topic key (as the activities' keys columns hold it) and how many activities
    carry it: a filter on a key no activity carries is answered without walking the coming activities."""

    __tablename__ = "filter_key_counts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # "beneficiary" or "topic"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    activities: Mapped[int] = mapped_column(Integer, default=0)
