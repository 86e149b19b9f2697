"""On SQLite the agency index also carries the end date and the beneficiary and topic keys, as the
start-date index does (migration 0012): an agency's walk through its coming activities checks a topic or
beneficiary filter in the index and reads a table row only for an activity it keeps. A topic that few of
an agency's activities cover (plant variety protection at USPTO and its academy) read some 450 table rows
for a page of ten. PostgreSQL keeps (agency_id, start_date, id): it reads rare keys through its GIN indexes.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_activities_agency_start_keys", "activities",
                        ["agency_id", "start_date", "id", "end_date", "beneficiary_keys", "topic_keys"])
        op.drop_index("ix_activities_agency_start_id", table_name="activities")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_activities_agency_start_id", "activities", ["agency_id", "start_date", "id"])
        op.drop_index("ix_activities_agency_start_keys", table_name="activities")
