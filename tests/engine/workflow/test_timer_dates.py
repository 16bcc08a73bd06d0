"""A `timeDate` without an offset is Asia/Shanghai's time, as lianxi shows it, and a bare date the
start of that day, where lianxi and SpiffWorkflow both read it; a timer whose expression fails is
an incident, not a failure every timer pass meets again, nor a refusal of the person's completion
that reached it (engine/workflow/spiff/timeshift.py, engine/workflow/spiff/timers.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import deploy, incidents, instances, tasks, timers
from engine.workflow.models import HumanTask, Incident, ProcessInstance
from engine.workflow.spiff import runtime
from engine.workflow.spiff import timers as spiff_timers
from engine.workflow.spiff.parsing import parse_sources
from engine.workflow.spiff.timeshift import engine_time

START = datetime(2031, 3, 3, 9, 0, tzinfo=SHANGHAI)
NINE_IN_BEIJING = datetime(2031, 3, 5, 9, 0, tzinfo=SHANGHAI)

# Two timers one after the other (or a person's task, then a timer), then a task: the second
# timer's expression is the test's.
PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="two_timers" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
    STEP_ONE
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="then"/>
    <bpmn:intermediateCatchEvent id="then" name="再等">
      <bpmn:timerEventDefinition><bpmn:timeDate>THEN</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="then" targetRef="after"/>
    <bpmn:manualTask id="after"/>
    <bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""
NINE = '"2031-03-05T09:00:00+08:00"'
TIMER_FIRST = """<bpmn:intermediateCatchEvent id="first">
      <bpmn:timerEventDefinition><bpmn:timeDate>{}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>"""
PERSON_FIRST = '<bpmn:manualTask id="first" name="答复"/>'


def source(first: str = NINE, then: str = '"2031-03-06T09:00:00+08:00"', step_one: str = TIMER_FIRST) -> str:
    return PROCESS.replace("STEP_ONE", step_one.format(first)).replace("THEN", then)


@pytest.mark.parametrize(
    ("written", "fires"),
    [('"2031-03-05T09:00:00"', NINE_IN_BEIJING), ('"2031-03-05"', datetime(2031, 3, 5, tzinfo=SHANGHAI))],
    ids=["naive time", "bare date"],
)
def test_a_time_date_without_an_offset_fires_in_shanghai_when_lianxi_polls_it(written, fires):
    parsed = parse_sources({"p.bpmn": source(first=written)})["two_timers"]
    with engine_time(START):
        workflow = runtime.new_workflow(parsed, {})
        workflow.do_engine_steps()
    assert spiff_timers.next_due(workflow) == fires  # what the instance shows, and when a timer pass wakes it
    assert not first_fired(workflow, fires - timedelta(seconds=1))
    assert first_fired(workflow, fires + timedelta(seconds=1))


def first_fired(workflow, at: datetime) -> bool:
    with engine_time(at):
        workflow.refresh_timers()
        workflow.do_engine_steps()
    (first,) = workflow.get_tasks(spec_name="first")
    return first.state == TaskState.COMPLETED


def deploy_then(db, then: str, step_one: str = TIMER_FIRST) -> None:
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"p.bpmn": source(then=then, step_one=step_one)}, {}, "tester", START)
        uow.commit()


def start(db) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance_id = instances.start(uow.session, "two_timers", body, {}, "office.staff", START).id
        uow.commit()
    return instance_id


def state(db, instance_id: int) -> tuple:
    """The instance's next timer, its open incidents' steps, its tasks and how often it was saved."""
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        tasks = session.scalars(select(HumanTask.name).where(HumanTask.instance_id == instance_id))
        return (
            instance.next_timer_at,
            [(i.id, i.task_name) for i in incidents.open_of_instance(session, instance_id)],
            list(tasks),
            instance.version,
        )


def test_a_failing_timer_is_one_incident_and_waits_for_its_retry(db):
    deploy_then(db, "reply_by")  # data the instance lacks
    instance_id = start(db)
    passing = NINE_IN_BEIJING + timedelta(seconds=1)
    timers.fire_due_timers(db, passing)
    due, failed, _, saved = state(db, instance_id)
    ((incident, step),) = failed
    assert step == "then" and due is None  # so the passes after it leave it alone
    timers.fire_due_timers(db, passing + timedelta(hours=1))
    assert state(db, instance_id)[1:] == (failed, [], saved)
    retry(db, incident, passing)  # on the same version: it fails again, a new incident as a script's
    ((again, step),) = state(db, instance_id)[1]
    assert again != incident and step == "then"
    deploy_then(db, '"2031-03-06T09:00:00+08:00"')
    retry(db, again, passing)
    assert state(db, instance_id)[:3] == (NINE_IN_BEIJING + timedelta(days=1), [], [])
    timers.fire_due_timers(db, NINE_IN_BEIJING + timedelta(days=1, seconds=1))
    assert state(db, instance_id)[:3] == (None, [], ["after"])


def retry(db, incident: int, at: datetime) -> None:
    with UnitOfWork(db) as uow:
        incidents.retry(uow, accounts.find(uow.session, "office.director"), incident, at)
        uow.commit()


def test_a_timer_failing_after_a_persons_task_is_an_incident_and_their_completion_stands(db):
    # SpiffWorkflow evaluates the timer inside the person's completion of the task before it.
    deploy_then(db, "reply_by", step_one=PERSON_FIRST)  # data the instance lacks
    instance_id = start(db)
    (asked,) = open_tasks(db, instance_id)
    with UnitOfWork(db) as uow:
        tasks.complete(uow, accounts.find(uow.session, "office.staff"), asked, {"answer": "yes"}, START)
        uow.commit()
    due, failed, _, _ = state(db, instance_id)
    ((incident, step),) = failed
    assert (step, due) == ("then", None)
    with db.read_session() as session:
        assert "reply_by" in session.get(Incident, incident).detail
        assert instances.current_data(session.get(ProcessInstance, instance_id))["answer"] == "yes"
        assert session.get(HumanTask, asked).status == "completed"


def open_tasks(db, instance_id: int) -> list[str]:
    with db.read_session() as session:
        query = select(HumanTask.id).where(HumanTask.instance_id == instance_id, HumanTask.status == "open")
        return list(session.scalars(query))
