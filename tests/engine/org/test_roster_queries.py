"""Reading the roster: a body by code, the units with their body, a unit's active people, the
people's display names, and a person's API tokens."""

from __future__ import annotations

from datetime import datetime

from other_body import new_body
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.demo.city import UNITS as CITY_UNITS
from engine.demo.city import code as city_code
from engine.demo.roster import GUESTS, UNITS
from engine.org import accounts, queries, signin
from engine.org.models import Unit

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def test_a_body_is_found_by_its_code(db):
    with db.read_session() as session:
        assert [b.code for b in queries.bodies(session)] == ["qixing", "guilin"]  # the demo's two
    new_body(db, NOW)
    with db.read_session() as session:
        assert queries.body_by_code(session, "lingui").name.startswith("临桂区")
        assert queries.body_by_code(session, "nowhere") is None
        assert [b.code for b in queries.bodies(session)] == ["qixing", "guilin", "lingui"]
        assert [b.code for b in queries.bodies(session, limit=1)] == ["qixing"]


def test_units_are_the_members_by_body_in_roster_order_unless_all_are_asked_for(db):
    new_body(db, NOW)
    with db.read_session() as session:
        members = queries.units(session)
        qixing = queries.units(session, "qixing", members_only=False)
        elsewhere = queries.units(session, "nowhere")
    city = [(city_code(c), "guilin") for c, *_ in CITY_UNITS]
    assert [(u.code, code) for u, code in members] == city + [("lg01", "lingui"), ("lg02", "lingui")] + [
        (c, "qixing") for c, *_ in UNITS
    ]
    assert [u.code for u, _ in qixing] == [c for c, *_ in UNITS] + [c for c, _ in GUESTS] + ["qzf"]
    assert elsewhere == []


def test_a_units_active_people_by_user_name(db):
    with UnitOfWork(db) as uow:
        accounts.find(uow.session, "member.wjj").active = False
        uow.commit()
    with db.read_session() as session:
        wjj = session.scalar(select(Unit).where(Unit.code == "wjj"))
        people = [p.username for p in queries.active_people(session, wjj)]
    assert people == ["convener", "liaison.wjj", "office.director", "office.staff", "site.admin"]


def test_display_names_are_the_bodys_people(db):
    with db.read_session() as session:
        names = queries.display_names(session, queries.body_by_code(session, "qixing").id)
    assert names["liaison.wjj"] == "区卫生健康局联络员"
    assert names["office.director"] == "办公室主任"


def test_a_persons_api_tokens_live_and_revoked_by_id(db):
    with UnitOfWork(db) as uow:
        person = accounts.find(uow.session, "liaison.rsj")
        signin.issue_api_token(uow.session, person, NOW)
        signin.issue_api_token(uow.session, person, NOW)
        signin.issue_api_token(uow.session, accounts.find(uow.session, "liaison.wjj"), NOW)
        uow.session.flush()
        first = signin.api_tokens_of(uow.session, person)[0]
        signin.revoke_api_token(uow.session, person, first.id, NOW)
        uow.commit()
    with db.read_session() as session:
        rows = signin.api_tokens_of(session, accounts.find(session, "liaison.rsj"))
    assert [r.id for r in rows] == sorted(r.id for r in rows) and len(rows) == 2
    assert rows[0].revoked_at is not None and rows[1].revoked_at is None
