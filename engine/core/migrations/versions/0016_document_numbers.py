"""document numbers (发文字号): a gap-free sequence per body, kind and year, and one number per
issued document

A number is taken from its sequence row under a lock, so two documents issued at once never share
one and a rolled-back issue gives its number back. Minutes already issued are numbered here in the
order they were issued, per body and year, so the next one issued continues after them.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

import engine.core.base

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The names engine.documents used when this revision was made.
MINUTES = "minutes"
MEETING = "meeting"


def upgrade() -> None:
    op.create_table(
        "document_sequence",
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_document_sequence_body_id_body")),
        sa.PrimaryKeyConstraint("body_id", "kind", "year", name=op.f("pk_document_sequence")),
    )
    op.create_table(
        "document_number",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=120), nullable=False),
        sa.Column("record_kind", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", engine.core.base.Instant(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_document_number_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_number")),
        sa.UniqueConstraint("body_id", "kind", "year", "serial", name=op.f("uq_document_number_body_id")),
        sa.UniqueConstraint("record_kind", "record_id", name=op.f("uq_document_number_record_kind")),
    )
    _number_issued_minutes()


def _number_issued_minutes() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT m.id, m.body_id, m.issued_at, m.signed_by, b.doc_prefix, b.name "
            "FROM meeting m JOIN body b ON b.id = m.body_id "
            "WHERE m.issued_at IS NOT NULL ORDER BY m.body_id, m.issued_at, m.id"
        ).columns(issued_at=engine.core.base.Instant())
    ).all()
    numbers = sa.table(
        "document_number",
        *(sa.column(c) for c in ("body_id", "kind", "year", "serial", "text", "record_kind", "record_id")),
        sa.column("issued_at", engine.core.base.Instant()),
        sa.column("issued_by"),
    )
    last: dict[tuple[int, int], int] = {}
    for meeting_id, body_id, issued_at, signed_by, prefix, name in rows:
        year = issued_at.year  # in Asia/Shanghai, as Instant reads it
        serial = last[(body_id, year)] = last.get((body_id, year), 0) + 1
        connection.execute(
            numbers.insert().values(
                body_id=body_id,
                kind=MINUTES,
                year=year,
                serial=serial,
                text=f"{prefix or name}〔{year}〕{serial}号",
                record_kind=MEETING,
                record_id=meeting_id,
                issued_at=issued_at,
                issued_by=signed_by or "migration",
            )
        )
    sequences = sa.table("document_sequence", *(sa.column(c) for c in ("body_id", "kind", "year", "last_serial")))
    for (body_id, year), serial in last.items():
        connection.execute(sequences.insert().values(body_id=body_id, kind=MINUTES, year=year, last_serial=serial))


def downgrade() -> None:
    op.drop_table("document_number")
    op.drop_table("document_sequence")
