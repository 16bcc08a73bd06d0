"""information reports (信息报送), information requests and bulletins (简报), the joint-meeting
rules §五(一): what the member units report, what the office asks them for, and the issues it
compiles, with the reports in each and the copies sent

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    _request_table()
    _report_table()
    _bulletin_table()
    op.create_table(
        "bulletin_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletin.id"], name=op.f("fk_bulletin_item_bulletin_id_bulletin")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["information_report.id"], name=op.f("fk_bulletin_item_report_id_information_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin_item")),
        sa.UniqueConstraint("report_id", name=op.f("uq_bulletin_item_report_id")),
    )
    op.create_index(op.f("ix_bulletin_item_bulletin_id"), "bulletin_item", ["bulletin_id"], unique=False)
    op.create_table(
        "bulletin_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("sent_at", INSTANT, nullable=False),
        sa.Column("received_by", sa.String(length=80), nullable=True),
        sa.Column("received_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletin.id"], name=op.f("fk_bulletin_copy_bulletin_id_bulletin")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin_copy")),
        sa.UniqueConstraint("bulletin_id", "unit", name=op.f("uq_bulletin_copy_bulletin_id")),
    )
    op.create_index(op.f("ix_bulletin_copy_bulletin_id"), "bulletin_copy", ["bulletin_id"], unique=False)


def _request_table() -> None:
    op.create_table(
        "information_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("units", JSON, nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("requested_by", sa.String(length=80), nullable=False),
        sa.Column("requested_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_information_request_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_information_request_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_request")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_information_request_instance_id")),
    )
    op.create_index(op.f("ix_information_request_body_id"), "information_request", ["body_id"], unique=False)


def _report_table() -> None:
    op.create_table(
        "information_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachment", JSON, nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filed_by", sa.String(length=80), nullable=False),
        sa.Column("filed_at", INSTANT, nullable=False),
        sa.Column("submitted_at", INSTANT, nullable=False),
        sa.Column("reviewed_by", sa.String(length=80), nullable=True),
        sa.Column("reviewed_at", INSTANT, nullable=True),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("event_instance_id", sa.Integer(), nullable=True),
        sa.Column("director_note", sa.Text(), nullable=False),
        sa.Column("noted_by", sa.String(length=80), nullable=True),
        sa.Column("noted_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_information_report_body_id_body")),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["information_request.id"],
            name=op.f("fk_information_report_request_id_information_request"),
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["information_report.id"],
            name=op.f("fk_information_report_merged_into_id_information_report"),
        ),
        sa.ForeignKeyConstraint(
            ["event_instance_id"],
            ["process_instance.id"],
            name=op.f("fk_information_report_event_instance_id_process_instance"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_report")),
    )
    op.create_index(op.f("ix_information_report_body_id"), "information_report", ["body_id"], unique=False)
    op.create_index(op.f("ix_information_report_request_id"), "information_report", ["request_id"], unique=False)


def _bulletin_table() -> None:
    op.create_table(
        "bulletin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("masthead", sa.String(length=20), nullable=False),
        sa.Column("foreword", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("begun_by", sa.String(length=80), nullable=False),
        sa.Column("begun_at", INSTANT, nullable=False),
        sa.Column("compiled_by", sa.String(length=80), nullable=True),
        sa.Column("compiled_at", INSTANT, nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=80), nullable=True),
        sa.Column("approved_at", INSTANT, nullable=True),
        sa.Column("released_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_bulletin_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_bulletin_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_bulletin_instance_id")),
    )
    op.create_index(op.f("ix_bulletin_body_id"), "bulletin", ["body_id"], unique=False)


def downgrade() -> None:
    op.drop_table("bulletin_copy")
    op.drop_table("bulletin_item")
    op.drop_table("bulletin")
    op.drop_table("information_report")
    op.drop_table("information_request")
