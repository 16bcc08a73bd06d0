"""requests (请示) and reports (报告) to the government: the outgoing document with its process,
and each member unit's co-signature of each draft

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.core.base

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    _document_table()
    op.create_table(
        "document_cosignature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(length=80), nullable=False),
        sa.Column("signed_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["outgoing_document.id"],
            name=op.f("fk_document_cosignature_document_id_outgoing_document"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_cosignature")),
        sa.UniqueConstraint("document_id", "version", "unit", name=op.f("uq_document_cosignature_document_id")),
    )
    with op.batch_alter_table("document_cosignature", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_cosignature_document_id"), ["document_id"], unique=False)


def _document_table() -> None:
    op.create_table(
        "outgoing_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("main_to", sa.String(length=200), nullable=False),
        sa.Column("copy_to", sa.Text(), nullable=False),
        sa.Column("attachment", JSON, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("signatories", JSON, nullable=False),
        sa.Column("differing_views", sa.Text(), nullable=False),
        sa.Column("mediated_by", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("drafted_at", INSTANT, nullable=False),
        sa.Column("drafted_by", sa.String(length=80), nullable=False),
        sa.Column("issued_at", INSTANT, nullable=True),
        sa.Column("issued_by", sa.String(length=80), nullable=True),
        sa.Column("received_at", INSTANT, nullable=True),
        sa.Column("received_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_outgoing_document_body_id_body")),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["process_instance.id"], name=op.f("fk_outgoing_document_instance_id_process_instance")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_document")),
        sa.UniqueConstraint("instance_id", name=op.f("uq_outgoing_document_instance_id")),
    )
    with op.batch_alter_table("outgoing_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outgoing_document_body_id"), ["body_id"], unique=False)


def downgrade() -> None:
    op.drop_table("document_cosignature")
    op.drop_table("outgoing_document")
