"""annual cycle

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa
import engine.core.base  # noqa: F401 - column types referenced by generated migrations
from sqlalchemy.dialects import postgresql


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    op.create_table('annual_setting',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('start_day', sa.String(length=5), nullable=False),
    sa.Column('deadline_day', sa.String(length=5), nullable=False),
    sa.Column('require_convener_approval', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', INSTANT, nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_annual_setting_body_id_body')),
    sa.PrimaryKeyConstraint('body_id', name=op.f('pk_annual_setting'))
    )
    op.create_table('annual_cycle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.String(length=10), nullable=False),
    sa.Column('deadline_at', INSTANT, nullable=False),
    sa.Column('require_convener_approval', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('started_at', INSTANT, nullable=False),
    sa.Column('archived_at', INSTANT, nullable=True),
    sa.Column('archived_draft', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_annual_cycle_body_id_body')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_annual_cycle_instance_id_process_instance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_cycle')),
    sa.UniqueConstraint('body_id', 'year', name='annual_cycle_year'),
    sa.UniqueConstraint('instance_id', name=op.f('uq_annual_cycle_instance_id'))
    )
    with op.batch_alter_table('annual_cycle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_cycle_body_id'), ['body_id'], unique=False)

    op.create_table('annual_submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('plan', JSON, nullable=False),
    sa.Column('submitted_by', sa.String(length=80), nullable=False),
    sa.Column('submitted_at', INSTANT, nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('review', sa.String(length=20), nullable=False),
    sa.Column('review_comments', sa.Text(), nullable=False),
    sa.Column('reviewed_by', sa.String(length=80), nullable=True),
    sa.Column('reviewed_at', INSTANT, nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['annual_cycle.id'], name=op.f('fk_annual_submission_cycle_id_annual_cycle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_submission')),
    sa.UniqueConstraint('cycle_id', 'unit', 'number', name=op.f('uq_annual_submission_cycle_id'))
    )
    with op.batch_alter_table('annual_submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_submission_cycle_id'), ['cycle_id'], unique=False)

    op.create_table('annual_topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_annual_topic_body_id_body')),
    sa.ForeignKeyConstraint(['submission_id'], ['annual_submission.id'], name=op.f('fk_annual_topic_submission_id_annual_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_topic'))
    )
    with op.batch_alter_table('annual_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_topic_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annual_topic_submission_id'), ['submission_id'], unique=False)

    op.create_table('annual_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('saved_by', sa.String(length=80), nullable=False),
    sa.Column('saved_at', INSTANT, nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['annual_cycle.id'], name=op.f('fk_annual_draft_cycle_id_annual_cycle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_draft')),
    sa.UniqueConstraint('cycle_id', 'number', name=op.f('uq_annual_draft_cycle_id'))
    )
    with op.batch_alter_table('annual_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_draft_cycle_id'), ['cycle_id'], unique=False)


def downgrade() -> None:
    for table in ('annual_draft', 'annual_topic', 'annual_submission', 'annual_cycle', 'annual_setting'):
        op.drop_table(table)
