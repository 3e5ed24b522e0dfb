"""Device flags: ``copied_at`` (a profile copied to a second machine: a device_seq
arrived again under another op id) and the clock flags (ops whose hlc the server
clamped: count, last time, how far ahead).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copied_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('clock_clamped_count', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('clock_clamped_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('clock_ahead_ms', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_column('clock_ahead_ms')
        batch_op.drop_column('clock_clamped_at')
        batch_op.drop_column('clock_clamped_count')
        batch_op.drop_column('copied_at')
