"""the archive (归档, the joint-meeting rules §六(六)): a finished record's entry and its package

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    op.create_table(
        "archive_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("units", JSON, nullable=False),
        sa.Column("archived_at", INSTANT, nullable=False),
        sa.Column("archived_by", sa.String(length=80), nullable=False),
        sa.Column("index", JSON, nullable=False),
        sa.Column("package", sa.LargeBinary(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_archive_entry_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_entry")),
        sa.UniqueConstraint("kind", "record_id", name=op.f("uq_archive_entry_kind")),
    )
    with op.batch_alter_table("archive_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_archive_entry_body_id"), ["body_id"], unique=False)


def downgrade() -> None:
    op.drop_table("archive_entry")
