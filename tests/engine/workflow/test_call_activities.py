"""Call activities: a caller deployed after its callee runs the deployed callee, on the version it
was deployed with; a process calling itself, or calling one found nowhere, is refused at deploy
with its file and line; a process beside a caller in its file starts (tests/fixtures/calls/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bpmn_files import deploy_files, edit, line_of
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import instances, tasks
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff.parsing import BpmnProblem

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "calls"
CALLEE, CALLER = "collect_figures.bpmn", "annual_report.bpmn"


@pytest.fixture
def calls(tmp_path) -> Path:
    for path in FIXTURES.glob("*.bpmn"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def start(db, process_id: str, now) -> tuple[int, list[HumanTask]]:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, process_id, body, {}, "office.staff", now)
        uow.commit()
    with db.read_session() as session:
        return instance.id, list(session.scalars(select(HumanTask).where(HumanTask.instance_id == instance.id)))


def complete(db, task: HumanTask, now) -> str:
    """Its instance's status after."""
    with UnitOfWork(db) as uow:
        tasks.complete(uow, accounts.find(uow.session, "office.staff"), task.id, {}, now)
        uow.commit()
    with db.read_session() as session:
        return session.get(ProcessInstance, task.instance_id).status


def test_a_caller_runs_the_callee_deployed_before_it_on_that_version(db, clock, calls):
    now = clock.now()
    deploy_files(db, [calls / CALLEE], now)
    (caller,) = deploy_files(db, [calls / CALLER], now)
    assert caller.calls == ("collect_figures v1",)
    deploy_files(db, [edit(calls / CALLEE, 'name="填报数据"', 'name="填报新数据"')], now)
    _, (task,) = start(db, "annual_report", now)
    assert (task.name, task.title) == ("fill_figures", "填报数据")  # pinned: still version 1
    assert complete(db, task, now) == "completed"


def test_a_caller_following_the_latest_callee_gets_a_version_with_each_of_the_callee_s(db, clock, calls):
    now = clock.now()
    deploy_files(db, [calls / CALLEE], now)
    deploy_files(db, [edit(calls / CALLER, 'value="pinned"', 'value="latest"')], now)
    _, (running,) = start(db, "annual_report", now)
    redeployed = deploy_files(db, [edit(calls / CALLEE, 'name="填报数据"', 'name="填报新数据"')], now)
    follower = next(d for d in redeployed if d.process_id == "annual_report")
    assert (follower.version, follower.new, follower.calls) == (2, True, ("collect_figures v2",))
    _, (task,) = start(db, "annual_report", now)
    assert (running.title, task.title) == ("填报数据", "填报新数据")  # the running one keeps its version
    assert complete(db, running, now) == complete(db, task, now) == "completed"


def test_a_callee_version_that_is_neither_pinned_nor_latest_is_refused(db, clock, calls):
    deploy_files(db, [calls / CALLEE], clock.now())
    caller = edit(calls / CALLER, 'value="pinned"', 'value="newest"')
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [caller], clock.now())
    assert (problem.value.file, problem.value.line) == (CALLER, line_of(caller, "<bpmn:callActivity"))
    assert "callee_version must be pinned or latest, not 'newest'" in problem.value.message


def test_a_callee_found_nowhere_is_refused_with_its_line(db, clock, calls):
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [calls / CALLER], clock.now())
    assert (problem.value.file, problem.value.line) == (CALLER, line_of(calls / CALLER, "<bpmn:callActivity"))
    assert "call activity collect" in problem.value.message and "'collect_figures'" in problem.value.message


def test_a_process_calling_itself_is_refused_at_deploy(db, clock, calls):
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [calls / "escalate.bpmn"], clock.now())
    line = line_of(calls / "escalate.bpmn", "<bpmn:callActivity")
    assert (problem.value.file, problem.value.line) == ("escalate.bpmn", line)
    assert "escalate_again" in problem.value.message and "escalate → escalate" in problem.value.message


def test_both_pools_of_a_file_whose_one_calls_another_file_start(db, clock, calls):
    now = clock.now()
    deploy_files(db, [calls / "two_pools.bpmn", calls / CALLEE], now)
    reply_id, none_open = start(db, "unit_reply", now)
    _, (task,) = start(db, "joint_review", now)
    with db.read_session() as session:
        assert (none_open, session.get(ProcessInstance, reply_id).status) == ([], "completed")
    assert complete(db, task, now) == "completed"
