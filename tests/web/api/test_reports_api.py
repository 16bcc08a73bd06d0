"""POST and GET /api/v1/reports: a liaison files for its own unit and lists its unit's reports; a
unit code of another body is 422 under `unit`, anyone but the unit's liaison 403, nothing kept."""

from __future__ import annotations

from sqlalchemy import select

from engine.org.models import Body, Unit

REPORT = {"kind": "supervision", "title": "第三季度职业卫生监督检查", "text": "检查用人单位42家，责令整改6家。"}


def test_a_liaison_files_and_lists_its_units_reports(api):
    liaison = api("liaison.wjj")
    response = liaison.post("/api/v1/reports", json=REPORT)
    assert response.status_code == 201
    filed = response.json
    assert (filed["unit"], filed["status"], filed["level"], filed["filed_by"]) == (
        "wjj",
        "submitted",
        "internal",
        "liaison.wjj",
    )
    assert [r["id"] for r in liaison.get("/api/v1/reports").json["reports"]] == [filed["id"]]
    assert api("liaison.zgh").get("/api/v1/reports").json["reports"] == []  # another unit's
    assert [r["id"] for r in api("office.staff").get("/api/v1/reports").json["reports"]] == [filed["id"]]


def test_another_bodys_unit_is_422_and_someone_not_its_liaison_403(app, api):
    with app.extensions["lianxi"].db.read_session() as session:
        ours = select(Unit.code).join(Body).where(Body.code == "qixing")
        elsewhere = session.scalar(select(Unit.code).where(Unit.code.not_in(ours)).limit(1))
    response = api("liaison.wjj").post("/api/v1/reports", json={**REPORT, "unit": elsewhere})
    assert response.status_code == 422 and set(response.json["error"]["fields"]) == {"unit"}
    assert api("liaison.wjj").post("/api/v1/reports", json={**REPORT, "unit": "zgh"}).status_code == 403
    assert api("office.staff").post("/api/v1/reports", json=REPORT).status_code == 403
    assert api("liaison.wjj").post("/api/v1/reports", json={**REPORT, "title": 7}).status_code == 400
    assert api("office.staff").get("/api/v1/reports").json["reports"] == []
