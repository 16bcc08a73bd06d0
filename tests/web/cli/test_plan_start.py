"""`lianxi plan start FILE --body CODE`: a plan starts, or is refused with nothing started."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_run_helpers import SMALL_PLAN
from sqlalchemy import func, select

from engine.demo.plans import DEMO_PLAN, DEMO_PLAN_CODE
from engine.org.models import Unit
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.workflow.models import ProcessInstance

# The demo body already runs its own plan; the transcribed plans start beside it.
SHIPPED = sorted(p for p in (Path(__file__).resolve().parents[3] / "plans").glob("*.yaml") if p.name != DEMO_PLAN)


def counts(db) -> tuple[int, int, int]:
    with db.read_session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(m)) for m in (PlanRun, PlanDeadline, ProcessInstance)
        )


def test_plan_start_starts_the_plan_in_the_body(run, db):
    result = run("plan", "start", SMALL_PLAN, "--body", "qixing")
    assert result.exit_code == 0, result.output
    assert "七星区2027年职业健康帮扶小方案" in result.output
    with db.read_session() as session:
        plan = session.scalar(select(PlanRun).where(PlanRun.code != DEMO_PLAN_CODE))
        assert (plan.code, plan.status, plan.file) == ("qixing-2027-small", "running", "small_plan.yaml")


def test_a_malformed_file_is_refused_with_file_line_and_field(run, db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_PLAN.read_text(encoding="utf-8").replace("kind: implement", "kind: implementing"), "utf-8")
    before = counts(db)
    result = run("plan", "start", bad, "--body", "qixing")
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(bad.read_text("utf-8").splitlines(), 1) if "implementing" in text)
    assert f"{bad}:{line}: phases[1].kind:" in result.output
    assert counts(db) == before


def test_units_the_body_lacks_are_listed_and_nothing_starts(run, db, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(SMALL_PLAN.read_text(encoding="utf-8").replace("zgh", "qx_lab"), "utf-8")
    before = counts(db)
    result = run("plan", "start", other, "--body", "qixing")
    assert result.exit_code == 6
    assert "qx_lab（区总工会）" in result.output and "--add-units" in result.output
    assert counts(db) == before


def test_a_plan_cannot_start_twice_in_a_body(run):
    assert run("plan", "start", SMALL_PLAN, "--body", "qixing").exit_code == 0
    again = run("plan", "start", SMALL_PLAN, "--body", "qixing")
    assert again.exit_code == 6 and "already been started" in again.output


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_plans_start_with_their_units_added(run, db, path):
    result = run("plan", "start", path, "--body", "qixing", "--add-units")
    assert result.exit_code == 0, result.output
    with db.read_session() as session:
        plan = session.scalar(select(PlanRun).where(PlanRun.code != DEMO_PLAN_CODE))
        assert plan.file == path.name
        codes = set(session.scalars(select(Unit.code).where(Unit.kind == "member")))
        units = set(session.scalars(select(PlanDeadline.unit).where(PlanDeadline.run_id == plan.id)))
        assert units <= codes
