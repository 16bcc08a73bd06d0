"""Our clock drives every SpiffWorkflow timer type (engine/workflow/spiff/timeshift.py): the engine fires
timers by the `now` a command is given, never by the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.workflow import deploy, instances, timers
from engine.workflow.models import ProcessInstance
from engine.workflow.spiff import runtime
from engine.workflow.spiff.parsing import parse_sources
from engine.workflow.spiff.timeshift import engine_time

START = datetime(2031, 3, 3, 9, 0, tzinfo=SHANGHAI)  # far from the real date on purpose

PROCESS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
    <bpmn:manualTask id="after"/>
    <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""

TIMERS = {
    "date": '<bpmn:timeDate>"2031-03-05T09:00:00+08:00"</bpmn:timeDate>',
    "duration": '<bpmn:timeDuration>"P2D"</bpmn:timeDuration>',
    "cycle": '<bpmn:timeCycle>"R1/2031-03-05T09:00:00+08:00/P1D"</bpmn:timeCycle>',
}


def waiting_until_ready(kind: str):
    parsed = parse_sources({f"{kind}.bpmn": PROCESS.format(timer=TIMERS[kind])})["p"]
    with engine_time(START):
        workflow = runtime.new_workflow(parsed, {})
        workflow.do_engine_steps()
    return workflow


def tick(workflow, at: datetime) -> bool:
    with engine_time(at):
        workflow.refresh_timers()
        workflow.do_engine_steps()
    return bool(workflow.get_tasks(state=TaskState.READY, manual=True))


@pytest.mark.parametrize("kind", sorted(TIMERS))
def test_timer_fires_by_engine_time_not_wall_clock(kind):
    workflow = waiting_until_ready(kind)
    due = START + timedelta(days=2)
    assert not tick(workflow, due - timedelta(seconds=1))
    assert tick(workflow, due + timedelta(seconds=1))


def test_timer_survives_serialization():
    parsed = parse_sources({"date.bpmn": PROCESS.format(timer=TIMERS["date"])})["p"]
    workflow = runtime.load(parsed, runtime.dump(waiting_until_ready("date")))
    assert tick(workflow, START + timedelta(days=2, seconds=1))


GATEWAY = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="d" targetNamespace="t">
  <bpmn:message id="reply" name="reply"/>
  <bpmn:process id="reply_or_deadline" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="either"/>
    <bpmn:eventBasedGateway id="either"/>
    <bpmn:sequenceFlow id="f2" sourceRef="either" targetRef="replied"/>
    <bpmn:sequenceFlow id="f3" sourceRef="either" targetRef="deadline"/>
    <bpmn:intermediateCatchEvent id="replied">
      <bpmn:messageEventDefinition messageRef="reply"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="deadline">
      <bpmn:timerEventDefinition>
        <bpmn:timeDate>"2031-03-05T09:00:00+08:00"</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="replied" targetRef="end"/>
    <bpmn:sequenceFlow id="f5" sourceRef="deadline" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_timer_behind_an_event_based_gateway_is_polled(db):
    """SpiffWorkflow reports the gateway as one MultipleEventDefinition without a value; its timer
    must still set next_timer_at, or the instance would wait for ever."""
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"gateway.bpmn": GATEWAY}, {}, "tester", START)
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(uow.session, "reply_or_deadline", body, {}, "tester", START)
        uow.commit()
    due = datetime(2031, 3, 5, 9, 0, tzinfo=SHANGHAI)
    assert instance.next_timer_at == due
    timers.fire_due_timers(db, due)
    assert status_of(db, instance.id) == "running"
    timers.fire_due_timers(db, due + timedelta(seconds=1))
    assert status_of(db, instance.id) == "completed"


def status_of(db, instance_id: int) -> str:
    with db.read_session() as session:
        return session.get(ProcessInstance, instance_id).status
