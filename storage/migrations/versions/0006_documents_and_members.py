"""Stored reports (documents and their paragraphs); agencies belong to a Member; links and agencies carry
citable sources and where they came from.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

UNNAMED = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('symbol', sa.String(length=64), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('period', sa.String(length=120), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('member', 'title', name='uq_documents_member_title')
    )
    op.create_table('document_paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document_paragraphs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_paragraphs_document_id'), ['document_id'], unique=False)

    # the acronym was unique across the table; now within a Member
    if op.get_bind().dialect.name == "postgresql":
        for constraint in sa.inspect(op.get_bind()).get_unique_constraints('agencies'):
            if constraint['column_names'] == ['acronym']:
                op.drop_constraint(constraint['name'], 'agencies', type_='unique')
        batch = op.batch_alter_table('agencies', schema=None)
    else:
        batch = op.batch_alter_table('agencies', schema=None, naming_convention=UNNAMED)
    with batch as batch_op:
        if op.get_bind().dialect.name != "postgresql":
            batch_op.drop_constraint('uq_agencies_acronym', type_='unique')
        batch_op.add_column(sa.Column('member', sa.String(length=120), server_default='', nullable=False))
        batch_op.alter_column('acronym', existing_type=sa.String(length=32), type_=sa.String(length=200))
        batch_op.add_column(sa.Column('sources', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_agencies_document_id', 'documents', ['document_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_unique_constraint('uq_agencies_member_acronym', ['member', 'acronym'])
    with op.batch_alter_table('agency_topics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sources', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('origin', sa.String(length=16), server_default='manual', nullable=False))
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_agency_topics_document_id', 'documents', ['document_id'], ['id'],
                                    ondelete='CASCADE')
    op.execute("UPDATE agencies SET sources = '[]' WHERE sources IS NULL")
    # every agency stored so far belongs to the one Member art67bot served: the shipped United States
    op.execute("UPDATE agencies SET member = 'United States of America' WHERE member = ''")
    op.execute("UPDATE agency_topics SET sources = '[]' WHERE sources IS NULL")


def downgrade() -> None:
    with op.batch_alter_table('agency_topics', schema=None) as batch_op:
        batch_op.drop_constraint('fk_agency_topics_document_id', type_='foreignkey')
        batch_op.drop_column('document_id')
        batch_op.drop_column('origin')
        batch_op.drop_column('sources')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_constraint('uq_agencies_member_acronym', type_='unique')
        batch_op.drop_constraint('fk_agencies_document_id', type_='foreignkey')
        batch_op.drop_column('document_id')
        batch_op.drop_column('sources')
        batch_op.alter_column('acronym', existing_type=sa.String(length=200), type_=sa.String(length=32))
        batch_op.drop_column('member')
        batch_op.create_unique_constraint('uq_agencies_acronym', ['acronym'])
    with op.batch_alter_table('document_paragraphs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_paragraphs_document_id'))
    op.drop_table('document_paragraphs')
    op.drop_table('documents')
