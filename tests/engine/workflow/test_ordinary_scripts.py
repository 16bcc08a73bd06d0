"""Scripts as people write them run to the end of a deployed process (tests/fixtures/scripts/);
data given to a task without a form file is kept for the gateway after it; code that does not
compile in the sandbox is refused when it is deployed, naming file, line and element."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.core.clock import iso
from engine.core.errors import InvalidData, ProcessFailure
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import deploy, instances, tasks
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff import runtime
from engine.workflow.spiff.parsing import BpmnProblem

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "scripts" / "ordinary_scripts.bpmn"
SOURCE = FIXTURE.read_text(encoding="utf-8")


def deploy_source(db, source: str, now) -> None:
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"ordinary_scripts.bpmn": source}, {}, "tester", now)
        uow.commit()


def started(db, now, source: str = SOURCE) -> tuple[int, HumanTask]:
    deploy_source(db, source, now)
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, "ordinary_scripts", body, {"title": "联席会议"}, "office.staff", now)
        uow.commit()
    with db.read_session() as session:
        task = session.scalar(select(HumanTask).where(HumanTask.instance_id == instance.id))
    return instance.id, task


def complete(db, task_id: str, data: dict, now) -> None:
    with UnitOfWork(db) as uow:
        tasks.complete(uow, accounts.find(uow.session, "office.staff"), task_id, data, now)
        uow.commit()


def state_of(db, instance_id: int) -> tuple[str, str]:
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        return instance.status, instance.state


def reached(db, instance_id: int) -> tuple[dict, set[str]]:
    """The process data at its end, and the end events it reached."""
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        workflow = runtime.load(instances.parsed_spec(instance.spec), instance.state)
    ends = {t.task_spec.name for t in workflow.get_tasks(state=TaskState.COMPLETED)} & {"held", "cancelled"}
    return instances.current_data(instance), ends


def test_ordinary_scripts_and_data_without_a_form_run_to_the_end(db, clock):
    now = clock.now()
    instance_id, task = started(db, now)
    assert task.due_at == now + timedelta(days=3)  # the script's datetime, read by the `due` property
    complete(db, task.id, {"answer": "yes", "note": {"by": ["office"]}}, now)
    data, ends = reached(db, instance_id)
    assert ends == {"held"}
    units = data["member_units"]
    assert data["reply_by"] == iso(now + timedelta(days=3))
    assert data["heading"] == f"联席会议（{len(units)}家单位）"
    assert data["counts"] == {"asked": len(units), "skipped": 0}
    assert data["others"] == sorted((c.upper() for c in units if c != "wjj"), reverse=True)
    assert (data["fee"], data["kinds"]) == ("25.00", ["member"])
    assert (data["answer"], data["note"]) == ("yes", {"by": ["office"]})


@pytest.mark.parametrize(
    ("data", "key", "code"),
    [
        ({"answer": "yes", "not a name": 1}, "not a name", "not_a_name"),
        ({"answer": "yes", "member_units": {}}, "member_units", "reserved_name"),
        ({"datetime": "2025-01-01"}, "datetime", "reserved_name"),
    ],
)
def test_data_with_a_bad_key_is_refused_and_changes_nothing(db, clock, data, key, code):
    now = clock.now()
    instance_id, task = started(db, now)
    before = state_of(db, instance_id)
    with pytest.raises(InvalidData) as refused:
        complete(db, task.id, data, now)
    assert refused.value.errors[key].code == code
    assert state_of(db, instance_id) == before
    with db.read_session() as session:
        assert session.get(HumanTask, task.id).status == "open"


def line_of(source: str, text: str) -> int:
    return next(n for n, line in enumerate(source.splitlines(), start=1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "element", "said"),
    [
        ("fee = Decimal('12.50') * 2", "class Fee:\n    pass", "compute (计算办理期限)", "script: Line 8: class"),
        ("answer == 'yes'", "answer = 'yes'", "to_held", "condition: Line 1: SyntaxError: invalid syntax"),
        ("answer == 'yes'", "answer.__class__", "to_held", '"__class__" is an invalid attribute name'),
    ],
)
def test_code_that_does_not_compile_is_refused_at_deploy_with_file_line_and_element(db, clock, old, new, element, said):
    source = SOURCE.replace(old, new)
    with pytest.raises(BpmnProblem) as refused:
        deploy_source(db, source, clock.now())
    problem = refused.value
    assert (problem.file, problem.line) == ("ordinary_scripts.bpmn", line_of(source, new.splitlines()[0]))
    assert problem.message.startswith(f"{element}: ") and said in problem.message
    assert "\n" not in str(problem)


def test_an_error_in_the_completed_tasks_own_script_names_the_task_and_line(db, clock):
    now = clock.now()
    script = "<spiffworkflow:postScript>checked = True\ncount = answer + 1</spiffworkflow:postScript>"
    _instance_id, task = started(
        db, now, SOURCE.replace("<spiffworkflow:properties>", script + "<spiffworkflow:properties>")
    )
    with pytest.raises(ProcessFailure) as failed:
        complete(db, task.id, {"answer": "yes"}, now)
    assert str(failed.value).startswith("TypeError:can only concatenate str")
    assert "in task confirm (确认是否召开), script line 2" in str(failed.value)
