"""action plans: runs, their deadlines per unit, indicator reports and values, dispatch reviews

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa
import engine.core.base  # noqa: F401 - column types referenced by generated migrations
from sqlalchemy.dialects import postgresql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('file', sa.String(length=300), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('cloned_from_id', sa.Integer(), nullable=True),
    sa.Column('started_by', sa.String(length=80), nullable=False),
    sa.Column('started_at', engine.core.base.Instant(timezone=True), nullable=False),
    sa.Column('finished_at', engine.core.base.Instant(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_plan_run_body_id_body')),
    sa.ForeignKeyConstraint(['cloned_from_id'], ['plan_run.id'], name=op.f('fk_plan_run_cloned_from_id_plan_run')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_plan_run_instance_id_process_instance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_run')),
    sa.UniqueConstraint('body_id', 'code', name=op.f('uq_plan_run_body_id'))
    )
    with op.batch_alter_table('plan_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_run_body_id'), ['body_id'], unique=False)

    op.create_table('dispatch_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.String(length=10), nullable=False),
    sa.Column('review_at', engine.core.base.Instant(timezone=True), nullable=False),
    sa.Column('briefing', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('briefed_at', engine.core.base.Instant(timezone=True), nullable=False),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('held_by', sa.String(length=80), nullable=True),
    sa.Column('held_at', engine.core.base.Instant(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['plan_run.id'], name=op.f('fk_dispatch_review_run_id_plan_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_review')),
    sa.UniqueConstraint('run_id', 'quarter', name=op.f('uq_dispatch_review_run_id'))
    )
    with op.batch_alter_table('dispatch_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_review_run_id'), ['run_id'], unique=False)

    op.create_table('indicator_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', engine.core.base.Instant(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_indicator_report_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['run_id'], ['plan_run.id'], name=op.f('fk_indicator_report_run_id_plan_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_report')),
    sa.UniqueConstraint('instance_id', name=op.f('uq_indicator_report_instance_id')),
    sa.UniqueConstraint('run_id', 'unit', 'period', name=op.f('uq_indicator_report_run_id'))
    )
    with op.batch_alter_table('indicator_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_report_run_id'), ['run_id'], unique=False)

    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=80), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('reported_by', sa.String(length=80), nullable=False),
    sa.Column('reported_at', engine.core.base.Instant(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['plan_run.id'], name=op.f('fk_indicator_value_run_id_plan_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('run_id', 'indicator', 'unit', 'period', name=op.f('uq_indicator_value_run_id'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_run_id'), ['run_id'], unique=False)

    op.create_table('plan_deadline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('deliverable', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('phase', sa.String(length=80), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('rule_text', sa.String(length=300), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('event_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', engine.core.base.Instant(timezone=True), nullable=True),
    sa.Column('submitted_by', sa.String(length=80), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_plan_deadline_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['run_id'], ['plan_run.id'], name=op.f('fk_plan_deadline_run_id_plan_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_deadline')),
    sa.UniqueConstraint('instance_id', name=op.f('uq_plan_deadline_instance_id'))
    )
    with op.batch_alter_table('plan_deadline', schema=None) as batch_op:
        batch_op.create_index('ix_plan_deadline_opening', ['status', 'opens_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_deadline_run_id'), ['run_id'], unique=False)


def downgrade() -> None:
    for table in ('plan_deadline', 'indicator_value', 'indicator_report', 'dispatch_review', 'plan_run'):
        op.drop_table(table)
