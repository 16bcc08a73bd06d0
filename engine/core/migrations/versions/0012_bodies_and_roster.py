"""bodies as data (seals, document prefix, convener and office units), unit codes per body,
contacts, locked people, and the dated seat holdings of membership changes (成员调整)

Existing seats become open holdings from an unknown day; a body's seals are read back from the
meetings it already issued, whose seal loses its （代章） suffix (the document adds it).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

import engine.core.base

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

SUFFIX = '（代章）'


def upgrade() -> None:
    with op.batch_alter_table('body', schema=None) as batch_op:
        for name, length in (('office_seal', 100), ('body_seal', 100), ('doc_prefix', 40),
                             ('convener_unit', 40), ('office_unit', 40)):
            batch_op.add_column(sa.Column(name, sa.String(length=length), server_default='', nullable=False))
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('email', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('left_on', sa.Date(), nullable=True))
        batch_op.drop_constraint('uq_unit_code', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_unit_body_id'), ['body_id', 'code'])
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('locked', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table('seat_holding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('from_day', sa.Date(), nullable=True),
    sa.Column('until_day', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.Column('recorded_at', engine.core.base.Instant(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_seat_holding_body_id_body')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_seat_holding_person_id_person')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_seat_holding_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seat_holding'))
    )
    with op.batch_alter_table('seat_holding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seat_holding_body_id'), ['body_id'], unique=False)
        batch_op.create_index('ix_seat_holding_unit_seat', ['unit_id', 'seat'], unique=False)
    _hold_current_seats()
    _seals_from_meetings()


def _hold_current_seats() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT p.body_id, p.unit_id, r.role, p.id FROM person p JOIN person_role r ON r.person_id = p.id "
        "WHERE p.active AND r.role IN ('member', 'liaison', 'backup_liaison') ORDER BY p.id"
    )).all()
    now = sa.func.current_timestamp()
    holding = sa.table('seat_holding', *(sa.column(c) for c in (
        'body_id', 'unit_id', 'seat', 'person_id', 'recorded_by', 'recorded_at', 'note')))
    for body_id, unit_id, seat, person_id in rows:
        connection.execute(holding.insert().values(
            body_id=body_id, unit_id=unit_id, seat=seat, person_id=person_id,
            recorded_by='migration', recorded_at=now, note=''))


def _seals_from_meetings() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT body_id, kind, seal FROM meeting ORDER BY id")).all()
    seals: dict[int, dict[str, str]] = {}
    for body_id, kind, seal in rows:
        seals.setdefault(body_id, {})['office_seal' if kind == 'office' else 'body_seal'] = seal.removesuffix(SUFFIX)
    for body_id, values in seals.items():
        connection.execute(sa.text("UPDATE body SET " + ", ".join(f"{k} = :{k}" for k in values) + " WHERE id = :id"),
                           {**values, 'id': body_id})
    connection.execute(sa.text("UPDATE meeting SET seal = substr(seal, 1, length(seal) - 4) WHERE seal LIKE :s"),
                       {'s': '%' + SUFFIX})


def downgrade() -> None:
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE meeting SET seal = seal || :s WHERE seal <> ''"), {'s': SUFFIX})
    with op.batch_alter_table('seat_holding', schema=None) as batch_op:
        batch_op.drop_index('ix_seat_holding_unit_seat')
        batch_op.drop_index(batch_op.f('ix_seat_holding_body_id'))
    op.drop_table('seat_holding')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('locked')
        batch_op.drop_column('phone')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_unit_body_id'), type_='unique')
        batch_op.create_unique_constraint('uq_unit_code', ['code'])
        batch_op.drop_column('left_on')
        batch_op.drop_column('email')
        batch_op.drop_column('phone')
    with op.batch_alter_table('body', schema=None) as batch_op:
        for name in ('office_unit', 'convener_unit', 'doc_prefix', 'body_seal', 'office_seal'):
            batch_op.drop_column(name)
