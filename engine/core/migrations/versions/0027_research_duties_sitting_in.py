"""research (调查研究, the joint-meeting rules §二 duty 4) with each unit's findings and the report's
proposals for the topic pool; each unit's duties on the roster (§三); the office's people who sat
in (列席) on a full meeting (§四(一))

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    # In place, not batch: recreating unit or meeting would trip the foreign keys of their rows on SQLite.
    op.add_column("unit", sa.Column("duties", sa.Text(), server_default="", nullable=False))
    op.add_column("meeting", sa.Column("sitting_in", JSON, server_default="[]", nullable=False))
    op.create_table(
        "research",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("units", JSON, nullable=False),
        sa.Column("findings_due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_by", sa.String(length=80), nullable=False),
        sa.Column("planned_at", INSTANT, nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("report_file", JSON, nullable=True),
        sa.Column("reported_by", sa.String(length=80), nullable=True),
        sa.Column("reported_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_research_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_research_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_research_instance_id")),
    )
    op.create_index(op.f("ix_research_body_id"), "research", ["body_id"], unique=False)
    op.create_table(
        "research_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("research_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file", JSON, nullable=True),
        sa.Column("submitted_by", sa.String(length=80), nullable=False),
        sa.Column("submitted_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["research_id"], ["research.id"], name=op.f("fk_research_finding_research_id_research")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_finding")),
        sa.UniqueConstraint("research_id", "unit", name=op.f("uq_research_finding_research_id")),
    )
    op.create_index(op.f("ix_research_finding_research_id"), "research_finding", ["research_id"], unique=False)
    op.create_table(
        "research_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("research_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pooled_at", INSTANT, nullable=True),
        sa.Column("pooled_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["research_id"], ["research.id"], name=op.f("fk_research_proposal_research_id_research")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_proposal")),
        sa.UniqueConstraint("research_id", "number", name=op.f("uq_research_proposal_research_id")),
    )
    op.create_index(op.f("ix_research_proposal_research_id"), "research_proposal", ["research_id"], unique=False)


def downgrade() -> None:
    op.drop_table("research_proposal")
    op.drop_table("research_finding")
    op.drop_table("research")
    # In place: SQLite has dropped columns since 3.35.
    op.drop_column("meeting", "sitting_in")
    op.drop_column("unit", "duties")
