"""Initial schema: record tables, local tables, the household index, its text and
full-text tables, and the reference areas seeded from GeoThai.

Revision ID: 0001
Revises: 
Create Date: 2026-11-29
"""

from __future__ import annotations

import geothai
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('acked_ops',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('device_seq', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('op', sa.Text(), nullable=False),
    sa.Column('sig', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('acked_at', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_acked_ops'))
    )
    with op.batch_alter_table('acked_ops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acked_ops_acked_at'), ['acked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_acked_ops_device_seq'), ['device_seq'], unique=False)

    op.create_table('area',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('parent', sa.String(length=4), nullable=True),
    sa.Column('name_th', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_area'))
    )
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_parent'), ['parent'], unique=False)

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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_attachment_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    op.create_table('checkpoints',
    sa.Column('area', sa.String(length=6), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('area', name=op.f('pk_checkpoints'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict'))
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index('ix_conflict_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_conflict_tambon_seq', ['tambon', 'seq'], unique=False)

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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index('ix_consent_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_consent_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('drafts',
    sa.Column('draft_id', sa.String(length=120), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('error', sa.JSON(), nullable=True),
    sa.Column('op_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('draft_id', name=op.f('pk_drafts'))
    )
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index('ix_household_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('household_index',
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('moo', sa.Integer(), nullable=True),
    sa.Column('village_id', sa.String(length=36), nullable=True),
    sa.Column('house_no', sa.Text(), nullable=True),
    sa.Column('head_name', sa.Text(), nullable=True),
    sa.Column('sort_key', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=True),
    sa.Column('vuln_mask', sa.Integer(), nullable=False),
    sa.Column('member_count', sa.Integer(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('pending', sa.Boolean(), nullable=False),
    sa.Column('photo_pending', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.String(length=24), nullable=True),
    sa.PrimaryKeyConstraint('row', name=op.f('pk_household_index')),
    sa.UniqueConstraint('household_id', name=op.f('uq_household_index_household_id'))
    )
    with op.batch_alter_table('household_index', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_index_sort_key_household_id'), ['sort_key', 'household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_index_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_index_tambon_moo_sort_key'), ['tambon', 'moo', 'sort_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_index_tambon_sort_key_household_id'), ['tambon', 'sort_key', 'household_id'], unique=False)

    op.create_table('household_text',
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('row', name=op.f('pk_household_text'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index('ix_member_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_member_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('outbox',
    sa.Column('device_seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('tambon', sa.String(length=6), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('op', sa.Text(), nullable=False),
    sa.Column('sig', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('device_seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('op_id', name=op.f('uq_outbox_op_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_record_type_record_id'), ['record_type', 'record_id'], unique=False)

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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_settings'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_item'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_project'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_event'))
    )
    with op.batch_alter_table('review_event', schema=None) as batch_op:
        batch_op.create_index('ix_review_event_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_review_event_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('server_rows',
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('record_type', 'record_id', name=op.f('pk_server_rows'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey'))
    )
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.create_index('ix_survey_household_id', ['household_id'], unique=False)
        batch_op.create_index('ix_survey_tambon_seq', ['tambon', 'seq'], unique=False)

    op.create_table('sync_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.String(length=24), nullable=False),
    sa.Column('finished_at', sa.String(length=24), nullable=True),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('message', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_history'))
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tambon_plan'))
    )
    with op.batch_alter_table('tambon_plan', schema=None) as batch_op:
        batch_op.create_index('ix_tambon_plan_tambon_seq', ['tambon', 'seq'], unique=False)

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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_village'))
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index('ix_village_tambon_seq', ['tambon', 'seq'], unique=False)

    for statement in FULL_TEXT:
        op.execute(statement)
    seed_areas()


# FTS5 over household_text as external content (the text is stored once), with the
# trigram tokenizer for Thai substrings; the triggers keep it in step.
FULL_TEXT = (
    "CREATE VIRTUAL TABLE household_fts USING fts5(text, content='household_text', "
    "content_rowid='row', tokenize='trigram')",
    "CREATE TRIGGER household_text_ai AFTER INSERT ON household_text BEGIN "
    "INSERT INTO household_fts(rowid, text) VALUES (new.row, new.text); END",
    "CREATE TRIGGER household_text_ad AFTER DELETE ON household_text BEGIN "
    "INSERT INTO household_fts(household_fts, rowid, text) "
    "VALUES ('delete', old.row, old.text); END",
    "CREATE TRIGGER household_text_au AFTER UPDATE ON household_text BEGIN "
    "INSERT INTO household_fts(household_fts, rowid, text) "
    "VALUES ('delete', old.row, old.text); "
    "INSERT INTO household_fts(rowid, text) VALUES (new.row, new.text); END",
)


def seed_areas() -> None:
    """Provinces, districts and sub-districts from GeoThai (CC BY 4.0)."""
    area = sa.table("area", sa.column("code"), sa.column("level"), sa.column("parent"),
                    sa.column("name_th"), sa.column("name_en"))
    rows = [{"code": p.code, "level": 1, "parent": None, "name_th": p.name_th,
             "name_en": p.name_en} for p in geothai.provinces()]
    for province in geothai.provinces():
        for d in geothai.districts(province.code):
            rows.append({"code": d.code, "level": 2, "parent": d.province_code,
                         "name_th": d.name_th, "name_en": d.name_en})
            rows += [{"code": s.code, "level": 3, "parent": s.district_code,
                      "name_th": s.name_th, "name_en": s.name_en}
                     for s in geothai.subdistricts(d.code)]
    op.bulk_insert(area, rows)


def downgrade() -> None:
    raise NotImplementedError("the replica only migrates forward")
