"""supervision of decided items

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
import engine.core.base
from sqlalchemy.dialects import postgresql


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def instant():
    return engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    op.create_table('supervised_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('minutes_version_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('source_text', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lead', sa.String(length=40), nullable=False),
    sa.Column('cooperating', JSON, nullable=False),
    sa.Column('due_at', instant(), nullable=False),
    sa.Column('original_due_at', instant(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', instant(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('closed_at', instant(), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_supervised_item_body_id_body')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_supervised_item_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_supervised_item_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['minutes_version_id'], ['minutes_version.id'], name=op.f('fk_supervised_item_minutes_version_id_minutes_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervised_item')),
    sa.UniqueConstraint('instance_id', name=op.f('uq_supervised_item_instance_id'))
    )
    with op.batch_alter_table('supervised_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervised_item_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervised_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervised_item_lead'), ['lead'], unique=False)

    op.create_table('progress_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_at', instant(), nullable=True),
    sa.Column('submitted_by', sa.String(length=80), nullable=False),
    sa.Column('submitted_at', instant(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('outcome_reason', sa.Text(), nullable=False),
    sa.Column('outcome_by', sa.String(length=80), nullable=True),
    sa.Column('outcome_at', instant(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['supervised_item.id'], name=op.f('fk_progress_report_item_id_supervised_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_report'))
    )
    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_report_item_id'), ['item_id'], unique=False)

    op.create_table('contribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_at', instant(), nullable=True),
    sa.Column('submitted_by', sa.String(length=80), nullable=False),
    sa.Column('submitted_at', instant(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['supervised_item.id'], name=op.f('fk_contribution_item_id_supervised_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution'))
    )
    with op.batch_alter_table('contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_item_id'), ['item_id'], unique=False)

    op.create_table('extension_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous_due_at', instant(), nullable=False),
    sa.Column('requested_due_at', instant(), nullable=False),
    sa.Column('requested_by', sa.String(length=80), nullable=False),
    sa.Column('requested_at', instant(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('decision_comment', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=80), nullable=True),
    sa.Column('decided_at', instant(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['supervised_item.id'], name=op.f('fk_extension_request_item_id_supervised_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extension_request'))
    )
    with op.batch_alter_table('extension_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_request_item_id'), ['item_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('owner_kind', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('uploaded_by', sa.String(length=80), nullable=False),
    sa.Column('uploaded_at', instant(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_attachment_body_id_body')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_body_id'), ['body_id'], unique=False)
        batch_op.create_index('ix_attachment_owner', ['owner_kind', 'owner_id'], unique=False)


def downgrade() -> None:
    for table in ('attachment', 'extension_request', 'contribution', 'progress_report', 'supervised_item'):
        op.drop_table(table)
