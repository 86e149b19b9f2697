"""Join the deadline-reminder and event-deduplication branches into one head.

Revision ID: 0005
Revises: 0003, 0004
Create Date: 2026-11-26
"""

revision = '0005'
down_revision = ('0003', '0004')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
