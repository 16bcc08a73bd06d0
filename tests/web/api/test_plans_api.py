"""The action plans' API (行动方案): a run read back as its page shows it, an event recorded that
opens the deadline it drives, a finished run cloned into next year's; another unit's or body's run
is 404, the office's actions are 403 to the others who see the run, bad input changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from plan_run_helpers import finished_plan
from sqlalchemy import func, select

from engine.core.uow import UnitOfWork
from engine.demo.plans import DEMO_PLAN_CODE
from engine.plan_runs import opening
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plans.periods import Period

EVENT = {"deliverable": "clue_check", "event_on": "2026-11-23", "note": "某五金厂"}


@pytest.fixture
def run_id(db) -> int:
    """The demo's plan, in its mobilize phase on the demo's day (23 November 2026)."""
    with db.read_session() as session:
        return session.scalar(select(PlanRun.id).where(PlanRun.code == DEMO_PLAN_CODE))


def deadlines(db) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(PlanDeadline))


def reported(db, api, find_task, run_id: int, value: int) -> None:
    """gxj reports the helped indicator for the second half of 2026 through its task."""
    with UnitOfWork(db) as uow:
        half = Period("2026H2", date(2026, 7, 1), date(2026, 12, 31), 2026)
        opening.open_report(uow.session, run_id, "gxj", half, uow.session.get(PlanRun, run_id).started_at)
        uow.commit()
    task = find_task("liaison.gxj", "report_indicators")
    done = api("liaison.gxj").post(
        f"/api/v1/tasks/{task['id']}/complete", json={"indicator_values": f"helped｜{value}"}
    )
    assert done.status_code == 200, done.json


def test_a_run_reads_as_its_page_shows_it(db, api, find_task, run_id):
    reported(db, api, find_task, run_id, 8)
    office = api("office.staff")
    assert [p["id"] for p in office.get("/api/v1/plans").json["plans"]] == [run_id]
    run = office.get(f"/api/v1/plans/{run_id}").json
    assert (run["code"], run["status"], run["focus"], run["may_clone"]) == (DEMO_PLAN_CODE, "running", None, False)
    assert [p["title"] for p in run["phases"]] == ["动员部署阶段", "工作实施阶段", "总结评估阶段"]
    assert [u["code"] for u in run["units"]] == ["wjj", "gxj", "kjyq"]
    rows = {row["deliverable"]: row for row in run["deliverables"]}
    assert rows["help_list"]["due"] == "2026-12-04" and [c["unit"] for c in rows["help_list"]["units"]] == ["wjj"]
    assert rows["clue_check"]["waits_for_event"] and rows["clue_check"]["units"][0]["status"] == "waiting"
    assert [e["deliverable"] for e in run["events"]] == ["clue_check"]
    assert run["events"][0]["event"] == "发现职业病危害严重的中小微企业"
    assert {p["unit"] for p in run["implementation_plans"]} == {"wjj", "gxj", "kjyq"}
    schemas = office.get("/api/v1/openapi.json").json["components"]["schemas"]  # the document tells no lies
    assert set(run) == set(schemas["PlanRunDetail"]["properties"])
    assert set(rows["help_list"]["units"][0]) == set(schemas["PlanDeadline"]["properties"])
    [helped] = run["indicators"]
    assert (helped["code"], helped["target"], helped["period"], helped["rolled"]) == ("helped", ">= 20", "2026H2", 8)
    assert helped["on_track"] is False and helped["values"] == {"gxj": {"2026H2": "8"}, "kjyq": {}}
    # a unit's people see their unit's part, without the office's reviews and events
    gxj = api("liaison.gxj").get(f"/api/v1/plans/{run_id}").json
    assert gxj["focus"] == "gxj" and gxj["events"] == [] and gxj["reviews"] == []
    assert {c["unit"] for row in gxj["deliverables"] for c in row["units"]} == {"gxj"}
    assert gxj["indicators"][0]["values"] == {"gxj": {"2026H2": "8"}}
    assert office.get(f"/api/v1/plans/{run_id}/units/kjyq").json["focus"] == "kjyq"
    # not a unit of the plan, another unit's part, another body: not found, as if it did not exist
    assert api("liaison.mzj").get("/api/v1/plans").json == {"plans": []}
    assert api("liaison.mzj").get(f"/api/v1/plans/{run_id}").status_code == 404
    assert api("liaison.gxj").get(f"/api/v1/plans/{run_id}/units/wjj").status_code == 404
    assert api("gl.office.staff").get(f"/api/v1/plans/{run_id}").status_code == 404


def test_an_event_opens_the_deadline_it_drives(db, api, find_task, run_id):
    url, before = f"/api/v1/plans/{run_id}/events", deadlines(db)
    assert api("liaison.gxj").post(url, json=EVENT).status_code == 403
    assert api("convener").post(url, json=EVENT).status_code == 403
    office = api("office.staff")
    assert office.post(url, json=["clue_check"]).status_code == 400
    assert office.post(url, json={**EVENT, "event_on": 20261123}).status_code == 400
    for wrong, field in (({"event_on": "昨天"}, "event_on"), ({"deliverable": "progress"}, "deliverable"),
                         ({"note": "厂" * 101}, "note")):  # fmt: skip
        refused = office.post(url, json={**EVENT, **wrong})
        assert refused.status_code == 422 and list(refused.json["error"]["fields"]) == [field], wrong
    assert deadlines(db) == before  # nothing opened
    done = office.post(url, json=EVENT)
    assert done.status_code == 201
    [opened] = done.json["opened"]
    assert (opened["unit"], opened["due"], opened["status"]) == ("gxj", "2026-12-23", "open")  # a month after it
    assert opened["title"] == "核实新发现的应帮扶企业（某五金厂）"
    task = find_task("liaison.gxj", "submit_deliverable")
    assert task["due_at"].startswith("2026-12-23") and task["instance_id"] == opened["instance_id"]
    row = next(r for r in office.get(f"/api/v1/plans/{run_id}").json["deliverables"] if r["due"] == "2026-12-23")
    assert row["deliverable"] == "clue_check" and [c["status"] for c in row["units"]] == ["open"]


def test_the_office_clones_a_finished_run_into_next_year(db, api, run_id):
    finished = finished_plan(db)
    office = api("office.director")
    assert office.get(f"/api/v1/plans/{finished}").json["may_clone"] is True
    assert api("liaison.wjj").post(f"/api/v1/plans/{finished}/clone").status_code == 403
    refused = office.post(f"/api/v1/plans/{run_id}/clone")  # still running
    assert refused.status_code == 422
    copied = office.post(f"/api/v1/plans/{finished}/clone")
    assert copied.status_code == 201 and copied.headers["Location"].endswith(f"/api/v1/plans/{copied.json['id']}")
    copy = office.get(copied.headers["Location"]).json
    assert (copy["title"], copy["start"], copy["end"]) == ("七星区2028年职业健康帮扶小方案", "2028-01-01", "2028-12-31")
    assert (copy["status"], copy["cloned_from"], copy["started_by"]) == ("running", finished, "office.director")
    assert copy["phases"][0] == {
        "title": "动员部署阶段",
        "kind": "mobilize",
        "start": "2028-01-01",
        "end": "2028-01-31",
    }
    assert office.post(f"/api/v1/plans/{finished}/clone").status_code == 422  # next year's runs already
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(PlanRun)) == 3  # the demo's, the finished, its copy
