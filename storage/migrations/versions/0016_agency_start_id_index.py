"""The agency index also orders by id: a listing of one agency's coming activities walks it in the
listing's own order (start date, then id) and stops at the page's end, instead of reading every coming
activity of the agency and sorting them (a topic few of the agency's activities cover read thousands).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29
"""
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_agency_start')
        batch_op.create_index('ix_activities_agency_start_id', ['agency_id', 'start_date', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_agency_start_id')
        batch_op.create_index('ix_activities_agency_start', ['agency_id', 'start_date'], unique=False)
