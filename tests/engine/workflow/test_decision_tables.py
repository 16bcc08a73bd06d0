"""Decision tables: a `.dmn` file deployed beside the BPMN file whose business rule task uses it,
stored and hashed with the version, its rules run in the sandbox; a decision no file has, or a
broken file, is refused naming file and line (tests/fixtures/dmn/)."""

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
from engine.workflow.models import HumanTask, Incident, ProcessInstance, WorkflowSpec
from engine.workflow.spiff.parsing import BpmnProblem

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dmn"
PROCESS, RULES = "matter_routing.bpmn", "units_for_matter.dmn"


@pytest.fixture
def workdir(tmp_path) -> Path:
    for name in (PROCESS, RULES):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def start(db, data: dict, now) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, "matter_routing", body, data, "office.staff", now)
        uow.commit()
    return instance.id


def test_a_business_rule_task_decides_which_units_a_matter_concerns(db, clock, workdir):
    now = clock.now()
    (deployed,) = deploy_files(db, [workdir / PROCESS, workdir / RULES], now)
    large = start(db, {"matter_kind": "occupational", "workers": 150}, now)
    small = start(db, {"matter_kind": "occupational", "workers": 5}, now)
    with db.read_session() as session:
        task = session.scalar(select(HumanTask).where(HumanTask.instance_id == large))
        assert session.get(WorkflowSpec, task.instance.spec_id).sources.keys() == {PROCESS, RULES}
        assert instances.current_data(session.get(ProcessInstance, small))["concerned_units"] == ["wjj"]
    with UnitOfWork(db) as uow:
        tasks.complete(uow, accounts.find(uow.session, "office.staff"), task.id, {}, now)
        uow.commit()
    with db.read_session() as session:
        instance = session.get(ProcessInstance, large)
        assert instance.status == "completed"
        assert instances.current_data(instance)["concerned_units"] == ["wjj", "rsj", "zgh"]
    (again,) = deploy_files(db, [workdir / PROCESS, edit(workdir / RULES, '"rsj", ', "")], now)
    assert (again.version, again.new) == (deployed.version + 1, True)  # the table is part of the version


def test_a_decision_no_file_given_has_is_refused_naming_its_task(db, clock, workdir):
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [workdir / PROCESS], clock.now())
    assert (problem.value.file, problem.value.line) == (PROCESS, line_of(workdir / PROCESS, "<bpmn:businessRuleTask"))
    assert "decision 'units_for_matter' is in no .dmn file" in problem.value.message
    assert "decide_units" in problem.value.message


def test_a_malformed_decision_table_is_refused_with_its_file_and_line(db, clock, workdir):
    rules = edit(workdir / RULES, '<rule id="market">', "<rule>")
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [workdir / PROCESS, rules], clock.now())
    assert (problem.value.file, problem.value.line) == (RULES, line_of(rules, '<decision id="units_for_matter"'))
    assert "no id" in problem.value.message


def test_a_rule_the_sandbox_refuses_is_refused_at_deploy_naming_its_line(db, clock, workdir):
    rules = edit(workdir / RULES, '["scjgj"]', "().__class__.__mro__")
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [workdir / PROCESS, rules], clock.now())
    assert (problem.value.file, problem.value.line) == (RULES, line_of(rules, '<outputEntry id="market_units">'))
    assert "output entry market_units" in problem.value.message and "__class__" in problem.value.message


def test_rules_run_in_the_sandbox(db, clock, workdir):
    rules = edit(workdir / RULES, '["scjgj"]', '"{0.__class__}".format(matter_kind)')  # compiles; refused as it runs
    deploy_files(db, [workdir / PROCESS, rules], clock.now())
    instance_id = start(db, {"matter_kind": "market", "workers": 1}, clock.now())
    with db.read_session() as session:
        (incident,) = session.scalars(select(Incident).where(Incident.instance_id == instance_id))
        assert incident.task_name == "decide_units" and "__class__" in incident.detail
        assert "concerned_units" not in instances.current_data(session.get(ProcessInstance, instance_id))
