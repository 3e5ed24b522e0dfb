"""Moves: the ``moved_out`` table of moved-out markers the replica has taken (rows
that left one of its tambons).

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
    sa.PrimaryKeyConstraint('record_type', 'record_id', 'old_tambon',
                            name=op.f('pk_moved_out'))
    )


def downgrade() -> None:
    raise NotImplementedError("the replica only migrates forward")
