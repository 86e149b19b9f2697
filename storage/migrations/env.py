"""Alembic environment: art67bot runs migrations on a connection it hands over."""

from alembic import context
from sqlalchemy import create_engine

from storage.db import include_object
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from storage.db import default_database_url

        engine = create_engine(config.get_main_option("sqlalchemy.url") or default_database_url())
        with engine.begin() as connection:
            _migrate(connection)
        return
    _migrate(connection)


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
