"""inspections (联合督查, 联合执法, 专项整治): the inspection with its trigger, plan, team and report,
and each finding of its team, with the supervised item it became

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    _inspection_table()
    op.create_table(
        "inspection_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("responsible_unit", sa.String(length=40), nullable=False),
        sa.Column("needs_fixing", sa.Boolean(), nullable=False),
        sa.Column("fix_by", sa.Date(), nullable=True),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["attachment.id"], name=op.f("fk_inspection_finding_evidence_id_attachment")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspection.id"], name=op.f("fk_inspection_finding_inspection_id_inspection")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["supervised_item.id"], name=op.f("fk_inspection_finding_item_id_supervised_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_finding")),
        sa.UniqueConstraint("inspection_id", "number", name=op.f("uq_inspection_finding_inspection_id")),
        sa.UniqueConstraint("item_id", name=op.f("uq_inspection_finding_item_id")),
    )
    with op.batch_alter_table("inspection_finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_finding_inspection_id"), ["inspection_id"], unique=False)


def _inspection_table() -> None:
    op.create_table(
        "inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("trigger_from", sa.String(length=200), nullable=False),
        sa.Column("trigger_on", sa.Date(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("team_units", JSON, nullable=False),
        sa.Column("team_leader", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_at", INSTANT, nullable=False),
        sa.Column("planned_by", sa.String(length=80), nullable=False),
        sa.Column("decided_at", INSTANT, nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("plan_comments", sa.Text(), nullable=False),
        sa.Column("report_text", sa.Text(), nullable=False),
        sa.Column("report_file", JSON, nullable=True),
        sa.Column("reported_at", INSTANT, nullable=True),
        sa.Column("reported_by", sa.String(length=80), nullable=True),
        sa.Column("read_at", INSTANT, nullable=True),
        sa.Column("read_by", sa.String(length=80), nullable=True),
        sa.Column("read_comments", sa.Text(), nullable=False),
        sa.Column("sent_to", sa.String(length=200), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("sent_note", sa.Text(), nullable=False),
        sa.Column("sent_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_inspection_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_inspection_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_inspection_instance_id")),
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_body_id"), ["body_id"], unique=False)


def downgrade() -> None:
    op.drop_table("inspection_finding")
    op.drop_table("inspection")
