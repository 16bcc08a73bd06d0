"""/api/v1/units: the body's roster for other systems, and membership changes (成员调整)."""

from __future__ import annotations

from other_body import OFFICE as OTHER_OFFICE
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body, Person

DAY = "2026-11-23"  # the demo's today


def add_colleague(app, clock, username: str, unit: str = "scjgj") -> None:
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        body = uow.session.scalar(select(Body.id).where(Body.code == "qixing"))
        accounts.create(uow.session, username, unit, [], body_id=body, now=clock.now())
        uow.commit()


def test_everyone_of_the_body_reads_its_units_and_seats(api):
    units = {u["code"]: u for u in api("liaison.wjj").get("/api/v1/units").json["units"]}
    assert units["scjgj"]["seats"]["liaison"][0]["username"] == "liaison.scjgj"
    assert units["scjgj"]["seats"]["member"][0]["username"] == "member.scjgj"
    assert units["qzf"]["kind"] == "government"


def test_the_office_records_a_change_and_the_history_keeps_both(app, clock, api):
    add_colleague(app, clock, "new.scjgj")
    response = api("office.staff").post(
        "/api/v1/units/scjgj/seats", json={"seat": "liaison", "person": "new.scjgj", "on_day": DAY, "note": "调岗"}
    )
    assert response.status_code == 200, response.text
    liaison = [(h["username"], h["until_day"]) for h in response.json["holdings"] if h["seat"] == "liaison"]
    assert liaison == [("new.scjgj", None), ("liaison.scjgj", DAY)]
    tasks = api("new.scjgj").get("/api/v1/tasks").json["tasks"]
    assert {t["name"] for t in tasks} == {"receive_minutes", "cosign_minutes"}  # what the unit owes the demo


def test_a_liaison_may_not_record_a_change_and_bad_days_are_refused(app, clock, api):
    add_colleague(app, clock, "new.scjgj")
    change = {"seat": "liaison", "person": "new.scjgj", "on_day": DAY}
    assert api("liaison.scjgj").post("/api/v1/units/scjgj/seats", json=change).status_code == 403
    response = api("office.staff").post("/api/v1/units/scjgj/seats", json={**change, "on_day": "2026-11-30"})
    assert response.status_code == 422 and response.json["error"]["fields"]["on_day"]["code"] == "in_future"
    response = api("office.staff").post("/api/v1/units/scjgj/seats", json={**change, "on_day": "yesterday"})
    assert response.status_code == 422 and response.json["error"]["fields"]["on_day"]["code"] == "not_date"
    assert api("office.staff").post("/api/v1/units/scjgj/seats", json={"seat": "boss"}).status_code == 400
    with app.extensions["lianxi"].db.read_session() as session:
        person = session.scalar(select(Person).where(Person.username == "new.scjgj"))
        assert person.roles == frozenset()


def test_another_bodys_office_finds_no_such_unit(app, api, lingui):
    other = api(OTHER_OFFICE)
    assert other.get("/api/v1/units/scjgj/seats").status_code == 404
    change = {"seat": "liaison", "person": None, "on_day": DAY}
    assert other.post("/api/v1/units/scjgj/seats", json=change).status_code == 404
    assert {u["code"] for u in other.get("/api/v1/units").json["units"]} >= {"lg01", "lg02"}
    assert "scjgj" not in {u["code"] for u in other.get("/api/v1/units").json["units"]}
