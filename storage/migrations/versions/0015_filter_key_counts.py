"""How many activities carry each beneficiary and topic key, counted from the activities stored.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29
"""
from collections import Counter

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    counts = op.create_table('filter_key_counts',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'key')
    )
    activities = sa.table('activities', sa.column('beneficiary_keys', sa.Text), sa.column('topic_keys', sa.Text))
    tally: Counter[tuple[str, str]] = Counter()
    for row in op.get_bind().execute(sa.select(activities.c.beneficiary_keys, activities.c.topic_keys)):
        tally.update(("beneficiary", key) for key in set(row.beneficiary_keys.split("|")) if key)
        tally.update(("topic", key) for key in set(row.topic_keys.split("|")) if key)
    rows = [{"kind": kind, "key": key, "activities": n} for (kind, key), n in sorted(tally.items())]
    if rows:
        op.bulk_insert(counts, rows)


def downgrade() -> None:
    op.drop_table('filter_key_counts')
