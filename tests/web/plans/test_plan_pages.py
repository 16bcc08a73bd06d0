"""The plan pages: the office sees the whole plan, a unit its own part; for anyone else the plan
or the part is not found (404), as if it did not exist; the office's own actions are refused (403)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from plan_run_helpers import at, plan_tasks, plan_template
from sqlalchemy import func, select

from engine.core.uow import UnitOfWork
from engine.plan_runs import opening
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plans.periods import Period
from tests.conftest import run_folder

TITLE = "七星区2027年职业健康帮扶小方案"


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory, demo_template) -> tuple[Path, int]:
    return plan_template(run_folder(tmp_path_factory), demo_template)


@pytest.fixture
def db_url(tmp_path, plan_db) -> str:
    shutil.copy(plan_db[0], tmp_path / "lianxi.db")
    return f"sqlite:///{tmp_path / 'lianxi.db'}"


@pytest.fixture
def run_id(plan_db, clock) -> int:
    clock.set(at(date(2027, 7, 2), 10, 0))
    return plan_db[1]


def test_the_office_sees_timeline_deliverables_overdue_indicators_and_reviews(signed_in, run_id):
    assert TITLE in signed_in("office.staff").get("/plans").text
    page = signed_in("office.staff").get(f"/plans/{run_id}").text
    for shown in ("动员部署阶段", "工作实施阶段", "总结评估阶段", "plan-today"):  # the timeline, today marked
        assert shown in page
    overdue = page[page.index('id="overdue"') : page.index('id="deliverables"')]
    assert "帮扶对象名单报送区卫生健康局" in overdue and "区人力资源和社会保障局" in overdue
    assert "季度工作进展报送联席会议办公室" in overdue  # nobody sent the first quarter's progress
    indicators = page[page.index('id="indicators"') : page.index('id="implementation-plans"')]
    assert "<svg" in indicators and "未达进度" in indicators and "2027H1" in indicators
    assert "<strong>27</strong>" in indicators  # 15 + 12
    reviews = page[page.index('id="reviews"') :]
    assert "调度简报" in reviews and "已调度，督促区人社局报送帮扶名单" in reviews
    assert "未办结的议定事项" in reviews and "开展用人单位劳动合同专项检查" in reviews
    assert "发现未申报的用人单位" not in page  # the event's own words are the rule's, not shown
    assert 'id="events"' in page


def test_a_unit_sees_its_own_part_only(signed_in, run_id):
    page = signed_in("liaison.rsj").get(f"/plans/{run_id}").text
    assert "本页仅显示：区人力资源和社会保障局" in page
    matrix = page[page.index('id="deliverables"') : page.index('id="indicators"')]
    assert "区人力资源和社会保障局" in matrix and "区总工会" not in matrix
    assert 'id="reviews"' not in page and 'id="events"' not in page


def test_units_outside_the_plan_and_other_units_parts_are_not_found(signed_in, run_id):
    outsider = signed_in("liaison.scjgj")
    assert outsider.get(f"/plans/{run_id}").status_code == 404
    assert outsider.get(f"/plans/{run_id}/units/rsj").status_code == 404
    assert TITLE not in outsider.get("/plans").text
    rsj = signed_in("liaison.rsj")
    assert rsj.get(f"/plans/{run_id}/units/zgh").status_code == 404
    assert rsj.get(f"/plans/{run_id}/units/nobody").status_code == 404
    assert rsj.get(f"/plans/{run_id}/units/rsj").status_code == 200
    office = signed_in("office.staff").get(f"/plans/{run_id}/units/zgh")
    assert office.status_code == 200 and "本页仅显示：区总工会" in office.text
    assert signed_in("office.staff").get(f"/plans/{run_id}/units/nobody").status_code == 404


def test_only_the_office_records_an_event(signed_in, post, run_id, db):
    refused = post(
        signed_in("liaison.zgh"), f"/plans/{run_id}/events", {"deliverable": "clue_check", "event_on": "2027-07-01"}
    )
    assert refused.status_code == 403
    office = signed_in("office.staff")
    bad = post(office, f"/plans/{run_id}/events", {"deliverable": "clue_check", "event_on": "昨天"})
    assert bad.status_code == 303
    with db.read_session() as session:
        before = session.scalar(select(func.count()).select_from(PlanDeadline))
    done = post(
        office, f"/plans/{run_id}/events", {"deliverable": "clue_check", "event_on": "2027-07-01", "note": "某五金厂"}
    )
    assert done.status_code == 302
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(PlanDeadline)) == before + 1
    opened = [t for t in plan_tasks(db) if t.assignee == "zgh" and t.name == "submit_deliverable"]
    assert (opened[-1].due_at.date(), opened[-1].created_at.date()) == (date(2027, 7, 31), date(2027, 7, 2))


def test_a_running_plan_is_not_cloned_and_a_liaison_clones_nothing(signed_in, post, run_id, db):
    assert post(signed_in("liaison.rsj"), f"/plans/{run_id}/clone").status_code == 403
    assert post(signed_in("office.director"), f"/plans/{run_id}/clone").status_code == 422
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(PlanRun)) == 2  # the demo's own and this one


def open_second_half_report(db, run_id: int, unit: str) -> str:
    with UnitOfWork(db) as uow:
        half = Period("2027H2", date(2027, 7, 1), date(2027, 12, 31), 2027)
        opening.open_report(uow.session, run_id, unit, half, at(date(2027, 12, 31)))
        uow.commit()
    return next(t.id for t in plan_tasks(db) if t.name == "report_indicators" and t.assignee == unit)


def test_a_report_opens_prefilled_and_a_bad_line_is_shown_with_its_number(signed_in, post, run_id, db, clock):
    clock.set(at(date(2027, 12, 31), 10, 0))
    task_id = open_second_half_report(db, run_id, "rsj")
    rsj = signed_in("liaison.rsj")
    page = rsj.get(f"/tasks/{task_id}").text
    assert "本期填报指标" in page and "<code>helped</code>｜帮扶中小微企业数量（家）目标 &gt;= 40" in page
    assert ">helped｜15</textarea>" in page  # what rsj gave last time
    refused = post(rsj, f"/tasks/{task_id}/complete", {"indicator_values": "helped 很多"})
    assert refused.status_code == 422 and "第 1 行：请按“指标代码｜数值”填写。" in refused.text
    assert post(rsj, f"/tasks/{task_id}/complete", {"indicator_values": "helped｜25"}).status_code == 302
    page = signed_in("office.staff").get(f"/plans/{run_id}").text
    indicators = page[page.index('id="indicators"') : page.index('id="implementation-plans"')]
    assert "2027H2" in indicators and "<strong>25</strong>" in indicators  # only rsj so far
