"""incidents: a step the engine failed to run (a script that raised, looped or over-allocated)

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

import engine.core.base

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("task_name", sa.String(length=100), nullable=False),
        sa.Column("task_title", sa.String(length=300), nullable=False),
        sa.Column("task_title_en", sa.String(length=300), nullable=False),
        sa.Column("spec_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolved_at", INSTANT, nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_incident_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_incident_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index("ix_incident_open", ["body_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_instance_id"), ["instance_id"], unique=False)


def downgrade() -> None:
    op.drop_table("incident")
