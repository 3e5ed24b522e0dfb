"""Initial server schema: accounts, devices, the change counter, row history, applied
ops, blobs, server meta, and one typed table per record type of the contract.

Written by Alembic's autogenerate from ``sync.server.models`` (types rendered as plain
SQLAlchemy types); ``tests/server/test_migrations.py`` checks that the head matches
the models, so a new contract field fails the tests until a revision adds its column.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 20:19:46.811147
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applied_ops',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('op_hash', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('device_seq', sa.BigInteger(), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=True),
    sa.Column('error', sa.JSON(), nullable=True),
    sa.Column('conflict_fields', sa.JSON(), nullable=True),
    sa.Column('ack_sig', sa.String(length=128), nullable=True),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('op_id')
    )
    with op.batch_alter_table('applied_ops', schema=None) as batch_op:
        batch_op.create_index('ix_applied_ops_device', ['device_id', 'device_seq'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('owner_type', sa.Text(), nullable=True),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('sha256', sa.Text(), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=True),
    sa.Column('mime_type', sa.Text(), nullable=True),
    sa.Column('taken_at', sa.String(length=24), nullable=True),
    sa.Column('gps_lat', sa.Float(), nullable=True),
    sa.Column('gps_lon', sa.Float(), nullable=True),
    sa.Column('gps_accuracy_m', sa.Float(), nullable=True),
    sa.Column('caption', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_attachment_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=True),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('conflict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('target_type', sa.Text(), nullable=True),
    sa.Column('target_id', sa.String(length=36), nullable=True),
    sa.Column('group', sa.Text(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('current', sa.JSON(), nullable=True),
    sa.Column('proposals', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('opened_at', sa.String(length=24), nullable=True),
    sa.Column('resolved_at', sa.String(length=24), nullable=True),
    sa.Column('resolved_by', sa.Text(), nullable=True),
    sa.Column('resolution_op', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index('ix_conflict_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_conflict_tambon_seq', ['tambon', 'seq'], unique=False)
        batch_op.create_index('ix_conflict_target', ['target_type', 'target_id', 'group'],
                              unique=False)

    op.create_table('consent',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('consenter_role', sa.String(length=40), nullable=True),
    sa.Column('consenter_name', sa.Text(), nullable=True),
    sa.Column('purposes', sa.JSON(), nullable=True),
    sa.Column('sensitive_consent', sa.Boolean(), nullable=True),
    sa.Column('method', sa.String(length=40), nullable=True),
    sa.Column('witness_name', sa.Text(), nullable=True),
    sa.Column('consent_date', sa.String(length=10), nullable=True),
    sa.Column('evidence_attachment_id', sa.String(length=36), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('withdrawn_date', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index('ix_consent_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_consent_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('household',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('house_no', sa.Text(), nullable=True),
    sa.Column('moo', sa.Integer(), nullable=True),
    sa.Column('village_id', sa.String(length=36), nullable=True),
    sa.Column('soi', sa.Text(), nullable=True),
    sa.Column('road', sa.Text(), nullable=True),
    sa.Column('house_code', sa.Text(), nullable=True),
    sa.Column('gps_lat', sa.Float(), nullable=True),
    sa.Column('gps_lon', sa.Float(), nullable=True),
    sa.Column('gps_accuracy_m', sa.Float(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('land_tenure', sa.String(length=40), nullable=True),
    sa.Column('house_ownership', sa.String(length=40), nullable=True),
    sa.Column('structure_type', sa.String(length=40), nullable=True),
    sa.Column('head_member_id', sa.String(length=36), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index('ix_household_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('login_throttle',
    sa.Column('username', sa.String(length=256), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('member',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('national_id', sa.Text(), nullable=True),
    sa.Column('national_id_missing_reason', sa.String(length=40), nullable=True),
    sa.Column('title', sa.String(length=40), nullable=True),
    sa.Column('given_name', sa.Text(), nullable=True),
    sa.Column('family_name', sa.Text(), nullable=True),
    sa.Column('sex', sa.String(length=40), nullable=True),
    sa.Column('birth_date', sa.String(length=10), nullable=True),
    sa.Column('relation_to_head', sa.String(length=40), nullable=True),
    sa.Column('occupation', sa.Text(), nullable=True),
    sa.Column('monthly_income', sa.BigInteger(), nullable=True),
    sa.Column('education', sa.String(length=40), nullable=True),
    sa.Column('vulnerability', sa.JSON(), nullable=True),
    sa.Column('disability_types', sa.JSON(), nullable=True),
    sa.Column('disability_card', sa.Boolean(), nullable=True),
    sa.Column('dependency', sa.String(length=40), nullable=True),
    sa.Column('welfare', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index('ix_member_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_member_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('programme_settings',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('programme', sa.Text(), nullable=True),
    sa.Column('fiscal_year', sa.Integer(), nullable=True),
    sa.Column('subsidy_cap', sa.BigInteger(), nullable=True),
    sa.Column('eligibility_checklist', sa.JSON(), nullable=True),
    sa.Column('score_weights', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('programme_settings', schema=None) as batch_op:
        batch_op.create_index('ix_programme_settings_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('repair_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('quantity', sa.String(length=40), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=True),
    sa.Column('material_cost', sa.BigInteger(), nullable=True),
    sa.Column('labour_cost', sa.BigInteger(), nullable=True),
    sa.Column('funding_source', sa.String(length=40), nullable=True),
    sa.Column('item_status', sa.String(length=40), nullable=True),
    sa.Column('completed_date', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('repair_item', schema=None) as batch_op:
        batch_op.create_index('ix_repair_item_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_repair_item_project_id', ['project_id'], unique=False)
        batch_op.create_index('ix_repair_item_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('repair_project',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('programme', sa.Text(), nullable=True),
    sa.Column('fiscal_year', sa.Integer(), nullable=True),
    sa.Column('subsidy_cap', sa.BigInteger(), nullable=True),
    sa.Column('approved_amount', sa.BigInteger(), nullable=True),
    sa.Column('co_funding', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('approval_ref', sa.Text(), nullable=True),
    sa.Column('handover_date', sa.String(length=10), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('repair_project', schema=None) as batch_op:
        batch_op.create_index('ix_repair_project_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_repair_project_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('review_event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('record_type', sa.Text(), nullable=True),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('actor', sa.Text(), nullable=True),
    sa.Column('role', sa.String(length=40), nullable=True),
    sa.Column('command', sa.Text(), nullable=True),
    sa.Column('from_state', sa.Text(), nullable=True),
    sa.Column('to_state', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('at', sa.String(length=24), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_event', schema=None) as batch_op:
        batch_op.create_index('ix_review_event_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_review_event_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('row_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('author', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('relayed_by', sa.String(length=36), nullable=True),
    sa.Column('op_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('row_history', schema=None) as batch_op:
        batch_op.create_index('ix_row_history_record', ['record_type', 'record_id', 'version'],
                              unique=True)
        batch_op.create_index(batch_op.f('ix_row_history_seq'), ['seq'], unique=False)

    op.create_table('server_meta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=36), nullable=False),
    sa.Column('epoch_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('signing_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('id = 1', name='ck_server_meta_one_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('survey',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('survey_date', sa.String(length=10), nullable=True),
    sa.Column('surveyor_name', sa.Text(), nullable=True),
    sa.Column('part_conditions', sa.JSON(), nullable=True),
    sa.Column('risks', sa.JSON(), nullable=True),
    sa.Column('eligibility_answers', sa.JSON(), nullable=True),
    sa.Column('priority_score', sa.Integer(), nullable=True),
    sa.Column('settings_id', sa.String(length=36), nullable=True),
    sa.Column('settings_version', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.create_index('ix_survey_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_survey_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('sync_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('id = 1', name='ck_sync_counter_one_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('tambon_plan',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('fiscal_year', sa.Integer(), nullable=True),
    sa.Column('allocation', sa.BigInteger(), nullable=True),
    sa.Column('budget_note', sa.Text(), nullable=True),
    sa.Column('selected_projects', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tambon_plan', schema=None) as batch_op:
        batch_op.create_index('ix_tambon_plan_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_username'), ['username'], unique=True)

    op.create_table('village',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('hlc', sa.String(length=64), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('moo', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index('ix_village_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('devices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ed25519_key', sa.String(length=64), nullable=False),
    sa.Column('x25519_key', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_devices_user_id'), ['user_id'], unique=False)

    op.create_table('user_areas',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'code')
    )


def downgrade() -> None:
    op.drop_table('user_areas')
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_devices_user_id'))

    op.drop_table('devices')
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_index('ix_village_tambon_seq')

    op.drop_table('village')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_username'))

    op.drop_table('users')
    with op.batch_alter_table('tambon_plan', schema=None) as batch_op:
        batch_op.drop_index('ix_tambon_plan_tambon_seq')

    op.drop_table('tambon_plan')
    op.drop_table('sync_counter')
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_tambon_seq')
        batch_op.drop_index('ix_survey_household_id')

    op.drop_table('survey')
    op.drop_table('server_meta')
    with op.batch_alter_table('row_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_row_history_seq'))
        batch_op.drop_index('ix_row_history_record')

    op.drop_table('row_history')
    with op.batch_alter_table('review_event', schema=None) as batch_op:
        batch_op.drop_index('ix_review_event_tambon_seq')
        batch_op.drop_index('ix_review_event_household_id')

    op.drop_table('review_event')
    with op.batch_alter_table('repair_project', schema=None) as batch_op:
        batch_op.drop_index('ix_repair_project_tambon_seq')
        batch_op.drop_index('ix_repair_project_household_id')

    op.drop_table('repair_project')
    with op.batch_alter_table('repair_item', schema=None) as batch_op:
        batch_op.drop_index('ix_repair_item_tambon_seq')
        batch_op.drop_index('ix_repair_item_project_id')
        batch_op.drop_index('ix_repair_item_household_id')

    op.drop_table('repair_item')
    with op.batch_alter_table('programme_settings', schema=None) as batch_op:
        batch_op.drop_index('ix_programme_settings_tambon_seq')

    op.drop_table('programme_settings')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index('ix_member_tambon_seq')
        batch_op.drop_index('ix_member_household_id')

    op.drop_table('member')
    op.drop_table('login_throttle')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_tambon_seq')

    op.drop_table('household')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_tambon_seq')
        batch_op.drop_index('ix_consent_household_id')

    op.drop_table('consent')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index('ix_conflict_target')
        batch_op.drop_index('ix_conflict_tambon_seq')
        batch_op.drop_index('ix_conflict_household_id')

    op.drop_table('conflict')
    op.drop_table('blobs')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_tambon_seq')
        batch_op.drop_index('ix_attachment_household_id')

    op.drop_table('attachment')
    with op.batch_alter_table('applied_ops', schema=None) as batch_op:
        batch_op.drop_index('ix_applied_ops_device')

    op.drop_table('applied_ops')
