"""Posts whose outcome is unsure are looked for before a retry; event claims have a lease.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('reminder_claims', 'digest_claims'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('unsure', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), server_default='done', nullable=False))
        batch_op.add_column(sa.Column('owner', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('owner')
        batch_op.drop_column('status')
    for table in ('reminder_claims', 'digest_claims'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('unsure')
