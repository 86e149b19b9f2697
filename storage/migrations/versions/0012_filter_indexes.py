"""Filters on a rare beneficiary or topic stay fast (indexes of one backend each; storage.db.DIALECT_INDEXES).

SQLite: the start-date index is replaced by one that also carries the agency, end date and
beneficiary/topic keys, so that walking it through every coming activity reads no table rows (about 6 ms
instead of 80 at 100k activities). PostgreSQL: GIN indexes over the keys, so that a rare key is read directly (see
storage/key_filters.py; a B-tree could not hold keys that long), then fresh planner statistics.

Revision ID: 0012
Revises: 0009
Create Date: 2026-11-29
"""
from alembic import op


revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None

_INDEXES = {"ix_activities_beneficiary_keys_gin": "beneficiary_keys", "ix_activities_topic_keys_gin": "topic_keys"}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_activities_start_keys", "activities",
                        ["start_date", "id", "agency_id", "end_date", "beneficiary_keys", "topic_keys"])
        op.drop_index("ix_activities_start_date_id", table_name="activities")
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in _INDEXES.items():
        # The expression must stay exactly as storage/key_filters.py writes it for the planner to use the index.
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON activities USING gin (string_to_array({column}, '|'))")
    op.execute("ANALYZE activities")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_activities_start_date_id", "activities", ["start_date", "id"])
        op.drop_index("ix_activities_start_keys", table_name="activities")
    if op.get_bind().dialect.name == "postgresql":
        for name in _INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
