"""Persistence for art67bot. Only this package knows SQLAlchemy."""

from storage.db import Database, default_database_url

__all__ = ["Database", "default_database_url"]
