"""Knowledge of who does what: the knowledge base (base), reading reports (documents), learning from
them (extract), the question index (index), answering (answering) and rendering answers (render)."""

from bot.core.knowledge.base import Knowledge, from_seed, read_seed

__all__ = ["Knowledge", "from_seed", "read_seed"]
