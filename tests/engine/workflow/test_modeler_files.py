"""Files drawn in bpmn.io or Camunda Modeler, without lianxi's lanes or properties: every task
gets an owner (a warning says when it is the default one), lanes are read by name or by a
mapping given at deploy, and Camunda's owner, deadline and form attributes are honoured."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import deploy, inbox, instances, lanes, properties
from engine.workflow.models import HumanTask, ProcessInstance, WorkflowSpec
from engine.workflow.spiff.parsing import BpmnProblem, parse_sources

MODELER = Path(__file__).resolve().parents[2] / "fixtures" / "modeler"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"


def deploy_files(db, clock, *names, lane_owners=None, folder=MODELER):
    with db.write_session() as session:
        sources, forms = deploy.read_bpmn_files([folder / name for name in names], lane_owners)
        done = deploy.deploy(session, sources, forms, "tester", clock.now())
        session.commit()
        return done


def start(db, clock, process_id: str) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, process_id, body, {"title": "试运行"}, "office.staff", clock.now())
        uow.commit()
        return instance.id


def open_tasks(db, instance_id: int) -> list[HumanTask]:
    with db.read_session() as session:
        return inbox.all_tasks(session, instance_id=instance_id)


def line_of(path: Path, needle: str = "", element_id: str = "") -> int:
    needle = needle or f'id="{element_id}"'
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_diagram_without_lanes_deploys_with_a_warning_and_its_tasks_go_to_the_office(db, clock):
    (done,) = deploy_files(db, clock, "leave_request.bpmn")
    path = MODELER / "leave_request.bpmn"
    assert [w.split(" names")[0] for w in done.warnings] == [
        f"leave_request.bpmn:{line_of(path, element_id=task)}: task {task}: no lane or assignee"
        for task in ("Activity_fill", "Activity_approve")
    ]
    instance_id = start(db, clock, "leave_request")
    for name in ("Activity_fill", "Activity_approve"):
        (task,) = open_tasks(db, instance_id)
        with db.read_session() as session:
            assert task.id in {t.id for t in inbox.for_person(session, accounts.find(session, "office.staff"))}
        assert (task.name, task.assignee_kind, task.assignee) == (name, "role", "office")
        walkthrough.complete(db, "office.staff", task.id, {}, clock.now())
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).status == "completed"


def test_lanes_are_read_by_name_or_as_mapped_at_deploy_and_an_unmapped_one_warns(db, clock):
    (done,) = deploy_files(db, clock, "approval_lanes.bpmn", lane_owners={"审批人": "office_director"})
    line = line_of(MODELER / "approval_lanes.bpmn", element_id="Task_file")
    (lane_warning,) = [w for w in done.warnings if "lane 'A'" in w]
    assert lane_warning.startswith(f"approval_lanes.bpmn:{line}: task Task_file: lane 'A' is not a role")
    instance_id = start(db, clock, "fund_approval")
    owners = []
    for username in ("office.director", "convener", "office.staff"):
        (task,) = open_tasks(db, instance_id)
        owners.append((task.name, task.assignee))
        walkthrough.complete(db, username, task.id, {}, clock.now())
    assert owners == [("Task_review", "office_director"), ("Task_sign", "convener"), ("Task_file", "office")]


def with_default_owner(owner: str) -> str:
    """leave_request.bpmn with a process property `default_owner`."""
    text = (MODELER / "leave_request.bpmn").read_text(encoding="utf-8")
    prop = f'<spiffworkflow:property name="default_owner" value="{owner}" />'
    return text.replace(
        'isExecutable="true">',
        f'isExecutable="true"><bpmn:extensionElements><spiffworkflow:properties xmlns:spiffworkflow="{SPIFF}">'
        f"{prop}</spiffworkflow:properties></bpmn:extensionElements>",
    )


def test_a_process_naming_its_default_owner_sends_its_unowned_tasks_there_without_a_warning():
    (process,) = parse_sources({"leave_request.bpmn": with_default_owner("wjj")}).values()
    settled = {t.bpmn_id: (properties.of_task(t).assignee, lanes.warnings_of(t)) for t in deploy.user_tasks(process)}
    assert settled == {"Activity_fill": ("'wjj'", []), "Activity_approve": ("'wjj'", [])}


def test_a_default_owner_that_is_neither_role_unit_nor_person_is_refused_at_the_process():
    with pytest.raises(BpmnProblem) as problem:
        parse_sources({"leave_request.bpmn": with_default_owner("某 单位")})
    assert problem.value.line == line_of(MODELER / "leave_request.bpmn", element_id="leave_request")
    assert "process leave_request: default_owner '某 单位' is not a role" in problem.value.message


def test_a_lane_mapped_at_deploy_must_be_drawn(db, clock):
    with pytest.raises(BpmnProblem, match="no process has a lane named '审核人'"):
        deploy_files(db, clock, "approval_lanes.bpmn", lane_owners={"审核人": "office_director"})


@pytest.mark.parametrize(
    ("name", "role"),
    [("召集人", "convener"), ("Convener", "convener"), ("Office Director", "office_director"), ("办公室", "office")],
)
def test_a_lane_named_for_a_role_in_chinese_or_english_is_that_role(name, role):
    assert lanes.role_named(name) == role


def test_camunda_owner_deadline_and_form_attributes_are_honoured(db, clock):
    (done,) = deploy_files(db, clock, "camunda_tasks.bpmn")
    (ignored,) = done.warnings
    assert ignored.endswith(": process unit_feedback: camunda:historyTimeToLive is ignored")
    instance_id = start(db, clock, "unit_feedback")
    (assess,) = open_tasks(db, instance_id)
    assert (assess.assignee_kind, assess.assignee) == ("role", "office_director")
    assert assess.due_at == clock.now() + timedelta(days=3)
    walkthrough.complete(db, "office.director", assess.id, {}, clock.now())

    (answer,) = open_tasks(db, instance_id)
    assert (answer.assignee_kind, answer.assignee) == ("unit", "wjj")
    assert answer.due_at.astimezone(SHANGHAI).date().isoformat() == "2026-12-31"
    with pytest.raises(InvalidData) as refused:
        walkthrough.complete(db, "liaison.wjj", answer.id, {"level": "maybe"}, clock.now())
    assert {name: e.code for name, e in refused.value.errors.items()} == {"days": "required", "level": "not_a_choice"}
    walkthrough.complete(db, "liaison.wjj", answer.id, {"days": "5", "level": "agree"}, clock.now())

    (check,) = open_tasks(db, instance_id)
    assert (check.assignee_kind, check.assignee, check.form_key) == ("person", "office.staff", "modeler_check")
    walkthrough.complete(db, "office.staff", check.id, {"remarks": "无"}, clock.now())
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert instance.status == "completed"
        assert {k: instances.current_data(instance).get(k) for k in ("days", "level")} == {"days": 5, "level": "agree"}


def test_candidate_groups_that_are_together_the_roles_of_one_lane_are_that_lane():
    text = (MODELER / "camunda_tasks.bpmn").read_text(encoding="utf-8")
    both = text.replace('candidateGroups="office_director"', 'candidateGroups="convener, 办公室主任"')
    (process,) = parse_sources({"camunda_tasks.bpmn": both}).values()
    assert process.spec.task_specs["Task_assess"].lane == "mediator"


@pytest.mark.parametrize(
    ("old", "new", "needle", "says"),
    [
        (
            'camunda:candidateGroups="office_director"',
            'camunda:candidateGroups="office_director,wjj"',
            'id="Task_assess"',
            "userTask Task_assess: owner 'office_director, wjj' is not a role, a unit code or a user name, nor",
        ),
        (
            'camunda:assignee="wjj"',
            'camunda:assignee="${applicant.unit}"',
            'id="Task_answer"',
            "only ${variable}",
        ),
        (
            "<camunda:formData>",
            '<camunda:taskListener event="create" class="org.example.Notify" />\n        <camunda:formData>',
            "camunda:taskListener",
            "userTask Task_answer: camunda:taskListener is not supported",
        ),
        (
            '<camunda:formField id="level"',
            '<camunda:formField id="date"',
            "<camunda:formData>",
            "field name 'date' is a name lianxi or the script sandbox already gives a meaning",
        ),
    ],
)
def test_a_camunda_attribute_lianxi_cannot_honour_is_refused_with_file_line_element_and_attribute(
    db, clock, tmp_path, old, new, needle, says
):
    text = (MODELER / "camunda_tasks.bpmn").read_text(encoding="utf-8")
    shutil.copytree(MODELER / "forms", tmp_path / "forms")
    path = tmp_path / "bad.bpmn"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, clock, "bad.bpmn", folder=tmp_path)
    assert (problem.value.file, problem.value.line) == ("bad.bpmn", line_of(path, needle))
    assert says in problem.value.message
    with db.read_session() as session:
        assert session.scalar(select(WorkflowSpec.id).where(WorkflowSpec.process_id == "unit_feedback")) is None
