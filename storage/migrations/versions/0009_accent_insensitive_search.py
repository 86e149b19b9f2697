"""Search ignores accents: activities keep their title and description folded (lower case, no accents).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _fold(value: str) -> str:  # as bot.core.text.fold, frozen here so the migration never changes
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def upgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    activities = sa.table('activities', sa.column('id', sa.Integer), sa.column('title', sa.String),
                          sa.column('description', sa.Text), sa.column('search_text', sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.select(activities.c.id, activities.c.title, activities.c.description)).all()
    for start in range(0, len(rows), 1000):
        batch = [{"row_id": r.id, "text": _fold(f"{r.title}\n{r.description or ''}")} for r in rows[start:start + 1000]]
        connection.execute(activities.update().where(activities.c.id == sa.bindparam("row_id"))
                           .values(search_text=sa.bindparam("text")), batch)


def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('search_text')
