"""A `timeDate` without an offset is Asia/Shanghai's time, as lianxi shows it; a timer whose
expression fails is an incident, not a failure every timer pass meets again
(engine/workflow/spiff/timeshift.py, engine/workflow/spiff/timers.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import deploy, incidents, instances, timers
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff import runtime
from engine.workflow.spiff import timers as spiff_timers
from engine.workflow.spiff.parsing import parse_sources
from engine.workflow.spiff.timeshift import engine_time

START = datetime(2031, 3, 3, 9, 0, tzinfo=SHANGHAI)
NINE_IN_BEIJING = datetime(2031, 3, 5, 9, 0, tzinfo=SHANGHAI)

# Two timers one after the other, then a task: the second's expression is the test's.
PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="two_timers" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
    <bpmn:intermediateCatchEvent id="first">
      <bpmn:timerEventDefinition><bpmn:timeDate>FIRST</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
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


def source(first: str = NINE, then: str = '"2031-03-06T09:00:00+08:00"') -> str:
    return PROCESS.replace("FIRST", first).replace("THEN", then)


def test_a_naive_time_date_fires_at_that_time_in_shanghai():
    parsed = parse_sources({"p.bpmn": source(first='"2031-03-05T09:00:00"')})["two_timers"]
    with engine_time(START):
        workflow = runtime.new_workflow(parsed, {})
        workflow.do_engine_steps()
    assert spiff_timers.next_due(workflow) == NINE_IN_BEIJING  # what the instance shows
    assert not first_fired(workflow, NINE_IN_BEIJING - timedelta(seconds=1))
    assert first_fired(workflow, NINE_IN_BEIJING + timedelta(seconds=1))


def first_fired(workflow, at: datetime) -> bool:
    with engine_time(at):
        workflow.refresh_timers()
        workflow.do_engine_steps()
    (first,) = workflow.get_tasks(spec_name="first")
    return first.state == TaskState.COMPLETED


def deploy_then(db, then: str) -> None:
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"p.bpmn": source(then=then)}, {}, "tester", START)
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
    deploy_then(db, '"2031-03-06T09:00:00+08:00"')
    with UnitOfWork(db) as uow:
        incidents.retry(uow, accounts.find(uow.session, "office.director"), incident, passing)
        uow.commit()
    assert state(db, instance_id)[:3] == (NINE_IN_BEIJING + timedelta(days=1), [], [])
    timers.fire_due_timers(db, NINE_IN_BEIJING + timedelta(days=1, seconds=1))
    assert state(db, instance_id)[:3] == (None, [], ["after"])
