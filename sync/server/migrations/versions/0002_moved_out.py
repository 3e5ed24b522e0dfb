"""Moves: the ``moved_out`` table, whose rows pull serves to the replicas of the tambon
a household's rows left as moved-out markers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('moved_out',
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('old_tambon', sa.String(length=6), nullable=False),
    sa.Column('new_tambon', sa.String(length=6), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('op_id', sa.String(length=36), nullable=True),
    sa.Column('moved_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('record_type', 'record_id', 'old_tambon')
    )
    with op.batch_alter_table('moved_out', schema=None) as batch_op:
        batch_op.create_index('ix_moved_out_old_tambon_seq', ['old_tambon', 'seq'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('moved_out', schema=None) as batch_op:
        batch_op.drop_index('ix_moved_out_old_tambon_seq')

    op.drop_table('moved_out')
