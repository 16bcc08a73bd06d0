"""disputes referred to the government: the disputed items of a co-signed version, each side's
view, the request (请示) with its process, and the government's decision per item

Matters kept before this revision name no items: their minutes issued with every item decided,
as the old rule had it, and no request is started for them.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("disputed_matter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("items", JSON, server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("majority_view", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("dissenting_view", sa.Text(), server_default="", nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_disputed_matter_version_id_minutes_version"), "minutes_version", ["version_id"], ["id"]
        )
    _referral_table()
    op.create_table(
        "government_item_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("supervised", sa.Boolean(), nullable=False),
        sa.Column("supervised_item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_government_item_decision_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["government_referral.id"],
            name=op.f("fk_government_item_decision_referral_id_government_referral"),
        ),
        sa.ForeignKeyConstraint(
            ["supervised_item_id"],
            ["supervised_item.id"],
            name=op.f("fk_government_item_decision_supervised_item_id_supervised_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_government_item_decision")),
        sa.UniqueConstraint("meeting_id", "number", name=op.f("uq_government_item_decision_meeting_id")),
    )
    with op.batch_alter_table("government_item_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_government_item_decision_referral_id"), ["referral_id"], unique=False)


def _referral_table() -> None:
    op.create_table(
        "government_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("matter", sa.Text(), nullable=False),
        sa.Column("majority_view", sa.Text(), nullable=False),
        sa.Column("dissenting_view", sa.Text(), nullable=False),
        sa.Column("unit_views", JSON, nullable=False),
        sa.Column("started_at", INSTANT, nullable=False),
        sa.Column("sent_at", INSTANT, nullable=True),
        sa.Column("sent_by", sa.String(length=80), nullable=True),
        sa.Column("received_at", INSTANT, nullable=True),
        sa.Column("received_by", sa.String(length=80), nullable=True),
        sa.Column("decision_received_on", sa.Date(), nullable=True),
        sa.Column("decision_text", sa.Text(), nullable=False),
        sa.Column("decision_number", sa.String(length=100), nullable=False),
        sa.Column("decision_file", JSON, nullable=True),
        sa.Column("decided_at", INSTANT, nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_government_referral_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_government_referral_instance_id_process_instance")
        ),
        sa.ForeignKeyConstraint(
            ["matter_id"], ["disputed_matter.id"], name=op.f("fk_government_referral_matter_id_disputed_matter")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_government_referral_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_government_referral")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_government_referral_instance_id")),
        sa.UniqueConstraint("matter_id", name=op.f("uq_government_referral_matter_id")),
    )
    with op.batch_alter_table("government_referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_government_referral_body_id"), ["body_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_government_referral_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    op.drop_table("government_item_decision")
    op.drop_table("government_referral")
    with op.batch_alter_table("disputed_matter", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_disputed_matter_version_id_minutes_version"), type_="foreignkey")
        batch_op.drop_column("dissenting_view")
        batch_op.drop_column("majority_view")
        batch_op.drop_column("items")
        batch_op.drop_column("version_id")
